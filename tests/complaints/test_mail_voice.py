"""Each mail speaks to its reader: the consumer is told what they did themselves, a seller-first
complaint's first mail says what happens next (the seller has the first days, not an officer),
and a withdrawal is confirmed."""

from __future__ import annotations

from tests.complaints.walk import SHOP, complaint_of, file, known_seller, mails, seller_secret
from tests.conftest import post_form, readable_body
from tests.factories import at

CONSUMER = "anna@example.org"
TOKEN = "X-Tracking-Token"


def _settle(app, client, db) -> str:
    known_seller(app)
    at("2026-03-02 10:00")
    reference, token = file(client, seller_first=True)
    seller = app.test_client()
    post_form(
        seller,
        f"/complaints/seller/{seller_secret(db)}/proposal",
        {"kind": "refund", "amount": "49.99", "currency": "EUR", "text": "Full refund."},
    )
    accepted = client.post(
        f"/api/v1/complaints/{reference}/settlement/accept", json={}, headers={TOKEN: token}
    )
    assert accepted.status_code == 200, accepted.get_json()
    return reference


def test_the_consumer_is_told_they_accepted_and_the_seller_that_the_consumer_did(
    app, client, db
) -> None:
    _settle(app, client, db)
    [to_consumer] = [m for m in mails(db, CONSUMER) if m.template.endswith("settlement_answered")]
    body = readable_body(to_consumer)
    assert "The consumer accepted" not in body
    assert "You accepted the settlement (Refund)" in body
    [to_seller] = [m for m in mails(db, SHOP) if m.template.endswith("settlement_answered")]
    assert "The consumer accepted the settlement" in readable_body(to_seller) or (
        "消费者接受了和解方案" in readable_body(to_seller)  # the seller is in China
    )


def test_a_seller_first_complaint_starts_with_one_mail_about_the_seller(app, client, db) -> None:
    known_seller(app)
    at("2026-03-02 10:00")
    reference, _token = file(client, seller_first=True)
    [first] = mails(db, CONSUMER)
    body = readable_body(first)
    assert "7 working days" not in body and "An officer decides" not in body
    assert "the seller has 10 working days, until 2026-03-16 23:59 (Asia/Shanghai)" in body
    assert "our officers take your complaint over" in body
    assert complaint_of(db, reference).status == "with_seller"


def test_a_seller_first_wish_the_seller_cannot_meet_is_explained(app, client, db) -> None:
    at("2026-03-02 10:00")
    file(client, seller_first=True)  # no contact for this seller
    [first] = mails(db, CONSUMER)
    body = readable_body(first)
    assert "The seller cannot be reached" in body
    assert "An officer decides within 7 working days" in body


def test_a_withdrawal_is_confirmed_by_mail_in_the_consumers_language(app, client, db) -> None:
    at("2026-03-02 10:00")
    reference, token = file(client, language="zh")
    done = post_form(client, f"/complaints/{reference}/withdraw", {"token": token, "confirm": "y"})
    assert done.status_code == 302
    last = mails(db, CONSUMER)[-1]
    assert last.template == "complaints/withdrawn"
    assert reference in last.subject and "撤回" in last.subject
    assert "撤回" in readable_body(last)
