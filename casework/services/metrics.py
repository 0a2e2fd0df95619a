"""The case figures /metrics publishes (core.metrics reads them at scrape time): open cases by kind
and stage, by escalation level (overdue is level 2 and up), and how many wait in triage."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select

from casework.models import Case, EscalationLevel, Queue
from core.db import session
from core.metrics import GaugeRows


def case_gauges() -> Iterable[GaugeRows]:
    open_cases = Case.closed_at.is_(None)
    by_stage = session.execute(
        select(Case.kind, Case.status, func.count())
        .where(open_cases)
        .group_by(Case.kind, Case.status)
    ).all()
    yield (
        "redress_open_cases",
        "Open cases by kind and stage",
        ["kind", "status"],
        [([kind, status], float(count)) for kind, status, count in by_stage],
    )
    levels = dict(
        session.execute(
            select(Case.escalation_level, func.count())
            .where(open_cases, Case.escalation_level > EscalationLevel.NONE)
            .group_by(Case.escalation_level)
        ).all()
    )
    yield (
        "redress_open_cases_escalated",
        "Open cases past 75% (warning), 100% (overdue) or 200% (very_overdue) of the stage",
        ["level"],
        [
            ([level.name.lower()], float(levels.get(level, 0)))
            for level in EscalationLevel
            if level != EscalationLevel.NONE
        ],
    )
    triage = session.scalar(
        select(func.count()).select_from(Case).join(Queue).where(open_cases, Queue.triage)
    )
    yield (
        "redress_open_cases_in_triage",
        "Open cases waiting in triage",
        [],
        [([], float(triage or 0))],
    )
