"""A stage's deadline, its escalation moments and a readable explanation: pure functions.

A stage of `sla_days` working days counts from `start`; `used` days were already spent on it
before a pause (DESIGN.md sections 4 and 6). Escalation levels fall at shares of the stage's
working time: warning at 75%, overdue at 100%, very overdue at 200%.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import format_date
from flask_babel import gettext as _

from casework.models import EscalationLevel
from casework.services.calendars import WorkCalendar, count_working_days, working_time_point

ESCALATION_SHARES = {
    EscalationLevel.WARNING: 0.75,
    EscalationLevel.OVERDUE: 1.0,
    EscalationLevel.VERY_OVERDUE: 2.0,
}


@dataclass(frozen=True)
class Deadline:
    due_at: datetime
    next_escalation_at: datetime | None
    explanation: dict[str, Any]


def escalation_moment(
    start: datetime, sla_days: int, used: int, level: int, calendar: WorkCalendar
) -> datetime | None:
    """When a stage reaches escalation `level` (None past the last level)."""
    if level not in ESCALATION_SHARES:
        return None
    return working_time_point(
        start, ESCALATION_SHARES[EscalationLevel(level)] * sla_days - used, calendar
    )


def stage_deadline(
    start: datetime,
    sla_days: int,
    calendar: WorkCalendar,
    used: int = 0,
    level: int = EscalationLevel.NONE,
    counted_from: str | None = None,
) -> Deadline:
    """The deadline of a stage, when it next escalates after `level`, and how it was computed."""
    remaining = max(sla_days - used, 0)
    count = count_working_days(calendar.local_day(start), remaining, calendar)
    explanation = {
        "calendar": calendar.code,
        "time_zone": calendar.time_zone,
        "start": start.isoformat(),
        "start_day": count.start.isoformat(),
        "counted_from": counted_from,
        "sla_days": sla_days,
        "used": used,
        "end_day": count.end.isoformat(),
        "skipped": [[day.isoformat(), why] for day, why in count.skipped],
        "made_up": [[day.isoformat(), name] for day, name in count.made_up],
        "years_without_data": list(count.years_without_data),
    }
    return Deadline(
        calendar.end_of(count.end),
        escalation_moment(start, sla_days, used, level + 1, calendar),
        explanation,
    )


def describe_deadline(explanation: dict[str, Any]) -> list[str]:
    """The explanation as sentences for the case page, in the reader's language."""

    def day(value: str) -> str:
        return format_date(datetime.fromisoformat(value).date(), "medium")

    lines = [
        _(
            "%(days)d working days counted from %(start)s (day 0, calendar %(calendar)s, "
            "time zone %(zone)s).",
            days=explanation["sla_days"],
            start=day(explanation["start_day"]),
            calendar=explanation["calendar"],
            zone=explanation["time_zone"],
        )
    ]
    if explanation.get("counted_from"):
        lines.append(
            _(
                "The clock of this stage runs from when the case entered “%(state)s”.",
                state=explanation["counted_from"].replace("_", " "),
            )
        )
    if explanation.get("used"):
        lines.append(
            _(
                "%(used)d working days were used before the clock was paused; the pause "
                "was not counted.",
                used=explanation["used"],
            )
        )
    weekends = [d for d, why in explanation["skipped"] if why == "weekend"]
    holidays = [(d, why) for d, why in explanation["skipped"] if why != "weekend"]
    if weekends:
        lines.append(_("Weekend days skipped: %(days)s.", days=", ".join(map(day, weekends))))
    for value, name in holidays:
        lines.append(_("Skipped %(day)s: public holiday (%(name)s).", day=day(value), name=name))
    for value, name in explanation["made_up"]:
        lines.append(
            _("Counted %(day)s: make-up working day (%(name)s).", day=day(value), name=name)
        )
    for year in explanation["years_without_data"]:
        lines.append(
            _(
                "Warning: the calendar has no holiday data for %(year)d, so only weekends "
                "were skipped in that year.",
                year=year,
            )
        )
    lines.append(_("Due at the end of %(day)s.", day=day(explanation["end_day"])))
    return lines
