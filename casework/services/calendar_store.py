"""Calendars in the database: loading them for the arithmetic, seeding, editing, recomputing.

Mainland China's days are seeded from `chinesecalendar`, which carries the State Council's
official holidays and make-up working days year by year and knows which years it covers. A year it
does not cover yet (China publishes next year's days each November, after deadlines already run into
it) is filled provisionally from the `holidays` package's statutory days, without make-up working
days, and replaced when the official days arrive, from the library or from an admin.
"""

from __future__ import annotations

import logging
from datetime import date

import chinese_calendar
import holidays
from chinese_calendar import constants as official
from sqlalchemy import delete, select

from casework.models import Calendar, CalendarDay, CalendarYear, DayKind
from casework.services.calendars import WorkCalendar
from core.audit import record_audit
from core.db import session
from core.settings_cache import settings_changed

log = logging.getLogger(__name__)
DEFAULT_CALENDAR = "CN"
LIBRARY_SOURCE = f"chinesecalendar {chinese_calendar.__version__}"
PROVISIONAL = "provisional"  # how a year's source begins while only its statutory days are known
PROVISIONAL_SOURCE = f"{PROVISIONAL} holidays {holidays.__version__}"


def default_calendar() -> Calendar:
    calendar = session.scalar(select(Calendar).where(Calendar.code == DEFAULT_CALENDAR))
    if calendar is None:
        raise LookupError("the default calendar is missing: run `flask --app wsgi db upgrade`")
    return calendar


def load_calendar(calendar: Calendar, since: date | None = None) -> WorkCalendar:
    """The calendar's days (from `since` on, when given) as a value for the pure arithmetic."""
    days = select(CalendarDay).where(CalendarDay.calendar_id == calendar.id)
    if since is not None:
        days = days.where(CalendarDay.day >= since)
    holidays: dict[date, str] = {}
    workdays: dict[date, str] = {}
    for row in session.scalars(days):
        (workdays if row.kind == DayKind.WORKDAY else holidays)[row.day] = row.name
    years = session.scalars(
        select(CalendarYear.year).where(CalendarYear.calendar_id == calendar.id)
    ).all()
    weekend = frozenset(int(d) for d in calendar.weekend.split(",") if d.strip())
    return WorkCalendar(
        calendar.code, calendar.time_zone, weekend, holidays, workdays, frozenset(years)
    )


def library_days() -> dict[int, list[tuple[date, DayKind, str]]]:
    """Mainland China's official days per year, as the library has them."""
    years: dict[int, list[tuple[date, DayKind, str]]] = {}
    for table, kind in ((official.holidays, DayKind.HOLIDAY), (official.workdays, DayKind.WORKDAY)):
        for day, name in table.items():
            years.setdefault(day.year, []).append((day, kind, name))
    return years


def seed_from_library(calendar: Calendar) -> list[int]:
    """Add the library's official years the calendar lacks or has only provisionally."""
    sources = _year_sources(calendar)
    added = []
    for year, days in sorted(library_days().items()):
        if year in sources and not sources[year].startswith(PROVISIONAL):
            continue  # an admin's days for a year are never overwritten
        _replace_year(calendar, year, days, LIBRARY_SOURCE)
        added.append(year)
    session.flush()
    return added


def fill_provisional_years(calendar: Calendar, years: range) -> list[int]:
    """Give each of `years` without data the statutory days of the calendar's country, marked
    provisional; a calendar whose code names no country the `holidays` package knows is left."""
    if calendar.code not in holidays.list_supported_countries():
        return []
    sources = _year_sources(calendar)
    added = []
    for year in years:
        if year in sources:
            continue
        statutory = holidays.country_holidays(calendar.code, years=year)
        days = [(day, DayKind.HOLIDAY, name) for day, name in sorted(statutory.items())]
        _replace_year(calendar, year, days, PROVISIONAL_SOURCE)
        added.append(year)
    session.flush()
    return added


def _year_sources(calendar: Calendar) -> dict[int, str]:
    rows = session.execute(
        select(CalendarYear.year, CalendarYear.source).where(
            CalendarYear.calendar_id == calendar.id
        )
    )
    return {year: source for year, source in rows}


def _replace_year(
    calendar: Calendar, year: int, days: list[tuple[date, DayKind, str]], source: str
) -> None:
    session.execute(
        delete(CalendarDay).where(
            CalendarDay.calendar_id == calendar.id,
            CalendarDay.day.between(date(year, 1, 1), date(year, 12, 31)),
        )
    )
    session.add_all(CalendarDay(calendar_id=calendar.id, day=d, kind=k, name=n) for d, k, n in days)
    settings_changed()  # the bulk delete above passes no flush: say so ourselves
    row = session.get(CalendarYear, (calendar.id, year))
    if row is None:
        session.add(CalendarYear(calendar_id=calendar.id, year=year, source=source))
    else:
        row.source = source


def missing_years(calendar: Calendar, years: range) -> list[int]:
    """Which of `years` have no holiday data: there only weekends count (admins are warned)."""
    sources = _year_sources(calendar)
    return [year for year in years if year not in sources]


def provisional_years(calendar: Calendar, years: range) -> list[int]:
    """Which of `years` have only the provisional statutory days, no official list yet."""
    sources = _year_sources(calendar)
    return [year for year in years if sources.get(year, "").startswith(PROVISIONAL)]


def set_day(calendar: Calendar, day: date, kind: DayKind | None, name: str) -> CalendarDay | None:
    """Make `day` a holiday or a make-up working day (None: an ordinary day again)."""
    row = session.scalar(
        select(CalendarDay).where(CalendarDay.calendar_id == calendar.id, CalendarDay.day == day)
    )
    if kind is None:
        if row is not None:
            session.delete(row)
        row = None
    elif row is None:
        row = CalendarDay(calendar_id=calendar.id, day=day, kind=kind, name=name)
        session.add(row)
    else:
        row.kind, row.name = kind, name
    record_audit(
        "calendar.day_set",
        f"calendar:{calendar.code}",
        day=day.isoformat(),
        kind=kind.value if kind else None,
        name=name,
    )
    session.flush()
    return row


def mark_year_complete(calendar: Calendar, year: int, source: str = "admin") -> None:
    """Declare that the calendar now has every official holiday of `year`."""
    row = session.get(CalendarYear, (calendar.id, year))
    if row is None:
        session.add(CalendarYear(calendar_id=calendar.id, year=year, source=source))
    elif row.source.startswith(PROVISIONAL):
        row.source = source
    else:
        return
    record_audit("calendar.year_complete", f"calendar:{calendar.code}", year=year)
    session.flush()
