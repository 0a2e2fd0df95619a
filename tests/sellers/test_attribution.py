"""A fuzzy candidate is confirmed by an officer, then a case is moved to the seller it is really
about: the ledger keeps every row, with a reversal on the old seller and the event on the new."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import func, select

from core import clock
from core.models import Role
from core.transaction import unit_of_work
from sellers.models import CreditEvent, Seller
from sellers.services.ledger import record_case_outcome
from tests.conftest import post_form, sign_in
from tests.factories import T0, seller_state


def events(db, seller_id: int) -> list[tuple[str, int, str]]:
    db.expire_all()
    return [
        (event.kind.value, event.points, event.case_reference)
        for event in db.scalars(
            select(CreditEvent).where(CreditEvent.seller_id == seller_id).order_by(CreditEvent.id)
        )
    ]


def test_a_candidate_is_confirmed_then_a_case_moves_with_its_credit_events(
    app: Flask, client, make_seller, make_user, outcome, db
) -> None:
    original = make_seller("Best Deals Shop", "Temu", platform_seller_id="634418212")
    candidate = make_seller("Best Deals Shops", "Temu")
    other = make_seller("Best Meals Shop", "Temu")
    assert db.get(Seller, candidate).possible_duplicate_of_id == original
    outcome(original, "C-2026-000001", "complaint_upheld")
    outcome(candidate, "IP-2026-000002-001", "takedown")
    assert seller_state(db, original) == ("B", 2)

    sign_in(client, make_user(Role.OFFICER))
    page = client.get("/officer/sellers").get_data(as_text=True)
    assert "Best Deals Shops" in page  # offered as a possible duplicate, not merged
    confirmed = post_form(client, f"/officer/sellers/{original}/merge", {"other_id": candidate})
    assert confirmed.status_code == 302
    assert seller_state(db, original) == ("B", 8)

    moved = post_form(
        client,
        f"/officer/sellers/{candidate}/move",
        {"case_reference": "IP-2026-000002-001", "target_id": other},
    )
    assert moved.status_code == 302
    assert seller_state(db, original) == ("B", 2)
    assert seller_state(db, other) == ("B", 6)
    assert events(db, candidate) == [
        ("takedown", 6, "IP-2026-000002-001"),
        ("attribution_moved", -6, "IP-2026-000002-001"),
    ]
    assert events(db, other) == [("takedown", 6, "IP-2026-000002-001")]
    public = client.get(f"/api/v1/sellers/{other}").get_json()
    assert public["counts"]["takedown"] == 1 and public["tier"] == "B"

    # The listing is restored later: the reversal lands where the takedown counts now.
    with app.app_context(), clock.frozen_at(T0), unit_of_work():
        record_case_outcome(candidate, "IP-2026-000002-001", "takedown_restored", T0)
    assert seller_state(db, other) == ("A", 0)
    assert seller_state(db, original) == ("B", 2)


def test_moving_a_case_that_does_not_count_here_is_refused(
    client, make_seller, make_user, outcome, db
) -> None:
    first = make_seller("North Star Trading", "Amazon", platform_seller_id="N1")
    second = make_seller("Polaris Goods", "Amazon", platform_seller_id="P1")
    outcome(first, "C-2026-000009", "complaint_upheld")
    sign_in(client, make_user(Role.OFFICER))
    before = db.scalar(select(func.count()).select_from(CreditEvent))
    refused = post_form(
        client,
        f"/officer/sellers/{first}/move",
        {"case_reference": "C-2026-000404", "target_id": second},
    )
    assert refused.status_code == 400
    assert "No event of case C-2026-000404 counts on this seller." in refused.get_data(as_text=True)
    same = post_form(
        client,
        f"/officer/sellers/{first}/move",
        {"case_reference": "C-2026-000009", "target_id": first},
    )
    assert same.status_code == 400
    assert "The case already counts on this seller." in same.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(CreditEvent)) == before
