"""The supervisor dashboard's figures, each read from the rollups with one grouped query.

Every figure is a small table (its rows are groups, never cases) that the page shows as a chart,
as a table, and as CSV; its `summary` is the chart's text alternative.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import case, desc, func, select

from casework.kinds import case_kinds
from casework.models import EscalationLevel, Queue
from complaints.workflow import COMPLAINT_WORKFLOW, ComplaintState
from core.db import session
from core.models import User
from insight.models import (
    DailyDurations,
    DailyIntake,
    DailyMoves,
    DailySubjects,
    MoveType,
    OpenSnapshot,
)
from insight.services.filters import Filters
from ipr.workflow import LISTING_WORKFLOW, ListingState
from sellers.models import Seller

AGE_LABELS = (
    _l("under 2 days"),
    _l("2 to 7 days"),
    _l("7 to 30 days"),
    _l("30 to 90 days"),
    _l("90 days or more"),
)
LEVEL_LABELS = {
    EscalationLevel.NONE: _l("none"),
    EscalationLevel.WARNING: _l("warning"),
    EscalationLevel.OVERDUE: _l("overdue"),
    EscalationLevel.VERY_OVERDUE: _l("very overdue"),
}
TOP = 10
# (what, kind, milestone, targets): the times the dashboard gives median and 90th percentile of.
TIMES = (
    (_l("Filing to acceptance"), COMPLAINT_WORKFLOW.kind, "decision", (ComplaintState.ACCEPTED,)),
    (_l("Filing to takedown"), LISTING_WORKFLOW.kind, "decision", (ListingState.TAKEN_DOWN,)),
    (_l("Filing to resolution (any final outcome but a merge)"), None, "outcome", None),
)


@dataclass
class Figure:
    key: str
    title: str
    columns: list[str]
    rows: list[tuple[Any, ...]]
    chart: str | None = None  # bar, line, or None (a table only)
    summary: str = ""  # the chart's text alternative
    value_column: int = -1  # the column the chart plots, against column 0
    notes: list[str] = field(default_factory=list)

    @property
    def chart_data(self) -> dict[str, Any]:
        return {
            "type": self.chart,
            "labels": [str(row[0]) for row in self.rows],
            "values": [row[self.value_column] for row in self.rows],
            "label": self.title,
        }


def describe(figure: Figure, unit: str = "") -> str:
    """A sentence saying what the chart shows, for those who cannot see it."""
    if not figure.rows:
        return _("%(title)s: no data for these filters.", title=figure.title)
    values = [(row[0], row[figure.value_column]) for row in figure.rows]
    label, top = max(values, key=lambda pair: pair[1] or 0)
    kind = _("line chart") if figure.chart == "line" else _("bar chart")
    return _(
        "%(title)s, %(kind)s of %(n)d values from %(first)s to %(last)s; the highest is "
        "%(label)s with %(value)s%(unit)s. The table beside it has every value.",
        title=figure.title,
        kind=kind,
        n=len(values),
        first=values[0][0],
        last=values[-1][0],
        label=label,
        value=top,
        unit=unit,
    )


def percentile(histogram: Sequence[tuple[int, int]], share: float) -> float | None:
    """The `share` percentile (0..1) of values given as sorted (value, count) pairs, with linear
    interpolation between neighbours as PostgreSQL's percentile_cont does."""
    total = sum(count for _value, count in histogram)
    if total == 0:
        return None
    position = share * (total - 1)
    low, high = math.floor(position), math.ceil(position)

    def value_at(index: int) -> int:
        seen = 0
        for value, count in histogram:
            seen += count
            if index < seen:
                return value
        return histogram[-1][0]

    lower, upper = value_at(low), value_at(high)
    return lower + (upper - lower) * (position - low)


def _kind_label(kind: str) -> str:
    found = case_kinds().get(kind)
    return str(found.label) if found else kind


def _state_label(kind: str, state: str) -> str:
    found = case_kinds().get(kind)
    try:
        return str(found.workflow.label(state)) if found else state
    except KeyError:
        return state


def _sum(column: Any) -> Any:
    return func.coalesce(func.sum(column), 0)


