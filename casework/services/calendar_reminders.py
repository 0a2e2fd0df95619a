"""Telling admins which business calendars lack next year's public holidays."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from casework.models import Calendar
from casework.services.calendar_store import missing_years
from core.db import session
from core.mail import queue_mail
from core.models import Role, User


def remind_calendar_years(now: datetime) -> dict[str, int]:
    """Tell admins which calendars have no public holidays for next year yet (DESIGN.md 4)."""
    year = now.year + 1
    calendars = [
        calendar
        for calendar in session.scalars(select(Calendar).order_by(Calendar.code))
        if missing_years(calendar, range(year, year + 1))
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
