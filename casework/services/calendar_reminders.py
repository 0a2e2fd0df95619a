"""Keeping business calendars ahead of the deadlines: provisional years filled, admins told."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from casework.models import Calendar
from casework.services.calendar_store import (
    DEFAULT_CALENDAR,
    fill_provisional_years,
    missing_years,
    provisional_years,
    seed_from_library,
)
from casework.services.stages import recompute_deadlines
from core.db import session
from core.mail import queue_mail
from core.models import Role, User


def fill_calendar_years(now: datetime) -> dict[str, int]:
    """Give this year and next their holidays (official where the library has them, otherwise
    provisional) and recompute the open deadlines of every year that changed."""
    changed = recomputed = 0
    for calendar in session.scalars(select(Calendar).order_by(Calendar.code)):
        official = seed_from_library(calendar) if calendar.code == DEFAULT_CALENDAR else []
        provisional = fill_provisional_years(calendar, range(now.year, now.year + 2))
        for year in sorted(set(official) | set(provisional)):
            if year >= now.year:  # the past has no open deadline to move
                recomputed += recompute_deadlines(calendar.id, date(year, 1, 1), date(year, 12, 31))
            changed += 1
    return {"years_filled": changed, "deadlines_recomputed": recomputed}


def remind_calendar_years(now: datetime) -> dict[str, int]:
    """Tell admins which calendars have no official holidays for next year yet (DESIGN.md 4)."""
    year = now.year + 1
    calendars = [
        calendar
        for calendar in session.scalars(select(Calendar).order_by(Calendar.code))
        if missing_years(calendar, range(year, year + 1))
        or provisional_years(calendar, range(year, year + 1))
    ]
    reminders = 0
    if calendars:
        admins = session.scalars(select(User).where(User.role == Role.ADMIN, User.active))
        for admin in admins:
            queue_mail(
                admin.email,
                "casework/calendar_reminder",
                admin.language,
                user=admin,
                year=year,
                calendars=calendars,
            )
            reminders += 1
    return {"reminders": reminders, "calendars_missing": len(calendars)}
