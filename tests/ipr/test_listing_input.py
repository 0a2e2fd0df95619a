"""Listings as brands really send them: any pasted text (numbered, bulleted, addresses inside
sentences), shown before filing; CSV files as Excel writes them; every problem in one answer."""

from __future__ import annotations

import csv
import html
import io
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import Workbook
from sqlalchemy import func, select

from core.db import session
from ipr.models import Listing, Notice
from ipr.services.listing_input import Parsed, parse_csv, parse_lines
from tests.conftest import post_form, sign_in
from tests.factories import add_right, bearer, notice_body

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


# CSV files as Excel writes them

ROWS = [
    (f"{SHOP}/50.html", "Müller Händler – Größe", "Gefälschte Ware, Logo kopiert"),
    (f"{SHOP}/51.html", "Café Señor", "Same photos as ours; “genuine” claimed"),
]
CHINESE_ROWS = [
    (f"{SHOP}/52.html", "深圳优品店", "假冒商标，包装上印有我们的标志"),
    (f"{SHOP}/53.html", "优品", "盗用我们的产品图片"),
]


def _table(rows: list[tuple[str, str, str]], separator: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator)  # quoting as Excel does, "\r\n" lines
    writer.writerows([("url", "seller", "explanation"), *rows])
    return out.getvalue()


def _xlsx(rows: list[tuple[Any, ...]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["URL", "Seller", "listing_id", "Explanation"])
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("encoded", "rows"),
    [
        (lambda: _table(ROWS, ",").encode("utf-8"), ROWS),
        (lambda: b"\xef\xbb\xbf" + _table(CHINESE_ROWS, ";").encode("utf-8"), CHINESE_ROWS),
        (lambda: _table(CHINESE_ROWS, "\t").encode("utf-16"), CHINESE_ROWS),  # "Unicode text"
        (lambda: _table(ROWS, ";").encode("utf-16-le").join([b"\xff\xfe", b""]), ROWS),
        (lambda: _table(CHINESE_ROWS, ",").encode("gb18030"), CHINESE_ROWS),
        (lambda: _table(ROWS, ";").encode("cp1252"), ROWS),
    ],
    ids=["utf8-comma", "utf8-bom-semicolon", "utf16-tab", "utf16le-semicolon", "gb18030", "cp1252"],
)
def test_csv_files_as_excel_saves_them_are_read(
    app: Flask, encoded: Any, rows: list[tuple[str, str, str]]
) -> None:
    with app.test_request_context():
        parsed = Parsed()
        parse_csv(encoded(), {}, parsed)
    assert parsed.errors == {}
    assert [(row.url, row.seller, row.explanation) for row in parsed.rows] == rows


def test_an_xlsx_workbook_is_read_and_an_old_xls_is_named(app: Flask) -> None:
    with app.test_request_context():
        parsed = Parsed()
        parse_csv(_xlsx([(f"{SHOP}/60.html", "深圳优品店", 1234567890, "假冒")]), {}, parsed)
        assert parsed.errors == {}
        assert [(r.url, r.seller, r.listing_id, r.explanation) for r in parsed.rows] == [
            (f"{SHOP}/60.html", "深圳优品店", "1234567890", "假冒")
        ]
        old = Parsed()
        parse_csv(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), {}, old)
        assert "xlsx" in old.errors["csv"]
        broken = Parsed()
        parse_csv(b"PK\x03\x04 not really a workbook", {}, broken)
        assert "cannot be read" in broken.errors["csv"]


def test_an_xlsx_notice_is_filed_through_the_form(client: FlaskClient, ipr: dict[str, Any]) -> None:
    holder = ipr["holder"]
    sign_in(client, holder.user)
    workbook = _xlsx([(f"{SHOP}/61.html", "Best Deals Shop", None, "Logo"), (None,) * 4])
    filed = post_form(
        client,
        "/ipr/notices/new",
        _notice_form(holder, csv_file=(io.BytesIO(workbook), "listings.xlsx")),
        content_type="multipart/form-data",
    )
    assert filed.status_code == 302, filed.text
    notice = session.scalars(select(Notice).order_by(Notice.id.desc())).first()
    assert [(item.url, item.seller_name) for item in notice.listings] == [
        (f"{SHOP}/61.html", "Best Deals Shop")
    ]


def test_the_holders_export_opens_in_excel_with_chinese_and_no_formulas(
    client: FlaskClient, ipr: dict[str, Any]
) -> None:
    holder = ipr["holder"]
    body = notice_body(
        holder, [{"url": f"{SHOP}/70.html", "seller": "=HYPERLINK(1)优品", "explanation": "假冒"}]
    )
    assert client.post("/api/v1/ipr/notices", json=body, headers=bearer(holder)).status_code == 201
    sign_in(client, holder.user)
    exported = client.get("/ipr/dashboard.csv").get_data()
    assert exported.startswith(b"\xef\xbb\xbf")  # Excel then reads UTF-8, not the local code page
    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
    assert "'=HYPERLINK(1)优品" in rows[1]


# Every problem in one answer


def test_the_form_names_every_problem_in_one_answer(
    client: FlaskClient, ipr: dict[str, Any]
) -> None:
    holder = ipr["holder"]
    sign_in(client, holder.user)
    before = _counts()
    answer = post_form(
        client,
        "/ipr/notices/new",
        {
            **_notice_form(holder, signature="", description="", accurate=""),
            "pasted": f"{SHOP}/80.html\nhttps://unknown-shop.test/item/81.html\n"
            "htp:/broken | Market",
        },
    )
    assert answer.status_code == 422, answer.text
    text = answer.text
    assert "line 2 of the pasted list (platform)" in text  # a platform nobody knows
    assert "line 3 of the pasted list (address)" in text
    assert text.count("This field is required.") == 2  # description and signature, once each
    assert "under penalty of perjury that the notice is accurate" in text
    assert _counts() == before


def test_the_api_names_every_problem_in_one_answer(
    client: FlaskClient, ipr: dict[str, Any]
) -> None:
    holder = ipr["holder"]
    pending = add_right(holder, status="pending")
    before = _counts()
    rows = [{"url": f"{SHOP}/{n}.html", "explanation": "fake"} for n in range(90, 98)]
    rows[3]["url"] = "ftp://example-market.test/x"
    del rows[5]["explanation"]
    rows[7] = {"url": "https://unknown-shop.test/item/97.html", "explanation": "fake"}
    body = notice_body(holder, rows, rights=[holder.mark.id, pending.id], signature="")
    answer = client.post("/api/v1/ipr/notices", json=body, headers=bearer(holder))
    assert answer.status_code == 422
    fields = answer.json["error"]["fields"]
    assert {
        "listings.3.url",
        "listings.5.explanation",
        "listings.7.platform",
        "rights.1",
        "signature",
    } <= set(fields), fields
    assert "not verified" in fields["rights.1"]
    assert _counts() == before
