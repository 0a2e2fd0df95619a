"""The timeline: append-only events, internal notes, messages to the parties, attachments."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import event as sa_event
from sqlalchemy import or_, select
from sqlalchemy.orm import Session as _Session

from casework.kinds import case_kind
from casework.models import Case, CaseAttachment, CaseEvent, Visibility
from casework.services.access import Actor
from core import clock
from core.db import session
from core.errors import Refusal
from core.files import store_content
from core.mail import queue_mail
from core.models import User
from core.uploads import UploadError, check_upload

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
MAX_TEXT = 20_000


class TimelineError(Refusal):
    """A note, message or attachment that cannot be added."""


def record_event(
    case: Case,
    actor: Actor | User,
    type: str,
    *,
    before: str | None = None,
    after: str | None = None,
    body: str | None = None,
    visibility: Visibility = Visibility.INTERNAL,
    data: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """Add one line to the case's timeline, in the caller's transaction."""
    who = Actor.of(actor)
    event = CaseEvent(
        case_id=case.id,
        at=at or clock.now(),
        actor_id=who.user.id if who.user else None,
        actor_label=who.label,
        type=type,
        before=before,
        after=after,
        body=body,
        data=data or {},
        visibility=visibility,
    )
    case.last_activity_at = event.at
    session.add(event)
    return event


def _checked_text(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise TimelineError(_("Write something first."))
    if len(body) > MAX_TEXT:
        raise TimelineError(_("At most %(n)d characters, please.", n=MAX_TEXT))
    return body


def add_note(case: Case, actor: Actor | User, body: str) -> CaseEvent:
    """An internal note, seen by staff only."""
    return record_event(case, actor, "note", body=_checked_text(body))


def send_message(case: Case, actor: Actor | User, body: str, roles: set[str]) -> CaseEvent:
    """A message to some of the case's parties, by mail, kept on the timeline they can see."""
    body = _checked_text(body)
    parties = [
        (p, p.email) for p in case_kind(case.kind).parties(case) if p.role in roles and p.email
    ]
    if not parties:
        raise TimelineError(_("None of the chosen parties can be reached by e-mail."))
    for party, email in parties:
        queue_mail(email, "casework/message", party.language, case=case, party=party, body=body)
    return record_event(
        case,
        actor,
        "message",
        body=body,
        visibility=Visibility.PARTIES,
        data={"to": sorted({p.role for p, _email in parties})},
    )


def add_attachment(
    case: Case,
    actor: Actor | User,
    filename: str,
    content: bytes,
    visibility: Visibility = Visibility.INTERNAL,
) -> CaseAttachment:
    """Keep a file with the case, in core's file store (outside the web root, by SHA-256),
    checked by its content like every other upload (the sender's type and name are not trusted)."""
    try:
        checked = check_upload(filename, content, max_bytes=MAX_ATTACHMENT_BYTES)
    except UploadError as refused:
        raise TimelineError(str(refused)) from refused
    digest = store_content(content)
    event = record_event(case, actor, "attachment", after=checked.filename, visibility=visibility)
    session.flush()
    attachment = CaseAttachment(
        case_id=case.id,
        event_id=event.id,
        filename=checked.filename,
        content_type=checked.content_type,
        size=len(content),
        sha256=digest,
    )
    session.add(attachment)
    session.flush()
    return attachment


def timeline(case: Case, visibilities: set[Visibility] | None = None) -> list[CaseEvent]:
    """The case's events, oldest first, with those of the duplicates merged into it."""
    merged = select(Case.id).where(Case.merged_into_id == case.id)
    query = (
        select(CaseEvent)
        .where(or_(CaseEvent.case_id == case.id, CaseEvent.case_id.in_(merged)))
        .order_by(CaseEvent.at, CaseEvent.id)
    )
    if visibilities is not None:
        query = query.where(CaseEvent.visibility.in_(visibilities))
    return list(session.scalars(query))


@sa_event.listens_for(_Session, "before_flush")
def _events_are_append_only(flushing: _Session, _context: Any, _instances: Any) -> None:
    for obj in (*flushing.dirty, *flushing.deleted):
        if isinstance(obj, CaseEvent) and (obj in flushing.deleted or flushing.is_modified(obj)):
            raise PermissionError("case events are append-only")
