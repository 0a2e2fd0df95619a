"""The rights holder's window after a counter-notice, by the listing's rule (DESIGN.md section 5).

Pure arithmetic over a loaded calendar, so every rule can be checked day by day:
- PRC (E-Commerce Law art. 43): 15 calendar days from the holder's receipt of the forwarded
  counter-notice (day 0 is the day of receipt, in the calendar's time zone); a public holiday does
  not lengthen it. An officer may add up to 20 working days of that calendar for notarisation or
  authentication of foreign evidence (SPC reply of 2020).
- US DMCA s.512(g) (copyright only): the listing comes back 10 to 14 business days after the
  counter-notice reached us, unless the holder shows a court action first. The holder gets 10
  business days from its own receipt, but never past the 14th business day after ours.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from casework.services.calendars import WorkCalendar, count_working_days
from ipr.models import CounterNoticeRule, RightType

PRC_CALENDAR_DAYS = 15
MAX_EXTENSION_WORKING_DAYS = 20
DMCA_MIN_BUSINESS_DAYS = 10
DMCA_MAX_BUSINESS_DAYS = 14
US_TIME_ZONE = "America/New_York"


def rule_for(jurisdiction: str | None, right_type: RightType | None) -> CounterNoticeRule:
    """Which law sets the window: the DMCA for a copyright listing in the US, else the PRC's."""
    if (jurisdiction or "").upper() == "US" and right_type == RightType.COPYRIGHT:
        return CounterNoticeRule.US_DMCA
    return CounterNoticeRule.PRC


def prc_window(received: datetime, calendar: WorkCalendar) -> tuple[datetime, dict[str, Any]]:
    """The end of the 15th calendar day after the holder's receipt, and how it was counted."""
    start = calendar.local_day(received)
    end = start + timedelta(days=PRC_CALENDAR_DAYS)
    return calendar.end_of(end), {
        "rule": CounterNoticeRule.PRC.value,
        "calendar_days": PRC_CALENDAR_DAYS,
        "time_zone": calendar.time_zone,
        "start_day": start.isoformat(),
        "end_day": end.isoformat(),
        "extension_working_days": 0,
    }


def extended_window(
    ends_at: datetime, working_days: int, calendar: WorkCalendar, explanation: dict[str, Any]
) -> tuple[datetime, dict[str, Any]]:
    """The window moved on by `working_days` working days after the day it ended."""
    count = count_working_days(calendar.local_day(ends_at), working_days, calendar)
    return calendar.end_of(count.end), {
        **explanation,
        "extension_working_days": working_days,
        "extension_calendar": calendar.code,
        "end_day": count.end.isoformat(),
        "extension_skipped": [[day.isoformat(), why] for day, why in count.skipped],
    }


def dmca_window(
    filed: datetime, received: datetime, calendar: WorkCalendar
) -> tuple[datetime, dict[str, Any]]:
    """10 business days from the holder's receipt, capped at 14 after the counter-notice."""
    ours = count_working_days(calendar.local_day(filed), DMCA_MAX_BUSINESS_DAYS, calendar)
    theirs = count_working_days(calendar.local_day(received), DMCA_MIN_BUSINESS_DAYS, calendar)
    end = min(ours.end, theirs.end)
    return calendar.end_of(end), {
        "rule": CounterNoticeRule.US_DMCA.value,
        "business_days": DMCA_MIN_BUSINESS_DAYS,
        "cap_business_days": DMCA_MAX_BUSINESS_DAYS,
        "time_zone": calendar.time_zone,
        "calendar": calendar.code,
        "filed_day": ours.start.isoformat(),
        "start_day": theirs.start.isoformat(),
        "end_day": end.isoformat(),
        "skipped": [[day.isoformat(), why] for day, why in theirs.skipped if day <= end],
    }


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = (date(year, month + 1, 1) if month < 12 else date(year + 1, 1, 1)) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    """A federal holiday on a Saturday is observed the Friday before, on a Sunday the Monday."""
    return day + timedelta(days={5: -1, 6: 1}.get(day.weekday(), 0))


def us_federal_holidays(year: int) -> dict[date, str]:
    """The US federal holidays of `year` as observed (5 U.S.C. 6103): not business days."""
    fixed = {
        (1, 1): "New Year's Day",
        (6, 19): "Juneteenth",
        (7, 4): "Independence Day",
        (11, 11): "Veterans Day",
        (12, 25): "Christmas Day",
    }
    days = {_observed(date(year, month, day)): name for (month, day), name in fixed.items()}
    days |= {
        _nth_weekday(year, 1, 0, 3): "Martin Luther King Jr. Day",
        _nth_weekday(year, 2, 0, 3): "Washington's Birthday",
        _last_weekday(year, 5, 0): "Memorial Day",
        _nth_weekday(year, 9, 0, 1): "Labor Day",
        _nth_weekday(year, 10, 0, 2): "Columbus Day",
        _nth_weekday(year, 11, 3, 4): "Thanksgiving Day",
    }
    return days


def us_business_calendar(years: range) -> WorkCalendar:
    """Business days in the US: weekdays that are not federal holidays, New York time."""
    holidays: dict[date, str] = {}
    for year in years:
        holidays |= us_federal_holidays(year)
    return WorkCalendar(
        "US-federal", US_TIME_ZONE, frozenset({5, 6}), holidays, {}, frozenset(years)
    )
