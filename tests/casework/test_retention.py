"""Reminders before a party's deadline (once each), and anonymisation after retention."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

from flask import Flask
from sqlalchemy import func, select

from casework.models import CaseEvent, CaseKey, DeadlineReminder
from casework.services.files import find_attachment
from casework.services.timeline import add_attachment, add_note
from casework.services.transitions import transition
from core import clock
from core.db import session
from core.models import OutboxMessage, Role
from tests.factories import TEXTS, file_case, make_queue, make_staff, shanghai


def run(app: Flask, job: str, moment: str) -> str:
    result = app.test_cli_runner().invoke(args=["jobs", "run", job, "--now", moment])
    assert result.exit_code == 0, result.output
    return result.output


def mails_to(address: str) -> list[OutboxMessage]:
    return list(session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == address)))


def test_the_awaited_party_is_reminded_once_two_working_days_before(app: Flask, in_app) -> None:
    officer = make_staff(Role.OFFICER)
    make_queue(members=[officer], rule={"kind": "test_kind"})
    case = file_case(at="2026-03-02 10:00")
    clock.set_now(shanghai("2026-03-02 11:00"))
    transition(case, "accepted", officer)  # the test kind awaits the consumer here: 10 days
    session.commit()
    consumer = f"anna-{case.reference.lower()}@example.org"
    assert (
        case.due_at.astimezone(shanghai("2026-03-16 00:00").tzinfo).date().isoformat()
        == "2026-03-16"
    )

    run(app, "remind", "2026-03-11T09:00:00+08:00")  # Wednesday: 3 working days left, not yet
    assert mails_to(consumer) == []
    run(app, "remind", "2026-03-12T09:00:00+08:00")  # Thursday: Friday and Monday are left
    run(app, "remind", "2026-03-12T10:00:00+08:00")  # the hourly job again: no second mail
    [reminder] = mails_to(consumer)
    assert case.reference in reminder.subject and reminder.language == "zh"
    assert session.scalar(select(func.count()).select_from(DeadlineReminder)) == 1


def test_closed_cases_are_anonymised_after_three_years(app: Flask, in_app) -> None:
    officer = make_staff(Role.OFFICER)
    make_queue(members=[officer], rule={"kind": "test_kind"})
    case = file_case(
        at="2026-03-02 10:00",
        text="Anna Berg, 12 Rue de la Paix, paid 49 EUR",
        keys=[("email", "anna@example.org"), ("order", "8123456789")],
    )
    clock.set_now(shanghai("2026-03-03 10:00"))
    add_note(case, officer, "Called Anna Berg on +49 30 1234567")
    transition(case, "accepted", officer)
    transition(case, "mediation", officer)
    transition(case, "resolved", officer)
    session.commit()
    closed = case.closed_at

    run(app, "purge_personal_data", (closed + timedelta(days=3 * 365 - 1)).isoformat())
    session.refresh(case)
    assert case.anonymised_at is None and case.reference in TEXTS

    output = run(app, "purge_personal_data", (closed + timedelta(days=3 * 365 + 1)).isoformat())
    assert "anonymised 1" in output
    session.refresh(case)
    assert case.anonymised_at is not None and case.reference not in TEXTS
    assert case.status == "resolved" and case.category == case.category  # kept for statistics
    bodies = session.scalars(select(CaseEvent.body).where(CaseEvent.case_id == case.id)).all()
    assert not any(body and "Anna" in body for body in bodies)
    assert (
        session.scalar(select(func.count()).select_from(CaseKey).where(CaseKey.case_id == case.id))
        == 0
    )
    assert "Anna" not in case.search_text
    assert (
        "anonymised"
        in session.scalars(select(CaseEvent.type).where(CaseEvent.case_id == case.id)).all()
    )
    again = run(app, "purge_personal_data", (closed + timedelta(days=3 * 365 + 2)).isoformat())
    assert "anonymised 0" in again


def test_an_anonymised_cases_files_go_and_the_sweep_removes_their_content(
    app: Flask, in_app
) -> None:
    officer = make_staff(Role.OFFICER)
    make_queue(members=[officer], rule={"kind": "test_kind"})
    case = file_case(at="2026-03-02 10:00")
    clock.set_now(shanghai("2026-03-03 10:00"))
    kept = add_attachment(case, officer, "receipt-anna.pdf", b"%PDF-1.4 Anna Berg's receipt")
    shared = add_attachment(case, officer, "photo.png", b"\x89PNG shared photo")
    other = file_case(at="2026-03-02 11:00")
    add_attachment(other, officer, "same-photo.png", b"\x89PNG shared photo")
    for move in ("accepted", "mediation", "resolved"):
        transition(case, move, officer)
    session.commit()
    stored = Path(app.instance_path) / "files"
    receipt = stored / kept.sha256[:2] / kept.sha256
    photo = stored / shared.sha256[:2] / shared.sha256
    assert receipt.exists() and photo.exists()
    assert find_attachment(kept.id) is not None

    run(app, "purge_personal_data", (case.closed_at + timedelta(days=3 * 365 + 1)).isoformat())
    assert find_attachment(kept.id) is None  # the download view answers 404 from now on
    a_day_ago = time.time() - 2 * 86400
    for path in (receipt, photo):
        os.utime(path, (a_day_ago, a_day_ago))
    run(app, "sweep_files", "2029-03-10T00:00:00+00:00")
    assert not receipt.exists()
    assert photo.exists()  # the other case still has the same photo
