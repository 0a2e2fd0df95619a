"""Escalation: warning, overdue, very overdue, each once per stage, whatever runs at once."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

import core
from casework.kinds import register_case_kind
from casework.models import (
    Case,
    CaseEvent,
    EscalationLevel,
    EscalationNotice,
    Priority,
    Queue,
)
from casework.services import escalation
from casework.services.transitions import transition
from core import clock, migrate
from core.db import session
from core.jobs import run_job
from core.models import JobOutcome, OutboxMessage, Role
from tests.conftest import BACKENDS, make_config, run_at_once, sign_in, temporary_database
from tests.factories import TEST_KIND, file_case, make_queue, make_staff, shanghai
from wsgi import PACKAGES


def escalate_at(app: Flask, moment: str) -> str:
    result = app.test_cli_runner().invoke(args=["jobs", "run", "escalate", "--now", moment])
    assert result.exit_code == 0, result.output
    return result.output


def levels(case: Case) -> list[str]:
    return list(
        session.scalars(
            select(CaseEvent.after)
            .where(CaseEvent.case_id == case.id, CaseEvent.type == "escalated")
            .order_by(CaseEvent.id)
        )
    )


def mails_to(user) -> list[OutboxMessage]:
    return list(
        session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.to_address == user.email)
            .order_by(OutboxMessage.id)
        )
    )


@pytest.fixture
def team(in_app):
    officer, supervisor = make_staff(Role.OFFICER), make_staff(Role.SUPERVISOR)
    queue = make_queue(members=[officer, supervisor], rule={"kind": "test_kind"})
    supervisors = session.scalars(
        select(Queue).where(Queue.code == escalation.SUPERVISORS_QUEUE)
    ).one()  # made by the migrations
    return officer, supervisor, queue, supervisors


def test_a_case_walks_through_every_level_across_the_spring_festival_and_a_pause(
    app: Flask, team
) -> None:
    officer, supervisor, queue, supervisors = team
    # Filed Thursday 12 Feb 2026; 7 working days skip 15-23 Feb and count Saturdays 14 and 28.
    case = file_case(at="2026-02-12 10:00", assignee_id=officer.id)
    assert case.queue_id == queue.id and case.priority == Priority.NORMAL

    escalate_at(app, "2026-02-20T12:00:00+08:00")  # a week later, but the holiday stops the clock
    assert levels(case) == [] and mails_to(officer) == []

    escalate_at(app, "2026-02-27T07:00:00+08:00")  # 75%: 5.25 of 7 working days
    assert levels(case) == ["warning"]
    [warning] = mails_to(officer)
    assert case.reference in warning.body and mails_to(supervisor) == []

    clock.set_now(shanghai("2026-02-27 08:00"))
    transition(case, "awaiting_consumer", officer)  # the consumer is asked: the clock pauses
    session.commit()
    escalate_at(app, "2026-03-02T12:00:00+08:00")  # past the original deadline, but paused
    assert levels(case) == ["warning"]

    clock.set_now(shanghai("2026-03-03 09:00"))
    transition(case, "submitted", officer)
    session.commit()
    overdue_at = case.next_escalation_at
    assert overdue_at > shanghai("2026-03-03 09:00")  # only what was left of the stage remains

    escalate_at(app, (overdue_at - timedelta(minutes=1)).isoformat())
    assert levels(case) == ["warning"]
    escalate_at(app, (overdue_at + timedelta(minutes=1)).isoformat())
    session.refresh(case)
    assert levels(case) == ["warning", "overdue"]
    assert case.priority == Priority.HIGH  # one step up
    assert len(mails_to(officer)) == 2 and len(mails_to(supervisor)) == 1

    very_at = case.next_escalation_at
    escalate_at(app, (very_at + timedelta(minutes=1)).isoformat())
    session.refresh(case)
    assert levels(case) == ["warning", "overdue", "very_overdue"]
    # It stays with its officer and queue (not the supervisors' queue); the supervisors are told.
    assert (case.queue_id, case.assignee_id) == (queue.id, officer.id) != (supervisors.id, None)
    assert case.next_escalation_at is None
    assert len(mails_to(supervisor)) == 2
    client = app.test_client()
    sign_in(client, officer)
    escalated = client.get("/officer/cases?view=escalated").get_data(as_text=True)
    assert f">{case.reference}<" in escalated and "very overdue" in escalated
    page = client.get(f"/officer/cases/{case.id}").get_data(as_text=True)
    assert "overdue → very overdue" in page  # labels, not codes
    assert "200% of the 7 working days of the stage had passed" in page


def test_running_twice_fires_each_level_and_mail_once(app: Flask, team) -> None:
    officer = team[0]
    cases = [file_case(at="2026-03-02 10:00", assignee_id=officer.id) for _ in range(3)]
    first = escalate_at(app, "2026-03-20T12:00:00+08:00")
    again = escalate_at(app, "2026-03-20T12:00:00+08:00")
    assert "escalated 3" in first and "escalated 0" in again
    assert all(levels(case) == ["warning", "overdue"] for case in cases)
    [mail] = mails_to(officer)  # grouped: one mail for the three cases
    assert all(case.reference in mail.body for case in cases)


def test_an_answered_case_stops_escalating(app: Flask, team) -> None:
    officer = team[0]
    case = file_case(at="2026-03-02 10:00", assignee_id=officer.id)
    escalate_at(app, "2026-03-10T12:00:00+08:00")  # 75% of 7 working days: 10 March, 06:00
    assert levels(case) == ["warning"]
    clock.set_now(shanghai("2026-03-10 13:00"))
    transition(case, "accepted", officer)  # answered: a new stage with its own clock
    session.commit()
    escalate_at(app, "2026-03-13T12:00:00+08:00")  # the old stage would be overdue by now
    session.refresh(case)
    assert levels(case) == ["warning"] and case.escalation_level == EscalationLevel.NONE


def test_a_run_killed_mid_batch_is_finished_by_the_next_without_duplicates(
    app: Flask, team, monkeypatch
) -> None:
    officer = team[0]
    cases = [file_case(at="2026-03-02 10:00", assignee_id=officer.id) for _ in range(12)]
    real, calls = escalation.escalate_case, []

    def dies_on_the_seventh(case_id, now):
        calls.append(case_id)
        if len(calls) == 7:
            raise RuntimeError("killed")
        return real(case_id, now)

    monkeypatch.setattr(escalation, "BATCH", 5)
    monkeypatch.setattr(escalation, "escalate_case", dies_on_the_seventh)
    run = run_job("escalate", now=shanghai("2026-03-10 12:00"))
    assert run.outcome == JobOutcome.FAILED
    assert session.scalar(select(func.count()).select_from(EscalationNotice)) == 5  # 1 batch kept

    monkeypatch.setattr(escalation, "escalate_case", real)
    assert run_job("escalate", now=shanghai("2026-03-10 12:00")).outcome == JobOutcome.SUCCEEDED
    assert all(levels(case) == ["warning"] for case in cases)
    [mail] = mails_to(officer)
    assert all(case.reference in mail.body for case in cases)


@pytest.mark.parametrize("backend_name", BACKENDS)
def test_two_sweeps_at_once_fire_each_level_once(
    backend_name: str, tmp_path: Path, smtp_server
) -> None:
    with temporary_database(backend_name, tmp_path) as url:
        app = core.create_app(make_config(url, tmp_path, smtp_server.port), packages=PACKAGES)
        register_case_kind(app, TEST_KIND)
        migrate.upgrade(app.extensions["redress.db"].engine)
        with app.app_context():
            officer = make_staff(Role.OFFICER)
            make_queue(members=[officer], rule={"kind": "test_kind"})
            cases = [file_case(at="2026-03-02 10:00", assignee_id=officer.id).id for _ in range(40)]
            clock.set_now(None)
        failures = run_at_once(
            app, lambda: escalation.escalate_due_cases(shanghai("2026-03-10 12:00"), batch=7)
        )
        with app.app_context():
            events = session.scalars(
                select(CaseEvent.case_id).where(CaseEvent.type == "escalated")
            ).all()
            bodies = [mail.body for mail in session.scalars(select(OutboxMessage))]
        app.extensions["redress.db"].engine.dispose()
    assert failures == []
    assert sorted(events) == sorted(cases)  # one warning per case
    mentioned = [ref for body in bodies for ref in re.findall(r"T-TEST-[0-9A-F]{8}", body)]
    assert len(mentioned) == len(cases) == len(set(mentioned))  # each case in exactly one mail


def test_supervisors_see_the_escalated_queue_with_level_and_age(app: Flask, team) -> None:
    officer, supervisor, _, _ = team
    late = file_case(at="2026-03-02 10:00", assignee_id=officer.id)
    calm = file_case(at="2026-03-02 10:00", assignee_id=officer.id)
    escalate_at(app, "2026-03-13T12:00:00+08:00")
    calm.next_escalation_at, calm.escalation_level = None, EscalationLevel.NONE  # answered
    session.commit()
    client = app.test_client()
    sign_in(client, supervisor)
    clock.set_now(shanghai("2026-03-13 12:00"))
    html = client.get("/officer/cases?view=escalated").get_data(as_text=True)
    assert late.reference in html and "overdue" in html and "11 days old" in html
    assert calm.reference not in html


def test_a_warning_on_an_unowned_case_reaches_the_officers_of_its_queue(app: Flask, team) -> None:
    officer, supervisor, _queue, _ = team
    case = file_case(at="2026-03-02 10:00")  # nobody owns it
    escalate_at(app, "2026-03-10T12:00:00+08:00")  # 75 % of 7 working days
    assert levels(case) == ["warning"]
    [warning] = mails_to(officer)
    assert case.reference in warning.body
    assert mails_to(supervisor) == []  # supervisors hear from overdue on


def test_accepting_an_unowned_case_makes_the_officer_its_owner(app: Flask, team) -> None:
    officer = team[0]
    case = file_case(at="2026-03-02 10:00")
    clock.set_now(shanghai("2026-03-03 09:00"))
    transition(case, "accepted", officer)
    session.commit()
    assert case.assignee_id == officer.id
    escalate_at(app, "2026-03-16T12:00:00+08:00")  # the warning of the new stage
    assert levels(case) == ["warning"] and len(mails_to(officer)) == 1
