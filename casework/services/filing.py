"""Opening a case: its reference, its queue, its first stage, its search keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Executable, Table, delete, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from casework.kinds import case_kind
from casework.models import Case, CaseKey, Queue, QueueRule, ReferenceCounter, Visibility
from casework.services.access import SYSTEM_ACTOR, Actor
from casework.services.assignment import assign_balanced
from casework.services.stages import enter_stage
from casework.services.timeline import record_event
from core import clock
from core.db import session
from core.models import LANGUAGES, User
from core.settings_cache import cached, watch

watch(Queue, QueueRule)  # routing is cached per process
TRIAGE_BELOW = 0.5  # NLP confidence under which a person decides, where the analysis names none


def next_reference(prefix: str, year: int) -> str:
    """The next reference of a prefix and year, e.g. C-2026-000123; never given twice."""
    counter = cast(Table, ReferenceCounter.__table__)
    bump = (
        update(counter)
        .where(counter.c.prefix == prefix, counter.c.year == year)
        .values(last=counter.c.last + 1)
        .returning(counter.c.last)
    )
    number = session.execute(bump).scalar()
    if number is None:
        session.execute(_first_counter(counter, prefix, year))
        number = session.execute(bump).scalar_one()
    return f"{prefix}-{year}-{number:06d}"


def _first_counter(counter: Table, prefix: str, year: int) -> Executable:
    """Start a counter at 0, doing nothing where a concurrent filing has just started it."""
    values = {"prefix": prefix, "year": year, "last": 0}
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql_insert(counter).values(values).on_conflict_do_nothing()
    if dialect == "sqlite":
        return sqlite_insert(counter).values(values).on_conflict_do_nothing()
    return insert(counter).values(values)


ROUTED_BY = ("kind", "category", "language", "priority", "jurisdiction")


@dataclass(frozen=True)
class Routing:
    """Every case's routing, kept per process (core.settings_cache) until a queue or rule
    changes: the triage queue and the rules in order, as (queue id, wanted values)."""

    triage_id: int | None
    rules: tuple[tuple[int, tuple[Any, ...]], ...]

    def queue_id(self, case: Case) -> int | None:
        for queue_id, wanted in self.rules:
            pairs = zip(ROUTED_BY, wanted, strict=True)
            if all(value is None or getattr(case, name) == value for name, value in pairs):
                return queue_id
        return self.triage_id


def _routing() -> Routing:
    triage = session.scalar(select(Queue.id).where(Queue.triage).order_by(Queue.id).limit(1))
    rules = session.scalars(select(QueueRule).order_by(QueueRule.position, QueueRule.id))
    return Routing(
        triage, tuple((r.queue_id, tuple(getattr(r, name) for name in ROUTED_BY)) for r in rules)
    )


def below_triage(case: Case) -> bool:
    """Is the NLP too unsure of the case for it to be routed without a person? The threshold is
    the model's own (fitted where its confidence is right 85 % of the time), stored with it."""
    threshold = (case.nlp_analysis or {}).get("triage_below", TRIAGE_BELOW)
    return case.nlp_confidence is not None and case.nlp_confidence < threshold


def route(case: Case, confirmed: bool = False) -> Queue | None:
    """The queue of the first rule the case matches; triage for low NLP confidence (unless a
    person `confirmed` its category) or no match."""
    routing = cached("routing", _routing)
    found = routing.triage_id if below_triage(case) and not confirmed else routing.queue_id(case)
    return session.get(Queue, found) if found is not None else None


def index_case(case: Case) -> None:
    """Refresh the case's search text and relation keys from its kind."""
    kind = case_kind(case.kind)
    case.search_text = f"{case.reference} {kind.search_text(case)}"[:100_000]
    session.flush()
    session.execute(delete(CaseKey).where(CaseKey.case_id == case.id))
    keys = {
        (name, value.strip().lower()[:500])
        for name, value in kind.relation_keys(case)
        if value and value.strip()
    }
    session.add_all(CaseKey(case_id=case.id, name=name, value=value) for name, value in keys)


def open_case(
    case: Case, actor: Actor | User = SYSTEM_ACTOR, analysis: dict[str, Any] | None = None
) -> Case:
    """File a new case of a registered kind: number it, route it, start its first deadline."""
    kind = case_kind(case.kind)
    now = clock.now()
    if analysis is not None:
        case.nlp_analysis = analysis
        case.nlp_confidence = analysis.get("confidence")
        case.category = case.category or analysis.get("category")
        detected = analysis.get("language")
        # A text in neither language Redress speaks is stored as such, whatever the filer's
        # own language: officers and rules route it by the language it is written in.
        if detected and detected not in LANGUAGES:
            case.language = detected
        case.language = case.language or detected
    case.reference = case.reference or next_reference(kind.reference_prefix, now.year)
    case.status = kind.workflow.initial
    case.created_at = case.last_activity_at = case.stage_started_at = now
    queue = route(case)
    case.queue_id = queue.id if queue else None
    case.calendar_id = queue.calendar_id if queue else case.calendar_id
    session.add(case)
    session.flush()
    record_event(case, actor, "filed", after=case.status, visibility=Visibility.PUBLIC)
    session.flush()
    enter_stage(case, kind.workflow, None, case.status, now)
    index_case(case)
    if queue is not None and queue.auto_assign:
        assign_balanced(case)
    session.flush()
    return case
