"""The clock of a case's current stage: started, paused, resumed, stopped, recomputed."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, or_, select

from casework.models import (
    Calendar,
    CalendarDay,
    CalendarYear,
    Case,
    CaseEvent,
    EscalationLevel,
    SlaPolicy,
)
from casework.services.calendar_store import default_calendar, load_calendar
from casework.services.calendars import WorkCalendar, working_days_between
from casework.services.deadlines import stage_deadline
from casework.workflow import MERGED, State, Workflow
from core.db import session
from core.settings_cache import cached, watch

log = logging.getLogger(__name__)
watch(Calendar, CalendarDay, CalendarYear, SlaPolicy)  # a change moves deadlines computed after it


def calendar_of(case: Case) -> WorkCalendar:
    """The case's calendar (the default one when it has none), every year of it, cached per
    process until a calendar changes (core.settings_cache)."""
    return cached(("calendar", case.calendar_id), lambda: _load_calendar(case.calendar_id))


def _load_calendar(calendar_id: int | None) -> WorkCalendar:
    return load_calendar(
        session.get_one(Calendar, calendar_id) if calendar_id else default_calendar()
    )


def sla_days_of(kind: str, state: State) -> int | None:
    """The working days of a state: an admin's SLA policy, else the workflow's."""
    overrides = cached("sla_policies", _sla_policies)
    return overrides.get((kind, state.name), state.sla_days)


def _sla_policies() -> dict[tuple[str, str], int]:
    return {(p.kind, p.state): p.sla_days for p in session.scalars(select(SlaPolicy))}


def entered_at(case: Case, state: str) -> datetime | None:
    """When the case last entered `state` (filed in it, or moved into it; coming back from a
    merge that was undone is not entering it anew)."""
    return session.scalar(
        select(func.max(CaseEvent.at)).where(
            CaseEvent.case_id == case.id,
            CaseEvent.type.in_(("filed", "transition")),
            CaseEvent.after == state,
            or_(CaseEvent.before.is_(None), CaseEvent.before != MERGED),
        )
    )


def _stop_clock(case: Case) -> None:
    case.due_at = case.next_escalation_at = case.due_explanation = None


def enter_stage(
    case: Case, workflow: Workflow, source: str | None, target: str, now: datetime
) -> None:
    """Set the case's clock for entering `target` from `source` (None when filed)."""
    before = workflow.state(source) if source else None
    after = workflow.state(target)
    if after.decided:
        case.paused_stage = None
        _stop_clock(case)
        return
    if after.paused:
        if before is not None and not before.paused and case.sla_days is not None:
            calendar = calendar_of(case)
            case.sla_days_used += working_days_between(
                calendar.local_day(case.stage_started_at), calendar.local_day(now), calendar
            )
            case.paused_stage = source
        _stop_clock(case)
        return
    if before is not None and before.paused and target == case.paused_stage:
        start, used, level = now, case.sla_days_used, case.escalation_level  # resume
    else:
        start = (entered_at(case, after.counted_from) if after.counted_from else None) or now
        used, level = 0, EscalationLevel.NONE
    case.paused_stage = None
    case.stage_started_at, case.sla_days_used, case.escalation_level = start, used, level
    case.sla_days = sla_days_of(case.kind, after)
    if case.sla_days is None:
        _stop_clock(case)
        return
    set_deadline(case, after.counted_from)


def set_deadline(case: Case, counted_from: str | None = None) -> None:
    """Compute the due time, next escalation and explanation from the case's clock fields."""
    if case.sla_days is None:
        return
    calendar = calendar_of(case)
    if counted_from is None and case.due_explanation:
        counted_from = case.due_explanation.get("counted_from")
    deadline = stage_deadline(
        case.stage_started_at,
        case.sla_days,
        calendar,
        used=case.sla_days_used,
        level=case.escalation_level,
        counted_from=counted_from,
    )
    if deadline.explanation["years_without_data"]:
        log.warning(
            "calendar %s has no holiday data for %s: case %s counts weekends only",
            calendar.code,
            deadline.explanation["years_without_data"],
            case.reference,
        )
    case.due_at = deadline.due_at
    case.next_escalation_at = deadline.next_escalation_at
    case.due_explanation = deadline.explanation


def recompute_deadlines(
    calendar_id: int, day: date, last: date | None = None, batch: int = 500
) -> int:
    """After a change to `day` (or the days from `day` to `last`) in a calendar, recompute the
    open deadlines it can touch."""
    first = datetime.combine(day, time(0), UTC)
    end = datetime.combine(last or day, time(0), UTC)
    ids = list(
        session.scalars(
            select(Case.id).where(
                Case.calendar_id == calendar_id,
                Case.closed_at.is_(None),
                Case.due_at >= first - timedelta(days=1),
                Case.stage_started_at <= end + timedelta(days=1),
            )
        )
    )
    for start in range(0, len(ids), batch):
        for case in session.scalars(select(Case).where(Case.id.in_(ids[start : start + batch]))):
            set_deadline(case)
        session.flush()
    return len(ids)
