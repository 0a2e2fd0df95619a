"""Sellers read what a complaint asks for and where their proposals stand in words, in English
and Chinese, never as the codes Redress stores ("refund", "replacement (accepted)")."""

from __future__ import annotations

from tests.complaints.walk import SHOP, file, known_seller, mails, seller_secret
from tests.conftest import post_form, readable_body
from tests.factories import at

TOKEN = "X-Tracking-Token"


def _proposed_and_accepted(app, client, db):
    known_seller(app)
    at("2026-03-02 10:00")
    reference, token = file(client, seller_first=True)
    seller = app.test_client()
    secret = seller_secret(db)
    post_form(
        seller,
        f"/complaints/seller/{secret}/proposal",
        {"kind": "replacement", "amount": "", "currency": "", "text": "A new pair."},
    )
    return seller, secret, reference, token


def test_the_seller_page_speaks_in_words_not_codes(app, client, db) -> None:
    seller, secret, reference, token = _proposed_and_accepted(app, client, db)
    seller.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    html = seller.get(f"/complaints/seller/{secret}").get_data(as_text=True)
    assert "Your proposal (Replacement) waits for the consumer" in html
    assert "<dd>A refund</dd>" in html  # what the consumer asks for
    assert "(proposed)" not in html and ">refund<" not in html
    assert "Replacement (waiting for the consumer&#39;s answer)" in html

    client.post(
        f"/api/v1/complaints/{reference}/settlement/accept", json={}, headers={TOKEN: token}
    )
    html = seller.get(f"/complaints/seller/{secret}").get_data(as_text=True)
    assert "Replacement (accepted by the consumer)" in html
    assert "replacement (accepted)" not in html

    seller.environ_base["HTTP_ACCEPT_LANGUAGE"] = "zh"
    html = seller.get(f"/complaints/seller/{secret}").get_data(as_text=True)
    assert "换货（消费者已接受）" in html and "<dd>退款</dd>" in html
    assert "Replacement" not in html and "A refund" not in html


def test_the_forwarded_mail_names_what_the_consumer_asks_for(app, client, db) -> None:
    _proposed_and_accepted(app, client, db)
    forwarded = next(m for m in mails(db, SHOP) if m.template == "complaints/forwarded")
    body = readable_body(forwarded)
    assert "消费者的诉求： 退款" in body  # the seller is in China: its language
    assert "refund" not in body
