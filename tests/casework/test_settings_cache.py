"""Calendars, SLA policies and the platform registry are kept per process (core.settings_cache):
an edit, from this process or another, is seen by the next request; one rolled back is not."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from sqlalchemy import select, update

from casework.models import Calendar, DayKind, QueueRule, SlaPolicy
from casework.services.calendar_store import set_day
from casework.services.stages import calendar_of
from core.db import session
from core.models import SettingsVersion
from sellers.models import Platform
from sellers.services.registry import find_platform, platform_picks, save_platform
from tests.factories import file_case, make_queue, shanghai

pytestmark = pytest.mark.usefixtures("test_kind")


def _china() -> Calendar:
    return session.scalars(select(Calendar).where(Calendar.code == "CN")).one()


def test_a_holiday_saved_in_one_request_moves_deadlines_filed_in_the_next(app: Flask) -> None:
    with app.app_context():
        make_queue(rule={"kind": "test_kind", "position": 1})
        first = file_case(at="2026-03-02 10:00")
        assert first.due_at == shanghai("2026-03-11 23:59:59")  # the calendar is now cached
    with app.app_context():
        set_day(_china(), date(2026, 3, 5), DayKind.HOLIDAY, "Storm closure")
        session.commit()
    with app.app_context():
        second = file_case(at="2026-03-02 11:00")
        assert second.due_at == shanghai("2026-03-12 23:59:59")


def test_an_edit_by_another_process_is_seen_by_the_next_request(app: Flask) -> None:
    with app.app_context():
        case = file_case(at="2026-03-02 10:00")
        assert calendar_of(case).is_working_day(date(2026, 3, 6))
        calendar_id = case.calendar_id
    # Another node writes the day and the new token in its own transaction.
    with app.app_context():
        session.execute(
            Calendar.__table__.metadata.tables["calendar_days"]
            .insert()
            .values(calendar_id=calendar_id, day=date(2026, 3, 6), kind="holiday", name="Flood")
        )
        session.execute(update(SettingsVersion).values(token="from-another-node"))
        session.commit()
    with app.app_context():
        assert not calendar_of(session.merge(case)).is_working_day(date(2026, 3, 6))


def test_a_rolled_back_edit_leaves_nothing_cached(app: Flask) -> None:
    with app.app_context():
        case = file_case(at="2026-03-02 10:00")
        set_day(_china(), date(2026, 3, 9), DayKind.HOLIDAY, "Never saved")
        assert not calendar_of(case).is_working_day(date(2026, 3, 9))  # seen in its transaction
        session.rollback()
    with app.app_context():
        assert calendar_of(session.merge(case)).is_working_day(date(2026, 3, 9))


def test_an_sla_policy_applies_to_the_next_filing(app: Flask) -> None:
    with app.app_context():
        make_queue(rule={"kind": "test_kind", "position": 1})
        assert file_case(at="2026-03-02 10:00").due_at == shanghai("2026-03-11 23:59:59")
        session.add(SlaPolicy(kind="test_kind", state="submitted", sla_days=2))
        session.commit()
    with app.app_context():
        assert file_case(at="2026-03-02 10:00").due_at == shanghai("2026-03-04 23:59:59")


def test_a_platform_alias_is_found_and_offered_right_after_it_is_saved(app: Flask) -> None:
    with app.app_context():
        assert find_platform("Glimmer Mall") is None
        assert "Glimmer Mall" not in dict(platform_picks())
        save_platform(None, name="Glimmer Mall", name_zh="微光商城", aliases=["GlimmerMall"])
        session.commit()
    with app.app_context():
        found = find_platform("微光商城")
        assert isinstance(found, Platform) and found.name == "Glimmer Mall"
        assert find_platform("glimmer mall") is found
        assert dict(platform_picks())["Glimmer Mall"] == "微光商城"


def test_a_rule_changed_in_one_request_routes_the_next_filing(app: Flask) -> None:
    with app.app_context():
        queue = make_queue(rule={"kind": "test_kind", "position": 1, "language": "en"})
        first = file_case(at="2026-03-02 10:00", language="en")
        assert first.queue_id == queue.id
        queue_id = queue.id
    with app.app_context():
        rule = session.scalars(select(QueueRule).where(QueueRule.queue_id == queue_id)).one()
        rule.language = "zh"
        session.commit()
    with app.app_context():
        assert file_case(at="2026-03-02 11:00", language="en").queue_id != queue_id
        assert file_case(at="2026-03-02 11:00", language="zh").queue_id == queue_id
