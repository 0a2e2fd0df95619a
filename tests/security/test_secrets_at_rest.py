"""Secret links never rest readable: not in the outbox (before or after sending), not in the
logs; the mail that arrives still carries the working link; sent mail text is emptied later."""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from core import clock
from core.db import session
from core.jobs import run_job
from core.mail import deliver_due_mail, queue_mail
from core.models import OutboxMessage, OutboxStatus, User
from tests.complaints.consumer_helpers import FORM, filed
from tests.conftest import Inbox, post_form

TRACKING = re.compile(r"http://localhost(/complaints/\S+\?token=(\S+))")
RESET = re.compile(r"http://localhost(/reset-password/(\S+))")


def _outbox_text(db: Session) -> str:
    """Every text column of every outbox row, as someone reading the database sees it."""
    db.expire_all()
    table = OutboxMessage.__table__
    return "\n".join(
        str(value) for row in db.execute(select(table)).all() for value in row if value is not None
    )


def test_a_journey_leaves_no_readable_secret_in_the_outbox_or_the_log(
    client: FlaskClient,
    db: Session,
    inbox: Inbox,
    make_user: Any,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    _reference, token = filed(client)
    user: User = make_user()
    assert post_form(client, "/reset-password", {"email": user.email}).status_code == 302

    [filed_mail] = inbox.to(FORM["email"])
    tracking_path, mailed_token = TRACKING.search(filed_mail.get_content()).groups()
    [reset_mail] = inbox.to(user.email)
    reset_path, reset_token = RESET.search(reset_mail.get_content()).groups()
    assert mailed_token == token
    stored = _outbox_text(db)
    assert "[redress-link-1]" in stored  # the text is kept, the link is not
    for secret in (token, reset_token):
        assert secret not in stored
        assert secret not in caplog.text
    assert client.get(tracking_path).status_code == 200  # the mailed links work
    assert client.get(reset_path).status_code == 200
    statuses = db.scalars(select(OutboxMessage.status)).all()
    assert set(statuses) == {OutboxStatus.SENT}
    assert db.scalars(select(OutboxMessage.sealed_links)).all() == [None] * len(statuses)


def test_a_queued_link_is_sealed_until_sent_then_dropped(
    app: Flask, db: Session, inbox: Inbox
) -> None:
    link = "http://localhost/reset-password/very-secret-reset-key"
    with app.test_request_context():
        queue_mail("li@example.cn", "password_reset", "en", user={"name": "Li"}, link=link)
        session.commit()
        waiting = _outbox_text(db)
        assert "very-secret-reset-key" not in waiting and "[redress-link-1]" in waiting
        assert deliver_due_mail(app.extensions["redress.config"]).sent == 1
    [mail] = inbox.to("li@example.cn")
    assert link in mail.get_content()
    assert "very-secret-reset-key" not in _outbox_text(db)


def test_sent_mail_text_is_emptied_after_the_retention_time(
    app: Flask, db: Session, inbox: Inbox
) -> None:
    config = app.extensions["redress.config"]
    with app.test_request_context():
        queue_mail("old@example.org", "password_reset", "en", user={"name": "Old"}, link="x")
        session.commit()
        deliver_due_mail(config)
        sent_at = clock.now()
        run_job(
            "purge_sent_mail", now=sent_at + timedelta(days=config.mail_body_retention_days - 1)
        )
        kept = db.scalars(select(OutboxMessage.body)).one()
        assert "Old" in kept
        run_job(
            "purge_sent_mail", now=sent_at + timedelta(days=config.mail_body_retention_days + 1)
        )
    db.expire_all()
    message = db.scalars(select(OutboxMessage)).one()
    assert message.body == "" and message.subject and message.to_address == "old@example.org"
