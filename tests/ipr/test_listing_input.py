"""Listings as brands really send them: any pasted text (numbered, bulleted, addresses inside
sentences), shown before filing; CSV files as Excel writes them; every problem in one answer."""

from __future__ import annotations

import html
import io
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from core.db import session
from ipr.models import Listing, Notice
from ipr.services.listing_input import Parsed, parse_lines
from tests.conftest import post_form, sign_in
from tests.factories import bearer

SHOP = "https://www.example-market.test/item"
PASTED = f"""Dear team,

please remove the following listings, which sell fakes of our earbuds:
1. {SHOP}/1.html
2) {SHOP}/2.html,
* {SHOP}/3.html
- {SHOP}/4.html?id=7&spm=a1.b2).
The seller also lists this one ({SHOP}/5.html), see our guide at
https://help.example-market.test/ipr/how-to-report and https://example-market.test/policies/ip.
{SHOP}/1.html
请删除{SHOP}/6.html。谢谢
"""


def _notice_form(holder: Any, **fields: Any) -> dict[str, Any]:
    return {
        "rights": str(holder.mark.id),
        "description": "Fake BRIGHTLINE earbuds.",
        "good_faith": "y",
        "accurate": "y",
        "signature": "Helen Holder, counsel",
        "default_explanation": "Our mark on fake goods.",
        **fields,
    }


def _counts() -> tuple[int, int]:
    return (
        session.scalar(select(func.count()).select_from(Notice)),
        session.scalar(select(func.count()).select_from(Listing)),
    )


def test_addresses_are_pulled_out_of_any_text(app: Flask) -> None:
    with app.test_request_context():
        parsed = Parsed()
        parse_lines(PASTED, {"explanation": "fake"}, parsed)
    assert [row.url for row in parsed.rows] == [
        f"{SHOP}/1.html",
        f"{SHOP}/2.html",
        f"{SHOP}/3.html",
        f"{SHOP}/4.html?id=7&spm=a1.b2",
        f"{SHOP}/5.html",
        f"{SHOP}/6.html",
    ]
    assert parsed.skipped == [
        ("https://help.example-market.test/ipr/how-to-report", "guide"),
        ("https://example-market.test/policies/ip", "guide"),
        (f"{SHOP}/1.html", "repeated"),
    ]
    assert parsed.errors == {}


def test_a_listing_url_may_carry_brackets_and_the_pipe_form_its_list_mark(app: Flask) -> None:
    with app.test_request_context():
        parsed = Parsed()
        parse_lines(
            "see https://wiki.example.test/Item_(fake). and\n"
            "3. https://www.example-market.test/item/9.html | Market | Best Deals Shop\n"
            "www.example-market.test/item/10.html\n"
            "item.example-market.test/item/11.html\n",
            {"explanation": "fake"},
            parsed,
        )
    assert [(row.url, row.platform, row.seller) for row in parsed.rows] == [
        ("https://wiki.example.test/Item_(fake)", None, None),
        ("https://www.example-market.test/item/9.html", "Market", "Best Deals Shop"),
        ("https://www.example-market.test/item/10.html", None, None),
    ]
    assert list(parsed.errors) == ["lines.4"]  # a bare host and path: no full address


def test_the_form_shows_what_it_found_before_filing(
    client: FlaskClient, ipr: dict[str, Any]
) -> None:
    holder = ipr["holder"]
    sign_in(client, holder.user)
    before = _counts()
    preview = post_form(
        client, "/ipr/notices/new", _notice_form(holder, pasted=PASTED, preview="1")
    )
    assert preview.status_code == 200, preview.text
    assert _counts() == before  # nothing filed yet
    text = preview.text
    assert "6 listings found" in text
    for number in range(1, 7):
        assert f"{SHOP}/{number}.html" in text
    assert "a help or policy page, not a listing" in text and "given twice" in text
    assert "Dear team," in text  # the paste box is refilled as typed
    filed = post_form(client, "/ipr/notices/new", _notice_form(holder, pasted=PASTED))
    assert filed.status_code == 302, filed.text
    notice = session.scalars(select(Notice).order_by(Notice.id.desc())).first()
    assert len(notice.listings) == 6


def test_the_preview_keeps_an_uploaded_csv(client: FlaskClient, ipr: dict[str, Any]) -> None:
    holder = ipr["holder"]
    sign_in(client, holder.user)
    csv = f"url,explanation\n{SHOP}/40.html,Logo\n".encode()
    preview = post_form(
        client,
        "/ipr/notices/new",
        _notice_form(holder, preview="1", csv_file=(io.BytesIO(csv), "mine.csv")),
        content_type="multipart/form-data",
    )
    assert preview.status_code == 200 and f"{SHOP}/40.html" in preview.text
    assert "mine.csv" in preview.text
    kept = html.unescape(preview.text.split('name="csv_kept"')[1].split('value="')[1].split('"')[0])
    filed = post_form(client, "/ipr/notices/new", _notice_form(holder, csv_kept=kept))
    assert filed.status_code == 302, filed.text
    notice = session.scalars(select(Notice).order_by(Notice.id.desc())).first()
    assert [item.url for item in notice.listings] == [f"{SHOP}/40.html"]


def test_the_api_shows_the_addresses_it_finds_in_a_text(
    client: FlaskClient, ipr: dict[str, Any]
) -> None:
    answer = client.post(
        "/api/v1/ipr/listings/extract", json={"text": PASTED}, headers=bearer(ipr["holder"])
    )
    assert answer.status_code == 200, answer.json
    assert [item["url"] for item in answer.json["listings"]][:2] == [
        f"{SHOP}/1.html",
        f"{SHOP}/2.html",
    ]
    assert len(answer.json["listings"]) == 6
    assert answer.json["listings"][0]["platform"] == "Market"
    assert [item["reason"] for item in answer.json["skipped"]] == ["guide", "guide", "repeated"]
    assert answer.json["skipped"][0]["text"] == "a help or policy page, not a listing"
    assert client.post("/api/v1/ipr/listings/extract", json={"text": PASTED}).status_code == 401
