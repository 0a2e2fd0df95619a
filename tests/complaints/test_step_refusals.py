"""Bad input on every complaint step: a clear message, a 4xx, and nothing stored."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from casework.models import CaseEvent
from complaints.models import ComplaintSettlement
from complaints.workflow import ComplaintState as S
from core.models import Role
from sellers.models import SellerAccessToken
from tests.complaints.walk import complaint_of, file, known_seller, seller_secret, step
from tests.conftest import post_form, sign_in
from tests.factories import at

TOKEN = "X-Tracking-Token"


@pytest.fixture
def accepted(app, client, db, make_user):
    """A complaint accepted and forwarded; the officer's client, reference and tracking token."""
    known_seller(app)
    at("2026-03-02 10:00")
    reference, token = file(client)
    officer = app.test_client()
    sign_in(officer, make_user(Role.SUPERVISOR))
    assert step(officer, complaint_of(db, reference).id, "accept").status_code == 302
    return officer, reference, token


def events(db, case_id: int) -> int:
    db.expire_all()
    return db.scalar(
        select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == case_id)
    )


def test_a_reason_outside_the_list_is_refused(app, client, db, make_user) -> None:
    at("2026-03-02 10:00")
    reference, _token = file(client)
    officer = app.test_client()
    sign_in(officer, make_user(Role.SUPERVISOR))
    case = complaint_of(db, reference)
    before = events(db, case.id)
    refused = step(officer, case.id, "reject", {"reason": "too_expensive"})
    assert refused.status_code == 400
    assert "Choose a reason from the list." in refused.get_data(as_text=True)
    assert complaint_of(db, reference).status == S.SUBMITTED and events(db, case.id) == before
    empty = step(officer, case.id, "ask", {"question": "  "})
    assert empty.status_code == 400 and "Write something first." in empty.get_data(as_text=True)


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "Give an amount above 0"),
        ("10000000000", "Give an amount above 0"),
        ("lots", "must be a number"),
        ("1.234", "at most two decimals"),
        ("NaN", "above 0"),
    ],
)
def test_agreements_with_a_bad_amount_are_refused(accepted, db, amount, message) -> None:
    officer, reference, _token = accepted
    case = complaint_of(db, reference)
    post_form(officer, f"/complaints/seller/{seller_secret(db)}/answer", {"text": "Sorry."})
    refused = step(
        officer,
        case.id,
        "agreement",
        {"kind": "refund", "amount": amount, "currency": "EUR", "text": ""},
    )
    assert refused.status_code == 400 and message in refused.get_data(as_text=True)
    assert complaint_of(db, reference).status == S.MEDIATION
    assert db.scalar(select(func.count()).select_from(ComplaintSettlement)) == 0


def test_the_seller_page_refuses_bad_proposals_and_answers(accepted, app, db) -> None:
    _officer, reference, _token = accepted
    seller = app.test_client()
    secret = seller_secret(db)
    bad = post_form(
        seller,
        f"/complaints/seller/{secret}/proposal",
        {"kind": "refund", "amount": "-1", "currency": "EUR", "text": ""},
    )
    assert bad.status_code == 400 and "Give an amount above 0" in bad.get_data(as_text=True)
    no_kind = post_form(
        seller,
        f"/complaints/seller/{secret}/proposal",
        {"kind": "bribe", "amount": "", "currency": "", "text": ""},
    )
    assert no_kind.status_code == 400
    assert "Choose refund, replacement" in no_kind.get_data(as_text=True)
    assert (
        seller.post(
            f"/complaints/seller/{secret}/answer", data={"text": "No CSRF token"}
        ).status_code
        == 400
    )
    assert complaint_of(db, reference).status == S.AWAITING_SELLER
    assert db.scalar(select(func.count()).select_from(ComplaintSettlement)) == 0


def test_wrong_expired_and_foreign_seller_links_are_not_found(accepted, app, db) -> None:
    _officer, _reference, _token = accepted
    seller = app.test_client()
    secret = seller_secret(db)
    assert seller.get("/complaints/seller/rds_wrong").status_code == 404
    assert seller.get("/complaints/seller/" + "x" * 300).status_code == 404
    assert (
        post_form(seller, "/complaints/seller/rds_wrong/answer", {"text": "Hello"}).status_code
        == 404
    )
    at("2026-07-01 10:00")  # the link lasts 120 days
    assert seller.get(f"/complaints/seller/{secret}").status_code == 404
    at("2026-03-03 10:00")
    token = db.scalars(select(SellerAccessToken)).one()
    token.case_reference = "C-2026-999999"  # a link for another case is no way into this one
    db.commit()
    assert seller.get(f"/complaints/seller/{secret}").status_code == 404


