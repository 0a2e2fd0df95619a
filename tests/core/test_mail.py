"""Mail goes through the outbox: sent through SMTP, kept and retried when SMTP is down."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

import core
from core import clock, migrate
from core.db import session
from core.mail import deliver_due_mail, queue_mail
from core.models import OutboxMessage, OutboxStatus
from tests.conftest import (
    BACKENDS,
    Inbox,
    free_port,
    make_config,
    run_at_once,
    temporary_database,
)
from wsgi import PACKAGES


def test_a_queued_message_is_sent_once_in_the_recipients_language(app, db, inbox: Inbox) -> None:
    config = app.extensions["redress.config"]
    with app.test_request_context():
        queue_mail(
            "li@example.cn",
            "password_reset",
            "zh",
            user={"name": "李雷"},
            link="http://localhost/x",
        )
        session.commit()
        assert deliver_due_mail(config).sent == 1
        assert deliver_due_mail(config).sent == 0  # nothing is sent twice
    [mail] = inbox.to("li@example.cn")
    assert "密码" in mail["Subject"] and "李雷" in mail.get_content()
    assert mail["Content-Language"] == "zh"  # mail clients pick fonts and spelling by it


def test_smtp_down_keeps_the_message_then_delivers_it_once(app, db, inbox: Inbox) -> None:
    config = app.extensions["redress.config"]
    port = free_port()  # nothing listens here yet
    down = replace(config, mail_port=port)
    with app.test_request_context():
        queue_mail(
            "anna@example.org",
            "password_reset",
            "en",
            user={"name": "Anna"},
            link="http://localhost/x",
        )
        session.commit()
    start = clock.now()
    clock.set_now(start)
    with app.app_context():
        report = deliver_due_mail(down)
    assert (report.sent, report.failed) == (0, 1)
    message = db.scalar(select(OutboxMessage).where(OutboxMessage.to_address == "anna@example.org"))
    assert message.status == OutboxStatus.PENDING and "Connection" in message.last_error
    with app.app_context():
        assert deliver_due_mail(down).failed == 0  # backing off: not due yet

    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        clock.set_now(start + timedelta(minutes=5))
        with app.app_context():
            assert deliver_due_mail(down).sent == 1
            assert deliver_due_mail(down).sent == 0
    finally:
        server.stop()
    assert len(inbox.to("anna@example.org")) == 1


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_two_senders_at_once_send_each_message_once(
    backend_name: str, tmp_path, smtp_server, inbox: Inbox
) -> None:
    with temporary_database(backend_name, tmp_path) as url:
        app = core.create_app(make_config(url, tmp_path, smtp_server.port), packages=PACKAGES)
        migrate.upgrade(app.extensions["redress.db"].engine)
        with app.test_request_context():
            for number in range(40):
                queue_mail(
                    f"reader{number}@example.org",
                    "password_reset",
                    "en",
                    user={"name": "Reader"},
                    link="http://localhost/x",
                )
            session.commit()

        failures = run_at_once(app, lambda: deliver_due_mail(app.extensions["redress.config"]))
        with app.app_context():
            statuses = set(session.scalars(select(OutboxMessage.status)))
        app.extensions["redress.db"].engine.dispose()
    assert failures == [] and statuses == {OutboxStatus.SENT}
    received = sorted(message["To"] for message in inbox.messages)
    assert received == sorted(f"reader{number}@example.org" for number in range(40))
