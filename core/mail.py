"""Mail through an outbox: queue_mail writes a row in the caller's transaction; delivery sends it.

A message is claimed by a conditional update before it is sent, so two senders never send one
message at once; a failure leaves it pending with a later `next_attempt_at` for the next delivery.
A claim is a lease: a message whose sender died mid-send is claimed again once MAIL_LEASE_S has
passed. Every attempt carries the Message-ID fixed at the first one, so a relay that accepted a
message whose answer never reached us delivers a copy that receivers recognise as the same mail.
Links rest sealed (core.mail_secrets) until sent, and a sent message's text is emptied after
MAIL_BODY_RETENTION_DAYS.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Any

from flask import Flask, Response, current_app, g, has_app_context, render_template
from flask_babel import force_locale
from sqlalchemy import event, func, inspect, select, update
from sqlalchemy.orm import Session

from core import clock
from core.config import Config
from core.db import session
from core.logs import current_request_id
from core.mail_secrets import SealedLinksLost, seal_links, unseal_links, without_links
from core.models import LANGUAGES, OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
DELIVERY_BATCH = 200


def queue_mail(to: str, template: str, language: str | None, **context: Any) -> OutboxMessage:
    """Render mail/<template>.{subject,body}.txt in the recipient's language and queue it."""
    language = language if language in LANGUAGES else "en"
    with force_locale(language):
        subject = render_template(f"mail/{template}.subject.txt", **context).strip()
        body = render_template(f"mail/{template}.body.txt", **context)
    body, sealed = seal_links(body, current_app.config["SECRET_KEY"])
    message = OutboxMessage(
        to_address=to,
        subject=subject,
        body=body,
        sealed_links=sealed,
        template=template,
        language=language,
        request_id=current_request_id(),
    )
    session.add(message)
    if has_app_context():
        g.setdefault("mail_awaiting_commit", []).append(message)
    return message


@event.listens_for(Session, "after_commit")
def _note_committed_mail(_session: Session) -> None:
    """Remember which queued messages are now committed, so the request can send them."""
    if not has_app_context() or not g.get("mail_awaiting_commit"):
        return
    committed = [inspect(message).identity for message in g.pop("mail_awaiting_commit")]
    g.setdefault("mail_committed", []).extend(key[0] for key in committed if key)


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0


def deliver_due_mail(
    config: Config, limit: int = DELIVERY_BATCH, ids: list[int] | None = None
) -> DeliveryReport:
    """Send pending messages that are due, and those whose sender's lease ran out (or just
    `ids`); commits after each message."""
    query = select(OutboxMessage.id).where(_due(config)).order_by(OutboxMessage.id).limit(limit)
    if ids is not None:
        query = query.where(OutboxMessage.id.in_(ids))
    report = DeliveryReport()
    for message_id in session.scalars(query).all():
        if not _claim(config, message_id):
            continue  # another sender took it
        message = session.get_one(OutboxMessage, message_id)
        try:
            _send(config, _with_message_id(config, message))
        except (OSError, smtplib.SMTPException) as exc:
            _reschedule(message, exc)
            report.failed += 1
        except SealedLinksLost as exc:
            message.status, message.last_error = OutboxStatus.FAILED, str(exc)
            report.failed += 1
        else:
            message.status, message.sent_at, message.last_error = (
                OutboxStatus.SENT,
                clock.now(),
                None,
            )
            message.sealed_links, message.body = None, without_links(message.body)
            report.sent += 1
        session.commit()
    return report


def _due(config: Config) -> Any:
    """Pending and due, or claimed by a sender whose lease has run out (it died or hangs)."""
    now = clock.now()
    pending = (OutboxMessage.status == OutboxStatus.PENDING) & (
        OutboxMessage.next_attempt_at <= now
    )
    abandoned = (OutboxMessage.status == OutboxStatus.SENDING) & (
        OutboxMessage.next_attempt_at <= now - timedelta(seconds=config.mail_lease_s)
    )
    return pending | abandoned


def _claim(config: Config, message_id: int) -> bool:
    claimed = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, _due(config))
        .values(
            status=OutboxStatus.SENDING,
            attempts=OutboxMessage.attempts + 1,
            next_attempt_at=clock.now(),
        )  # when claimed: where the lease starts
        .execution_options(synchronize_session=False)
    )
    session.commit()
    return claimed.rowcount == 1  # type: ignore[attr-defined]  # an UPDATE's CursorResult


