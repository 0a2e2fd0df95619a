"""Fixtures: an app per database backend (SQLite always, PostgreSQL when it answers, required in
CI), each test inside a transaction that is rolled back, a real SMTP server, small factories."""

from __future__ import annotations

import os
import re
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

import core
from core import clock, migrate
from core.config import Config
from core.extensions import limiter
from core.mail_secrets import unseal_links
from core.models import OutboxMessage, Role, User
from core.passwords import hash_password
from wsgi import PACKAGES

PASSWORD = "correct horse battery"
TEST_SECRET_KEY = "test-secret-key-not-for-production"
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def _postgres_server_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL", DEFAULT_POSTGRES)
    try:
        probe = create_engine(url)
        with probe.connect():
            pass
        probe.dispose()
    except OperationalError:
        return None
    return url


POSTGRES_URL = _postgres_server_url()
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("REQUIRE_POSTGRES") == "1" and not POSTGRES_URL:
        raise pytest.UsageError(
            "REQUIRE_POSTGRES=1 but no PostgreSQL answers (start it or set TEST_DATABASE_URL)"
        )


@contextmanager
def temporary_database(backend: str, folder: Path) -> Iterator[str]:
    """An empty database of its own on `backend`, dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / f'redress-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    assert POSTGRES_URL is not None
    name = f"redress_test_{uuid.uuid4().hex[:10]}"
    server = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


class Inbox:
    """An aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [message for message in self.messages if message["To"] == address]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Everything the test SMTP server received this session; `inbox` empties it for a test.
DELIVERED = Inbox()


def readable_body(message: OutboxMessage) -> str:
    """An outbox message's text as its recipient reads it, links and all: the outbox keeps its
    links sealed until sent, and drops them then (core.mail_secrets); a sent message is found in
    what the SMTP server received, by its Message-ID."""
    if message.sealed_links is not None:
        return unseal_links(message.body, message.sealed_links, TEST_SECRET_KEY)
    arrived = [
        mail for mail in DELIVERED.messages if mail["Message-ID"].strip() == message.message_id
    ]  # strip: a long header arrives folded
    return arrived[-1].get_content() if message.message_id and arrived else message.body


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[Controller]:
    controller = Controller(DELIVERED, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture
def inbox(smtp_server: Controller) -> Inbox:
    smtp_server.handler.messages.clear()
    return smtp_server.handler


def make_config(database_url: str, folder: Path, smtp_port: int, **overrides: Any) -> Config:
    return Config(
        redress_env="testing",
        secret_key=TEST_SECRET_KEY,
        database_url=database_url,
        instance_path=str(folder),
        mail_server="127.0.0.1",
        mail_port=smtp_port,
        public_base_url="http://localhost",
        # Tests move the clock by days and years while people stay signed in; the tests of
        # session time-outs (tests/security) set the real limits themselves.
        **{
            "session_idle_minutes_staff": 100 * 365 * 24 * 60,
            "session_idle_minutes": 100 * 365 * 24 * 60,
            "session_lifetime_hours": 100 * 365 * 24,
            **overrides,
        },
    )


class BufferedClient(FlaskClient):
    """Reads the whole response and closes it, as a server does, so work done on close runs."""

    def open(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("buffered", True)
        return super().open(*args, **kwargs)


@pytest.fixture(scope="session", params=BACKENDS)
def migrated_app(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    smtp_server: Controller,
) -> Iterator[Flask]:
    """The full app on a database of its own, migrated to head once per test session."""
    folder = tmp_path_factory.mktemp(request.param)
    with temporary_database(request.param, folder) as url:
        app = core.create_app(make_config(url, folder, smtp_server.port), packages=PACKAGES)
        app.test_client_class = BufferedClient
        database = app.extensions["redress.db"]
        migrate.upgrade(database.engine)
        yield app
        database.engine.dispose()


@pytest.fixture
def app(migrated_app: Flask) -> Iterator[Flask]:
    """The app with every database write of the test rolled back afterwards."""
    database = migrated_app.extensions["redress.db"]
    connection = database.engine.connect()
    transaction = connection.begin()
    database.bind = connection
    limiter.reset()
    try:
        yield migrated_app
    finally:
        clock.set_now(None)
        database.bind = database.engine
        transaction.rollback()
        connection.close()


@pytest.fixture
def backend(app: Flask) -> str:
    return app.extensions["redress.db"].engine.dialect.name


@pytest.fixture
def db(app: Flask) -> Iterator[Session]:
    """A session of the test's own on the test's transaction, for arranging and checking.

    It needs no application context, so requests made by the test client get contexts (and
    `g`, and a session) of their own, as they would in production.
    """
    with Session(
        bind=app.extensions["redress.db"].bind, join_transaction_mode="create_savepoint"
    ) as own:
        yield own


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def make_user(db: Session) -> Callable[..., User]:
    """Create (and commit, inside the test's transaction) a user with `role`."""

    def make(role: Role = Role.CONSUMER, email: str | None = None, **fields: Any) -> User:
        user = User(
            email=email or f"{role.value}-{uuid.uuid4().hex[:6]}@example.org",
            name=fields.pop("name", f"Test {role.value}"),
            password_hash=hash_password(fields.pop("password", PASSWORD)),
            role=role,
            **fields,
        )
        db.add(user)
        db.commit()
        return user

    return make


CSRF_INPUT = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|'
    r'type="hidden" name="csrf_token" value="([^"]+)"'
)


def csrf_token(client: FlaskClient, page: str = "/") -> str:
    """The CSRF token of the client's session, read from a page as a browser would."""
    html = client.get(page).get_data(as_text=True)
    found = CSRF_INPUT.search(html)
    assert found, f"no CSRF token on {page}"
    return found.group(1) or found.group(2)


def post_form(client: FlaskClient, url: str, data: dict[str, Any], **kwargs: Any) -> Any:
    """Submit a form with the session's CSRF token, as the browser does."""
    return client.post(url, data={"csrf_token": csrf_token(client), **data}, **kwargs)


def sign_in(client: FlaskClient, user: User, password: str = PASSWORD) -> None:
    response = post_form(client, "/sign-in", {"email": user.email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)


def run_at_once(app: Flask, work: Callable[[], Any], threads: int = 2) -> list[BaseException]:
    """Run `work` in `threads` threads at once, each in its own app context; what they raised."""
    failures: list[BaseException] = []

    def one() -> None:
        try:
            with app.app_context():
                work()
        except BaseException as exc:  # a worker that crashes must fail the test
            failures.append(exc)

    started = [threading.Thread(target=one) for _ in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join()
    return failures
