"""Casework's escalation, reminders, search, merges and retention at work on real complaints,
and what the seller sees on its secret page."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from casework.models import CaseEvent, EscalationLevel
from complaints.models import ComplaintSettlement
from complaints.workflow import ComplaintState as S
from core.models import Role
from core.signals import counterfeit_lead
from tests.complaints.walk import (
    SHOP,
    complaint_of,
    file,
    known_seller,
    mails,
    run_job,
    seller_secret,
    step,
)
from tests.conftest import post_form, sign_in
from tests.factories import at, shanghai


def _officer(app, make_user):
    officer = app.test_client()
    supervisor = make_user(Role.SUPERVISOR)
    sign_in(officer, supervisor)
    return officer, supervisor


def test_an_unhandled_complaint_escalates(app, client, db, make_user) -> None:
    at("2026-03-02 10:00")
    reference, _token = file(client)
    make_user(Role.SUPERVISOR)
    case = complaint_of(db, reference)
    run_job(app, "escalate", shanghai("2026-03-12 09:00"))  # past the 7 working days
    case = complaint_of(db, reference)
    assert case.escalation_level >= EscalationLevel.OVERDUE
    assert (
        "escalated" in db.scalars(select(CaseEvent.type).where(CaseEvent.case_id == case.id)).all()
    )


def test_the_seller_is_reminded_before_its_deadline(app, client, db, make_user) -> None:
    known_seller(app)
    at("2026-03-02 10:00")
    reference, _token = file(client)
    officer, _user = _officer(app, make_user)
    step(officer, complaint_of(db, reference).id, "accept")
    run_job(app, "remind", shanghai("2026-03-12 09:00"))  # Thursday; due Monday 16 March
    reminders = [m for m in mails(db, SHOP) if m.template == "casework/reminder"]
    assert len(reminders) == 1 and reminders[0].language == "en"  # the party's language
    assert reference in reminders[0].subject


def test_officers_find_complaints_by_their_words(app, client, db, make_user) -> None:
    at("2026-03-02 10:00")
    reference, _token = file(client)
    officer, _user = _officer(app, make_user)
    found = officer.get("/officer/cases", query_string={"q": "8123456789"})
    assert reference in found.get_data(as_text=True)


def test_a_duplicate_complaint_merges_into_the_first(app, client, db, make_user, inbox) -> None:
    at("2026-03-02 10:00")
    first, _token = file(client)
    second, _token2 = file(client)
    officer, _user = _officer(app, make_user)
    duplicate = complaint_of(db, second)
    merged = post_form(
        officer,
        f"/officer/cases/{duplicate.id}/merge",
        {"survivor": first, "reason": "Same order."},
    )
    assert merged.status_code == 302
    assert complaint_of(db, second).status == S.MERGED
    assert any(
        second in m["Subject"] or second in m.get_content() for m in inbox.to("anna@example.org")
    )
    run_job(app, "complaint_close", complaint_of(db, second).closed_at + timedelta(days=61))
    assert complaint_of(db, second).status == S.CLOSED


def test_retention_removes_personal_data_of_settled_complaints(app, client, db, make_user) -> None:
    known_seller(app)
    at("2026-03-02 10:00")
    reference, _token = file(client)
    officer, _user = _officer(app, make_user)
    case = complaint_of(db, reference)
    step(officer, case.id, "accept")
    post_form(
        app.test_client(),
        f"/complaints/seller/{seller_secret(db)}/answer",
        {"text": "We will refund Anna Berg at Hauptstrasse 5."},
    )
    step(
        officer,
        case.id,
        "agreement",
        {"kind": "refund", "amount": "49.99", "currency": "EUR", "text": "Refund to Anna Berg."},
    )
    closed = complaint_of(db, reference).closed_at
    run_job(app, "purge_personal_data", closed + timedelta(days=3 * 365 + 1))
    case = complaint_of(db, reference)
    assert case.anonymised_at is not None and case.consumer_email == ""
    [agreement] = db.scalars(select(ComplaintSettlement)).all()
    assert agreement.terms is None and agreement.amount == Decimal("49.99")  # for statistics
    bodies = db.scalars(select(CaseEvent.body).where(CaseEvent.case_id == case.id)).all()
    assert not any(body and "Anna" in body for body in bodies)


def test_a_confirmed_counterfeit_is_shared_without_personal_data(
    app, client, db, make_user
) -> None:
    seller_id = known_seller(app)
    at("2026-03-02 10:00")
    reference, _token = file(client, consent_share_with_rights_holder=True)
    officer, _user = _officer(app, make_user)
    case = complaint_of(db, reference)
    step(officer, case.id, "reject", {"reason": "handled_elsewhere"})
    leads: list[dict] = []

    def heard(_sender, **lead) -> None:
        leads.append(lead)

    counterfeit_lead.connect(heard)
    try:
        step(officer, case.id, "findings", {"substantiated": "yes", "counterfeit": "y"})
    finally:
        counterfeit_lead.disconnect(heard)
    [lead] = leads
    assert lead["case_reference"] == reference and lead["seller_id"] == seller_id
    assert lead["brand"] and lead["product"] == "wireless earbuds"
    assert "anna" not in repr(lead).lower() and "8123456789" not in repr(lead)


def test_no_lead_without_the_consumers_consent(app, client, db, make_user) -> None:
    known_seller(app)
    at("2026-03-02 10:00")
    reference, _token = file(client)
    officer, _user = _officer(app, make_user)
    case = complaint_of(db, reference)
    step(officer, case.id, "reject", {"reason": "handled_elsewhere"})
    leads: list[dict] = []

    def heard(_sender, **lead) -> None:
        leads.append(lead)

    counterfeit_lead.connect(heard)
    try:
        step(officer, case.id, "findings", {"substantiated": "yes", "counterfeit": "y"})
    finally:
        counterfeit_lead.disconnect(heard)
    assert leads == []


def test_a_complaint_without_a_seller_contact_waits_for_one(
    app, client, db, make_user, inbox
) -> None:
    at("2026-03-02 10:00")
    reference, _token = file(client)
    officer, _user = _officer(app, make_user)
    case = complaint_of(db, reference)
    step(officer, case.id, "accept")
    assert complaint_of(db, reference).status == S.SELLER_CONTACT_NEEDED
    page = officer.get(f"/officer/cases/{case.id}").get_data(as_text=True)
    assert "Contact e-mail address" in page
    bad = step(officer, case.id, "forward", {"email": "not an address"})
    assert bad.status_code == 400 and "Not an e-mail address." in bad.get_data(as_text=True)
    none = step(officer, case.id, "forward", {"email": ""})
    assert none.status_code == 400
    done = step(officer, case.id, "forward", {"email": "help@bright.example"})
    assert done.status_code == 302
    assert complaint_of(db, reference).status == S.AWAITING_SELLER
    assert len(inbox.to("help@bright.example")) == 1


def test_an_officer_names_the_seller_of_a_platform_only_complaint(
    app, client, db, make_user
) -> None:
    at("2026-03-02 10:00")
    reference, _token = file(
        client,
        seller=None,
        description="The earbuds I ordered never arrived and nobody answers my messages at all.",
    )
    officer, _user = _officer(app, make_user)
    case = complaint_of(db, reference)
    assert case.seller_id is None
    step(officer, case.id, "accept")
    unnamed = step(officer, case.id, "forward", {"email": "help@bright.example"})
    assert unnamed.status_code == 400 and "Name the seller first." in unnamed.get_data(as_text=True)
    named = step(
        officer, case.id, "forward", {"email": "help@bright.example", "seller_name": "Bright Store"}
    )
    assert named.status_code == 302
    case = complaint_of(db, reference)
    assert case.status == S.AWAITING_SELLER and case.seller.name == "Bright Store"
    assert [m.template for m in mails(db, "help@bright.example")] == ["complaints/forwarded"]
