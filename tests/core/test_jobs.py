"""Jobs: declared per package, run by hand with a set clock, recorded, shown to admins."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from core import clock
from core.db import session
from core.jobs import Job
from core.mail import queue_mail
from core.models import AuditEvent, JobOutcome, JobRun, OutboxMessage, OutboxStatus, Role
from tests.conftest import Inbox, post_form, sign_in

FUTURE = datetime(2031, 3, 4, 5, 6, tzinfo=UTC)


def queue_mail_due_at(app: Flask, when: datetime, to: str = "later@example.org") -> None:
    with app.test_request_context():
        message = queue_mail(to, "password_reset", "en", user={"name": "Later"}, link="http://x")
        message.next_attempt_at = when
        session.commit()


def test_jobs_run_with_now_sees_that_time(app: Flask, db, inbox: Inbox) -> None:
    queue_mail_due_at(app, FUTURE)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["jobs", "run", "deliver_mail"])
    assert result.exit_code == 0 and "sent 0" in result.output
    assert inbox.messages == []

    result = runner.invoke(args=["jobs", "run", "deliver_mail", "--now", "2031-03-04T05:07:00"])
    assert result.exit_code == 0 and "sent 1" in result.output, result.output
    assert len(inbox.to("later@example.org")) == 1
    run = db.scalars(select(JobRun).order_by(JobRun.id.desc())).first()
    assert run.clock_at == datetime(2031, 3, 4, 5, 7, tzinfo=UTC)
    assert run.outcome == JobOutcome.SUCCEEDED and run.counts == {"sent": 1, "failed": 0}
    assert clock.now() < FUTURE  # the clock is released after the run


def test_jobs_list_shows_schedule_next_and_last_run(app: Flask, db) -> None:
    runner = app.test_cli_runner()
    before = runner.invoke(args=["jobs", "list"]).output
    assert "deliver_mail" in before and "every 1m" in before and "never" in before
    runner.invoke(args=["jobs", "run", "deliver_mail"])
    after = runner.invoke(args=["jobs", "list"]).output
    assert "succeeded (failed 0, sent 0)" in after


@pytest.fixture
def failing_job(app: Flask) -> Iterator[str]:
    def explode(_now: datetime) -> None:
        raise RuntimeError("the printer is on fire")

    jobs = app.extensions["redress.jobs"]
    jobs["explode"] = Job("explode", "every 1h", explode, "test job that fails")
    yield "explode"
    del jobs["explode"]


def test_a_failing_job_is_recorded_and_the_command_fails(app: Flask, db, failing_job) -> None:
    result = app.test_cli_runner().invoke(args=["jobs", "run", failing_job])
    assert result.exit_code != 0 and "printer is on fire" in result.output
    run = db.scalar(select(JobRun).where(JobRun.job == failing_job))
    assert run.outcome == JobOutcome.FAILED and "printer is on fire" in run.error


def test_unknown_job_and_bad_time_are_refused(app: Flask) -> None:
    runner = app.test_cli_runner()
    assert "no job is called" in runner.invoke(args=["jobs", "run", "nope"]).output
    result = runner.invoke(args=["jobs", "run", "deliver_mail", "--now", "tomorrow"])
    assert result.exit_code == 2 and "--now" in result.output


def test_admin_sees_jobs_and_runs_one_now(client: FlaskClient, make_user, db) -> None:
    admin = make_user(Role.ADMIN)
    sign_in(client, admin)
    page = client.get("/admin/jobs").get_data(as_text=True)
    assert "deliver_mail" in page and "never" in page
    assert post_form(client, "/admin/jobs/deliver_mail/run", {}).status_code == 302
    assert "succeeded" in client.get("/admin/jobs").get_data(as_text=True)
    run = db.scalar(select(JobRun).where(JobRun.trigger == "admin"))
    assert run is not None
    assert db.scalar(
        select(AuditEvent).where(
            AuditEvent.action == "job.run_requested", AuditEvent.actor_id == admin.id
        )
    )


def test_officers_cannot_run_jobs(client: FlaskClient, make_user) -> None:
    sign_in(client, make_user(Role.OFFICER))
    assert client.get("/admin/jobs").status_code == 403
    assert post_form(client, "/admin/jobs/deliver_mail/run", {}).status_code == 403


def test_failed_mail_is_shown_to_admins_and_can_be_retried(
    app: Flask, client: FlaskClient, make_user, db
) -> None:
    queue_mail_due_at(app, clock.now(), to="bounced@example.org")
    message = db.scalar(
        select(OutboxMessage).where(OutboxMessage.to_address == "bounced@example.org")
    )
    message.status, message.last_error = OutboxStatus.FAILED, "550 no such user"
    db.commit()
    sign_in(client, make_user(Role.ADMIN))
    page = client.get("/admin/mail").get_data(as_text=True)
    assert "bounced@example.org" in page and "550 no such user" in page
    assert post_form(client, f"/admin/mail/{message.id}/retry", {}).status_code == 302
    db.refresh(message)
    assert message.status == OutboxStatus.PENDING


def test_audit_page_filters_and_refuses_bad_dates(client: FlaskClient, make_user, db) -> None:
    admin = make_user(Role.ADMIN)
    officer = make_user(Role.OFFICER)
    sign_in(client, officer)  # now on record
    admin_client = client.application.test_client()
    sign_in(admin_client, admin)
    page = admin_client.get(f"/admin/audit?action=user.signed_in&actor={officer.email}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and officer.email in html and "user.signed_in" in html
    assert admin.email not in html.split("<tbody>")[1]
    assert admin_client.get("/admin/audit?since=31-31-2026").status_code == 400
    until = (clock.now() - timedelta(days=400)).date().isoformat()
    assert "No entries match" in admin_client.get(f"/admin/audit?until={until}").get_data(
        as_text=True
    )
