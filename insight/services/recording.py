"""Facts kept as cases move: a flush hook on the casework timeline (nothing in casework calls us).

Every line casework adds to a timeline passes through the session; when it is a filing, a
transition, an escalation or an NLP correction, insight notes what its figures need in the same
transaction: the case's dimensions, the deadline in force when a stage was left (read from the
case's unflushed attribute history, since the transition has already set the next stage's) and
the working days spent, counted on the case's own calendar so that holidays do not count.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from flask import has_app_context
from sqlalchemy import event as sa_event
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from casework.kinds import case_kinds
from casework.models import Case, CaseEvent
from casework.services.calendars import working_days_between
from casework.services.corrections import CORRECTION
from casework.services.filing import below_triage
from casework.services.stages import calendar_of
from casework.workflow import SYSTEM
from complaints.workflow import COMPLAINT_WORKFLOW, ComplaintState
from core.db import session as db_session
from insight.models import CaseFacts, CaseMove, MoveType
from ipr.workflow import LISTING_WORKFLOW, ListingState

# The states that decide a case, per kind: acceptance or rejection of a complaint, the takedown
# or rejection of a reported listing. Other kinds: these names wherever they occur.
DECISIONS: dict[str, frozenset[str]] = {
    COMPLAINT_WORKFLOW.kind: frozenset({ComplaintState.ACCEPTED, ComplaintState.REJECTED}),
    LISTING_WORKFLOW.kind: frozenset({ListingState.TAKEN_DOWN, ListingState.REJECTED}),
}
DEFAULT_DECISIONS = frozenset(
    {ComplaintState.ACCEPTED, ComplaintState.REJECTED, ListingState.TAKEN_DOWN}
)


def _answer(actor: str, _target: str, within: bool | None) -> str:
    if actor == SYSTEM:
        return "no_answer"
    return "answered_late" if within is False else "answered"


# How the seller responded, as the open data says it: from the stage it was asked in.
SELLER_RESPONSES: dict[str, Callable[[str, str, bool | None], str]] = {
    ComplaintState.AWAITING_SELLER: _answer,
    ComplaintState.WITH_SELLER: lambda _actor, target, _within: (
        "settled" if target == ComplaintState.RESOLVED else "not_settled"
    ),
}
_FACTS: dict[int, dict[int, CaseFacts]] = {}  # the facts of the cases in one flush


def _old(case: Case, name: str) -> Any:
    """The value `name` had before the changes not yet flushed."""
    history = inspect(case).attrs[name].history
    if history.added:
        return history.deleted[0] if history.deleted else None
    return getattr(case, name)


def _platform(case: Case) -> str:
    seller = case.seller
    if seller is not None and seller.platform is not None:
        return seller.platform.name[:80]
    own = getattr(case, "platform", None)  # a listing names its platform
    if own is not None and isinstance(getattr(own, "name", None), str):
        return own.name[:80]
    return (getattr(case, "platform_name", None) or "")[:80]


def _brand(case: Case) -> str:
    own = getattr(case, "brand", None)
    if isinstance(own, str) and own.strip():
        return own.strip()[:120]
    for entity in (case.nlp_analysis or {}).get("entities", []):
        if entity.get("label") == "BRAND" and str(entity.get("text", "")).strip():
            return str(entity["text"]).strip()[:120]
    return ""


def _product(case: Case) -> str:
    product = getattr(case, "product", None)
    return " ".join(product.lower().split())[:200] if isinstance(product, str) else ""


def _dimensions(case: Case) -> dict[str, Any]:
    return {
        "kind": case.kind,
        "queue_id": case.queue_id,
        "platform": _platform(case),
        "category": case.category or "",
        "language": case.language or "",
    }


def _pending_facts(flushing: Session, case_id: int) -> CaseFacts | None:
    """The case's facts: read for the whole flush at its start, or added during it."""
    return _FACTS.get(id(flushing), {}).get(case_id)


def new_facts(case: Case, filed_day: date) -> CaseFacts:
    """The facts of a case not seen before, with its dimensions as they are now."""
    facts = CaseFacts(
        case_id=case.id,
        kind=case.kind,
        filed_day=filed_day,
        analysed=case.nlp_analysis is not None,
        triaged=below_triage(case),
        corrected=False,
        stages_timed=0,
        stages_late=0,
        seller_response="",
    )
    _update(facts, case)
    return facts


def _update(facts: CaseFacts, case: Case) -> None:
    dims = _dimensions(case)
    facts.queue_id, facts.platform = dims["queue_id"], dims["platform"]
    facts.category, facts.language = dims["category"], dims["language"]
    facts.seller_id, facts.brand, facts.product = case.seller_id, _brand(case), _product(case)


