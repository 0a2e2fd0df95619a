"""Working-day arithmetic: pure functions over a loaded business calendar (DESIGN.md section 4).

Day 0 is the day something happened, in the calendar's time zone; "n working days" ends at the
end of the n-th working day after it. Weekends are skipped unless a make-up working day says
otherwise; public holidays are skipped. A year without holiday data falls back to weekends only,
and the count says so, so that callers can warn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

END_OF_DAY = time(23, 59, 59)


@dataclass(frozen=True)
class WorkCalendar:
    """A calendar as loaded from the database: weekend days, holidays, make-up days, known years."""

    code: str
    time_zone: str = "Asia/Shanghai"
    weekend: frozenset[int] = frozenset({5, 6})  # Monday is 0
    holidays: dict[date, str] = field(default_factory=dict, hash=False)
    workdays: dict[date, str] = field(default_factory=dict, hash=False)  # make-up working days
    years: frozenset[int] = frozenset()  # years whose holiday data is complete

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def is_working_day(self, day: date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() not in self.weekend

    def local_day(self, moment: datetime) -> date:
        """The calendar day of `moment` in this calendar's time zone."""
        return moment.astimezone(self.zone).date()

    def end_of(self, day: date) -> datetime:
        """The last second of `day` in this calendar's time zone, in UTC."""
        return datetime.combine(day, END_OF_DAY, self.zone).astimezone(UTC)

    def start_of(self, day: date) -> datetime:
        return datetime.combine(day, time(0), self.zone).astimezone(UTC)


@dataclass(frozen=True)
class DayCount:
    """How a count of working days went: where it ended, what it skipped or counted."""

    start: date
    end: date
    working_days: int
    skipped: tuple[tuple[date, str], ...]  # (day, holiday name or "weekend")
    made_up: tuple[tuple[date, str], ...]  # weekend days that were working days
    years_without_data: tuple[int, ...]


def count_working_days(start: date, n: int, calendar: WorkCalendar) -> DayCount:
    """Walk from `start` (day 0) to the n-th working day after it, noting every day skipped."""
    if n < 0:
        raise ValueError("a number of working days cannot be negative")
    day, counted = start, 0
    skipped: list[tuple[date, str]] = []
    made_up: list[tuple[date, str]] = []
    missing: set[int] = set()
    while counted < n:
        day += timedelta(days=1)
        if day.year not in calendar.years:
            missing.add(day.year)
        if calendar.is_working_day(day):
            counted += 1
            if day in calendar.workdays:
                made_up.append((day, calendar.workdays[day]))
        else:
            skipped.append((day, calendar.holidays.get(day, "weekend")))
    return DayCount(start, day, n, tuple(skipped), tuple(made_up), tuple(sorted(missing)))


def add_working_days(start: datetime, n: int, calendar: WorkCalendar) -> datetime:
    """The end of the n-th working day after the day of `start` (in the calendar's zone), in UTC."""
    return calendar.end_of(count_working_days(calendar.local_day(start), n, calendar).end)


def working_days_between(start: date, end: date, calendar: WorkCalendar) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not after `start`)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += calendar.is_working_day(day)
    return count


def working_time_point(start: datetime, days: float, calendar: WorkCalendar) -> datetime:
    """The moment `days` (fractional) working days after the day of `start` have been used.

    Whole numbers end at the end of that working day; a fraction runs into the next working
    day in proportion (0.25 of a day is 06:00 of it), which is where shares of a deadline fall.
    """
    if days <= 0:
        return start
    whole = math.floor(days)
    fraction = days - whole
    count = count_working_days(calendar.local_day(start), whole, calendar)
    if fraction == 0:
        return calendar.end_of(count.end)
    following = count_working_days(count.end, 1, calendar).end
    return calendar.start_of(following) + timedelta(days=fraction)