def _with_message_id(config: Config, message: OutboxMessage) -> OutboxMessage:
    """The message with its Message-ID, fixed (and committed) before its first attempt: the row
    id, a random part (ids start again in a new database) and the configured domain."""
    if message.message_id is None:
        domain = (
            config.mail_message_id_domain or parseaddr(config.mail_sender)[1].rpartition("@")[2]
        )
        message.message_id = f"<{secrets.token_hex(6)}.outbox-{message.id}@{domain or 'redress'}>"
        session.commit()
    return message


def _reschedule(message: OutboxMessage, exc: Exception) -> None:
    session.refresh(message)
    message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    if message.attempts >= MAX_ATTEMPTS:
        message.status = OutboxStatus.FAILED
        log.error("giving up on mail %s: %s", message.id, type(exc).__name__)
        return
    message.status = OutboxStatus.PENDING
    # Back off exponentially: 1, 2, 4 ... minutes, so a long SMTP outage costs few attempts.
    message.next_attempt_at = clock.now() + timedelta(minutes=2 ** (message.attempts - 1))


def _send(config: Config, message: OutboxMessage) -> None:
    email = EmailMessage()
    email["From"] = config.mail_sender
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Message-ID"] = message.message_id
    if message.request_id:
        email["X-Request-Id"] = message.request_id  # ties the mail to the request's log line
    email.set_content(unseal_links(message.body, message.sealed_links, config.secret_key))
    email["Content-Language"] = message.language  # after set_content, which drops content headers
    if not config.mail_server:
        if config.is_development:  # a developer reads the mail here; elsewhere logs hold no one
            log.info(
                "mail (no MAIL_SERVER set, not sent)\n%s",
                email.as_string(),
                extra={"shows_secret_links": True},  # the developer follows its links
            )
        else:
            log.warning("mail %s not sent: no MAIL_SERVER is set", message.id)
        return
    smtp_class = smtplib.SMTP_SSL if config.mail_use_ssl else smtplib.SMTP
    with smtp_class(config.mail_server, config.mail_port, timeout=config.mail_timeout_s) as smtp:
        if config.mail_use_tls:
            smtp.starttls()
        if config.mail_username:
            smtp.login(config.mail_username, config.mail_password)
        smtp.send_message(email)


def send_committed_mail_after(response: Response) -> None:
    """Once the response has gone out, send the mail the request committed.

    The person does not wait for SMTP; what fails stays pending for the deliver_mail job.
    """
    ids = g.pop("mail_committed", None)
    if ids:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        response.call_on_close(lambda: _deliver_now(app, ids))


def _deliver_now(app: Flask, ids: list[int]) -> None:
    with app.app_context():
        try:
            deliver_due_mail(app.extensions["redress.config"], ids=ids)
        except Exception:  # the response is sent; the job will retry what this did not send
            log.exception("sending mail %s right after the request failed", ids)


def deliver_mail_job(_now: datetime) -> dict[str, int]:
    """Send every due message in batches; what fails waits for its next attempt."""
    config = current_app.extensions["redress.config"]
    total = DeliveryReport()
    while True:
        report = deliver_due_mail(config)
        total.sent += report.sent
        total.failed += report.failed
        if report.sent + report.failed < DELIVERY_BATCH:
            return {"sent": total.sent, "failed": total.failed}


def purge_sent_mail_job(now: datetime) -> dict[str, int]:
    """Empty the text of messages sent (or given up on) longer ago than the retention time."""
    config = current_app.extensions["redress.config"]
    cutoff = now - timedelta(days=config.mail_body_retention_days)
    done = session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.status.in_((OutboxStatus.SENT, OutboxStatus.FAILED)),
            func.coalesce(OutboxMessage.sent_at, OutboxMessage.created_at) < cutoff,
            (OutboxMessage.body != "") | OutboxMessage.sealed_links.is_not(None),
        )
        .values(body="", sealed_links=None)
        .execution_options(synchronize_session=False)
    )
    return {"purged": done.rowcount}  # type: ignore[attr-defined]  # an UPDATE's CursorResult


def mail_needing_attention() -> list[OutboxMessage]:
    """Failed messages, and messages a sender claimed longer than its lease ago (it may have
    died; the next delivery run sends them)."""
    lease = timedelta(seconds=current_app.extensions["redress.config"].mail_lease_s)
    stuck = (OutboxMessage.status == OutboxStatus.SENDING) & (
        OutboxMessage.next_attempt_at < clock.now() - lease
    )
    return list(
        session.scalars(
            select(OutboxMessage)
            .where((OutboxMessage.status == OutboxStatus.FAILED) | stuck)
            .order_by(OutboxMessage.id.desc())
            .limit(200)
        )
    )


def retry_message(message: OutboxMessage) -> None:
    """An admin's decision to try a failed or stuck message again."""
    message.status, message.next_attempt_at = OutboxStatus.PENDING, clock.now()
