"""Working days follow the official calendar: holidays skipped, make-up days counted."""

from __future__ import annotations

import logging
from datetime import date

import pytest
from flask import Flask
from sqlalchemy import delete, select

from casework.models import Calendar, CalendarDay, CalendarYear, DayKind
from casework.services.calendar_reminders import fill_calendar_years, remind_calendar_years
from casework.services.calendar_store import (
    fill_provisional_years,
    load_calendar,
    mark_year_complete,
    provisional_years,
    seed_from_library,
    set_day,
)
from casework.services.calendars import (
    WorkCalendar,
    add_working_days,
    count_working_days,
    working_days_between,
)
from casework.services.stages import recompute_deadlines
from core.db import session
from core.models import OutboxMessage, Role
from core.settings_cache import settings_changed
from tests.factories import file_case, make_queue, make_staff, shanghai


@pytest.fixture
def china(app: Flask):
    with app.app_context():
        yield load_calendar(session.scalars(select(Calendar).where(Calendar.code == "CN")).one())


@pytest.mark.parametrize(
    ("filed", "due"),
    [
        # Spring Festival 2025: 28 Jan - 4 Feb off; Sunday 26 Jan, Saturday 8 Feb are working days.
        ("2025-01-24 10:00", "2025-02-10"),
        # Spring Festival 2026: 15-23 Feb off; Saturdays 14 and 28 Feb are working days.
        ("2026-02-13 16:30", "2026-03-02"),
        # National Day 2025: 1-8 Oct off; Sunday 28 Sep and Saturday 11 Oct are working days.
        ("2025-09-26 09:00", "2025-10-13"),
        # National Day 2026: 1-7 Oct off; Sunday 20 Sep and Saturday 10 Oct are working days.
        ("2026-09-30 23:30", "2026-10-15"),
        ("2026-09-18 12:00", "2026-09-29"),
    ],
)
def test_seven_working_days_across_the_great_holidays(china, filed: str, due: str) -> None:
    deadline = add_working_days(shanghai(filed), 7, china)
    assert deadline == shanghai(f"{due} 23:59:59")


def test_the_day_of_filing_is_the_day_in_shanghai(china) -> None:
    # 17:00 UTC on Friday 13 Feb 2026 is already Saturday 14 Feb in Shanghai (a make-up day).
    friday_utc = shanghai("2026-02-14 01:00")
    assert count_working_days(china.local_day(friday_utc), 1, china).end == date(2026, 2, 24)


def test_make_up_days_and_holidays_are_named_in_the_count(china) -> None:
    count = count_working_days(date(2026, 2, 13), 7, china)
    assert [day for day, _ in count.made_up] == [date(2026, 2, 14), date(2026, 2, 28)]
    assert (date(2026, 2, 17), "Spring Festival") in count.skipped
    assert (date(2026, 3, 1), "weekend") in count.skipped
    assert count.years_without_data == ()


def test_working_days_between_counts_make_up_days(china) -> None:
    assert working_days_between(date(2026, 9, 18), date(2026, 9, 21), china) == 2
    assert working_days_between(date(2026, 9, 30), date(2026, 10, 8), china) == 1
    assert working_days_between(date(2026, 10, 8), date(2026, 10, 8), china) == 0


def test_a_year_without_holiday_data_counts_weekends_only_and_says_so(china) -> None:
    count = count_working_days(date(2031, 1, 30), 7, china)  # years ahead of any calendar
    assert count.end == date(2031, 2, 10)
    assert count.years_without_data == (2031,)


def test_filing_into_a_year_without_data_warns(app, in_app, caplog) -> None:
    make_queue(triage=True, name="Triage 2031")
    with caplog.at_level(logging.WARNING):
        case = file_case(at="2031-01-30 10:00")
    assert case.due_explanation["years_without_data"] == [2031]
    assert "no holiday data" in caplog.text


