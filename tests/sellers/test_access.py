"""Seller access: a secret link per case shows the seller its events, takes one appeal per
event, and lets a seller account claim the record, which an officer confirms."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from markupsafe import Markup
from sqlalchemy import func, select

from core import clock
from core.db import session
from core.models import Role
from sellers.models import (
    CreditAppeal,
    CreditEvent,
    CreditEventKind,
    RequestStatus,
    Seller,
    SellerAccessToken,
    SellerClaim,
)
from sellers.services import issue_seller_access, register_case_summary, seller_access_url
from sellers.services.access import ACCESS_PREFIX
from tests.conftest import csrf_token, post_form, sign_in
from tests.factories import seller_state


def event_id(db, reference: str) -> int:
    return db.scalar(select(CreditEvent.id).where(CreditEvent.case_reference == reference))


def test_the_link_shows_the_cases_events_and_takes_one_appeal(
    client, make_seller, outcome, access_link, db
) -> None:
    seller = make_seller(contact_email="shop@abc.example")
    outcome(seller, "C-2026-000001", "no_answer")
    outcome(seller, "C-2026-000002", "complaint_upheld")
    secret = access_link(seller, "C-2026-000001")
    assert secret.startswith(ACCESS_PREFIX)
    assert secret not in db.scalar(select(SellerAccessToken.token_hash))
    page = client.get(f"/seller-access/{secret}")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    html = page.get_data(as_text=True)
    assert "C-2026-000001" in html and "Appeal this event" in html
    target = event_id(db, "C-2026-000001")
    response = post_form(
        client,
        f"/seller-access/{secret}/appeal",
        {
            "event_id": target,
            "reasons": "We answered on time, see the mail of 4 March.",
            "evidence": "Mail of 4 March",
        },
    )
    assert response.status_code == 302
    appeal = db.scalar(select(CreditAppeal))
    assert appeal.event_id == target and appeal.status == RequestStatus.PENDING
    again = post_form(
        client,
        f"/seller-access/{secret}/appeal",
        {"event_id": target, "reasons": "Once more with feeling, please."},
    )
    assert again.status_code == 400 and "cannot be appealed" in again.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(CreditAppeal)) == 1


def test_the_link_cannot_appeal_another_cases_event_or_bad_input(
    client, make_seller, outcome, access_link, db
) -> None:
    seller = make_seller()
    outcome(seller, "C-2026-000001", "no_answer")
    outcome(seller, "C-2026-000002", "complaint_upheld")
    other = make_seller("Someone Else", "Temu")
    outcome(other, "C-2026-000003", "fraud_confirmed")
    secret = access_link(seller, "C-2026-000001")
    cases = [
        (
            {"event_id": event_id(db, "C-2026-000002"), "reasons": "Not ours, clearly wrong."},
            "not part of this case",
        ),
        (
            {"event_id": event_id(db, "C-2026-000003"), "reasons": "Not ours, clearly wrong."},
            "not part of this case",
        ),
        ({"event_id": event_id(db, "C-2026-000001"), "reasons": "short"}, "between 10 and 5000"),
        ({"event_id": "x", "reasons": "Long enough reasons."}, "Not a valid integer"),
        ({"event_id": event_id(db, "C-2026-000001"), "reasons": "r" * 5001}, "5000"),
    ]
    for data, reason in cases:
        response = post_form(client, f"/seller-access/{secret}/appeal", data)
        assert response.status_code == 400 and reason in response.get_data(as_text=True), data
    no_csrf = client.post(
        f"/seller-access/{secret}/appeal",
        data={"event_id": event_id(db, "C-2026-000001"), "reasons": "Long enough reasons."},
    )
    assert no_csrf.status_code == 400
    assert db.scalar(select(func.count()).select_from(CreditAppeal)) == 0


def test_wrong_expired_or_revoked_links_are_404(
    app: Flask, client, make_seller, access_link, db
) -> None:
    seller = make_seller()
    secret = access_link(seller, "C-2026-000001", valid_for=timedelta(days=1))
    assert client.get(f"/seller-access/{ACCESS_PREFIX}wrong").status_code == 404
    assert client.get("/seller-access/" + "x" * 300).status_code == 404
    clock.set_now(clock.now() + timedelta(days=2))
    assert client.get(f"/seller-access/{secret}").status_code == 404
    clock.set_now(None)
    revoked = access_link(seller, "C-2026-000002")
    token = db.scalar(
        select(SellerAccessToken).where(SellerAccessToken.case_reference == "C-2026-000002")
    )
    token.revoked_at = clock.now()
    db.commit()
    assert client.get(f"/seller-access/{revoked}").status_code == 404


def test_a_seller_account_claims_the_record_and_an_officer_confirms(
    client, app: Flask, make_seller, outcome, access_link, make_user, db
) -> None:
    seller = make_seller()
    outcome(seller, "C-2026-000001", "no_answer")
    secret = access_link(seller, "C-2026-000001")
    anonymous = post_form(client, f"/seller-access/{secret}/claim", {})
    assert anonymous.status_code == 302 and "/sign-in" in anonymous.headers["Location"]
    consumer = make_user(Role.CONSUMER)
    sign_in(client, consumer)
    refused = post_form(client, f"/seller-access/{secret}/claim", {})
    assert refused.status_code == 400 and "Only a seller account" in refused.get_data(as_text=True)
    client.post("/sign-out", data={"csrf_token": csrf_token(client)})
    account = make_user(Role.SELLER, email="owner@abc.example")
    account_id = account.id
    sign_in(client, account)
    assert "No seller record is linked" in client.get("/seller/record").get_data(as_text=True)
    assert post_form(client, f"/seller-access/{secret}/claim", {}).status_code == 302
    assert post_form(client, f"/seller-access/{secret}/claim", {}).status_code == 400
    claim = db.scalar(select(SellerClaim))
    assert claim.status == RequestStatus.PENDING and db.get(Seller, seller).account_id is None
    client.post("/sign-out", data={"csrf_token": csrf_token(client)})

    sign_in(client, make_user(Role.OFFICER))
    assert "owner@abc.example" in client.get("/officer/sellers").get_data(as_text=True)
    bad = post_form(client, f"/officer/sellers/claims/{claim.id}", {"decision": "maybe"})
    assert bad.status_code == 400
    assert (
        post_form(
            client, f"/officer/sellers/claims/{claim.id}", {"decision": "confirm"}
        ).status_code
        == 302
    )
    db.expire_all()
    assert db.get(Seller, seller).account_id == account_id
    client.post("/sign-out", data={"csrf_token": csrf_token(client)})

    sign_in(client, account)
    html = client.get("/seller/record").get_data(as_text=True)
    assert "C-2026-000001" in html and "Appeal this event" in html
    target = event_id(db, "C-2026-000001")
    assert (
        post_form(
            client,
            "/seller/record/appeal",
            {"event_id": target, "reasons": "We did answer; see our mail."},
        ).status_code
        == 302
    )
    assert db.scalar(select(CreditAppeal.event_id)) == target


def test_an_account_cannot_appeal_someone_elses_event(
    client, make_seller, outcome, make_user, db
) -> None:
    other = make_seller("Other Seller", "Temu")
    outcome(other, "C-2026-000009", "fraud_confirmed")
    sign_in(client, make_user(Role.SELLER))
    response = post_form(
        client,
        "/seller/record/appeal",
        {"event_id": event_id(db, "C-2026-000009"), "reasons": "Not ours, clearly wrong."},
    )
    assert response.status_code == 400 and "not on your record" in response.get_data(as_text=True)
    assert db.scalar(select(CreditAppeal)) is None


def test_officer_decides_an_appeal_on_its_page(
    client, make_seller, outcome, access_link, make_user, db, inbox
) -> None:
    seller = make_seller(contact_email="shop@abc.example")
    outcome(seller, "IP-2026-000001-001", "takedown_counterfeit")
    secret = access_link(seller, "IP-2026-000001-001")
    post_form(
        client,
        f"/seller-access/{secret}/appeal",
        {
            "event_id": event_id(db, "IP-2026-000001-001"),
            "reasons": "The goods are genuine; invoices from the brand attached.",
        },
    )
    appeal = db.scalar(select(CreditAppeal))
    sign_in(client, make_user(Role.OFFICER))
    page = client.get(f"/officer/sellers/appeals/{appeal.id}").get_data(as_text=True)
    assert "invoices from the brand" in page
    bad = post_form(
        client, f"/officer/sellers/appeals/{appeal.id}", {"decision": "uphold", "reasons": ""}
    )
    assert bad.status_code == 400
    ok = post_form(
        client,
        f"/officer/sellers/appeals/{appeal.id}",
        {"decision": "uphold", "reasons": "The invoices prove the goods genuine."},
    )
    assert ok.status_code == 302
    assert seller_state(db, seller) == ("A", 0)
    kinds = db.scalars(select(CreditEvent.kind).order_by(CreditEvent.id)).all()
    assert kinds == [CreditEventKind.TAKEDOWN_COUNTERFEIT, CreditEventKind.APPEAL_UPHELD]
    [mail] = inbox.to("shop@abc.example")
    assert "申诉：成立" in mail["Subject"]  # a seller on AliExpress, a Chinese platform
    again = post_form(
        client,
        f"/officer/sellers/appeals/{appeal.id}",
        {"decision": "reject", "reasons": "Changed my mind entirely."},
    )
    assert again.status_code == 400 and "already decided" in again.get_data(as_text=True)


def test_only_staff_see_appeals_and_claims(client, make_user) -> None:
    for role in (Role.CONSUMER, Role.SELLER, Role.RIGHTS_HOLDER):
        sign_in(client, make_user(role))
        assert client.get("/officer/sellers").status_code == 403
        assert client.get("/officer/sellers/appeals/1").status_code == 403
        client.post("/sign-out", data={"csrf_token": csrf_token(client)})
    assert client.get("/officer/sellers").status_code == 302  # anonymous: sign in
    assert client.get("/seller/record").status_code == 302


def test_the_cases_own_package_shows_what_the_seller_was_sent(
    app: Flask, client, make_seller, access_link
) -> None:
    seller = make_seller()
    secret = access_link(seller, "C-2026-000042")

    def summary(reference: str, seller_id: int) -> Markup | None:
        if reference.startswith("C-"):
            return Markup("<p>Complaint {} about earbuds</p>").format(reference)
        return None

    register_case_summary(app, summary)
    try:
        html = client.get(f"/seller-access/{secret}").get_data(as_text=True)
    finally:
        app.extensions["sellers.case_summaries"].remove(summary)
    assert "What we sent you" in html and "Complaint C-2026-000042 about earbuds" in html


def test_the_link_for_mail_works_outside_a_request(app: Flask, client, make_seller) -> None:
    seller = make_seller()
    with app.app_context():
        secret, _ = issue_seller_access(
            session.get_one(Seller, seller), "C-2026-000001", timedelta(days=10)
        )
        url = seller_access_url(secret)
        session.commit()
    assert url == f"http://localhost/seller-access/{secret}"
    assert client.get(url.removeprefix("http://localhost")).status_code == 200


def test_a_refused_appeal_keeps_what_the_seller_typed(
    client, make_seller, outcome, access_link, db
) -> None:
    seller = make_seller()
    outcome(seller, "C-2026-000001", "no_answer")
    secret = access_link(seller, "C-2026-000001")
    target = event_id(db, "C-2026-000001")
    response = post_form(
        client,
        f"/seller-access/{secret}/appeal",
        {"event_id": target, "reasons": "Too short", "evidence": "Mail of 4 March, 10:02"},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "<details open><summary>" in html
    assert (
        f'id="reasons-{target}" name="reasons" required aria-invalid="true">Too short</textarea>'
        in html
    )
    assert f'id="evidence-{target}" name="evidence">Mail of 4 March, 10:02</textarea>' in html
    assert db.scalar(select(func.count()).select_from(CreditAppeal)) == 0
