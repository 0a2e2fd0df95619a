"""Officer seller pages and platform admin: who sees what, audited reads, refused bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from core import clock
from core.models import AuditEvent, Role
from sellers.models import Platform, Seller, SellerAlias
from sellers.services.case_links import register_case_link
from tests.conftest import csrf_token, post_form, sign_in
from tests.factories import T0, platform_id

VALID_USCC = "914403001922038216"


@pytest.fixture
def officer(client, make_user):
    user = make_user(Role.OFFICER)
    sign_in(client, user)
    return user


def seller_form(app: Flask, **changes: object) -> dict[str, object]:
    return {
        "name": "Shenzhen ABC Technology Co., Ltd.",
        "platform_id": platform_id(app, "AliExpress"),
        "shop_url": "https://aliexpress.com/store/1",
        "platform_seller_id": "1",
        "country": "CN",
        "registration_number": VALID_USCC,
        "contact_email": "shop@abc.example",
        "contact_person": "Li Lei",
        "trader_address": "1 Keji Road, Shenzhen",
        "trader_phone": "+86 755 1234 5678",
        "trade_register": "SAMR Shenzhen",
        **changes,
    }


def test_officer_page_shows_identity_ledger_and_history_and_audits_the_read(
    client, officer, make_seller, outcome, db
) -> None:
    seller = make_seller(contact_email="shop@abc.example", trader_phone="+86 755 1234")
    outcome(seller, "C-2026-000001", "refused_mediation")
    html = client.get(f"/officer/sellers/{seller}").get_data(as_text=True)
    for text in (
        "shop@abc.example",
        "+86 755 1234",
        "C-2026-000001",
        "counts",
        "Mediation failed through the seller",
        "Tier history",
    ):
        assert text in html, text
    read = db.scalar(select(AuditEvent).where(AuditEvent.action == "personal_data.read"))
    assert read.target == f"seller:{seller}" and read.actor_id == officer.id


def test_expired_events_stay_visible_to_officers(app, client, officer, make_seller, outcome):
    seller = make_seller()
    outcome(seller, "C-2025-000001", "no_answer", T0 - timedelta(days=400))
    clock.set_now(T0)
    html = client.get(f"/officer/sellers/{seller}").get_data(as_text=True)
    assert "C-2025-000001" in html and "expired" in html


def test_officer_creates_and_edits_a_seller(app: Flask, client, officer, db) -> None:
    response = post_form(client, "/officer/sellers/new", seller_form(app))
    assert response.status_code == 302, response.get_data(as_text=True)
    seller = db.scalar(select(Seller))
    assert seller.registration_number == VALID_USCC and seller.trader_phone == "+86 755 1234 5678"
    response = post_form(
        client,
        f"/officer/sellers/{seller.id}/edit",
        seller_form(app, platform_seller_id="2201234567", platform_id=0),
    )
    assert response.status_code == 302
    db.expire_all()
    assert db.get(Seller, seller.id).platform_id is None


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"name": ""}, "This field is required"),
        ({"registration_number": "914403001922038217"}, "not a valid unified social credit code"),
        ({"contact_email": "not-an-address"}, "Invalid email address"),
        ({"country": "China"}, "Two letters"),
        ({"shop_url": "javascript:alert(1)"}, "Not a web address"),
        ({"trader_phone": "call me"}, "Digits, spaces"),
        ({"platform_id": "999999"}, "Not a valid choice"),
        ({"name": "n" * 201}, "longer than 200"),
    ],
)
def test_bad_seller_details_are_refused_and_nothing_is_stored(
    app: Flask, client, officer, db, changes, reason
) -> None:
    response = post_form(client, "/officer/sellers/new", seller_form(app, **changes))
    assert response.status_code == 400
    assert reason in response.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(Seller)) == 0


def test_a_platform_seller_id_is_unique_on_its_platform(
    app: Flask, client, officer, make_seller, db
) -> None:
    make_seller("First Shop", "AliExpress", platform_seller_id="77")
    response = post_form(
        client,
        "/officer/sellers/new",
        seller_form(app, platform_seller_id="77", registration_number=""),
    )
    assert (
        response.status_code == 400
        and "already has this platform seller id" in response.get_data(as_text=True)
    )
    assert db.scalar(select(func.count()).select_from(Seller)) == 1


def test_officer_adds_an_alias_and_bad_alias_is_refused(client, officer, make_seller, db):
    seller = make_seller()
    assert (
        post_form(
            client, f"/officer/sellers/{seller}/aliases", {"alias": "ABC Official"}
        ).status_code
        == 302
    )
    assert post_form(client, f"/officer/sellers/{seller}/aliases", {"alias": ""}).status_code == 400
    assert db.scalars(select(SellerAlias.name)).all() == ["ABC Official"]


def test_officer_dismisses_a_possible_duplicate(client, officer, make_seller, db) -> None:
    make_seller("Sunrise Trading Co., Ltd.", "AliExpress")
    duplicate = make_seller("Sunrise Trading Global", "AliExpress")
    assert "Sunrise Trading Global" in client.get("/officer/sellers").get_data(as_text=True)
    assert post_form(client, f"/officer/sellers/{duplicate}/not-duplicate", {}).status_code == 302
    db.expire_all()
    assert db.get(Seller, duplicate).possible_duplicate_of_id is None


@pytest.mark.parametrize("role", [Role.CONSUMER, Role.SELLER, Role.RIGHTS_HOLDER])
def test_non_staff_never_see_officer_pages(client, make_user, make_seller, role) -> None:
    seller = make_seller(contact_email="secret@abc.example")
    sign_in(client, make_user(role))
    for url in (
        "/officer/sellers",
        f"/officer/sellers/{seller}",
        f"/officer/sellers/{seller}/edit",
        "/officer/sellers/new",
        "/admin/platforms",
    ):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("role", [Role.OFFICER, Role.SUPERVISOR, Role.ADMIN])
def test_every_staff_role_works_the_seller_pages(client, make_user, make_seller, role) -> None:
    seller = make_seller()
    sign_in(client, make_user(role))
    assert client.get(f"/officer/sellers/{seller}").status_code == 200
    assert client.get("/officer/sellers?q=abc").status_code == 200


def test_platforms_are_seeded_and_admins_edit_them(client, make_user, db) -> None:
    names = set(db.scalars(select(Platform.name)))
    assert {"AliExpress", "Amazon", "Temu", "Shein", "Taobao", "eBay"} <= names
    admin = make_user(Role.ADMIN)
    officer = make_user(Role.OFFICER)
    sign_in(client, officer)
    assert client.get("/admin/platforms").status_code == 403
    client.post("/sign-out", data={"csrf_token": csrf_token(client)})
    sign_in(client, admin)
    temu = db.scalar(select(Platform).where(Platform.name == "Temu"))
    response = post_form(
        client,
        f"/admin/platforms/{temu.id}",
        {
            "name": "Temu",
            "domains": "temu.com, www.temu.de",
            "country": "ie",
            "contact_email": "ip@temu.example",
            "contact_url": "https://temu.example/ip",
        },
    )
    assert response.status_code == 302
    db.expire_all()
    temu = db.get(Platform, temu.id)
    assert temu.domains == ["temu.com", "temu.de"] and temu.country == "IE"
    assert temu.contact_email == "ip@temu.example"
    created = post_form(client, "/admin/platforms", {"name": "Ozon", "domains": "ozon.ru"})
    assert created.status_code == 302
    for data, reason in (
        ({"name": "amazon"}, "already a platform"),
        ({"name": ""}, "This field is required"),
        ({"name": "X", "domains": "<script>"}, "separated by commas"),
        ({"name": "X", "contact_email": "nope"}, "Invalid email"),
    ):
        refused = post_form(client, "/admin/platforms", data)
        assert refused.status_code == 400 and reason in refused.get_data(as_text=True), data
    assert db.scalar(select(func.count()).select_from(Platform)) == len(names) + 1


def test_case_references_link_to_cases_once_casework_registers_a_link(
    app: Flask, client, officer, make_seller, outcome
) -> None:
    seller = make_seller()
    outcome(seller, "C-2026-000123", "no_answer")

    def link(reference: str) -> str | None:
        return f"/cases/{reference}" if reference.startswith("C-") else None

    register_case_link(app, link)
    try:
        html = client.get(f"/officer/sellers/{seller}").get_data(as_text=True)
    finally:
        app.extensions["sellers.case_links"].remove(link)
    assert '<a href="/cases/C-2026-000123"><code>C-2026-000123</code></a>' in html
