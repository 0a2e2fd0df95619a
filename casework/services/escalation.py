"""Deadlines that enforce themselves: late cases rise a level, each level once per stage.

The sweep finds cases through the index on `next_escalation_at`, so it costs time in proportion to
the cases that change level, not to the open cases. Each case changes under a row lock (SKIP
LOCKED on PostgreSQL, so a second sweep passes it by; SQLite serialises writers) and its level
only rises, so two sweeps at once never fire a level twice. What people must be told is written
as notices in the same transaction and mailed grouped at the end of the run: one mail per person,
listing their cases; a crash before mailing leaves the notices for the next run.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, select, update

from casework.models import Case, EscalationLevel, EscalationNotice, Priority, QueueMember
from casework.services.access import SYSTEM_ACTOR
from casework.services.deadlines import ESCALATION_SHARES, escalation_moment
from casework.services.stages import calendar_of
from casework.services.timeline import record_event
from core.db import session
from core.errors import Refusal
from core.jobs import each_in_batches
from core.mail import queue_mail
from core.models import Role, User

SUPERVISORS_QUEUE = "supervisors"  # made by migration 0005; escalation no longer moves cases
BATCH = 500


def escalate_due_cases(now: datetime, batch: int | None = None) -> dict[str, int]:
    """Raise every case whose next escalation moment has passed; commit each batch; mail."""

    def late(skip: set[int], size: int) -> Sequence[Case]:
        # A case passed by was locked by another sweep, or had nothing to do.
        return session.scalars(
            select(Case)
            .where(Case.next_escalation_at <= now, Case.id.not_in(skip))
            .order_by(Case.next_escalation_at, Case.id)
            .limit(size)
        ).all()

    escalated = each_in_batches(late, lambda case: escalate_case(case.id, now), size=batch or BATCH)
    return {"escalated": escalated, "mails": mail_pending_notices(now)}


def escalate_case(case_id: int, now: datetime) -> bool:
    """Raise one case to the level it has reached at `now`; False when another sweep has it."""
    case = session.scalar(
        select(Case)
        .where(Case.id == case_id, Case.next_escalation_at <= now)
        .with_for_update(skip_locked=True)
        .execution_options(populate_existing=True)
    )
    if case is None or case.sla_days is None:
        return False
    calendar = calendar_of(case)
    sla_days: int = case.sla_days

    def moment(level: int) -> datetime | None:
        return escalation_moment(
            case.stage_started_at, sla_days, case.sla_days_used, level, calendar
        )

    reached: list[EscalationLevel] = []
    while (
        next_moment := moment(case.escalation_level + len(reached) + 1)
    ) is not None and next_moment <= now:
        reached.append(EscalationLevel(case.escalation_level + len(reached) + 1))
    for level in reached:
        _apply(case, level, now)
    case.next_escalation_at = moment(case.escalation_level + 1)
    return bool(reached)


def _apply(case: Case, level: EscalationLevel, now: datetime) -> None:
    """Raise the case to `level` and note whom to tell. The case keeps its queue and owner at
    every level, so it stays in its officer's views; from overdue on, the supervisors are told
    and watch it (they see every queue's escalated cases)."""
    before = case.escalation_level
    case.escalation_level = level
    # Nobody owns it: the officers on duty in its queue hear of it instead.
    recipients = [case.assignee_id] if case.assignee_id else _officers_of(case)
    supervisors = _supervisors_of(case) if level >= EscalationLevel.OVERDUE else []
    recipients += supervisors
    if level == EscalationLevel.OVERDUE:
        case.priority = max(case.priority - 1, Priority.URGENT)  # one step more urgent
    record_event(
        case,
        SYSTEM_ACTOR,
        "escalated",
        before=EscalationLevel(before).name.lower(),
        after=level.name.lower(),
        at=now,
        data={
            "share": ESCALATION_SHARES[level],
            "sla_days": case.sla_days,
            "due_at": case.due_at.isoformat() if case.due_at else None,
            "watchers": supervisors,
        },
    )
    for recipient in dict.fromkeys(recipients):  # each person once, in order
        session.add(
            EscalationNotice(case_id=case.id, level=level, recipient_id=recipient, created_at=now)
        )


def _officers_of(case: Case) -> list[int]:
    """The active officers on duty in the case's queue."""
    return list(
        session.scalars(
            select(User.id)
            .join(QueueMember, QueueMember.user_id == User.id)
            .where(
                QueueMember.queue_id == case.queue_id,
                QueueMember.on_duty,
                User.role == Role.OFFICER,
                User.active,
            )
            .order_by(User.id)
        )
    )


def _supervisors_of(case: Case) -> list[int]:
    """The active supervisors of the case's queue; every active supervisor if it has none."""
    supervisors = select(User.id).where(User.role == Role.SUPERVISOR, User.active)
    of_queue = session.scalars(
        supervisors.join(QueueMember, QueueMember.user_id == User.id).where(
            QueueMember.queue_id == case.queue_id
        )
    ).all()
    return list(of_queue) or list(session.scalars(supervisors))


def mail_pending_notices(now: datetime) -> int:
    """One mail per person listing their newly escalated cases; each notice is mailed once."""
    mails = 0

    def waiting(skip: set[int], size: int) -> Sequence[User]:
        pending = select(EscalationNotice.recipient_id).where(EscalationNotice.mailed_at.is_(None))
        return session.scalars(
            select(User)
            .where(User.id.in_(pending), User.id.not_in(skip))
            .order_by(User.id)
            .limit(size)
        ).all()

    def mail(user: User) -> bool:
        nonlocal mails
        notices = _claim_notices(user, now)
        if notices and user.active:
            cases = {
                case.id: case
                for case in session.scalars(
                    select(Case).where(Case.id.in_([notice.case_id for notice in notices]))
                )
            }
            lines = [(cases[notice.case_id], EscalationLevel(notice.level)) for notice in notices]
            queue_mail(user.email, "casework/escalations", user.language, user=user, lines=lines)
            mails += 1
        return bool(notices)

    each_in_batches(waiting, mail)
    return mails


def _claim_notices(user: User, now: datetime) -> list[EscalationNotice]:
    """Mark the person's unmailed notices as mailed now; none while another sweep holds them."""
    notices = list(
        session.scalars(
            select(EscalationNotice)
            .where(EscalationNotice.recipient_id == user.id, EscalationNotice.mailed_at.is_(None))
            .order_by(EscalationNotice.id)
            .with_for_update(skip_locked=True)
        )
    )
    if not notices:
        return []
    claimed = cast(
        CursorResult[Any],
        session.execute(
            update(EscalationNotice)
            .where(
                EscalationNotice.id.in_([notice.id for notice in notices]),
                EscalationNotice.mailed_at.is_(None),
            )
            .values(mailed_at=now)
            .execution_options(synchronize_session=False)
        ),
    ).rowcount
    if claimed != len(notices):  # another sweep is mailing them: undo our claim, leave them
        raise Refusal("escalation notices are being mailed by another sweep", "conflict")
    return notices
