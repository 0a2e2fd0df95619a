"""The public lookup page and API: name, platform, tier and counts, never personal data."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from core.db import session
from sellers.demo import load_demo_sellers
from sellers.models import Seller
from sellers.services import merge_sellers
from tests.factories import platform_id

PERSONAL = {
    "contact_email": "private-{id}@seller.example",
    "contact_person": "Zhang Wei {id}",
    "trader_address": "88 Hidden Road {id}, Shenzhen",
    "trader_phone": "+86 755 0000 {id}",
}


@pytest.fixture
def seeded(app: Flask) -> list[int]:
    """The demo sellers, each with every personal field filled in."""
    with app.app_context():
        load_demo_sellers()
        sellers = session.scalars(select(Seller)).all()
        for seller in sellers:
            for field, value in PERSONAL.items():
                setattr(seller, field, value.format(id=seller.id))
        session.commit()
        return [seller.id for seller in sellers]


def personal_values(seller_id: int) -> list[str]:
    values = [value.format(id=seller_id) for value in PERSONAL.values()]
    return [*values, "Zhang Wei", "Hidden Road", "@seller.example", "+86 755", "@demo.redress"]


def test_nothing_personal_on_public_pages_or_api_for_any_seeded_seller(
    client, seeded: list[int], db
) -> None:
    assert len(seeded) >= 5
    listing = client.get("/sellers").get_data(as_text=True)
    api_list = client.get("/api/v1/sellers?limit=100").get_data(as_text=True)
    decided = set(db.scalars(select(Seller.id).where(Seller.public_since.is_not(None))))
    assert 4 <= len(decided) < len(seeded)  # the demo seller with no case is not shown
    for seller_id in seeded:
        page = client.get(f"/sellers/{seller_id}", follow_redirects=True)
        record = client.get(f"/api/v1/sellers/{seller_id}")
        if seller_id not in decided:
            assert page.status_code == record.status_code == 404
            continue
        assert page.status_code == record.status_code == 200
        assert set(record.get_json()) == {"id", "name", "platform", "tier", "counts"}
        for text in (page.get_data(as_text=True), record.get_data(as_text=True), listing, api_list):
            for value in personal_values(seller_id):
                assert value not in text, (seller_id, value)


def test_demo_sellers_span_the_tiers(client, seeded) -> None:
    items = client.get("/api/v1/sellers?limit=100").get_json()["items"]
    assert {item["tier"] for item in items} == {"A", "B", "C", "D"}


def test_public_record_counts_what_counts(client, make_seller, outcome) -> None:
    seller = make_seller("Counted Shop", "Temu")
    outcome(seller, "IP-2026-000001-001", "takedown")
    outcome(seller, "IP-2026-000001-002", "takedown")
    outcome(seller, "IP-2026-000001-002", "takedown_restored")
    outcome(seller, "C-2026-000001", "fraud_confirmed")
    body = client.get(f"/api/v1/sellers/{seller}").get_json()
    assert body["tier"] == "D" and body["platform"] == "Temu" and body["name"] == "Counted Shop"
    assert body["counts"]["takedown"] == 1 and body["counts"]["fraud_confirmed"] == 1
    assert body["counts"]["no_answer"] == 0 and "takedown_restored" not in body["counts"]
    html = client.get(f"/sellers/{seller}").get_data(as_text=True)
    assert "Counted Shop" in html and "Listing taken down" in html and "D: 48 points" in html


def test_public_record_in_chinese(client, make_seller, outcome) -> None:
    seller = make_seller("Counted Shop", "Temu")
    outcome(seller, "C-2026-000001", "complaint_upheld")
    html = client.get(f"/sellers/{seller}", headers={"Accept-Language": "zh"}).get_data(
        as_text=True
    )
    assert "信用等级" in html and "投诉成立" in html
    lookup = client.get("/sellers", headers={"Accept-Language": "zh"}).get_data(as_text=True)
    assert "查询卖家" in lookup


def test_lookup_searches_names_and_aliases_within_a_platform(
    client, make_seller, outcome, app
) -> None:
    make_seller("Shenzhen ABC Technology Co., Ltd.", "AliExpress")
    aliexpress = make_seller("SHENZHEN ABC TECHNOLOGY CO LTD", "AliExpress")  # an alias
    temu = make_seller("Shenzhen ABC Technology Co., Ltd.", "Temu")
    unrelated = make_seller("Unrelated Goods", "Temu")
    for number, seller in enumerate((aliexpress, temu, unrelated)):
        outcome(seller, f"C-2026-00000{number}", "complaint_upheld")
    found = client.get("/api/v1/sellers?q=abc tech").get_json()["items"]
    assert len(found) == 2 and {item["platform"] for item in found} == {"AliExpress", "Temu"}
    temu = platform_id(app, "Temu")
    html = client.get(f"/sellers?q=ABC+TECHNOLOGY&platform={temu}").get_data(as_text=True)
    assert html.count('href="/sellers/') == 1
    assert "No seller matches." in client.get("/sellers?q=nothing-like-it").get_data(as_text=True)


def test_api_pages_with_keyset(client, make_seller, outcome) -> None:
    ids = [make_seller(f"Paged Shop {n}", "eBay", platform_seller_id=str(n)) for n in range(5)]
    for seller in ids:
        outcome(seller, "C-2026-000001", "no_answer")
    first = client.get("/api/v1/sellers?q=paged&limit=2").get_json()
    assert [item["id"] for item in first["items"]] == ids[:2] and first["next"] == str(ids[1])
    rest = client.get(f"/api/v1/sellers?q=paged&limit=10&after={first['next']}").get_json()
    assert [item["id"] for item in rest["items"]] == ids[2:] and rest["next"] is None


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "after=x", "q=" + "x" * 201])
def test_bad_api_queries_are_422_with_the_field(client, query: str) -> None:
    response = client.get(f"/api/v1/sellers?{query}")
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "invalid" and error["fields"]


def test_a_nul_in_the_query_is_refused(client) -> None:
    response = client.get("/api/v1/sellers?q=%00abc")
    assert response.status_code == 400 and "NUL" in response.get_json()["error"]["message"]


def test_unknown_seller_is_404_in_the_error_shape(client) -> None:
    response = client.get("/api/v1/sellers/2147483647", headers={"Accept-Language": "zh"})
    assert response.status_code == 404
    assert set(response.get_json()["error"]) == {"code", "message", "fields"}
    assert client.get("/sellers/2147483647").status_code == 404


def test_a_merged_seller_shows_the_one_standing_for_it(
    app: Flask, client, make_seller, outcome
) -> None:
    survivor, merged = make_seller("Keep Shop", "Shein"), make_seller("Gone Shop", "Shein")
    outcome(merged, "C-2026-000001", "complaint_upheld")
    with app.app_context():
        merge_sellers(session.get_one(Seller, merged), session.get_one(Seller, survivor), None)
        session.commit()
    assert client.get(f"/api/v1/sellers/{merged}").get_json()["id"] == survivor
    assert client.get(f"/sellers/{merged}").headers["Location"] == f"/sellers/{survivor}"
    listed = client.get("/api/v1/sellers?q=shop").get_json()["items"]
    assert [item["id"] for item in listed] == [survivor]


def test_api_errors_in_chinese(client) -> None:
    response = client.get("/api/v1/sellers?q=%01x", headers={"Accept-Language": "zh"})
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {"q": "不允许使用控制字符。"}


def test_an_undecided_seller_is_not_published_until_an_officer_decides(
    client, make_seller, outcome
) -> None:
    seller = make_seller("<b>Fresh Shop</b>", "Temu")
    for url in ("/sellers", "/api/v1/sellers", "/sellers?q=fresh", "/api/v1/sellers?q=fresh"):
        assert "Fresh Shop" not in client.get(url).get_data(as_text=True), url
    assert client.get(f"/sellers/{seller}").status_code == 404
    assert client.get(f"/api/v1/sellers/{seller}").status_code == 404
    outcome(seller, "C-2026-000001", "complaint_upheld")
    assert client.get(f"/api/v1/sellers/{seller}").get_json()["name"] == "<b>Fresh Shop</b>"
    page = client.get("/sellers?q=fresh").get_data(as_text=True)
    assert "&lt;b&gt;Fresh Shop&lt;/b&gt;" in page and "<b>Fresh" not in page


@pytest.mark.parametrize(("name", "platform"), [("Maria Lopez", "eBay"), ("张伟", "淘宝")])
def test_a_persons_name_is_shown_as_a_seller_on_the_platform(
    client, make_seller, outcome, name: str, platform: str
) -> None:
    seller = make_seller(name, platform)
    outcome(seller, "C-2026-000001", "complaint_upheld")
    record = client.get(f"/api/v1/sellers/{seller}").get_json()
    assert record["name"].startswith("a seller on ") and name not in str(record)
    for url in ("/sellers", f"/sellers/{seller}", "/api/v1/sellers"):
        assert name not in client.get(url).get_data(as_text=True), url
    assert client.get(f"/api/v1/sellers?q={name}").get_json()["items"] == []
    zh = client.get(f"/sellers/{seller}", headers={"Accept-Language": "zh"})
    assert name not in zh.get_data(as_text=True)