def _facts(flushing: Session, case: Case) -> CaseFacts:
    facts = _pending_facts(flushing, case.id)
    if facts is None:
        facts = new_facts(case, calendar_of(case).local_day(case.created_at))
        flushing.add(facts)
        _FACTS.setdefault(id(flushing), {})[case.id] = facts
    else:
        _update(facts, case)
    return facts


def _working_days(case: Case, start: datetime, end: datetime) -> int:
    calendar = calendar_of(case)
    return working_days_between(calendar.local_day(start), calendar.local_day(end), calendar)


def _left_stage(flushing: Session, case: Case, line: CaseEvent) -> None:
    facts = _facts(flushing, case)
    stage, target, at = line.before or "", line.after or "", line.at
    due_at = _old(case, "due_at")
    started = _old(case, "stage_started_at") or case.created_at
    within = None if due_at is None else at <= due_at
    if within is not None:
        facts.stages_timed += 1
        facts.stages_late += 0 if within else 1
    if stage in SELLER_RESPONSES:
        facts.seller_response = SELLER_RESPONSES[stage](line.actor_label, target, within)
    flushing.add(
        CaseMove(
            case_id=case.id,
            type=MoveType.EXIT,
            at=at,
            day=_day(case, at),
            stage=stage,
            target=target,
            due_at=due_at,
            within=within,
            working_days=_working_days(case, started, at),
            **_dimensions(case),
        )
    )
    since_filing = None
    if facts.decision is None and target in DECISIONS.get(case.kind, DEFAULT_DECISIONS):
        since_filing = _working_days(case, case.created_at, at)
        facts.decision, facts.decision_at = target, at
        facts.decision_day, facts.decision_working_days = _day(case, at), since_filing
    kind = case_kinds().get(case.kind)
    decided = kind is not None and kind.workflow.state(target).decided
    if decided and facts.outcome is None:
        facts.outcome, facts.outcome_at, facts.outcome_day = target, at, _day(case, at)
        facts.outcome_working_days = (
            since_filing if since_filing is not None else _working_days(case, case.created_at, at)
        )


def _day(case: Case, at: datetime) -> date:
    return calendar_of(case).local_day(at)


def _escalated(flushing: Session, case: Case, line: CaseEvent) -> None:
    facts = _pending_facts(flushing, case.id)
    dims = (
        _dimensions(case)
        if facts is None
        else {
            "kind": facts.kind,
            "queue_id": case.queue_id,
            "platform": facts.platform,
            "category": facts.category,
            "language": facts.language,
        }
    )
    flushing.add(
        CaseMove(
            case_id=case.id,
            type=MoveType.ESCALATED,
            at=line.at,
            day=_day(case, line.at),
            stage=case.status,
            target=line.after or "",
            **dims,
        )
    )


def _corrected(flushing: Session, case: Case, line: CaseEvent) -> None:
    facts = _facts(flushing, case)
    facts.corrected = True
    flushing.add(
        CaseMove(
            case_id=case.id,
            type=MoveType.CORRECTION,
            at=line.at,
            day=_day(case, line.at),
            stage=line.before or "",
            target=line.after or "",
            **_dimensions(case),
        )
    )


HANDLERS = {
    "filed": lambda flushing, case, line: _facts(flushing, case),
    "transition": _left_stage,
    "escalated": _escalated,
    CORRECTION: _corrected,
}


@sa_event.listens_for(Session, "before_flush")
def _note_case_facts(flushing: Session, _context: Any, _instances: Any) -> None:
    lines = [obj for obj in flushing.new if isinstance(obj, CaseEvent) and obj.type in HANDLERS]
    if not lines or not has_app_context() or flushing is not db_session.registry():
        return  # only the application's own session (a test's arranging session is not)
    # one query for the facts of every case in the flush (an escalation sweep flushes hundreds);
    # none when every line files a new case, which has no facts yet (the commonest flush)
    wanted = {line.case_id for line in lines if line.type != "filed"}
    _FACTS[id(flushing)] = (
        {
            facts.case_id: facts
            for facts in flushing.scalars(select(CaseFacts).where(CaseFacts.case_id.in_(wanted)))
        }
        if wanted
        else {}
    )
    try:
        for line in sorted(lines, key=lambda line: (line.at, id(line))):
            case = flushing.get(Case, line.case_id)
            if case is not None:
                HANDLERS[line.type](flushing, case, line)
    finally:
        _FACTS.pop(id(flushing), None)
