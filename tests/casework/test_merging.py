"""Merging is its own step with a case that goes on: never a bare state, told only to the parties
who knew of the case, and undone within 30 days with the duplicate's queue and deadline back."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import select

from casework.models import Case, CaseEvent
from core.db import session
from core.models import OutboxMessage, Role
from tests.complaints.walk import SHOP, complaint_of, file, known_seller, mails, step
from tests.conftest import post_form, sign_in
from tests.factories import at, file_case, make_queue, make_staff


@pytest.fixture
def desk(app, test_kind):
    """An officer with a queue, a case that goes on and its duplicate (assigned, clock running)."""
    with app.app_context():
        officer = make_staff(Role.OFFICER, "Olga Officer")
        queue = make_queue(members=[officer], rule={"kind": "test_kind", "position": 1})
        same_order = [("order", "8123456789")]
        survivor = file_case(at="2026-03-02 10:00", text="Earbuds never arrived.", keys=same_order)
        duplicate = file_case(at="2026-03-03 10:00", text="Same earbuds again.", keys=same_order)
        duplicate.assignee_id = officer.id
        session.commit()
        return {
            "officer": officer.id,
            "email": officer.email,
            "queue": queue.id,
            "survivor": (survivor.id, survivor.reference),
            "duplicate": (duplicate.id, duplicate.reference),
        }


def signed_in(client, desk):
    sign_in(client, SimpleNamespace(email=desk["email"]))
    return client


def state_of(app, case_id: int) -> tuple:
    with app.app_context():
        case = session.get_one(Case, case_id)
        return (
            case.status,
            case.queue_id,
            case.assignee_id,
            case.due_at,
            case.next_escalation_at,
            case.closed_at,
            case.merged_into_id,
        )


def test_merged_is_no_generic_step_and_is_refused_without_a_survivor(app, client, desk) -> None:
    signed_in(client, desk)
    case_id, _reference = desk["duplicate"]
    page = client.get(f"/officer/cases/{case_id}").get_data(as_text=True)
    assert 'name="target" value="merged"' not in page  # not among the "Next steps"
    assert f'<option value="{desk["survivor"][1]}">' in page  # offered as the case to keep
    before = state_of(app, case_id)
    answer = post_form(client, f"/officer/cases/{case_id}/transition", {"target": "merged"})
    assert answer.status_code == 400
    assert "A merge needs the case that goes on" in answer.get_data(as_text=True)
    assert state_of(app, case_id) == before


def test_bulk_refuses_merged_with_a_message_and_the_form_refilled(app, client, desk) -> None:
    signed_in(client, desk)
    ids = [str(desk["survivor"][0]), str(desk["duplicate"][0])]
    listing = client.get("/officer/cases").get_data(as_text=True)
    assert 'value="merged"' not in listing  # the bulk form offers no "merged"
    before = [state_of(app, int(i)) for i in ids]
    answer = post_form(
        client,
        "/officer/cases/bulk",
        {
            "cases": ids,
            "action": "transition",
            "target": "merged",
            "priority": "2",
            "reason": "Both are the same order",
        },
    )
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert "A merge needs the case that goes on" in html
    assert "Both are the same order" in html  # the reason as typed
    for case_id in ids:
        assert f'id="select-{case_id}" checked' in html  # the selection kept
    assert [state_of(app, int(i)) for i in ids] == before


def test_a_merge_points_at_the_survivor_and_an_undo_restores_everything(
    app, client, desk, inbox
) -> None:
    signed_in(client, desk)
    duplicate_id, duplicate_ref = desk["duplicate"]
    survivor_id, survivor_ref = desk["survivor"]
    before = state_of(app, duplicate_id)
    at("2026-03-04 10:00")
    answer = post_form(
        client,
        f"/officer/cases/{duplicate_id}/merge",
        {"survivor": survivor_ref, "reason": "Same order"},
    )
    assert answer.status_code == 302
    status, _queue, _who, due_at, _next, closed_at, into = state_of(app, duplicate_id)
    assert (status, into, due_at) == ("merged", survivor_id, None) and closed_at is not None
    listing = client.get("/officer/cases").get_data(as_text=True)
    assert f">{duplicate_ref}<" not in listing and f">{survivor_ref}<" in listing  # out of it
    page = client.get(f"/officer/cases/{duplicate_id}").get_data(as_text=True)
    assert f">{survivor_ref}</a>" in page and "Undo the merge" in page

    at("2026-03-20 10:00")  # within 30 days
    undone = post_form(client, f"/officer/cases/{duplicate_id}/unmerge", {})
    assert undone.status_code == 302
    assert state_of(app, duplicate_id) == before  # state, queue, assignee, deadline, open
    assert f">{duplicate_ref}<" in client.get("/officer/cases").get_data(as_text=True)
    with app.app_context():
        told = session.scalars(
            select(OutboxMessage.template).where(OutboxMessage.to_address.like("anna-%"))
        ).all()
    assert sorted(told) == ["casework/merged", "casework/unmerged"]


def test_an_undo_after_30_days_is_refused(app, client, desk) -> None:
    signed_in(client, desk)
    duplicate_id, _ref = desk["duplicate"]
    at("2026-03-04 10:00")
    post_form(client, f"/officer/cases/{duplicate_id}/merge", {"survivor": desk["survivor"][1]})
    merged = state_of(app, duplicate_id)
    at("2026-04-04 10:00")
    assert "Undo the merge" not in client.get(f"/officer/cases/{duplicate_id}").get_data(
        as_text=True
    )
    late = post_form(client, f"/officer/cases/{duplicate_id}/unmerge", {})
    html = late.get_data(as_text=True)
    assert late.status_code == 400 and "within 30 days" in html
    assert f"{desk['duplicate'][1]}</h1>" in html  # on the case page, as it is
    assert state_of(app, duplicate_id) == merged


def test_a_case_is_not_merged_into_itself(app, client, desk) -> None:
    signed_in(client, desk)
    case_id, reference = desk["duplicate"]
    before = state_of(app, case_id)
    answer = post_form(client, f"/officer/cases/{case_id}/merge", {"survivor": reference})
    html = answer.get_data(as_text=True)
    assert answer.status_code == 400 and "cannot be merged into itself" in html
    assert f"{reference}</h1>" in html
    assert state_of(app, case_id) == before


def _supervisor(app, make_user):
    staff = app.test_client()
    sign_in(staff, make_user(Role.SUPERVISOR))
    return staff


def test_a_seller_never_sent_the_complaint_hears_nothing_of_its_merge(
    app, client, db, make_user
) -> None:
    known_seller(app)
    at("2026-03-02 10:00")
    first, _token = file(client)
    second, _token2 = file(client)
    staff = _supervisor(app, make_user)
    answer = post_form(
        staff, f"/officer/cases/{complaint_of(db, second).id}/merge", {"survivor": first}
    )
    assert answer.status_code == 302
    assert mails(db, SHOP) == []  # the seller never had the complaint
    assert [m.template for m in mails(db, "anna@example.org")].count("casework/merged") == 1


def test_a_seller_who_had_the_complaint_is_told_of_its_merge(app, client, db, make_user) -> None:
    known_seller(app)
    at("2026-03-02 10:00")
    first, _token = file(client)
    second, _token2 = file(client)
    staff = _supervisor(app, make_user)
    duplicate = complaint_of(db, second)
    assert step(staff, duplicate.id, "accept").status_code == 302  # forwarded to the seller
    at("2026-03-03 10:00")
    post_form(staff, f"/officer/cases/{duplicate.id}/merge", {"survivor": first})
    merged = [m for m in mails(db, SHOP) if m.template == "casework/merged"]
    assert len(merged) == 1 and second in merged[0].subject
    events = db.scalars(
        select(CaseEvent.type).where(CaseEvent.case_id == complaint_of(db, first).id)
    ).all()
    assert "merged" in events
