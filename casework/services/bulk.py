"""Bulk actions on a selection of cases: each case succeeds or fails on its own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from casework.kinds import case_kind, case_kinds
from casework.models import Case
from casework.services.access import can_see
from casework.services.assignment import AssignmentError, assign, change_priority
from casework.services.transitions import TransitionError, transition
from casework.workflow import MERGED
from core.db import session
from core.models import User

ACTIONS = ("assign", "transition", "priority")
MAX_SELECTION = 200


@dataclass(frozen=True)
class BulkResult:
    case_id: int
    reference: str
    ok: bool
    message: str = ""


def bulk_targets() -> dict[str, str]:
    """The states a bulk "Move to state" may name, with their labels: every kind's moves made
    with a reason alone (not on a kind's panel, and never merged: a merge needs a survivor)."""
    targets: dict[str, str] = {}
    for kind in case_kinds().values():
        for move in kind.workflow.transitions:
            if not move.via_panel and move.target != MERGED:
                targets.setdefault(move.target, kind.workflow.label(move.target))
    return targets


def _not_via_panel(case: Case, target: str) -> None:
    move = case_kind(case.kind).workflow.move(case.status, target)
    if move is not None and move.via_panel:
        raise TransitionError(_("This step needs more than a reason: make it on the case page."))


def apply_each(
    actor: User,
    case_ids: list[int],
    act: Callable[[Case], None],
    refusals: tuple[type[Exception], ...],
    model: type[Case] = Case,
) -> list[BulkResult]:
    """Run `act` on each selected case the actor works on, each in a savepoint of its own: a
    refusal (an error with a `message`) or a concurrent change fails that case only."""
    cases = {c.id: c for c in session.scalars(select(model).where(model.id.in_(case_ids)))}
    results = []
    for case_id in case_ids:
        case = cases.get(case_id)
        if case is None or not can_see(actor, case):
            results.append(BulkResult(case_id, "", False, _("You do not work on this case.")))
            continue
        try:
            with session.begin_nested():
                act(case)
        except refusals as error:
            results.append(
                BulkResult(case.id, case.reference, False, str(getattr(error, "message", error)))
            )
        except SQLAlchemyError:
            results.append(
                BulkResult(
                    case.id, case.reference, False, _("Someone else changed this case meanwhile.")
                )
            )
        else:
            results.append(BulkResult(case.id, case.reference, True))
    return results


def bulk_apply(
    actor: User,
    case_ids: list[int],
    action: str,
    *,
    target: str | None = None,
    assignee: User | None = None,
    priority: int | None = None,
    reason: str | None = None,
    reason_shared: bool = False,
) -> list[BulkResult]:
    """Apply one action to each selected case; a move's reason is for staff only unless
    `reason_shared`."""

    def act(case: Case) -> None:
        if action == "assign":
            assign(case, assignee, actor)
        elif action == "transition":
            _not_via_panel(case, target or "")
            transition(
                case, target or "", actor, reason, reason_shared=reason_shared, take_owner=False
            )
        else:
            change_priority(case, priority if priority is not None else -1, actor)

    return apply_each(actor, case_ids, act, (TransitionError, AssignmentError))
