"""/livez, /readyz and degraded running: a node says whether it can take traffic and why not, and
a missing NLP model makes it unready, not down: complaints and notices are still filed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from alembic.script import ScriptDirectory
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

import core
from casework.models import Case, Queue
from complaints.models import Complaint
from core import migrate
from core.storage import LocalStore
from nlp.pipeline import load
from tests.complaints.consumer_helpers import filed
from tests.conftest import free_port, make_config, temporary_database
from tests.factories import bearer, listing, make_holder, make_queue, notice_body
from wsgi import PACKAGES


def test_a_ready_node_says_so(client: FlaskClient) -> None:
    assert client.get("/livez").json == {"status": "alive"}
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.json
    assert ready.json["checks"] == {
        "database": "ok",
        "migrations": "ok",
        "storage": "ok",
        "nlp_model": "ok",
    }
    assert client.get("/healthz").json == {"status": "ok", "database": "ok"}  # unchanged


@pytest.fixture
def no_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As on a fresh clone before `make model`: no built NLP model where Redress looks."""
    monkeypatch.setenv("REDRESS_NLP_MODEL", str(tmp_path / "no-model"))
    load.cache_clear()
    yield
    monkeypatch.undo()
    load.cache_clear()  # the next test loads the real model again


def test_without_the_nlp_model_the_node_is_unready_yet_complaints_are_filed(
    app: Flask, client: FlaskClient, db: Session, no_model: None
) -> None:
    with app.app_context():
        make_queue("delivery-ops", rule={"category": "delivery"})
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert "no model" in ready.json["reasons"]["nlp_model"]
    assert ready.json["checks"]["database"] == "ok"
    assert client.get("/livez").status_code == 200

    reference, _token = filed(client)  # the consumer sees their receipt, as always
    complaint = db.scalars(select(Complaint).where(Complaint.reference == reference)).one()
    assert complaint.category is None and complaint.suggested == {}
    case = db.get(Case, complaint.id)
    assert case is not None and case.queue_id is not None
    assert db.get(Queue, case.queue_id).triage  # a person decides where it goes


def test_without_the_nlp_model_a_one_listing_notice_is_filed(
    app: Flask, client: FlaskClient, no_model: None
) -> None:
    with app.app_context():
        holder = make_holder()
        body, headers = notice_body(holder, [listing(1, seller="")]), bearer(holder)
    answer = client.post("/api/v1/ipr/notices", json=body, headers=headers)
    assert answer.status_code == 201, answer.json
    assert len(answer.json["listings"]) == 1


def test_storage_that_takes_no_write_makes_the_node_unready(
    app: Flask, client: FlaskClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    monkeypatch.setitem(app.extensions, "redress.file_store", LocalStore(blocked))
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json["reasons"]["storage"].startswith("not writable")


def test_a_database_behind_the_migrations_makes_the_node_unready(
    tmp_path: Path, smtp_server: Controller
) -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    head = script.get_current_head()
    before = script.get_revision(head).down_revision
    with temporary_database("sqlite", tmp_path) as url:
        app = core.create_app(make_config(url, tmp_path, smtp_server.port), packages=PACKAGES)
        migrate.upgrade(app.extensions["redress.db"].engine, before)
        ready = app.test_client().get("/readyz")
        assert ready.status_code == 503
        assert ready.json["reasons"]["migrations"].startswith(f"at {before}, head is {head}")
        migrate.upgrade(app.extensions["redress.db"].engine)
        assert app.test_client().get("/readyz").json["checks"]["migrations"] == "ok"
        app.extensions["redress.db"].engine.dispose()


def test_an_unreachable_database_makes_the_node_unready_but_alive(
    tmp_path: Path, smtp_server: Controller
) -> None:
    nowhere = f"postgresql+psycopg://redress@127.0.0.1:{free_port()}/redress?connect_timeout=2"
    app = core.create_app(make_config(nowhere, tmp_path, smtp_server.port), packages=PACKAGES)
    client = app.test_client()
    assert client.get("/livez").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json["reasons"]["database"].startswith("unreachable")
    assert ready.json["reasons"]["migrations"] == "database unreachable"
    assert client.get("/healthz").status_code == 503
