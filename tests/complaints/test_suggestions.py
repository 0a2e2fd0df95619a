"""Suggestions the consumer confirms: the NLP's answers are offered, never filed as facts."""

from __future__ import annotations

from sqlalchemy import select

import nlp
from casework.models import Priority
from complaints.labels import category_label
from complaints.models import Complaint
from core.models import Role
from nlp import CONSUMER_LABELS
from tests.complaints.consumer_helpers import api_complaint as complaint
from tests.conftest import csrf_token, post_form, sign_in

TEXT = (
    "I ordered wireless earbuds on AliExpress from BestDeals Store for $49.99, order "
    "8123456789. They never arrived and the seller does not answer."
)
FORM = {
    "name": "Anna Berg",
    "email": "anna@example.org",
    "country": "DE",
    "platform": "AliExpress",
    "description": TEXT,
    "desired_resolution": "refund",
    "consent_forward_to_seller": "y",
    "website": "",
}


def _filed(db) -> Complaint:
    db.expire_all()
    return db.scalars(select(Complaint).order_by(Complaint.id.desc())).first()


def test_the_form_asks_for_suggestions_and_gets_the_products_name(client) -> None:
    token = csrf_token(client, "/complaints/new")
    answer = client.post(
        "/complaints/suggestions", json={"description": TEXT}, headers={"X-CSRFToken": token}
    )
    assert answer.status_code == 200
    found = answer.get_json()["suggestions"]
    assert found["product"] == "wireless earbuds" and found["category"] in CONSUMER_LABELS
    assert found["amount"] == "49.99" and found["currency"] == "USD"


def test_a_suggestion_request_without_text_is_refused_in_the_consumers_language(client) -> None:
    token = csrf_token(client, "/complaints/new")
    client.post("/language", data={"language": "zh", "csrf_token": token})
    answer = client.post(
        "/complaints/suggestions", json={"description": "  "}, headers={"X-CSRFToken": token}
    )
    assert answer.status_code == 400 and "请" in answer.get_json()["error"]
    assert client.post("/complaints/suggestions", json={"description": TEXT}).status_code == 400


def _another_category_than_suggested() -> tuple[str, str]:
    suggested = nlp.analyze(TEXT).category
    return suggested, "safety" if suggested != "safety" else "billing"


def test_a_kept_suggestion_and_a_changed_one_are_stored_as_such(client, db) -> None:
    # The consumer kept the suggested product and chose another category than the NLP's.
    suggested, chosen = _another_category_than_suggested()
    response = post_form(
        client,
        "/complaints/new",
        {**FORM, "product": "wireless earbuds", "category": chosen},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    filed = _filed(db)
    assert filed.product == "wireless earbuds" and filed.category == chosen
    assert filed.suggested["product"] == {
        "suggested": "wireless earbuds",
        "chosen": "wireless earbuds",
    }
    assert filed.suggested["category"] == {"suggested": suggested, "chosen": chosen}
    # The consumer's category sets the priority: safety is urgent, billing normal.
    assert filed.priority == (Priority.URGENT if chosen == "safety" else Priority.NORMAL)
    assert filed.suggested["seller_name"] == {"suggested": "BestDeals Store", "chosen": None}
    assert filed.seller_name is None  # not taken: not filled in


def test_the_consumers_own_field_is_never_replaced(client, db) -> None:
    body = complaint(product="Bluetooth headset", description=TEXT)
    assert client.post("/api/v1/complaints", json=body).status_code == 201
    filed = _filed(db)
    assert filed.product == "Bluetooth headset"
    assert filed.suggested["product"] == {
        "suggested": "wireless earbuds",
        "chosen": "Bluetooth headset",
    }


def test_the_api_suggests_first_and_then_files_the_callers_values(client, db) -> None:
    answer = client.post("/api/v1/complaints/suggestions", json={"description": TEXT})
    assert answer.status_code == 200
    found = answer.get_json()
    assert found["product"] == "wireless earbuds" and 0 < found["confidence"] <= 1
    body = complaint(description=TEXT, product=found["product"], category="delivery")
    answer = client.post("/api/v1/complaints", json=body)
    assert answer.status_code == 201, answer.get_json()
    filed = answer.get_json()
    assert filed["suggested"]["product"] == {
        "suggested": "wireless earbuds",
        "chosen": "wireless earbuds",
    }
    assert filed["suggested"]["category"] == {"suggested": found["category"], "chosen": "delivery"}
    bad = client.post("/api/v1/complaints", json={**body, "category": "saftey"})
    assert bad.status_code == 422 and "category" in str(bad.get_json())
    short = client.post("/api/v1/complaints/suggestions", json={"description": "short"})
    assert short.status_code == 422


def test_the_officer_sees_which_answer_is_whose(client, db, make_user) -> None:
    suggested, chosen = _another_category_than_suggested()
    post_form(
        client,
        "/complaints/new",
        {**FORM, "product": "earphones", "category": chosen},
        content_type="multipart/form-data",
    )
    filed = _filed(db)
    sign_in(client, make_user(Role.SUPERVISOR))
    page = client.get(f"/officer/cases/{filed.id}").get_data(as_text=True)
    assert "Filed: earphones" in page and "NLP: wireless earbuds" in page
    assert "the consumer chose otherwise" in page
    assert f"NLP: {category_label(suggested)}" in page
    assert f"Filed: {category_label(chosen)}" in page
    assert "the consumer did not take it" in page  # the seller's name


def test_the_form_offers_the_categories_and_describes_fields_properly(client) -> None:
    html = client.get("/complaints/new").get_data(as_text=True)
    assert 'aria-describedby="None"' not in html
    assert '<option value="counterfeit">Counterfeit: not the genuine brand</option>' in html
    assert 'src="/static/complaints/suggest.js"' in html
