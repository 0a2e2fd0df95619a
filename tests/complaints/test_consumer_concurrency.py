"""A double click sends the same filing form twice at once: one complaint is filed, the other send
learns its reference. Needs connections of its own, so a database of its own."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

import core
from complaints.models import Complaint, Resolution
from complaints.services.filing import AlreadyFiled, NewComplaint, file_complaint
from core import migrate
from core.db import session
from tests.conftest import BACKENDS, make_config, temporary_database
from wsgi import PACKAGES

FILING = NewComplaint(
    consumer_name="Anna Berg",
    consumer_email="anna@example.org",
    consumer_country="DE",
    platform="AliExpress",
    seller_name="Shenzhen Bright Store",
    description="The wireless earbuds I ordered never arrived and the seller is silent.",
    desired_resolution=Resolution.REFUND,
    consent_forward_to_seller=True,
    language="en",
)


@pytest.fixture(params=BACKENDS)
def own_app(request: pytest.FixtureRequest, tmp_path: Path, smtp_server) -> Iterator[Flask]:
    with temporary_database(request.param, tmp_path) as url:
        app = core.create_app(make_config(url, tmp_path, smtp_server.port), packages=PACKAGES)
        migrate.upgrade(app.extensions["redress.db"].engine)
        yield app
        app.extensions["redress.db"].engine.dispose()


def test_the_same_form_sent_twice_at_once_files_one_complaint(own_app: Flask) -> None:
    start = threading.Barrier(2)
    results: list[object] = [None, None]

    def send(i: int) -> None:
        with own_app.test_request_context("/complaints/new", method="POST"):
            start.wait()
            try:
                complaint, _secret = file_complaint(FILING, submission="double-click-0001")
                session.commit()
                results[i] = complaint.reference
            except AlreadyFiled as error:
                session.rollback()
                results[i] = error

    threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    filed = [r for r in results if isinstance(r, str)]
    refused = [r for r in results if isinstance(r, AlreadyFiled)]
    assert len(filed) == 1 and len(refused) == 1, results
    assert refused[0].reference == filed[0]
    with own_app.app_context():
        assert session.scalar(select(func.count()).select_from(Complaint)) == 1