def test_next_year_has_provisional_statutory_holidays_before_the_official_list(china) -> None:
    # 2027 is not published yet: 1 January and the Spring Festival are holidays all the same.
    assert china.is_working_day(date(2027, 1, 1)) is False
    assert count_working_days(date(2026, 12, 28), 7, china).end == date(2027, 1, 7)
    assert count_working_days(date(2026, 12, 28), 7, china).years_without_data == ()
    assert not china.is_working_day(date(2027, 2, 8))


def _forget_year(calendar: Calendar, year: int) -> None:
    session.execute(delete(CalendarYear).where(CalendarYear.year == year))
    session.execute(
        delete(CalendarDay).where(CalendarDay.day.between(date(year, 1, 1), date(year, 12, 31)))
    )
    settings_changed()  # bulk deletes pass no flush


def test_the_daily_job_fills_next_year_and_moves_open_deadlines(app, in_app) -> None:
    calendar = session.scalars(select(Calendar).where(Calendar.code == "CN")).one()
    _forget_year(calendar, 2027)
    case = file_case(at="2026-12-28 10:00")  # 1 January counted as a working day
    assert case.due_at == shanghai("2027-01-06 23:59:59")
    counts = fill_calendar_years(shanghai("2026-12-29 02:15"))
    assert counts["years_filled"] == 1 and counts["deadlines_recomputed"] >= 1
    session.refresh(case)
    assert case.due_at == shanghai("2027-01-07 23:59:59")
    assert provisional_years(calendar, range(2027, 2028)) == [2027]
    assert fill_calendar_years(shanghai("2026-12-30 02:15"))["years_filled"] == 0


def test_official_days_replace_provisional_ones_and_an_admin_can_confirm_a_year(app, in_app):
    calendar = session.scalars(select(Calendar).where(Calendar.code == "CN")).one()
    _forget_year(calendar, 2026)
    assert fill_provisional_years(calendar, range(2026, 2027)) == [2026]
    assert load_calendar(calendar).is_working_day(date(2026, 2, 14)) is False  # no make-up days
    assert 2026 in seed_from_library(calendar)  # the library has the official 2026
    assert provisional_years(calendar, range(2026, 2027)) == []
    assert load_calendar(calendar).is_working_day(date(2026, 2, 14)) is True
    mark_year_complete(calendar, 2027)
    assert provisional_years(calendar, range(2027, 2028)) == []


def test_pure_functions_need_no_database() -> None:
    plain = WorkCalendar("X", "UTC", holidays={date(2026, 1, 1): "New Year"})
    assert add_working_days(shanghai("2025-12-31 20:00"), 1, plain) == shanghai(
        "2026-01-03 07:59:59"
    )  # Friday 2 January, end of day in UTC
    with pytest.raises(ValueError):
        count_working_days(date(2026, 1, 1), -1, plain)


def test_a_new_holiday_moves_the_open_deadlines_it_touches(app, in_app) -> None:
    case = file_case(at="2026-03-02 10:00")  # due at the end of Wednesday 11 March
    assert case.due_at == shanghai("2026-03-11 23:59:59")
    calendar = session.get(Calendar, case.calendar_id)
    set_day(calendar, date(2026, 3, 5), DayKind.HOLIDAY, "Storm closure")
    assert recompute_deadlines(calendar.id, date(2026, 3, 5)) >= 1
    session.commit()
    session.refresh(case)
    assert case.due_at == shanghai("2026-03-12 23:59:59")
    assert ["2026-03-05", "Storm closure"] in case.due_explanation["skipped"]


def test_admins_are_reminded_on_1_november_when_next_year_is_missing(app, in_app) -> None:
    admin = make_staff(Role.ADMIN)
    counts = remind_calendar_years(shanghai("2026-11-01 09:00"))
    assert counts["reminders"] >= 1
    mail = session.scalars(
        select(OutboxMessage).where(OutboxMessage.to_address == admin.email)
    ).one()
    assert "2027" in mail.subject and "Mainland China" in mail.body
