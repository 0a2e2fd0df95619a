"""Demo complaints for `make run`, and the urgency a category brings (TAXONOMY.md)."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from casework.models import Priority
from complaints.models import Complaint
from core.models import Role
from tests.conftest import sign_in


def test_demo_load_files_complaints_that_officers_see(app: Flask, db, make_user, client) -> None:
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0 and "/complaints/C-" in result.output
    complaints = {c.category: c for c in db.scalars(select(Complaint))}
    assert complaints["safety"].priority == Priority.URGENT  # the kettle that smoked
    assert complaints["counterfeit"].priority == Priority.HIGH
    assert complaints["delivery"].priority == Priority.NORMAL
    again = app.test_cli_runner().invoke(args=["demo", "load"])
    assert "already there" in again.output
    assert len(db.scalars(select(Complaint)).all()) == 3

    sign_in(client, make_user(Role.SUPERVISOR))
    queue = client.get("/officer/cases").get_data(as_text=True)
    assert all(complaint.reference in queue for complaint in complaints.values())
    # Most urgent first: the safety complaint leads the default sort.
    assert queue.index(complaints["safety"].reference) < queue.index(
        complaints["delivery"].reference
    )
