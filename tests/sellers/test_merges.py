"""Merging two sellers is a recorded mapping; undoing it gives back both ledgers exactly."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from core.db import session
from core.models import Role, User
from sellers.models import Seller, SellerMerge
from sellers.services import merge_sellers, undo_merge
from sellers.services.ledger import ledger_of
from tests.conftest import post_form, sign_in
from tests.factories import seller_state


def ledger(app: Flask, seller_id: int) -> list[tuple]:
    with app.app_context():
        return [
            (e.id, e.seller_id, e.kind.value, e.points, e.case_reference, e.expires_at)
            for e in ledger_of(session.get_one(Seller, seller_id))
        ]


def test_merge_and_undo_give_back_both_ledgers_exactly(
    app: Flask, make_seller, outcome, db
) -> None:
    survivor = make_seller("Shenzhen ABC Technology", "AliExpress", platform_seller_id="1")
    merged = make_seller("ABC Tech Global Store", "AliExpress", platform_seller_id="2")
    outcome(survivor, "C-2026-000001", "complaint_upheld")
    outcome(survivor, "IP-2026-000002-001", "takedown")
    outcome(merged, "C-2026-000003", "counterfeit_confirmed")
    before = {survivor: ledger(app, survivor), merged: ledger(app, merged)}
    state_before = {survivor: seller_state(db, survivor), merged: seller_state(db, merged)}
    assert state_before == {survivor: ("B", 8), merged: ("C", 12)}

    with app.app_context():
        mapping = merge_sellers(
            session.get_one(Seller, merged), session.get_one(Seller, survivor), None
        )
        session.commit()
        mapping_id = mapping.id
    assert sorted(ledger(app, survivor)) == sorted(before[survivor] + before[merged])
    assert seller_state(db, survivor) == ("C", 20)

    with app.app_context():
        undo_merge(session.get_one(SellerMerge, mapping_id), None)
        session.commit()
    assert ledger(app, survivor) == before[survivor]
    assert ledger(app, merged) == before[merged]
    assert {survivor: seller_state(db, survivor), merged: seller_state(db, merged)} == state_before
    assert db.get(SellerMerge, mapping_id).ended_at is not None  # the mapping stays, ended


def test_merging_into_a_seller_that_was_itself_merged_follows_the_chain(
    app: Flask, make_seller, outcome, db
) -> None:
    a, b, c = (make_seller(name, "Temu") for name in ("Alpha Shop", "Beta Shop", "Gamma Shop"))
    for seller, reference in ((a, "C-1"), (b, "C-2"), (c, "C-3")):
        outcome(seller, reference, "no_answer")
    with app.app_context():
        merge_sellers(session.get_one(Seller, a), session.get_one(Seller, b), None)
        b_into_c = merge_sellers(session.get_one(Seller, b), session.get_one(Seller, c), None)
        session.commit()
        b_into_c_id = b_into_c.id
    assert seller_state(db, c) == ("B", 9)
    assert db.get(Seller, a).merged_into_id == c
    with app.app_context():
        undo_merge(session.get_one(SellerMerge, b_into_c_id), None)
        session.commit()
    assert seller_state(db, c) == ("B", 3) and seller_state(db, b) == ("B", 6)
    assert db.get(Seller, a).merged_into_id == b


def test_officer_merges_and_undoes_on_the_seller_page(
    app: Flask, client, make_seller, outcome, make_user, db
) -> None:
    survivor = make_seller("Sunrise Trading Co., Ltd.", "AliExpress")
    duplicate = make_seller("Sunrise Trading Global", "AliExpress")
    outcome(duplicate, "C-2026-000009", "refused_mediation")
    assert db.get(Seller, duplicate).possible_duplicate_of_id == survivor
    sign_in(client, make_user(Role.OFFICER))
    page = client.get(f"/officer/sellers/{duplicate}").get_data(as_text=True)
    assert "Merge this seller into it" in page
    response = post_form(client, f"/officer/sellers/{survivor}/merge", {"other_id": duplicate})
    assert response.status_code == 302
    html = client.get(f"/officer/sellers/{survivor}").get_data(as_text=True)
    assert "C-2026-000009" in html and "Undo the merge" in html
    assert db.scalar(select(Seller.possible_duplicate_of_id).where(Seller.id == duplicate)) is None
    mapping = db.scalar(select(SellerMerge))
    assert post_form(client, f"/officer/sellers/merges/{mapping.id}/undo", {}).status_code == 302
    assert "C-2026-000009" not in client.get(f"/officer/sellers/{survivor}").get_data(as_text=True)
    db.expire_all()
    assert db.get(Seller, duplicate).merged_into_id is None


def test_bad_merges_are_refused_with_a_reason_and_store_nothing(
    client, make_seller, make_user, db
) -> None:
    seller = make_seller("Lone Seller", "eBay")
    sign_in(client, make_user(Role.SUPERVISOR))
    for other, reason in (
        (seller, "cannot be merged into itself"),
        (999999, "no seller"),
        ("abc", "Not a valid integer"),
        (0, "Number must be"),
    ):
        response = post_form(client, f"/officer/sellers/{seller}/merge", {"other_id": other})
        assert response.status_code == 400 and reason in response.get_data(as_text=True), other
    assert db.scalar(select(SellerMerge)) is None


def test_only_staff_merge(client, make_seller, make_user, db) -> None:
    one, two = make_seller("One Shop", "eBay"), make_seller("Two Shop", "eBay")
    sign_in(client, make_user(Role.SELLER))
    assert post_form(client, f"/officer/sellers/{one}/merge", {"other_id": two}).status_code == 403
    assert db.scalar(select(SellerMerge)) is None
    assert db.scalar(select(User).where(User.role == Role.SELLER)) is not None
