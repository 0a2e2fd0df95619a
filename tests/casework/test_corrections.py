"""An officer's correction of the category routes the case and sets its priority again, on the
timeline: a priority the wrong category raised comes down."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from casework.models import CaseEvent, Priority
from core.models import Role
from tests.complaints.walk import complaint_of, file
from tests.conftest import post_form, sign_in
from tests.factories import at, make_queue


@pytest.fixture
def desks(app):
    """A safety desk before the general complaints queue."""
    with app.app_context():
        safety = make_queue(
            name="Safety desk", rule={"kind": "complaint", "category": "safety", "position": 0}
        )
        general = make_queue(name="General complaints", rule={"kind": "complaint", "position": 1})
        return safety.id, general.id


def test_a_corrected_category_lowers_the_priority_and_moves_the_queue(
    app, client, db, make_user, desks
) -> None:
    safety, general = desks
    at("2026-03-02 10:00")
    reference, _token = file(client, category="safety")
    case = complaint_of(db, reference)
    assert (case.priority, case.queue_id) == (Priority.URGENT, safety)
    staff = app.test_client()
    sign_in(staff, make_user(Role.SUPERVISOR))
    answer = post_form(staff, f"/officer/cases/{case.id}/correction", {"category": "delivery"})
    assert answer.status_code == 302
    case = complaint_of(db, reference)
    assert (case.category, case.priority, case.queue_id) == ("delivery", Priority.NORMAL, general)
    changes = db.execute(
        select(CaseEvent.type, CaseEvent.before, CaseEvent.after)
        .where(CaseEvent.case_id == case.id, CaseEvent.type.in_(("priority", "queue")))
        .order_by(CaseEvent.id)
    ).all()
    assert [tuple(row) for row in changes] == [
        ("priority", "0", "2"),
        ("queue", "Safety desk", "General complaints"),
    ]
    page = staff.get(f"/officer/cases/{case.id}").get_data(as_text=True)
    assert "General complaints" in page


def test_a_priority_an_officer_chose_survives_a_correction(
    app, client, db, make_user, desks
) -> None:
    at("2026-03-02 10:00")
    reference, _token = file(client, category="safety")
    case_id = complaint_of(db, reference).id
    staff = app.test_client()
    sign_in(staff, make_user(Role.SUPERVISOR))
    post_form(staff, f"/officer/cases/{case_id}/priority", {"priority": "1"})
    post_form(staff, f"/officer/cases/{case_id}/correction", {"category": "delivery"})
    assert complaint_of(db, reference).priority == Priority.HIGH
