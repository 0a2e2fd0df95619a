"""Complaints walked from filing to closed through each path, as their parties see them: the
mails, the timeline and the seller's credit record (DESIGN.md sections 4 and 7)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from complaints.models import ComplaintFinding, ComplaintSettlement
from complaints.workflow import ComplaintState as S
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
    seller_tier,
    step,
)
from tests.conftest import post_form, sign_in
from tests.factories import at


def test_settled_in_mediation(app, client, db, make_user, inbox) -> None:
    seller_id = known_seller(app)
    at("2026-03-02 10:00")  # a Monday
    reference, token = file(client)
    officer = app.test_client()
    sign_in(officer, make_user(Role.SUPERVISOR))
    case = complaint_of(db, reference)

    page = officer.get(f"/officer/cases/{case.id}").get_data(as_text=True)
    assert "Accept the complaint" in page and "Out of scope" in page
    at("2026-03-03 09:00")
    assert step(officer, case.id, "accept").status_code == 302
    case = complaint_of(db, reference)
    assert case.status == S.AWAITING_SELLER
    [accepted] = [m for m in inbox.to("anna@example.org") if "accepted" in m["Subject"]]
    assert "forwarded it to the seller" in accepted.get_content()
    [forwarded] = inbox.to(SHOP)
    body = forwarded.get_content()
    assert forwarded["Subject"] == f"关于您店铺的消费者投诉：{reference}"  # a seller in China
    assert "Anna Berg" in body and "8123456789" in body and "anna@example.org" not in body

    seller = app.test_client()
    secret = seller_secret(db)
    shown = seller.get(f"/complaints/seller/{secret}")
    assert shown.status_code == 200 and "wireless earbuds" in shown.get_data(as_text=True)
    assert "anna@example.org" not in shown.get_data(as_text=True)
    record = seller.get(f"/seller-access/{secret}").get_data(as_text=True)
    assert f"/complaints/seller/{secret}" in record and "wireless earbuds" in record

    answered = post_form(
        seller,
        f"/complaints/seller/{secret}/answer",
        {"text": "The parcel was lost by the carrier; we will refund."},
    )
    assert answered.status_code == 302
    assert complaint_of(db, reference).status == S.MEDIATION
    assert any("answered" in m["Subject"] for m in inbox.to("anna@example.org"))

    proposed = post_form(
        seller,
        f"/complaints/seller/{secret}/proposal",
        {"kind": "refund", "amount": "20.00", "currency": "eur", "text": ""},
    )
    assert proposed.status_code == 302
    track = client.get(f"/complaints/{reference}?token={token}").get_data(as_text=True)
    assert "The seller proposes a settlement" in track and "20.00 EUR" in track
    # the consumer reads the seller's own words on their timeline
    assert "The seller answered" in track and "lost by the carrier" in track
    rejected = post_form(client, f"/complaints/{reference}/settlement/reject", {"token": token})
    assert rejected.status_code == 302
    assert complaint_of(db, reference).status == S.MEDIATION  # mediation goes on

    at("2026-03-10 15:00")
    agreed = step(
        officer,
        case.id,
        "agreement",
        {"kind": "refund", "amount": "49.99", "currency": "EUR", "text": "Full refund."},
    )
    assert agreed.status_code == 302
    case = complaint_of(db, reference)
    assert case.status == S.RESOLVED
    assert any("resolved" in m["Subject"] for m in inbox.to("anna@example.org"))
    assert {m.language for m in mails(db, SHOP)} == {"zh"} and len(mails(db, SHOP)) >= 3
    assert credit(db, seller_id) == []  # findings, not the agreement, count

    assert step(officer, case.id, "findings", {"substantiated": "yes"}).status_code == 302
    assert credit(db, seller_id) == [("complaint_upheld", 2)]
    assert seller_tier(db, seller_id) == "B"
    again = step(officer, case.id, "findings", {"substantiated": "no"})
    assert again.status_code == 409 and credit(db, seller_id) == [("complaint_upheld", 2)]

    run_job(app, "complaint_close", case.closed_at + timedelta(days=59))
    assert complaint_of(db, reference).status == S.RESOLVED  # feedback is still open
    run_job(app, "complaint_close", case.closed_at + timedelta(days=61))
    assert moves(db, case.id) == [
        S.SUBMITTED,
        S.ACCEPTED,
        S.AWAITING_SELLER,
        S.MEDIATION,
        S.RESOLVED,
        S.CLOSED,
    ]


def test_failed_when_the_seller_refuses_to_mediate(app, client, db, make_user, inbox) -> None:
    seller_id = known_seller(app)
    at("2026-03-02 10:00")
    reference, _token = file(client, consent_share_with_rights_holder=True)
    officer = app.test_client()
    sign_in(officer, make_user(Role.SUPERVISOR))
    case = complaint_of(db, reference)
    step(officer, case.id, "accept")
    post_form(
        app.test_client(),
        f"/complaints/seller/{seller_secret(db)}/dispute",
        {"text": "These are genuine goods."},
    )
    assert complaint_of(db, reference).status == S.MEDIATION
    assert any("disputes" in m.get_content() for m in inbox.to("anna@example.org"))
    page = officer.get(f"/officer/cases/{case.id}").get_data(as_text=True)
    assert "Record the agreement" in page and "These are genuine goods." in page

    failed = step(
        officer, case.id, "failure", {"explanation": "The seller will not talk.", "refused": "y"}
    )
    assert failed.status_code == 302
    assert complaint_of(db, reference).status == S.MEDIATION_FAILED
    assert credit(db, seller_id) == [("refused_mediation", 4)]
    told = [m for m in inbox.to("anna@example.org") if "mediation failed" in m["Subject"]]
    assert told and "refused to mediate" in told[0].get_content()
    assert any("C-" in m.subject and m.language == "zh" for m in mails(db, SHOP)[1:])

    assert "Record the findings" in officer.get(f"/officer/cases/{case.id}").get_data(as_text=True)
    step(officer, case.id, "findings", {"substantiated": "yes", "counterfeit": "y"})
    page = officer.get(f"/officer/cases/{case.id}").get_data(as_text=True)
    assert "Counterfeit goods confirmed" in page and "Record the findings" not in page
    assert credit(db, seller_id) == [("refused_mediation", 4), ("counterfeit_confirmed", 12)]
    assert seller_tier(db, seller_id) == "C"
    findings = db.get(ComplaintFinding, case.id)
    assert findings.refused_mediation and findings.counterfeit and findings.substantiated


def test_rejected_with_a_reason_from_the_list(app, client, db, make_user, inbox) -> None:
    at("2026-03-02 10:00")
    reference, _token = file(client, language="zh")
    officer = app.test_client()
    sign_in(officer, make_user(Role.SUPERVISOR))
    case = complaint_of(db, reference)
    done = step(officer, case.id, "reject", {"reason": "too_old", "explanation": ""})
    assert done.status_code == 302
    case = complaint_of(db, reference)
    assert case.status == S.REJECTED
    assert db.get(ComplaintFinding, case.id).rejection_reason.value == "too_old"
    told = mails(db, "anna@example.org")[-1]
    assert told.subject == f"您的投诉 {reference} 无法受理"
    assert "自知道权益受损之日起已超过 3 年" in told.body
    assert step(officer, case.id, "findings", {"substantiated": "no"}).status_code == 302
    run_job(app, "complaint_close", case.closed_at + timedelta(days=61))
    assert moves(db, case.id) == [S.SUBMITTED, S.REJECTED, S.CLOSED]
    assert db.scalars(select(ComplaintSettlement)).all() == []
