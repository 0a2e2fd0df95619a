"""Reminders before a party's deadline, and anonymisation after the retention period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, delete, exists, or_, select, update
from sqlalchemy.exc import IntegrityError

from casework.kinds import Party, case_kind, case_kinds
from casework.models import Case, CaseAttachment, CaseEvent, CaseKey, DeadlineReminder
from casework.services.access import SYSTEM_ACTOR
from casework.services.calendars import working_days_between
from casework.services.stages import calendar_of
from casework.services.timeline import record_event
from core.db import session
from core.jobs import each_in_batches
from core.mail import queue_mail

REMIND_WITHIN_WORKING_DAYS = 2
BATCH = 500
# Two working days never span more than this many calendar days (the longest holidays are 9).
LOOKAHEAD = timedelta(days=14)


def remind_parties(now: datetime) -> dict[str, int]:
    """Remind each party whose answer is due within 2 working days, once per deadline."""
    awaiting = [
        and_(
            Case.kind == kind.name,
            Case.status.in_([state.name for state in kind.workflow.states if state.waits_on]),
        )
        for kind in case_kinds().values()
    ]
    if not awaiting:
        return {"reminded": 0}
    already = select(DeadlineReminder.id).where(
        DeadlineReminder.case_id == Case.id, DeadlineReminder.due_at == Case.due_at
    )
    sent = 0

    def candidates(skip: set[int], size: int) -> Sequence[Case]:
        # Only cases waiting on a party, due soon, and not yet reminded for this deadline: the
        # hourly run costs what there is to send, not what is open.
        return session.scalars(
            select(Case)
            .where(
                Case.closed_at.is_(None),
                Case.due_at > now,
                Case.due_at <= now + LOOKAHEAD,
                or_(*awaiting),
                ~exists(already),
                Case.id.not_in(skip),
            )
            .order_by(Case.due_at, Case.id)
            .limit(size)
        ).all()

    def remind(case: Case) -> bool:
        nonlocal sent
        reminded = _remind_parties_of(case, now)
        sent += reminded
        return reminded > 0

    each_in_batches(candidates, remind, size=BATCH)
    return {"reminded": sent}


def _remind_parties_of(case: Case, now: datetime) -> int:
    state = case_kind(case.kind).workflow.state(case.status)
    calendar = calendar_of(case)
    due_at = case.due_at
    if (
        due_at is None
        or working_days_between(calendar.local_day(now), calendar.local_day(due_at), calendar)
        > REMIND_WITHIN_WORKING_DAYS
    ):
        return 0
    return sum(
        _remind(case, party, now)
        for party in case_kind(case.kind).parties(case)
        if party.role == state.waits_on
    )


def _remind(case: Case, party: Party, now: datetime) -> int:
    if not party.email:
        return 0
    try:
        with session.begin_nested():  # the unique key refuses a second reminder for a deadline
            session.add(
                DeadlineReminder(case_id=case.id, due_at=case.due_at, party=party.role, sent_at=now)
            )
    except IntegrityError:
        return 0
    queue_mail(party.email, "casework/reminder", party.language, case=case, party=party)
    record_event(case, SYSTEM_ACTOR, "reminded", after=party.role, at=now)
    return 1


def purge_personal_data(now: datetime) -> dict[str, int]:
    """Anonymise closed cases past retention, in batches; the record stays for statistics."""
    cutoff = now - timedelta(days=current_app.extensions["redress.config"].retention_days)

    def expired(skip: set[int], size: int) -> Sequence[Case]:
        return session.scalars(
            select(Case)
            .where(Case.closed_at < cutoff, Case.anonymised_at.is_(None), Case.id.not_in(skip))
            .order_by(Case.id)
            .limit(size)
        ).all()

    def anonymise(case: Case) -> bool:
        anonymise_case(case, now)
        return True

    return {"anonymised": each_in_batches(expired, anonymise, size=BATCH)}


def anonymise_case(case: Case, now: datetime) -> None:
    """Remove a case's personal data in place: its kind's fields, texts, keys and files.

    The one exception to "nothing is rewritten" (DESIGN.md section 7): message and note texts
    are blanked by a direct UPDATE, past the timeline's append-only guard, which is for the ORM.
    """
    case_kind(case.kind).anonymise(case)
    session.execute(
        update(CaseEvent)
        .where(CaseEvent.case_id == case.id, CaseEvent.body.is_not(None))
        .values(body=None, data={})
    )
    session.execute(delete(CaseKey).where(CaseKey.case_id == case.id))
    for attachment in session.scalars(
        select(CaseAttachment).where(CaseAttachment.case_id == case.id)
    ):
        attachment.filename, attachment.sha256 = "removed", ""  # the sweep_files job drops it
    case.search_text = case.reference
    case.nlp_analysis = None
    case.anonymised_at = now
    record_event(case, SYSTEM_ACTOR, "anonymised", at=now)