def test_an_answer_after_the_deadline_is_refused(accepted, app, db) -> None:
    _officer, reference, _token = accepted
    secret = seller_secret(db)
    at("2026-03-17 08:00")  # the deadline was the end of 16 March; the job has not run yet
    seller = app.test_client()
    late = post_form(seller, f"/complaints/seller/{secret}/answer", {"text": "Sorry, late."})
    assert late.status_code == 409
    assert "The deadline for this has passed." in late.get_data(as_text=True)
    assert complaint_of(db, reference).status == S.AWAITING_SELLER


def test_the_consumer_needs_the_right_token_and_a_proposal(accepted, app, client, db) -> None:
    _officer, reference, token = accepted
    url = f"/api/v1/complaints/{reference}/settlement"
    assert client.get(url, headers={TOKEN: "rdc_wrong"}).status_code == 404
    assert (
        client.get(
            "/api/v1/complaints/C-1999-000001/settlement", headers={TOKEN: token}
        ).status_code
        == 404
    )
    nothing = client.post(f"{url}/accept", json={}, headers={TOKEN: token})
    assert nothing.status_code == 409
    assert (
        nothing.get_json()["error"]["message"] == "There is no settlement waiting for your answer."
    )
    assert client.post(
        f"{url}/accept", json={"settlement": "x"}, headers={TOKEN: token}
    ).status_code in (400, 422)
    assert (
        post_form(
            client, f"/complaints/{reference}/settlement/accept", {"token": "rdc_wrong"}
        ).status_code
        == 404
    )
    refused = post_form(client, f"/complaints/{reference}/settlement/accept", {"token": token})
    assert refused.status_code == 409
    assert "There is no settlement waiting" in refused.get_data(as_text=True)
    assert complaint_of(db, reference).status == S.AWAITING_SELLER


def test_only_staff_who_work_on_the_complaint_make_steps(app, client, db, make_user) -> None:
    at("2026-03-02 10:00")
    reference, _token = file(client)
    case = complaint_of(db, reference)
    outsider = app.test_client()
    sign_in(outsider, make_user(Role.OFFICER))  # in none of the queues
    assert step(outsider, case.id, "accept").status_code == 404
    consumer = app.test_client()
    sign_in(consumer, make_user(Role.CONSUMER))
    assert step(consumer, case.id, "accept").status_code == 403
    anonymous = post_form(app.test_client(), f"/officer/complaints/{case.id}/accept", {})
    assert anonymous.status_code == 302 and "sign-in" in anonymous.headers["Location"]
    supervisor = app.test_client()
    sign_in(supervisor, make_user(Role.SUPERVISOR))
    assert supervisor.post(f"/officer/complaints/{case.id}/accept").status_code == 400  # CSRF
    assert complaint_of(db, reference).status == S.SUBMITTED


def test_steps_needing_more_than_a_reason_are_not_in_the_generic_form(
    app, client, db, make_user
) -> None:
    at("2026-03-02 10:00")
    reference, _token = file(client)
    case = complaint_of(db, reference)
    officer = app.test_client()
    sign_in(officer, make_user(Role.SUPERVISOR))
    page = officer.get(f"/officer/cases/{case.id}").get_data(as_text=True)
    assert 'name="target" value="rejected"' not in page
    assert 'name="target" value="withdrawn"' in page
    generic = post_form(
        officer, f"/officer/cases/{case.id}/transition", {"target": "rejected", "reason": "no"}
    )
    assert generic.status_code == 400
    bulk = post_form(
        officer,
        "/officer/cases/bulk",
        {
            "cases": [str(case.id)],
            "action": "transition",
            "target": "rejected",
            "reason": "no",
            "priority": "2",
        },
    )
    assert "make it on the case page" in bulk.get_data(as_text=True)
    assert complaint_of(db, reference).status == S.SUBMITTED


def test_findings_wait_for_the_end_and_must_hang_together(accepted, db) -> None:
    officer, reference, _token = accepted
    case = complaint_of(db, reference)
    early = step(officer, case.id, "findings", {"substantiated": "yes"})
    assert early.status_code == 409
    assert "once the complaint has ended" in early.get_data(as_text=True)
    post_form(officer, f"/complaints/seller/{seller_secret(db)}/answer", {"text": "Sorry."})
    step(officer, case.id, "failure", {"explanation": "No agreement."})
    odd = step(officer, case.id, "findings", {"substantiated": "no", "fraud": "y"})
    assert odd.status_code == 400 and "substantiated complaint" in odd.get_data(as_text=True)
    assert step(officer, case.id, "findings", {"substantiated": "maybe"}).status_code == 400
    assert complaint_of(db, reference).status == S.MEDIATION_FAILED
