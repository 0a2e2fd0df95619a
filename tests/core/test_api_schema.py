"""Schemathesis against our own OpenAPI document, over every endpoint it lists: no 5xx, and every
response matches what the document says."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings

from core.api_tokens import issue_api_token
from core.db import session
from core.extensions import limiter
from core.models import Role


@pytest.fixture
def limits_off() -> Iterator[None]:
    limiter.enabled = False  # thousands of generated calls are not what the limits are about
    try:
        yield
    finally:
        limiter.enabled = True


def _purchase_not_in_the_future(case: schemathesis.Case) -> bool:
    # JSON Schema cannot say "a date up to today": the one rule the document states in words.
    body = case.body if isinstance(case.body, dict) else {}
    day = body.get("purchase_date")
    return not isinstance(day, str) or day[:10] <= date.today().isoformat()


def test_every_endpoint_honours_the_document(app: Flask, make_user, limits_off) -> None:
    user = make_user(Role.RIGHTS_HOLDER)
    with app.app_context():
        secret, _ = issue_api_token(user, "schemathesis", ["account"])
        session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 4

    for operation in operations:

        @given(case=operation.as_strategy().filter(_purchase_not_in_the_future))
        @settings(
            max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def honours(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers)

        honours()
