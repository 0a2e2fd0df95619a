"""Casework's scheduled jobs; their bodies live in casework.services."""

from casework.services.calendar_reminders import fill_calendar_years, remind_calendar_years
from casework.services.escalation import escalate_due_cases
from casework.services.retention import purge_personal_data, remind_parties
from core.jobs import Job

JOBS = (
    Job(
        "remind",
        "7 * * * *",
        remind_parties,
        "Remind parties whose answer is due within 2 working days, once per deadline.",
    ),
    Job(
        "purge_personal_data",
        "30 3 * * *",
        purge_personal_data,
        "Anonymise the personal data of cases closed longer than the retention period.",
    ),
    Job(
        "escalate",
        "*/5 * * * *",
        escalate_due_cases,
        "Raise late cases to warning, overdue and very overdue; tell officers and supervisors.",
    ),
    Job(
        "fill_calendar_years",
        "15 2 * * *",
        fill_calendar_years,
        "Give this year and next their holidays (provisional until official) and move deadlines.",
    ),
    # China publishes next year's holidays in November; Alaveteli reminds on 1 November too.
    Job(
        "holiday_year_reminder",
        "0 1 1 11 *",
        remind_calendar_years,
        "On 1 November, tell admins which calendars lack next year's public holidays.",
    ),
)
