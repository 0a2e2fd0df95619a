"""Daily rollups and the open-case snapshot, recomputed in the database (INSERT ... SELECT).

A refresh replaces the rows of the days it covers, so running it twice gives the same tables;
the job refreshes the last days every few minutes and a longer window each night, and
`flask --app wsgi insight rebuild` refreshes everything.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    SQLColumnExpression,
    String,
    and_,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    select,
    union_all,
)

from casework.models import Case
from core.db import session
from insight.models import (
    CaseFacts,
    CaseMove,
    DailyDurations,
    DailyIntake,
    DailyMoves,
    DailySubjects,
    OpenSnapshot,
    RollupState,
)

# Open cases by age: under 2 days, under 7, under 30, under 90, older (index = band).
AGE_BANDS = (timedelta(days=2), timedelta(days=7), timedelta(days=30), timedelta(days=90))
DUE_SOON = timedelta(days=2)
RECENT_DAYS = 2  # every few minutes: today and yesterday (cases filed, decided, escalated)
NIGHTLY_DAYS = 35  # each night: late corrections and reassignments of the last weeks


def _count_if(condition: SQLColumnExpression[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def refresh_days(first: date, last: date) -> None:
    """Recompute every daily rollup for the days first..last (inclusive); flushes."""
    for table in (DailyIntake, DailyMoves, DailyDurations, DailySubjects):
        session.execute(delete(table).where(table.day.between(first, last)))
    _intake(first, last)
    _moves(first, last)
    _durations(first, last)
    _subjects(first, last)
    session.flush()


def _intake(first: date, last: date) -> None:
    f = CaseFacts
    dims = (f.filed_day, f.kind, f.queue_id, f.platform, f.category, f.language)
    query = (
        select(
            *dims, func.count(), _count_if(f.analysed), _count_if(f.triaged), _count_if(f.corrected)
        )
        .where(f.filed_day.between(first, last))
        .group_by(*dims)
    )
    session.execute(
        insert(DailyIntake).from_select(
            [
                "day",
                "kind",
                "queue_id",
                "platform",
                "category",
                "language",
                "filed",
                "analysed",
                "triaged",
                "corrected",
            ],
            query,
        )
    )


def _moves(first: date, last: date) -> None:
    m = CaseMove
    dims = (
        m.day,
        m.kind,
        m.queue_id,
        m.platform,
        m.category,
        m.language,
        m.type,
        m.stage,
        m.target,
    )
    query = (
        select(*dims, func.count(), _count_if(m.within.is_not(None)), _count_if(m.within.is_(True)))
        .where(m.day.between(first, last))
        .group_by(*dims)
    )
    session.execute(
        insert(DailyMoves).from_select(
            [
                "day",
                "kind",
                "queue_id",
                "platform",
                "category",
                "language",
                "type",
                "stage",
                "target",
                "moves",
                "timed",
                "within",
            ],
            query,
        )
    )


def _durations(first: date, last: date) -> None:
    f = CaseFacts
    common = (f.kind, f.queue_id, f.platform, f.category, f.language)
    decisions = (
        select(
            f.decision_day.label("day"),
            *common,
            literal("decision").label("m"),
            f.decision.label("target"),
            f.decision_working_days.label("days"),
            func.count().label("n"),
            literal(0).label("timely"),
        )
        .where(f.decision_day.between(first, last), f.decision_working_days.is_not(None))
        .group_by(f.decision_day, *common, f.decision, f.decision_working_days)
    )
    outcomes = (
        select(
            f.outcome_day,
            *common,
            literal("outcome"),
            f.outcome,
            f.outcome_working_days,
            func.count(),
            _count_if(f.stages_late == 0),
        )
        .where(f.outcome_day.between(first, last), f.outcome_working_days.is_not(None))
        .group_by(f.outcome_day, *common, f.outcome, f.outcome_working_days)
    )
    session.execute(
        insert(DailyDurations).from_select(
            [
                "day",
                "kind",
                "queue_id",
                "platform",
                "category",
                "language",
                "milestone",
                "target",
                "working_days",
                "cases",
                "timely",
            ],
            union_all(decisions, outcomes),
        )
    )


def _subjects(first: date, last: date) -> None:
    f = CaseFacts
    keys = {
        "seller": (cast(f.seller_id, String(200)), f.seller_id.is_not(None)),
        "brand": (f.brand, f.brand != ""),
        "product": (f.product, f.product != ""),
    }
    for subject, (key, present) in keys.items():
        dims = (f.filed_day, f.kind, f.platform, key)
        query = (
            select(f.filed_day, f.kind, f.platform, literal(subject), key, func.count())
            .where(f.filed_day.between(first, last), present)
            .group_by(*dims)
        )
        session.execute(
            insert(DailySubjects).from_select(
                ["day", "kind", "platform", "subject", "key", "cases"], query
            )
        )


def take_snapshot(now: datetime) -> None:
    """Replace the open-case snapshot with the open cases as they are at `now`; flushes."""
    c, f = Case, CaseFacts
    bounds = [now - band for band in AGE_BANDS]  # newest first
    ages = [_count_if(c.created_at > bounds[0])]
    ages += [
        _count_if(and_(c.created_at <= bounds[i - 1], c.created_at > bounds[i]))
        for i in range(1, len(bounds))
    ]
    ages.append(_count_if(c.created_at <= bounds[-1]))
    levels = [_count_if(c.escalation_level == level) for level in (1, 2, 3)]
    dims = (
        c.kind,
        c.status,
        c.queue_id,
        c.assignee_id,
        func.coalesce(f.platform, ""),
        func.coalesce(c.category, ""),
        func.coalesce(c.language, ""),
    )
    query = (
        select(
            literal(now, OpenSnapshot.taken_at.type),
            *dims,
            func.count(),
            _count_if(and_(c.due_at > now, c.due_at <= now + DUE_SOON)),
            _count_if(c.due_at <= now),
            *ages,
            *levels,
        )
        .select_from(c)
        .outerjoin(f, f.case_id == c.id)
        .where(c.closed_at.is_(None))
        .group_by(*dims)
    )
    session.execute(delete(OpenSnapshot))
    session.execute(
        insert(OpenSnapshot).from_select(
            [
                "taken_at",
                "kind",
                "status",
                "queue_id",
                "assignee_id",
                "platform",
                "category",
                "language",
                "cases",
                "due_soon",
                "overdue",
                "age_0",
                "age_1",
                "age_2",
                "age_3",
                "age_4",
                "level_1",
                "level_2",
                "level_3",
            ],
            query,
        )
    )
    _state(now).snapshot_at = now
    session.flush()


def _state(now: datetime) -> RollupState:
    state = session.get(RollupState, 1)
    if state is None:
        state = RollupState(id=1, refreshed_at=now)
        session.add(state)
    return state


def refresh(now: datetime, days: int) -> dict[str, int]:
    """Refresh the last `days` days of rollups and the snapshot; flushes."""
    last = now.date() + timedelta(days=1)  # local days run up to a day ahead of UTC
    refresh_days(last - timedelta(days=days), last)
    take_snapshot(now)
    _state(now).refreshed_at = now
    session.flush()
    return {"days": days + 1}


def refresh_recent(now: datetime) -> dict[str, int]:
    """Recount today's and yesterday's figures and the open cases for the dashboard."""
    return refresh(now, RECENT_DAYS)


def refresh_nightly(now: datetime) -> dict[str, int]:
    """Recount the figures of the last five weeks (late corrections, reassignments)."""
    return refresh(now, NIGHTLY_DAYS)


def rebuild(now: datetime) -> dict[str, int]:
    """Refresh every day that has facts; flushes."""
    first = session.scalar(select(func.min(CaseFacts.filed_day)))
    if first is None:
        return refresh(now, 1)
    return refresh(now, max((now.date() - first).days + 1, 1))


def refreshed() -> RollupState | None:
    """When the figures were last refreshed (None: never)."""
    return session.get(RollupState, 1)
