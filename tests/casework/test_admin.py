"""Admin pages for queues and their rules, SLA policies and calendars."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from casework.models import Calendar, CalendarDay, Case, Queue, QueueRule, SlaPolicy
from core.db import session
from core.models import Role
from tests.conftest import post_form, sign_in
from tests.factories import file_case, make_queue, make_staff, shanghai


@pytest.fixture
def admin(app, test_kind):
    with app.app_context():
        user = make_staff(Role.ADMIN)
        return type("Who", (), {"email": user.email, "id": user.id})


def rows(app, model, *where) -> int:
    with app.app_context():
        return session.scalar(select(func.count()).select_from(model).where(*where))


def test_only_admins_edit_queues_slas_and_calendars(app, client, test_kind) -> None:
    with app.app_context():
        supervisor = make_staff(Role.SUPERVISOR)
        supervisor = type("Who", (), {"email": supervisor.email})
    sign_in(client, supervisor)
    for page in ("/admin/casework/queues", "/admin/casework/sla", "/admin/casework/calendars"):
        assert client.get(page).status_code == 403


def test_queues_and_rules_are_created_and_bad_input_refused(app, client, admin) -> None:
    sign_in(client, admin)
    assert client.get("/admin/casework/queues").status_code == 200
    queues = rows(app, Queue)
    calendar = str(rows(app, Calendar))
    assert (
        post_form(
            client,
            "/admin/casework/queues",
            {"code": "Bad Code!", "name": "X", "calendar": calendar},
        ).status_code
        == 400
    )
    assert (
        post_form(
            client, "/admin/casework/queues", {"code": "triage", "name": "X", "calendar": calendar}
        ).status_code
        == 400
    )
    assert rows(app, Queue) == queues
    answer = post_form(
        client, "/admin/casework/queues", {"code": "fraud", "name": "Fraud", "calendar": calendar}
    )
    assert answer.status_code == 302
    url = answer.headers["Location"]
    assert post_form(client, f"{url}/rules", {"position": "-1"}).status_code == 400
    assert (
        post_form(
            client, f"{url}/rules", {"position": "5", "category": "fraud", "priority": ""}
        ).status_code
        == 302
    )
    assert rows(app, QueueRule, QueueRule.category == "fraud") == 1
    assert post_form(client, f"{url}/members", {"email": "nobody@example.org"}).status_code == 400
    assert "fraud" in client.get(url).get_data(as_text=True)


def test_an_sla_override_applies_to_cases_entering_the_state(app, client, admin) -> None:
    sign_in(client, admin)
    assert "submitted" in client.get("/admin/casework/sla").get_data(as_text=True)
    bad = {"kind": "test_kind", "state": "nowhere", "sla_days": "3"}
    assert post_form(client, "/admin/casework/sla", bad).status_code == 400
    bad = {"kind": "test_kind", "state": "submitted", "sla_days": "0"}
    assert post_form(client, "/admin/casework/sla", bad).status_code == 400
    assert rows(app, SlaPolicy) == 0
    good = {"kind": "test_kind", "state": "submitted", "sla_days": "3"}
    assert post_form(client, "/admin/casework/sla", good).status_code == 302
    with app.app_context():
        make_queue(rule={"kind": "test_kind", "position": 1})
        case = file_case(at="2026-03-02 10:00")
        assert case.due_at == shanghai("2026-03-05 23:59:59")


def test_a_holiday_added_by_an_admin_moves_open_deadlines(app, client, admin) -> None:
    with app.app_context():
        make_queue(rule={"kind": "test_kind", "position": 1})
        case_id = file_case(at="2026-03-02 10:00").id
        calendar_id = session.scalars(select(Calendar.id).where(Calendar.code == "CN")).one()
    sign_in(client, admin)
    url = f"/admin/casework/calendars/{calendar_id}"
    assert "Spring Festival" in client.get(f"{url}?year=2026").get_data(as_text=True)
    assert client.get(f"{url}?year=abc").status_code == 400
    assert (
        post_form(client, url, {"day": "2026-03-04", "kind": "holiday", "name": ""}).status_code
        == 400
    )
    assert post_form(client, url, {"day": "not a day", "kind": "holiday"}).status_code == 400
    before = rows(app, CalendarDay)
    assert (
        post_form(
            client, url, {"day": "2026-03-04", "kind": "holiday", "name": "Local holiday"}
        ).status_code
        == 302
    )
    assert rows(app, CalendarDay) == before + 1
    with app.app_context():
        assert session.get(Case, case_id).due_at == shanghai("2026-03-12 23:59:59")
    page = client.get("/admin/casework/calendars").get_data(as_text=True)
    # The clock is in 2026 and 2027 is not out yet: its statutory days stand in, marked so.
    assert "Provisional holidays for 2027" in page and "No holiday data" not in page
    year_page = client.get(f"{url}?year=2027").get_data(as_text=True)
    assert "Provisional holidays for 2027" in year_page and "New Year" in year_page
    assert "Provisional" not in client.get(f"{url}?year=2026").get_data(as_text=True)
    assert post_form(client, f"{url}/years", {"year": "1999"}).status_code == 400
    assert post_form(client, f"{url}/years", {"year": "2027"}).status_code == 302
    assert "Provisional" not in client.get("/admin/casework/calendars").get_data(as_text=True)


def test_a_rule_naming_a_category_that_does_not_exist_is_refused_and_refilled(
    app, client, admin
) -> None:
    sign_in(client, admin)
    with app.app_context():
        queue = make_queue(name="Safety desk")
        url = f"/admin/casework/queues/{queue.id}"
    before = rows(app, QueueRule)
    answer = post_form(
        client,
        f"{url}/rules",
        {"position": "7", "kind": "complaint", "category": "saftey", "jurisdiction": "CN"},
    )
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert "“saftey” is not a category of these cases" in html
    assert 'value="7"' in html and 'value="CN"' in html  # the form as typed
    for field, value in (("kind", "parcel"), ("language", "klingon"), ("jurisdiction", "C1")):
        refused = post_form(client, f"{url}/rules", {"position": "7", field: value})
        assert refused.status_code == 400, field
    assert rows(app, QueueRule) == before
    # An IP type is no category of complaints.
    wrong_kind = {"position": "7", "kind": "complaint", "category": "trademark"}
    assert post_form(client, f"{url}/rules", wrong_kind).status_code == 400
    page = client.get(url).get_data(as_text=True)
    assert '<option value="safety">Safety</option>' in page  # offered by name


def test_queues_and_rules_are_edited_after_creation(app, client, admin) -> None:
    sign_in(client, admin)
    with app.app_context():
        queue = make_queue(name="Safty desk", rule={"kind": "complaint", "position": 3})
        make_queue(code="taken")
        rule_id = queue.rules[0].id
        queue_id, calendar_id = queue.id, queue.calendar_id
    url = f"/admin/casework/queues/{queue_id}"
    settings = {"code": "safety", "name": "Safety desk", "calendar": str(calendar_id)}
    taken = post_form(client, url, {**settings, "code": "taken"})
    assert taken.status_code == 400 and "Another queue has this code." in taken.get_data(
        as_text=True
    )
    assert post_form(client, url, {**settings, "auto_assign": "y"}).status_code == 302
    edit = f"{url}/rules/{rule_id}"
    assert 'value="3"' in client.get(edit).get_data(as_text=True)  # the rule as it is
    bad = post_form(client, edit, {"position": "3", "kind": "complaint", "category": "saftey"})
    assert bad.status_code == 400 and "saftey" in bad.get_data(as_text=True)
    good = {"position": "1", "kind": "complaint", "category": "safety", "language": "zh"}
    assert post_form(client, edit, good).status_code == 302
    with app.app_context():
        saved = session.get(Queue, queue_id)
        assert (saved.code, saved.name, saved.auto_assign) == ("safety", "Safety desk", True)
        rule = session.get(QueueRule, rule_id)
        assert (rule.position, rule.category, rule.language) == (1, "safety", "zh")
