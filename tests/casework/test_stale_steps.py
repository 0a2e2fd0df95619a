"""A step sent from a page older than the case (a second tab) answers with the case as it is
now and why nothing was done, not with a bare error page."""

from __future__ import annotations

from sqlalchemy import func, select

from casework.models import CaseEvent
from core.models import Role
from tests.complaints.walk import complaint_of, file, known_seller, step
from tests.conftest import post_form, sign_in
from tests.factories import at


def test_a_second_accept_from_a_stale_tab_shows_the_case_and_why(
    app, client, db, make_user
) -> None:
    known_seller(app)
    at("2026-03-02 10:00")
    reference, _token = file(client)
    staff = app.test_client()
    sign_in(staff, make_user(Role.SUPERVISOR))
    case_id = complaint_of(db, reference).id
    assert step(staff, case_id, "accept").status_code == 302
    count = select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == case_id)
    events = db.scalar(count)
    again = step(staff, case_id, "accept")
    html = again.get_data(as_text=True)
    assert again.status_code == 409
    assert "This step is not open in the complaint" in html  # why
    assert f"{reference}</h1>" in html and "Waiting for the seller" in html  # the case now
    assert db.scalar(count) == events  # nothing stored


def test_a_generic_step_from_a_stale_tab_shows_the_case_and_its_state(
    app, client, db, make_user
) -> None:
    known_seller(app)
    at("2026-03-02 10:00")
    reference, _token = file(client)
    staff = app.test_client()
    sign_in(staff, make_user(Role.SUPERVISOR))
    case_id = complaint_of(db, reference).id
    url = f"/officer/cases/{case_id}/transition"
    assert post_form(staff, url, {"target": "withdrawn"}).status_code == 302
    again = post_form(staff, url, {"target": "withdrawn"})
    html = again.get_data(as_text=True)
    assert again.status_code == 400
    assert "This step is not open to you now: the case is “Withdrawn”." in html
    assert f"{reference}</h1>" in html
