"""A small case kind for testing casework, registered for a test and removed after it.

It adds no table of its own (a single-table subclass of Case), so it works on the migrated
databases every test runs on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask

from casework.kinds import CaseKind, register_case_kind, unregister_case_kind
from tests.factories import TEST_KIND


@pytest.fixture
def test_kind(app: Flask) -> Iterator[CaseKind]:
    register_case_kind(app, TEST_KIND)
    try:
        yield TEST_KIND
    finally:
        unregister_case_kind(app, TEST_KIND.name)


@pytest.fixture
def in_app(app: Flask, test_kind: CaseKind) -> Iterator[Callable[[], None]]:
    """The app context the services run in."""
    with app.app_context():
        yield lambda: None
