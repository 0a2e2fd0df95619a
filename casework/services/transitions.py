"""Moving a case from one state to another: the one way a case's status ever changes."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from casework.kinds import case_kind
from casework.models import Case, CaseEvent, Visibility
from casework.services.access import Actor, can_see
from casework.services.assignment import take_if_unowned
from casework.services.stages import enter_stage
from casework.services.timeline import MAX_TEXT, record_event
from casework.workflow import MERGED, Transition, moves_for
from core import clock
from core.db import session
from core.errors import Refusal
from core.models import User
from sellers.services.ledger import publish_decided


class TransitionError(Refusal):
    """A refused move: "refused" (400), "forbidden" (403) or "conflict" (409, moved meanwhile)."""


def lock_case(case: Case) -> None:
    """Wait for any other transaction moving this case, then make sure ours is not stale.

    PostgreSQL holds the row until we commit, so a second mover waits here and then finds the
    version changed; elsewhere the version check of the UPDATE catches it.
    """
    try:
        session.flush()
    except StaleDataError as error:
        raise _conflict() from error
    current = session.scalar(
        select(Case.version)
        .where(Case.id == case.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if current != case.version:
        raise _conflict()


def _conflict() -> TransitionError:
    return TransitionError(
        _("Someone else changed this case meanwhile. Reload it and try again."), "conflict"
    )


def allowed_moves(case: Case, actor: Actor | User) -> list[Transition]:
    """The moves the actor may make now (the buttons on the case page)."""
    who = Actor.of(actor)
    if who.user is not None and not can_see(who.user, case):
        return []
    return moves_for(case_kind(case.kind).workflow, case.status, {who.label})


def transition(
    case: Case,
    to: str,
    actor: Actor | User,
    reason: str | None = None,
    *,
    visibility: Visibility = Visibility.PARTIES,
    data: dict[str, Any] | None = None,
    reason_shared: bool = True,
    merging: bool = False,
    take_owner: bool = True,
) -> CaseEvent:
    """Move `case` to state `to` if the workflow allows it and `actor` may; record it and set
    the new stage's deadline, all in the caller's transaction. Refuses with TransitionError.

    With `reason_shared` false the reason is kept from the parties: the move shows on their
    timeline without it, and the reason goes on an internal note beside it. Only a merge
    (`merging`, from casework.services.merging) may end a case as merged. A staff member who
    moves an unowned case on (accepts it, asks the consumer) becomes its owner, unless
    `take_owner` is false (bulk moves)."""
    who = Actor.of(actor)
    workflow = case_kind(case.kind).workflow
    if to == MERGED and not merging:
        raise TransitionError(merge_needs_a_survivor())
    lock_case(case)
    move = workflow.move(case.status, to)
    if move is None:
        raise TransitionError(
            _(
                "A case in state “%(state)s” cannot move to “%(target)s”.",
                state=workflow.label(case.status),
                target=workflow.label(to),
            )
        )
    if who.label not in move.by:
        raise TransitionError(
            _("You may not move this case to “%(target)s”.", target=workflow.label(to)), "forbidden"
        )
    if who.user is not None and who.user.role.is_staff and not can_see(who.user, case):
        raise TransitionError(_("You do not work on this case."), "forbidden")
    reason = (reason or "").strip() or None
    if move.needs_reason and not reason:
        raise TransitionError(_("Give a reason for this step."))
    if reason and len(reason) > MAX_TEXT:
        raise TransitionError(_("At most %(n)d characters, please.", n=MAX_TEXT))
    now = clock.now()
    source = case.status
    enter_stage(case, workflow, source, to, now)
    case.status = to
    case.closed_at = now if workflow.state(to).decided else None
    shared = reason_shared or visibility == Visibility.INTERNAL
    event = record_event(
        case,
        who,
        "transition",
        before=source,
        after=to,
        body=reason if shared else None,
        visibility=visibility,
        data=data,
    )
    if reason and not shared:
        record_event(case, who, "note", body=reason, data={"reason_for": to})
    if take_owner and who.user is not None and who.user.role.is_staff:
        take_if_unowned(case, who.user)
    try:
        session.flush()
    except StaleDataError as error:
        raise _conflict() from error
    # After the flush that records the move: publishing queries, and an earlier autoflush would
    # hide the stage's old deadline from the facts that record it.
    decided_by_staff = who.user is not None and who.user.role.is_staff
    if case.closed_at is not None and case.seller_id is not None and decided_by_staff:
        publish_decided(case.seller_id, now)  # even a decision that counts no points
    return event


def merge_needs_a_survivor() -> str:
    return _(
        "A merge needs the case that goes on: use “Merge into another case” on the case page "
        "and give its reference."
    )


def can_move(case: Case, to: str, actor: User) -> bool:
    return any(move.target == to for move in allowed_moves(case, actor))
