"""Merging a duplicate into the case that goes on, and undoing that within 30 days.

The duplicate ends as `merged`, pointing at its survivor; what it was (state, queue, assignee,
priority, the clock of its stage) is kept on the merge's timeline event, so an undo puts it all
back and its deadline runs on as before.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import exists, select

from casework.kinds import Party, case_kind
from casework.models import Case, CaseEvent, Visibility
from casework.services.access import can_see
from casework.services.stages import set_deadline
from casework.services.timeline import record_event
from casework.services.transitions import TransitionError, lock_case, transition
from casework.workflow import MERGED
from core import clock
from core.db import session
from core.mail import queue_mail
from core.models import User
from sellers.models import SellerAccessToken

UNDO_WITHIN = timedelta(days=30)
# Copied into the merge event and back on undo: where the case waited and its stage's clock.
KEPT = (
    "status",
    "queue_id",
    "assignee_id",
    "priority",
    "stage_started_at",
    "sla_days",
    "sla_days_used",
    "paused_stage",
    "escalation_level",
    "due_at",
    "next_escalation_at",
    "due_explanation",
)
MOMENTS = ("stage_started_at", "due_at", "next_escalation_at")


def merge_cases(
    duplicate: Case,
    survivor: Case,
    actor: User,
    reason: str | None = None,
    reason_shared: bool = False,
) -> None:
    """End `duplicate` as merged into `survivor`; the parties who knew of it are told, its
    events stay readable from the survivor's timeline."""
    if duplicate.id == survivor.id:
        raise TransitionError(_("A case cannot be merged into itself."))
    if not (can_see(actor, duplicate) and can_see(actor, survivor)):
        raise TransitionError(_("You do not work on both cases."), "forbidden")
    if duplicate.kind != survivor.kind:
        raise TransitionError(_("Only cases of the same kind can be merged."))
    if not survivor.is_open or survivor.merged_into_id is not None:
        raise TransitionError(_("The case %(reference)s is closed.", reference=survivor.reference))
    kept = _snapshot(duplicate)
    told = told_parties(duplicate)
    transition(
        duplicate,
        MERGED,
        actor,
        reason,
        data={"into": survivor.reference, "restore": kept},
        reason_shared=reason_shared,
        merging=True,
    )
    duplicate.merged_into_id = survivor.id
    record_event(
        survivor,
        actor,
        "merged",
        after=duplicate.reference,
        visibility=Visibility.PARTIES,
        data={"duplicate": duplicate.reference},
    )
    for party in told:
        queue_mail(
            party.email or "",
            "casework/merged",
            party.language,
            duplicate=duplicate,
            survivor=survivor,
            party=party,
        )


def told_parties(case: Case) -> list[Party]:
    """The parties with an address who know of the case: those who brought it (consumer,
    rights holder), and a seller only once the case was sent to it or it was written to."""
    return [
        party
        for party in case_kind(case.kind).parties(case)
        if party.email and (party.role != "seller" or _seller_was_told(case))
    ]


def _seller_was_told(case: Case) -> bool:
    linked = exists().where(SellerAccessToken.case_reference == case.reference)
    messages = session.scalars(
        select(CaseEvent.data).where(CaseEvent.case_id == case.id, CaseEvent.type == "message")
    )
    return bool(session.scalar(select(linked))) or any(
        "seller" in (data or {}).get("to", []) for data in messages
    )


def _snapshot(case: Case) -> dict[str, Any]:
    kept = {name: getattr(case, name) for name in KEPT}
    for name in MOMENTS:
        kept[name] = kept[name].isoformat() if kept[name] else None
    return kept


def merge_event(case: Case) -> CaseEvent | None:
    """The move that merged the case, if it is merged now."""
    if case.status != MERGED or case.merged_into_id is None:
        return None
    return session.scalar(
        select(CaseEvent)
        .where(
            CaseEvent.case_id == case.id,
            CaseEvent.type == "transition",
            CaseEvent.after == MERGED,
        )
        .order_by(CaseEvent.at.desc(), CaseEvent.id.desc())
        .limit(1)
    )


def undo_deadline(case: Case) -> datetime | None:
    """Until when the merge of the case may be undone (None: it is not merged, or cannot be)."""
    event = merge_event(case)
    if event is None or "restore" not in (event.data or {}):
        return None
    return event.at + UNDO_WITHIN


def undo_merge(duplicate: Case, actor: User) -> Case:
    """Bring a merged duplicate back as it was before the merge (state, queue, assignee,
    priority and the clock of its stage), within 30 days of the merge; returns its survivor."""
    event = merge_event(duplicate)
    until = undo_deadline(duplicate)
    if event is None or until is None:
        raise TransitionError(_("This case is not merged into another."))
    if not can_see(actor, duplicate):
        raise TransitionError(_("You do not work on this case."), "forbidden")
    now = clock.now()
    if now > until:
        raise TransitionError(_("A merge can be undone within 30 days only."))
    survivor = session.get_one(Case, duplicate.merged_into_id)
    lock_case(duplicate)
    kept = dict(event.data["restore"])
    for name in MOMENTS:
        kept[name] = datetime.fromisoformat(kept[name]) if kept[name] else None
    for name in KEPT:
        setattr(duplicate, name, kept[name])
    duplicate.merged_into_id = None
    duplicate.closed_at = None
    if duplicate.due_at is not None:
        set_deadline(duplicate)  # the calendar may have changed while it was merged
    record_event(
        duplicate,
        actor,
        "transition",
        before=MERGED,
        after=duplicate.status,
        visibility=Visibility.PARTIES,
        data={"unmerged_from": survivor.reference},
    )
    record_event(
        survivor,
        actor,
        "unmerged",
        after=duplicate.reference,
        visibility=Visibility.PARTIES,
        data={"duplicate": duplicate.reference},
    )
    for party in told_parties(duplicate):
        queue_mail(
            party.email or "",
            "casework/unmerged",
            party.language,
            duplicate=duplicate,
            survivor=survivor,
            party=party,
        )
    session.flush()
    return survivor
