"""Mail is sent idempotently: one Message-ID per message on every attempt, a message whose
sender died is sent by the next run, and each mail names the request that caused it."""

from __future__ import annotations

import asyncio
import re
from dataclasses import replace
from datetime import timedelta
from typing import Any

from aiosmtpd.controller import Controller
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core import clock
from core.db import session
from core.mail import deliver_due_mail, queue_mail
from core.models import OutboxMessage, OutboxStatus
from tests.complaints.consumer_helpers import FORM, file_form
from tests.conftest import Inbox, free_port


class SlowRelay(Inbox):
    """Takes each message into its queue at once, but answers only after `delay` seconds: a
    client that gives up sooner never learns that the relay will deliver it."""

    delay = 6.0

    async def handle_DATA(self, server: Any, smtp_session: Any, envelope: Any) -> str:
        answer = await super().handle_DATA(server, smtp_session, envelope)
        await asyncio.sleep(self.delay)
        return answer


def _queue(app: Flask, to: str) -> None:
    with app.test_request_context():
        queue_mail(to, "password_reset", "en", user={"name": "Anna"}, link="http://localhost/r")
        session.commit()


def test_a_retry_after_a_lost_answer_sends_the_same_message_id(app: Flask, db: Session) -> None:
    relay = SlowRelay()
    controller = Controller(relay, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        config = replace(
            app.extensions["redress.config"], mail_port=controller.port, mail_timeout_s=2
        )
        _queue(app, "anna@example.org")
        start = clock.now()
        clock.set_now(start)
        with app.app_context():
            assert deliver_due_mail(config).failed == 1  # timed out; the relay still takes it
        assert len(relay.messages) == 1
        relay.delay = 0
        clock.set_now(start + timedelta(minutes=5))
        with app.app_context():
            assert deliver_due_mail(config).sent == 1
    finally:
        controller.stop()
    first, second = relay.to("anna@example.org")
    assert first["Message-ID"] == second["Message-ID"]  # receivers can drop the copy
    stored = db.scalars(select(OutboxMessage.message_id)).one()
    assert stored == first["Message-ID"].strip()
    assert re.fullmatch(r"<[0-9a-f]{12}\.outbox-\d+@redress\.example>", stored)


def test_a_message_left_sending_is_sent_once_its_lease_runs_out(
    app: Flask, db: Session, inbox: Inbox
) -> None:
    config = app.extensions["redress.config"]
    _queue(app, "stuck@example.org")
    claimed_at = clock.now()
    db.execute(  # as a sender killed between claiming and finishing leaves it
        update(OutboxMessage).values(
            status=OutboxStatus.SENDING,
            attempts=1,
            next_attempt_at=claimed_at,
            message_id="<outbox-stuck@redress.example>",
        )
    )
    db.commit()
    clock.set_now(claimed_at + timedelta(seconds=config.mail_lease_s - 60))
    with app.app_context():
        assert deliver_due_mail(config).sent == 0  # the sender may still be at it
    clock.set_now(claimed_at + timedelta(seconds=config.mail_lease_s + 60))
    with app.app_context():
        assert deliver_due_mail(config).sent == 1
        assert deliver_due_mail(config).sent == 0
    [mail] = inbox.to("stuck@example.org")
    assert mail["Message-ID"].strip() == "<outbox-stuck@redress.example>"
    db.expire_all()
    assert db.scalars(select(OutboxMessage.status)).one() == OutboxStatus.SENT


def test_a_mail_names_the_request_that_queued_it(client: FlaskClient, inbox: Inbox) -> None:
    answer = file_form(client)
    assert answer.status_code == 302
    [mail] = inbox.to(FORM["email"])
    assert mail["X-Request-Id"] == answer.headers["X-Request-Id"]