def open_figures(filters: Filters) -> list[Figure]:
    """Open cases now: by kind, stage, queue, officer, and by age."""
    s = OpenSnapshot
    where = filters.on(s, period=False)
    by_kind = session.execute(
        select(s.kind, _sum(s.cases)).where(*where).group_by(s.kind).order_by(s.kind)
    ).all()
    by_stage = session.execute(
        select(s.kind, s.status, _sum(s.cases))
        .where(*where)
        .group_by(s.kind, s.status)
        .order_by(s.kind, s.status)
    ).all()
    by_queue = session.execute(
        select(func.coalesce(Queue.name, ""), _sum(s.cases))
        .select_from(s)
        .outerjoin(Queue, Queue.id == s.queue_id)
        .where(*where)
        .group_by(Queue.name)
        .order_by(desc(_sum(s.cases)))
    ).all()
    by_age = session.execute(
        select(*(_sum(getattr(s, f"age_{band}")) for band in range(len(AGE_LABELS)))).where(*where)
    ).one()
    figures = [
        Figure(
            "open_kind",
            _("Open cases by kind"),
            [_("Kind"), _("Open cases")],
            [(_kind_label(kind), n) for kind, n in by_kind],
            "bar",
        ),
        Figure(
            "open_stage",
            _("Open cases by stage"),
            [_("Stage"), _("Open cases")],
            [
                (f"{_kind_label(kind)}: {_state_label(kind, state)}", n)
                for kind, state, n in by_stage
            ],
            "bar",
        ),
        Figure(
            "open_queue",
            _("Open cases by queue"),
            [_("Queue"), _("Open cases")],
            [(name or _("no queue"), n) for name, n in by_queue],
            "bar",
        ),
        Figure(
            "backlog_age",
            _("Backlog by age"),
            [_("Age"), _("Open cases")],
            [(str(label), by_age[band]) for band, label in enumerate(AGE_LABELS)],
            "bar",
        ),
    ]
    return figures


def workload(filters: Filters | None = None) -> list[tuple[int | None, str, int, int, int, int]]:
    """Per officer: (user id, name, open, due within two days, overdue, escalated)."""
    s = OpenSnapshot
    where = filters.on(s, period=False) if filters else []
    escalated = func.sum(s.level_2 + s.level_3)
    rows = session.execute(
        select(
            s.assignee_id,
            User.name,
            _sum(s.cases),
            _sum(s.due_soon),
            _sum(s.overdue),
            func.coalesce(escalated, 0),
        )
        .select_from(s)
        .outerjoin(User, User.id == s.assignee_id)
        .where(*where)
        .group_by(s.assignee_id, User.name)
        .order_by(desc(_sum(s.cases)), User.name)
    ).all()
    return [
        (user_id, name or _("unassigned"), n, soon, late, high)
        for user_id, name, n, soon, late, high in rows
    ]


def intake_figures(filters: Filters) -> list[Figure]:
    """Cases filed per day and per ISO week in the period."""
    i = DailyIntake
    counted: dict[date, int] = dict(
        session.execute(select(i.day, _sum(i.filed)).where(*filters.on(i)).group_by(i.day)).all()
    )
    daily = [
        (day, counted.get(day, 0))
        for day in (
            filters.first + timedelta(days=n)
            for n in range((filters.last - filters.first).days + 1)
        )
    ]
    weeks: dict[str, int] = {}
    for day, n in daily:
        year, week, _weekday = day.isocalendar()
        weeks[f"{year}-W{week:02d}"] = weeks.get(f"{year}-W{week:02d}", 0) + n
    return [
        Figure(
            "intake_day",
            _("Cases filed per day"),
            [_("Day"), _("Cases filed")],
            [(day.isoformat(), n) for day, n in daily],
            "line",
        ),
        Figure(
            "intake_week",
            _("Cases filed per week"),
            [_("Week"), _("Cases filed")],
            list(weeks.items()),
            "bar",
        ),
    ]


def sla_figure(filters: Filters) -> Figure:
    """Share of stages left within their deadline, per kind and stage."""
    m = DailyMoves
    rows = session.execute(
        select(m.kind, m.stage, _sum(m.timed), _sum(m.within))
        .where(*filters.on(m), m.type == MoveType.EXIT.value, m.timed > 0)
        .group_by(m.kind, m.stage)
        .order_by(m.kind, m.stage)
    ).all()
    return Figure(
        "sla",
        _("Decided within the deadline, per stage (%)"),
        [_("Stage"), _("Stages left"), _("Within the deadline"), _("Share (%)")],
        [
            (
                f"{_kind_label(kind)}: {_state_label(kind, stage)}",
                timed,
                within,
                round(100 * within / timed, 1),
            )
            for kind, stage, timed, within in rows
        ],
        "bar",
    )


def histogram(
    filters: Filters, kind: str | None, milestone: str, targets: tuple[str, ...] | None
) -> list[tuple[int, int]]:
    """(working days, cases) of a milestone in the period, summed in the database."""
    d = DailyDurations
    where = [*filters.on(d), d.milestone == milestone]
    if kind is not None:
        where.append(d.kind == kind)
    where.append(d.target.in_(targets) if targets else d.target != ComplaintState.MERGED)
    return [
        tuple(row)
        for row in session.execute(
            select(d.working_days, _sum(d.cases))
            .where(*where)
            .group_by(d.working_days)
            .order_by(d.working_days)
        ).all()
    ]


def times_figure(filters: Filters) -> Figure:
    """Median and 90th percentile of working days from filing to each milestone."""
    rows = []
    for title, kind, milestone, targets in TIMES:
        if filters.kind is not None and kind is not None and filters.kind != kind:
            continue
        counts = histogram(filters, kind, milestone, targets)
        median, p90 = percentile(counts, 0.5), percentile(counts, 0.9)
        rows.append(
            (
                str(title),
                sum(n for _d, n in counts),
                None if median is None else round(median, 1),
                None if p90 is None else round(p90, 1),
            )
        )
    return Figure(
        "times",
        _("Time to act, in working days"),
        [_("Measure"), _("Cases"), _("Median"), _("90th percentile")],
        rows,
        "bar",
        value_column=2,
    )


