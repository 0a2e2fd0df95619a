"""Filing and tracking a complaint through the JSON API (DESIGN.md section 8)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casework.models import Case, CaseEvent, CaseKey, Queue
from complaints.models import Complaint
from complaints.workflow import ComplaintState as S
from core.models import OutboxMessage
from sellers.models import Seller
from tests.complaints.consumer_helpers import api_complaint as complaint

URL = "/api/v1/complaints"


def counts(db: Session) -> tuple[int, int, int, int]:
    db.expire_all()
    return (
        db.scalar(select(func.count()).select_from(Case)),
        db.scalar(select(func.count()).select_from(Complaint)),
        db.scalar(select(func.count()).select_from(OutboxMessage)),
        db.scalar(select(func.count()).select_from(Seller)),
    )


def test_a_filed_complaint_is_numbered_analysed_routed_and_confirmed(client, db, inbox) -> None:
    body = complaint(
        product=None,
        order_number=None,
        amount=None,
        currency=None,
        platform="AliExpress",
        seller={"name": "Shenzhen Bright Store"},
    )
    response = client.post(URL, json=body)

    assert response.status_code == 201, response.get_json()
    answer = response.get_json()
    assert re.fullmatch(r"C-\d{4}-\d{6}", answer["reference"])
    assert answer["status"] == "submitted" and answer["due_at"]
    token = answer["tracking_token"]

    filed = db.scalars(select(Complaint).where(Complaint.reference == answer["reference"])).one()
    assert filed.kind == "complaint" and filed.status == S.SUBMITTED
    assert filed.category and filed.nlp_analysis["category"] == filed.category
    # What the caller left empty stays empty: the NLP's answers are suggestions, stored beside.
    assert filed.product is None and filed.order_number is None and filed.amount is None
    assert filed.suggested["product"] == {"suggested": "wireless earbuds", "chosen": None}
    assert filed.suggested["order_number"] == {"suggested": "8123456789", "chosen": None}
    assert filed.suggested["amount"] == {"suggested": "49.99", "chosen": None}
    assert filed.suggested["category"] == {"suggested": filed.category, "chosen": None}
    assert answer["suggested"] == filed.suggested
    assert filed.seller is not None and filed.seller.name == "Shenzhen Bright Store"
    assert filed.seller.platform is not None and filed.seller.platform.name == "AliExpress"
    assert filed.queue_id is not None  # low NLP confidence or no rule: the triage queue
    if filed.nlp_confidence < filed.nlp_analysis["triage_below"]:  # else a rule, if one matches
        assert db.get(Queue, filed.queue_id).triage
    assert filed.due_at is not None
    assert token not in (filed.tracking_token_hash or "")  # only the digest is kept
    keys = {
        (key.name, key.value)
        for key in db.scalars(select(CaseKey).where(CaseKey.case_id == filed.id))
    }
    assert ("email", "anna@example.org") in keys and ("order", "8123456789") not in keys
    assert ("seller", str(filed.seller_id)) in keys
    assert "Anna Berg" in filed.search_text

    [queued] = db.scalars(
        select(OutboxMessage).where(OutboxMessage.to_address == "anna@example.org")
    ).all()
    assert queued.template == "complaints/filed" and queued.language == "en"
    link = f"http://localhost/complaints/{answer['reference']}?token={token}"
    assert answer["reference"] in queued.subject and link not in queued.body  # sealed, then gone
    [mail] = inbox.to("anna@example.org")
    assert link in mail.get_content()

    tracked = client.get(f"{URL}/{answer['reference']}", headers={"X-Tracking-Token": token})
    assert tracked.status_code == 200
    shown = tracked.get_json()
    assert shown["status"] == "submitted" and shown["due_at"] == answer["due_at"]
    assert [entry["type"] for entry in shown["timeline"]] == ["filed"]
    assert "anna@example.org" not in tracked.get_data(as_text=True)


def test_the_confirmation_is_in_the_consumers_language(client, db) -> None:
    text = "我在淘宝买的蓝牙耳机，订单号8123456789，付了299元，一直没有发货，商家不退款。"
    response = client.post(
        URL,
        json=complaint(
            description=text,
            language=None,
            platform="淘宝",
            seller=None,
            amount=None,
            currency=None,
            product=None,
        ),
    )
    assert response.status_code == 201, response.get_json()
    filed = db.scalars(select(Complaint)).one()
    assert filed.language == "zh"
    assert filed.amount is None  # left empty: suggested, not filled in
    assert filed.suggested["amount"] == {"suggested": "299", "chosen": None}
    assert filed.suggested["currency"] == {"suggested": "CNY", "chosen": None}
    assert filed.seller is None  # only the platform was named
    message = db.scalars(select(OutboxMessage)).one()
    assert message.language == "zh" and filed.reference in message.subject
    assert "已收到" in message.subject and "Your complaint" not in message.subject


def test_a_complaint_is_filed_when_the_nlp_fails(client, db) -> None:
    with mock.patch("nlp.analyze", side_effect=RuntimeError("model missing")):
        response = client.post(URL, json=complaint())
    assert response.status_code == 201
    filed = db.scalars(select(Complaint)).one()
    assert filed.nlp_analysis is None and filed.suggested == {}
    assert filed.product == "wireless earbuds" and filed.purchase_date == date(2026, 1, 15)
    assert filed.queue_id is not None


def test_references_count_up(client) -> None:
    first = client.post(URL, json=complaint()).get_json()["reference"]
    second = client.post(URL, json=complaint()).get_json()["reference"]
    assert int(second[-6:]) == int(first[-6:]) + 1


LONG = "x" * 6000

BAD = [
    ("consumer.name", {"consumer": {"name": "A" * 201, "email": "a@example.org", "country": "DE"}}),
    ("consumer.name", {"consumer": {"name": "   ", "email": "a@example.org", "country": "DE"}}),
    ("consumer.name", {"consumer": {"email": "a@example.org", "country": "DE"}}),
    ("consumer.email", {"consumer": {"name": "A", "email": "not-an-address", "country": "DE"}}),
    (
        "consumer.email",
        {"consumer": {"name": "A", "email": "a@" + "b" * 260 + ".org", "country": "DE"}},
    ),
    (
        "consumer.phone",
        {"consumer": {"name": "A", "email": "a@example.org", "country": "DE", "phone": "1" * 41}},
    ),
    (
        "consumer.country",
        {"consumer": {"name": "A", "email": "a@example.org", "country": "Germany"}},
    ),
    ("consumer.country", {"consumer": {"name": "A", "email": "a@example.org"}}),
    (
        "consumer.age",
        {"consumer": {"name": "A", "email": "a@example.org", "country": "DE", "age": 30}},
    ),
    ("consumer", {"consumer": "Anna"}),
    ("platform", {"platform": "P" * 81}),
    ("platform", {"platform": 12}),
    ("platform", {"platform": None, "seller": None}),
    ("seller.name", {"seller": {"name": "S" * 201}}),
    ("seller.shop_url", {"seller": {"name": "S", "shop_url": "h" * 501}}),
    ("seller.platform_seller_id", {"seller": {"name": "S", "platform_seller_id": ["x"]}}),
    ("product", {"product": "p" * 201}),
    ("product", {"product": "line\nbreak"}),
    ("order_number", {"order_number": "1" * 101}),
    ("purchase_date", {"purchase_date": "2 October"}),
    ("amount", {"amount": "-1"}),
    ("amount", {"amount": "12.345"}),
    ("amount", {"amount": "1e20"}),
    ("amount", {"amount": "NaN"}),
    ("amount", {"amount": "ten"}),
    ("currency", {"currency": "EURO"}),
    ("description", {"description": "too short"}),
    ("description", {"description": " " * 30}),
    ("description", {"description": LONG}),
    ("description", {"description": 42}),
    ("desired_resolution", {"desired_resolution": "revenge"}),
    ("consent_forward_to_seller", {"consent_forward_to_seller": "yes"}),
    ("seller_first", {"seller_first": 1}),
    ("language", {"language": "fr"}),
    ("referrer", {"referrer": "ads"}),
]


@pytest.mark.parametrize(
    ("field", "changes"), BAD, ids=[f"{f}-{i}" for i, (f, _) in enumerate(BAD)]
)
def test_bad_input_names_the_field_and_stores_nothing(client, db, field, changes) -> None:
    before = counts(db)
    response = client.post(URL, json=complaint(**changes))
    assert response.status_code == 422, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "invalid"
    assert any(name.endswith(field) for name in error["fields"]), error
    assert counts(db) == before


@pytest.mark.parametrize(
    "missing", ["consumer", "description", "desired_resolution", "consent_forward_to_seller"]
)
def test_required_fields(client, db, missing) -> None:
    body = complaint()
    del body[missing]
    response = client.post(URL, json=body)
    assert response.status_code == 422
    assert any(name.endswith(missing) for name in response.get_json()["error"]["fields"])
    assert counts(db)[1] == 0


def test_malformed_json_and_other_bodies_store_nothing(client, db) -> None:
    before = counts(db)
    broken = client.post(URL, data='{"consumer": ', content_type="application/json")
    assert broken.status_code == 400
    assert broken.get_json()["error"]["code"] == "malformed_json"
    assert client.post(URL, json=["a list"]).status_code == 422
    assert client.post(URL, data="consumer=Anna").status_code in (400, 415, 422)
    assert counts(db) == before


def test_only_the_platform_or_only_the_seller_is_enough(client) -> None:
    assert client.post(URL, json=complaint(seller=None)).status_code == 201
    assert client.post(URL, json=complaint(platform=None)).status_code == 201


def test_tracking_refuses_wrong_tokens_and_unknown_references_alike(client, db) -> None:
    answer = client.post(URL, json=complaint()).get_json()
    reference, token = answer["reference"], answer["tracking_token"]
    other = client.post(URL, json=complaint()).get_json()["tracking_token"]
    refusals = [
        client.get(f"{URL}/{reference}"),
        client.get(f"{URL}/{reference}", headers={"X-Tracking-Token": ""}),
        client.get(f"{URL}/{reference}", headers={"X-Tracking-Token": token[:-1]}),
        client.get(f"{URL}/{reference}", headers={"X-Tracking-Token": other}),
        client.get(f"{URL}/{reference}", headers={"X-Tracking-Token": "x" * 500}),
        client.get(f"{URL}/C-1999-000001", headers={"X-Tracking-Token": token}),
    ]
    assert {response.status_code for response in refusals} == {404}
    assert len({response.get_data() for response in refusals}) == 1
    assert client.get(f"{URL}/{reference}", headers={"X-Tracking-Token": token}).status_code == 200


def test_the_timeline_shows_status_changes_but_not_internal_notes(app, client, db) -> None:
    from casework.services.access import SYSTEM_ACTOR
    from casework.services.timeline import add_note
    from casework.services.transitions import transition
    from core.db import session

    answer = client.post(URL, json=complaint()).get_json()
    with app.app_context():
        filed = session.scalars(select(Complaint)).one()
        add_note(filed, SYSTEM_ACTOR, "Looks like a repeat complainer.")
        transition(filed, S.WITH_SELLER, SYSTEM_ACTOR)
        session.commit()
    shown = client.get(
        f"{URL}/{answer['reference']}", headers={"X-Tracking-Token": answer["tracking_token"]}
    ).get_json()
    assert shown["status"] == "with_seller"
    assert [(e["type"], e["status"]) for e in shown["timeline"]] == [
        ("filed", "submitted"),
        ("transition", "with_seller"),
    ]
    assert "repeat" not in str(shown)
    assert db.scalar(select(func.count()).select_from(CaseEvent)) == 3


def test_filing_is_rate_limited_per_address(client, db) -> None:
    bad = complaint(description="short")
    statuses = [client.post(URL, json=bad).status_code for _ in range(21)]
    assert statuses[:20] == [422] * 20 and statuses[20] == 429
    assert client.post(URL, json=complaint()).status_code == 429
    assert counts(db)[1] == 0


def test_the_amount_may_be_a_json_number(client, db) -> None:
    assert client.post(URL, json=complaint(amount=49.99)).status_code == 201
    assert db.scalars(select(Complaint)).one().amount == Decimal("49.99")
