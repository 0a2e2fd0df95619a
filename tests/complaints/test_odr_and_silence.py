"""The seller-first (ODR) lane, a silent seller, a withdrawn complaint: each to its end, with
the deadlines the jobs enforce and what the officers' clock is charged."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from casework.models import CaseEvent
from casework.services.access import Actor
from casework.services.transitions import transition
from complaints.workflow import ComplaintState as S
from core.db import session
from core.models import Role
from tests.complaints.walk import (
    SHOP,
    complaint_of,
    credit,
    file,
    known_seller,
    mails,
    moves,
    run_job,
    seller_secret,
    step,
)
from tests.conftest import post_form, sign_in
from tests.factories import at, shanghai

TOKEN = "X-Tracking-Token"


def test_odr_settled_by_the_seller_first(app, client, db, inbox) -> None:
    seller_id = known_seller(app)
    at("2026-03-02 10:00")
    reference, token = file(client, seller_first=True)
    case = complaint_of(db, reference)
    assert case.status == S.WITH_SELLER
    assert case.due_at == shanghai("2026-03-16 23:59:59")  # 10 working days
    [forwarded] = inbox.to(SHOP)
    assert "选择先由您和解" in forwarded.get_content()  # the seller is in China
    # One mail: the filing's, saying the seller has the first days.
    assert [m.template for m in mails(db, "anna@example.org")] == ["complaints/filed"]

    seller = app.test_client()
    secret = seller_secret(db)
    assert "Answer" not in seller.get(f"/complaints/seller/{secret}").get_data(as_text=True)
    post_form(
        seller,
        f"/complaints/seller/{secret}/proposal",
        {"kind": "replacement", "amount": "", "currency": "", "text": "A new pair."},
    )
    shown = client.get(f"/api/v1/complaints/{reference}/settlement", headers={TOKEN: token})
    assert shown.status_code == 200 and shown.get_json()["kind"] == "replacement"
    accepted = client.post(
        f"/api/v1/complaints/{reference}/settlement/accept", json={}, headers={TOKEN: token}
    )
    assert accepted.status_code == 200, accepted.get_json()
    assert accepted.get_json()["complaint_status"] == "resolved"
    assert moves(db, case.id) == [S.SUBMITTED, S.WITH_SELLER, S.RESOLVED]
    settled = db.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.after == S.RESOLVED)
    ).one()
    assert settled.data["outcome"] == "odr_settled" and settled.actor_label == "consumer"
    assert any("和解方案已被接受" in m["Subject"] for m in inbox.to(SHOP))
    assert credit(db, seller_id) == []  # settled by the seller itself: nothing counts


def test_odr_timeout_returns_to_the_officers_without_charging_their_clock(app, client, db) -> None:
    known_seller(app)
    at("2026-03-02 10:00")
    reference, _token = file(client, seller_first=True)
    case = complaint_of(db, reference)
    run_job(app, "complaint_odr_deadline", shanghai("2026-03-16 23:00"))
    assert complaint_of(db, reference).status == S.WITH_SELLER  # not yet
    returned = shanghai("2026-03-17 09:00")
    output = run_job(app, "complaint_odr_deadline", returned)
    assert "returned 1" in output
    case = complaint_of(db, reference)
    assert case.status == S.SUBMITTED
    # Seven working days counted from the return, none spent with the seller.
    assert case.due_at == shanghai("2026-03-26 23:59:59") and case.sla_days_used == 0
    assert "returned 0" in run_job(app, "complaint_odr_deadline", returned)
    assert [m.template for m in mails(db, "anna@example.org")][-1] == "complaints/odr_returned"
    assert [m.template for m in mails(db, SHOP)][-1] == "complaints/odr_returned"


def test_a_rejected_odr_proposal_resumes_the_officers_clock(app, client, db, make_user) -> None:
    known_seller(app)
    at("2026-03-02 10:00")
    reference, token = file(client)
    case = complaint_of(db, reference)
    officer = app.test_client()
    sign_in(officer, make_user(Role.SUPERVISOR))
    at("2026-03-04 10:00")  # two working days of the officers' seven used
    assert step(officer, case.id, "seller-first").status_code == 302
    assert complaint_of(db, reference).status == S.WITH_SELLER
    at("2026-03-09 10:00")
    post_form(
        app.test_client(),
        f"/complaints/seller/{seller_secret(db)}/proposal",
        {"kind": "refund", "amount": "10", "currency": "EUR", "text": ""},
    )
    refused = client.post(
        f"/api/v1/complaints/{reference}/settlement/reject", json={}, headers={TOKEN: token}
    )
    assert refused.status_code == 200
    case = complaint_of(db, reference)
    assert case.status == S.SUBMITTED and case.sla_days_used == 2
    assert case.due_at == shanghai("2026-03-16 23:59:59")  # five days left from 9 March


def test_a_silent_seller_counts_and_mediation_times_out(app, client, db, make_user) -> None:
    seller_id = known_seller(app)
    at("2026-03-02 10:00")
    reference, _token = file(client)
    case = complaint_of(db, reference)
    officer = app.test_client()
    sign_in(officer, make_user(Role.SUPERVISOR))
    at("2026-03-02 11:00")
    step(officer, case.id, "accept")
    case = complaint_of(db, reference)
    due = case.due_at
    assert due == shanghai("2026-03-16 23:59:59")
    assert "not_answered 0" in run_job(app, "complaint_seller_deadline", due - timedelta(hours=1))
    assert "not_answered 1" in run_job(app, "complaint_seller_deadline", due + timedelta(hours=1))
    assert "not_answered 0" in run_job(app, "complaint_seller_deadline", due + timedelta(hours=2))
    case = complaint_of(db, reference)
    assert case.status == S.MEDIATION and credit(db, seller_id) == [("no_answer", 3)]
    assert "complaints/no_answer" in [m.template for m in mails(db, SHOP)]
    assert "complaints/no_answer" in [m.template for m in mails(db, "anna@example.org")]
    # 45 working days from acceptance on 2 March, not from the seller's silence: holidays
    # skipped, make-up working days counted.
    assert case.due_at == shanghai("2026-05-08 23:59:59")
    late = app.test_client().post(f"/complaints/seller/{seller_secret(db)}/answer")
    assert late.status_code in (400, 409)
    assert "failed 1" in run_job(
        app, "complaint_mediation_deadline", case.due_at + timedelta(minutes=1)
    )
    assert complaint_of(db, reference).status == S.MEDIATION_FAILED
    assert "complaints/mediation_failed" in [m.template for m in mails(db, SHOP)]
    assert moves(db, case.id) == [
        S.SUBMITTED,
        S.ACCEPTED,
        S.AWAITING_SELLER,
        S.MEDIATION,
        S.MEDIATION_FAILED,
    ]


def test_a_withdrawn_complaint_closes_after_the_feedback_window(app, client, db) -> None:
    at("2026-03-02 10:00")
    reference, _token = file(client)
    with app.app_context():
        case = complaint_of(session, reference)
        transition(case, S.WITHDRAWN, Actor("consumer"))
        session.commit()
        ended = case.closed_at
    run_job(app, "complaint_close", ended + timedelta(days=61))
    assert moves(db, complaint_of(db, reference).id) == [S.SUBMITTED, S.WITHDRAWN, S.CLOSED]


def test_a_seller_declining_or_an_officer_taking_back_ends_the_odr_lane(
    app, client, db, make_user
) -> None:
    known_seller(app)
    at("2026-03-02 10:00")
    first, _token = file(client, seller_first=True)
    declined = post_form(
        app.test_client(),
        f"/complaints/seller/{seller_secret(db)}/dispute",
        {"text": "We never sold this."},
    )
    assert declined.status_code == 302
    assert complaint_of(db, first).status == S.SUBMITTED
    assert [m.template for m in mails(db, "anna@example.org")][-1] == "complaints/odr_returned"

    second, _token2 = file(client, seller_first=True, order_number="999")
    officer = app.test_client()
    sign_in(officer, make_user(Role.SUPERVISOR))
    case = complaint_of(db, second)
    assert "Take the complaint back" in officer.get(f"/officer/cases/{case.id}").get_data(
        as_text=True
    )
    assert step(officer, case.id, "take-back").status_code == 302
    assert complaint_of(db, second).status == S.SUBMITTED
    assert step(officer, case.id, "take-back").status_code == 409  # not with the seller now