def escalation_figure(filters: Filters) -> Figure:
    """Escalations raised in the period per level, and open cases at each level now."""
    m, s = DailyMoves, OpenSnapshot
    raised: dict[str, int] = dict(
        session.execute(
            select(m.target, _sum(m.moves))
            .where(*filters.on(m), m.type == MoveType.ESCALATED.value)
            .group_by(m.target)
        ).all()
    )
    now = dict(
        zip(
            (1, 2, 3),
            session.execute(
                select(_sum(s.level_1), _sum(s.level_2), _sum(s.level_3)).where(
                    *filters.on(s, period=False)
                )
            ).one(),
            strict=True,
        )
    )
    rows = [
        (str(label), raised.get(level.name.lower(), 0), now.get(int(level), 0))
        for level, label in LEVEL_LABELS.items()
        if level != EscalationLevel.NONE
    ]
    return Figure(
        "escalations",
        _("Escalations"),
        [_("Level"), _("Raised in the period"), _("Open cases at this level now")],
        rows,
        "bar",
        value_column=1,
    )


def top_figures(filters: Filters) -> list[Figure]:
    """The sellers, brands, products, platforms and categories with the most cases."""
    t, i = DailySubjects, DailyIntake
    where = filters.on(t, only=("kind", "platform"))

    def top(subject: str) -> list[tuple[str, int]]:
        return [
            tuple(row)
            for row in session.execute(
                select(t.key, _sum(t.cases))
                .where(*where, t.subject == subject)
                .group_by(t.key)
                .order_by(desc(_sum(t.cases)), t.key)
                .limit(TOP)
            ).all()
        ]

    sellers = top("seller")
    names = (
        dict(
            session.execute(
                select(Seller.id, Seller.name).where(
                    Seller.id.in_([int(key) for key, _n in sellers])
                )
            ).all()
        )
        if sellers
        else {}
    )

    def top_intake(column: Any) -> list[tuple[str, int]]:
        return [
            tuple(row)
            for row in session.execute(
                select(column, _sum(i.filed))
                .where(*filters.on(i), column != "")
                .group_by(column)
                .order_by(desc(_sum(i.filed)), column)
                .limit(TOP)
            ).all()
        ]

    note = _("Top lists of sellers and brands follow the period, kind and platform filters.")
    return [
        Figure(
            "top_sellers",
            _("Sellers with the most cases"),
            [_("Seller"), _("Cases")],
            [(names.get(int(key), key), n) for key, n in sellers],
            "bar",
            notes=[note],
        ),
        Figure(
            "top_platforms",
            _("Platforms with the most cases"),
            [_("Platform"), _("Cases")],
            top_intake(i.platform),
            "bar",
        ),
        Figure(
            "top_categories",
            _("Categories with the most cases"),
            [_("Category"), _("Cases")],
            top_intake(i.category),
            "bar",
        ),
        Figure(
            "top_brands",
            _("Brands named most"),
            [_("Brand"), _("Cases")],
            top("brand"),
            "bar",
            notes=[note],
        ),
    ]


def nlp_figure(filters: Filters) -> Figure:
    """How much the NLP triaged, and how often officers corrected it."""
    i, m = DailyIntake, DailyMoves
    filed, analysed, triaged, corrected = session.execute(
        select(_sum(i.filed), _sum(i.analysed), _sum(i.triaged), _sum(i.corrected)).where(
            *filters.on(i)
        )
    ).one()
    corrections, changed = session.execute(
        select(_sum(m.moves), _sum(case((m.stage != m.target, m.moves), else_=0))).where(
            *filters.on(m), m.type == MoveType.CORRECTION.value
        )
    ).one()

    def share(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    rows = [
        (_("Cases filed"), filed, None),
        (_("Analysed by the NLP"), analysed, share(analysed, filed)),
        (_("Sent to triage (low confidence)"), triaged, share(triaged, analysed)),
        (_("Cases an officer corrected"), corrected, share(corrected, analysed)),
        (_("Corrections made"), corrections, None),
        (_("Corrections that changed the category"), changed, share(changed, corrections)),
    ]
    return Figure(
        "nlp",
        _("NLP triage and officer corrections"),
        [_("Measure"), _("Count"), _("Share (%)")],
        rows,
        None,
        value_column=1,
    )


def dashboard(filters: Filters) -> list[Figure]:
    """Every figure of the dashboard, with text alternatives for the charts."""
    figures = [
        *open_figures(filters),
        *intake_figures(filters),
        sla_figure(filters),
        times_figure(filters),
        escalation_figure(filters),
        *top_figures(filters),
        nlp_figure(filters),
    ]
    for figure in figures:
        if figure.chart and not any(row[figure.value_column] for row in figure.rows):
            figure.chart = None  # nothing to draw: the table says so
        if figure.chart:
            figure.summary = describe(figure)
    return figures
