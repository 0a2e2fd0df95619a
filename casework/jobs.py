"""Casework's scheduled jobs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from casework.calendar_store import missing_years
from casework.escalation import escalate_due_cases
from casework.models import Calendar
from casework.retention import purge_personal_data, remind_parties
from core.db import session
from core.jobs import Job
from core.mail import queue_mail
from core.models import Role, User


def remind_calendar_years(now: datetime) -> dict[str, int]:
    """Tell admins which calendars have no public holidays for next year yet (DESIGN.md 4)."""
    year = now.year + 1
    calendars = [calendar for calendar in session.scalars(select(Calendar).order_by(Calendar.code))
                 if missing_years(calendar, range(year, year + 1))]
    reminders = 0
    if calendars:
        admins = session.scalars(select(User).where(User.role == Role.ADMIN, User.active))
        for admin in admins:
            queue_mail(admin.email, "casework/calendar_reminder", admin.language, user=admin,
                       year=year, calendars=calendars)
            reminders += 1
        session.commit()
    return {"reminders": reminders, "calendars_missing": len(calendars)}


JOBS = (
    Job("remind", "7 * * * *", remind_parties,
        "Remind parties whose answer is due within 2 working days, once per deadline."),
    Job("purge_personal_data", "30 3 * * *", purge_personal_data,
        "Anonymise the personal data of cases closed longer than the retention period."),
    Job("escalate", "*/5 * * * *", escalate_due_cases,
        "Raise late cases to warning, overdue and very overdue; tell officers and supervisors."),
    # China publishes next year's holidays in November; Alaveteli reminds on 1 November too.
    Job("holiday_year_reminder", "0 1 1 11 *", remind_calendar_years,
        "On 1 November, tell admins which calendars lack next year's public holidays."),
)
