"""The public transparency report of a quarter (E-Commerce Law art. 44; DSA arts. 15 and 24).

Counts and shares only, from the rollups and the IPR records: no name, no contact, no text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import and_, case, func, select

from complaints.workflow import COMPLAINT_WORKFLOW, ComplaintState
from core import clock
from core.db import session
from core.errors import Refusal
from insight.models import DailyDurations, DailyIntake, DailyMoves, MoveType
from insight.services.figures import percentile
from insight.services.filters import Filters
from ipr.models import MisuseKind, MisuseMeasure, Notice, StandingChange
from ipr.workflow import LISTING_WORKFLOW
from ipr.workflow import ListingState as L

QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
LISTING, COMPLAINT = LISTING_WORKFLOW.kind, COMPLAINT_WORKFLOW.kind


class QuarterError(Refusal):
    """A quarter that is malformed or has no report yet."""


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @property
    def first(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last(self) -> date:
        if self.number == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.number + 1, 1) - timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"


def current_quarter() -> Quarter:
    today = clock.now().date()
    return Quarter(today.year, (today.month - 1) // 3 + 1)


def recent_quarters(count: int = 8) -> list[Quarter]:
    """The current quarter and those before it, newest first."""
    quarter, found = current_quarter(), []
    for _step in range(count):
        found.append(quarter)
        quarter = (
            Quarter(quarter.year, quarter.number - 1)
            if quarter.number > 1
            else Quarter(quarter.year - 1, 4)
        )
    return found


def parse_quarter(text: str) -> Quarter:
    """ "2026-Q4" as a quarter; refuses other shapes and quarters outside 2000..now."""
    found = QUARTER.match(text or "")
    if not found:
        raise QuarterError(_("Name a quarter as YYYY-Qn, for example 2026-Q4."))
    quarter = Quarter(int(found.group(1)), int(found.group(2)))
    if quarter.year < 2000 or (quarter.year, quarter.number) > (
        current_quarter().year,
        current_quarter().number,
    ):
        raise QuarterError(
            _("There is no report for %(quarter)s yet.", quarter=str(quarter)), "not_found"
        )
    return quarter


def _grouped(table: Any, value: Any, *groups: Any, where: list[Any]) -> list[tuple[Any, ...]]:
    return [
        tuple(row)
        for row in session.execute(
            select(*groups, func.coalesce(func.sum(value), 0))
            .where(*where)
            .group_by(*groups)
            .order_by(*groups)
        ).all()
    ]


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _notices(quarter: Quarter) -> dict[str, Any]:
    start = datetime.combine(quarter.first, time(0), UTC)
    end = datetime.combine(quarter.last, time.max, UTC)
    in_quarter = and_(Notice.created_at >= start, Notice.created_at <= end)
    counted: dict[str, int] = {}
    for kind, n in session.execute(
        select(Notice.infringement_type, func.count())
        .where(in_quarter)
        .group_by(Notice.infringement_type)
    ).all():
        counted[kind or "other"] = counted.get(kind or "other", 0) + n
    by_type = sorted(counted.items())
    standing = (
        select(StandingChange.good_standing)
        .where(StandingChange.holder_id == Notice.holder_id, StandingChange.at <= Notice.created_at)
        .order_by(StandingChange.at.desc(), StandingChange.id.desc())
        .limit(1)
        .correlate(Notice)
        .scalar_subquery()
    )
    total, good = session.execute(
        select(
            func.count(), func.coalesce(func.sum(case((standing.is_(True), 1), else_=0)), 0)
        ).where(in_quarter)
    ).one()
    measures = dict(
        session.execute(
            select(MisuseMeasure.kind, func.count())
            .where(MisuseMeasure.decided_at >= start, MisuseMeasure.decided_at <= end)
            .group_by(MisuseMeasure.kind)
        ).all()
    )
    return {
        "received_by_type": [{"type": t, "notices": n} for t, n in by_type],
        "received": sum(n for _t, n in by_type),
        "from_holders_in_good_standing": good,
        "share_from_holders_in_good_standing": _share(good, total),
        "misuse_warnings": measures.get(MisuseKind.WARNING, 0),
        "misuse_suspensions": measures.get(MisuseKind.SUSPENSION, 0),
    }


def report(quarter: Quarter) -> dict[str, Any]:
    """Every figure of the quarter's report, as plain data (the page and the JSON alike)."""
    period = Filters(quarter.first, quarter.last)
    i, m, d = DailyIntake, DailyMoves, DailyDurations
    listings_by_type = _grouped(i, i.filed, i.category, where=[*period.on(i), i.kind == LISTING])
    decisions = _grouped(
        d, d.cases, d.target, where=[*period.on(d), d.kind == LISTING, d.milestone == "decision"]
    )
    hist = [
        tuple(row)
        for row in _grouped(
            d,
            d.cases,
            d.working_days,
            where=[*period.on(d), d.kind == LISTING, d.milestone == "decision"],
        )
    ]
    after = dict(
        _grouped(
            m,
            m.moves,
            m.target,
            where=[
                *period.on(m),
                m.kind == LISTING,
                m.type == MoveType.EXIT.value,
                m.target.in_((L.COUNTER_NOTICED, L.RESTORED, L.UPHELD)),
            ],
        )
    )
    outcomes = _grouped(
        d,
        d.cases,
        d.category,
        d.target,
        where=[
            *period.on(d),
            d.kind == COMPLAINT,
            d.milestone == "outcome",
            d.target != ComplaintState.MERGED,
        ],
    )
    ended, timely = session.execute(
        select(func.coalesce(func.sum(d.cases), 0), func.coalesce(func.sum(d.timely), 0)).where(
            *period.on(d),
            d.kind == COMPLAINT,
            d.milestone == "outcome",
            d.target != ComplaintState.MERGED,
        )
    ).one()
    median = percentile(hist, 0.5)
    return {
        "quarter": str(quarter),
        "from": quarter.first.isoformat(),
        "to": quarter.last.isoformat(),
        "notices": _notices(quarter),
        "listings_by_type": [{"type": t or "other", "listings": n} for t, n in listings_by_type],
        "listing_decisions": [{"decision": t, "listings": n} for t, n in decisions],
        "median_working_days_to_decide_a_listing": None if median is None else round(median, 1),
        "counter_notices": after.get(L.COUNTER_NOTICED, 0),
        "restorations": after.get(L.RESTORED, 0),
        "takedowns_upheld_after_counter_notice": after.get(L.UPHELD, 0),
        "complaints_by_category_and_outcome": [
            {"category": c or "other", "outcome": o, "complaints": n} for c, o, n in outcomes
        ],
        "complaints_ended": ended,
        "complaints_ended_in_time": timely,
        "share_of_complaints_ended_in_time": _share(timely, ended),
    }
