"""The rights holder's pages: organisation, rights vault, notices by form (rows, lines, CSV);
the officer's verification; the command line; demo data."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from flask_babel import refresh
from sqlalchemy import func, select

from core import clock
from core.db import session
from core.demo import load_demo_users
from core.models import ApiToken, Role
from ipr.demo import load_demo_ipr
from ipr.models import IprFile, IpRight, Listing, Notice, RightsHolder, Verification
from tests.conftest import post_form, sign_in
from tests.factories import listing, mail_to, make_staff, notice_body

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _notice_form(holder: Any, **fields: Any) -> dict[str, Any]:
    return {
        "rights": str(holder.mark.id),
        "description": "Fake BRIGHTLINE earbuds.",
        "good_faith": "y",
        "accurate": "y",
        "signature": "Helen Holder, counsel",
        **fields,
    }


def _counts() -> tuple[int, int]:
    return (
        session.scalar(select(func.count()).select_from(Notice)),
        session.scalar(select(func.count()).select_from(Listing)),
    )


def test_a_notice_by_form_from_rows_lines_and_csv(client: FlaskClient, ipr: dict[str, Any]) -> None:
    holder = ipr["holder"]
    sign_in(client, holder.user)
    csv = (
        b"url,seller,explanation\n"
        b"https://www.example-market.test/item/30.html,Best Deals Shop,Logo on the box\n"
        b"https://www.example-market.test/item/31.html,,Same photos as ours\n"
    )
    answer = post_form(
        client,
        "/ipr/notices/new",
        _notice_form(
            holder,
            **{
                "listings-0-url": "https://www.example-market.test/item/10.html",
                "listings-0-explanation": "Copied logo.",
                "pasted": "https://www.example-market.test/item/20.html\n"
                "https://www.example-market.test/item/21.html | Market",
                "default_explanation": "Our mark on fake goods.",
                "csv_file": (io.BytesIO(csv), "listings.csv"),
                "evidence": (io.BytesIO(PDF), "test-buy.pdf"),
            },
        ),
        content_type="multipart/form-data",
    )
    assert answer.status_code == 302, answer.text
    notice = session.scalars(select(Notice).order_by(Notice.id.desc())).first()
    assert [item.url.rsplit("/", 1)[1] for item in notice.listings] == [
        "10.html",
        "20.html",
        "21.html",
        "30.html",
        "31.html",
    ]
    assert notice.listings[1].explanation == "Our mark on fake goods."
    assert (
        session.scalar(select(IprFile.filename).where(IprFile.notice_id == notice.id))
        == "test-buy.pdf"
    )
    page = client.get(answer.location)
    assert notice.listings[4].reference in page.text and "Under review" in page.text


def test_a_csv_with_bad_rows_names_every_row_and_stores_nothing(
    client: FlaskClient, ipr: dict[str, Any]
) -> None:
    holder = ipr["holder"]
    sign_in(client, holder.user)
    before = _counts()
    csv = (
        b"url,platform,explanation\n"
        b"https://www.example-market.test/item/1.html,Market,ok\n"
        b"htp:/broken,Market,bad address\n"
        b"https://www.example-market.test/item/3.html,Market,\n"
        b"https://unknown-shop.test/item/4.html,,no platform\n"
    )
    answer = post_form(
        client,
        "/ipr/notices/new",
        _notice_form(holder, csv_file=(io.BytesIO(csv), "listings.csv")),
        content_type="multipart/form-data",
    )
    assert answer.status_code == 422
    text = answer.text
    assert "row 3 of the CSV file" in text and "row 4 of the CSV file" in text
    assert "row 5 of the CSV file" in text and "row 2 of the CSV file" not in text
    assert "Nothing was stored" in text
    assert _counts() == before


def test_an_unverified_organisation_cannot_file(client: FlaskClient, ipr: dict[str, Any]) -> None:
    user = make_staff(Role.RIGHTS_HOLDER)
    sign_in(client, user)
    answer = post_form(
        client,
        "/ipr/organisation",
        {
            "legal_name": "Agent & Co",
            "country": "de",
            "contact_name": "Ann Agent",
            "contact_email": "ann@agent.example.org",
            "language": "en",
            "capacity": "agent",
            "principal_name": "Big Brand AG",
        },
    )
    assert answer.status_code == 400 and "power of attorney" in answer.text
    assert session.scalar(select(func.count()).select_from(RightsHolder)) == 1  # only ipr's
    answer = post_form(
        client,
        "/ipr/organisation",
        {
            "legal_name": "Agent & Co",
            "country": "de",
            "contact_name": "Ann Agent",
            "contact_email": "ann@agent.example.org",
            "language": "en",
            "capacity": "agent",
            "principal_name": "Big Brand AG",
            "power_of_attorney": (io.BytesIO(PDF), "poa.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 302
    assert client.get("/ipr/notices/new").status_code == 302  # not verified yet


def test_an_officer_verifies_an_organisation_and_a_right(
    client: FlaskClient, app: Flask, ipr: dict[str, Any], inbox
) -> None:
    user = make_staff(Role.RIGHTS_HOLDER)
    sign_in(client, user)
    post_form(
        client,
        "/ipr/organisation",
        {
            "legal_name": "Maker Ltd",
            "country": "CN",
            "contact_name": "Li Na",
            "contact_email": "li@maker.example.org",
            "language": "zh",
            "capacity": "owner",
        },
    )
    answer = post_form(
        client,
        "/ipr/rights/new",
        {
            "right_type": "trademark",
            "title": "MAKER",
            "registration_number": "123",
            "office": "CNIPA",
            "nice_classes": "9, 46",
            "certificate": (io.BytesIO(PDF), "c.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 400 and "1 to 45" in answer.text
    answer = post_form(
        client,
        "/ipr/rights/new",
        {
            "right_type": "trademark",
            "title": "MAKER",
            "registration_number": "123",
            "office": "CNIPA",
            "nice_classes": "9, 35",
            "certificate": (io.BytesIO(PDF), "c.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 302
    holder = session.scalars(
        select(RightsHolder).where(RightsHolder.legal_name == "Maker Ltd")
    ).one()
    right = session.scalars(select(IpRight).where(IpRight.holder_id == holder.id)).one()

    officer = ipr["officers"][0]
    sign_in(client, officer)
    assert "Maker Ltd" in client.get("/ipr/officer/").text
    refused = post_form(client, f"/ipr/officer/holders/{holder.id}/check", {"decision": "refuse"})
    assert refused.status_code == 400  # reasons required
    assert (
        post_form(
            client, f"/ipr/officer/holders/{holder.id}/check", {"decision": "verify"}
        ).status_code
        == 302
    )
    assert (
        post_form(
            client,
            f"/ipr/officer/rights/{right.id}/check",
            {"decision": "refuse", "reasons": "The certificate is for class 3."},
        ).status_code
        == 302
    )
    session.expire_all()
    assert session.get(RightsHolder, holder.id).status == Verification.VERIFIED
    assert session.get(IpRight, right.id).refusal_reasons == "The certificate is for class 3."
    mails = mail_to(inbox, "li@maker.example.org")
    assert len(mails) == 2 and "The certificate is for class 3." in mails[1].get_content()


def test_issue_token_on_the_command_line(app: Flask, ipr: dict[str, Any]) -> None:
    holder = ipr["holder"]
    result = app.test_cli_runner().invoke(args=["ipr", "issue-token", holder.user.email])
    assert result.exit_code == 0 and result.output.startswith("rdr_")
    tokens = session.scalars(select(ApiToken).where(ApiToken.user_id == holder.user.id)).all()
    assert any(
        token.scopes == ["ipr:notices"] and token.prefix == result.output[:12] for token in tokens
    )
    missing = app.test_cli_runner().invoke(args=["ipr", "issue-token", "nobody@example.org"])
    assert missing.exit_code != 0


def test_tokens_expire_by_default_and_an_expired_one_says_so(
    app: Flask, client: FlaskClient, ipr: dict[str, Any]
) -> None:
    holder = ipr["holder"]
    clock.set_now(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    issued = app.test_cli_runner().invoke(args=["ipr", "issue-token", holder.user.email])
    short = app.test_cli_runner().invoke(
        args=["ipr", "issue-token", holder.user.email, "--days", "30", "--name", "pilot"]
    )
    assert issued.exit_code == 0 and short.exit_code == 0, issued.output + short.output
    token = session.scalar(select(ApiToken).where(ApiToken.prefix == issued.output[:12]))
    assert token.expires_at == datetime(2027, 3, 2, 9, 0, tzinfo=UTC)  # API_TOKEN_DAYS: 365

    # The account page offers the same default and lists each token with its expiry.
    sign_in(client, holder.user)
    page = client.get("/account/tokens").text
    assert 'name="expires_in_days" type="number" value="365"' in page
    assert "2027-03-02" in page and "2026-04-01" in page  # the two tokens' expiries

    bearer_of = {"Authorization": f"Bearer {short.output.strip()}"}
    assert client.get("/api/v1/ipr/rights", headers=bearer_of).status_code == 200
    clock.set_now(datetime(2026, 4, 1, 9, 0, tzinfo=UTC))
    expired = client.get("/api/v1/ipr/rights", headers=bearer_of)
    assert expired.status_code == 401
    assert expired.json["error"]["message"] == (
        "This API token expired on 2026-04-01. Create a new one on your account page, "
        "or ask for one."
    )
    unknown = client.get("/api/v1/ipr/rights", headers={"Authorization": "Bearer rdr_nothing"})
    assert unknown.status_code == 401 and "expired" not in unknown.json["error"]["message"]


def test_demo_data_has_a_verified_holder_with_a_verified_trademark(ipr: dict[str, Any]) -> None:
    make_staff(Role.RIGHTS_HOLDER)  # not the demo holder: the loader waits for its account
    load_demo_users()
    lines = load_demo_ipr()
    session.commit()
    assert "BRIGHTLINE" in lines[0]
    assert load_demo_ipr() == ["Demo rights holder: already there."]
    mark = session.scalars(
        select(IpRight).where(
            IpRight.title == "BRIGHTLINE", IpRight.registration_number == "38123456"
        )
    ).one()
    assert mark.status == Verification.VERIFIED and mark.holder.status == Verification.VERIFIED
    assert len(mark.holder.rights) == 1


def test_every_page_renders_for_its_users(client: FlaskClient, ipr: dict[str, Any]) -> None:
    holder = ipr["holder"]
    sign_in(client, holder.user)
    for url in (
        "/ipr/",
        "/ipr/organisation",
        "/ipr/rights/new",
        "/ipr/notices",
        "/ipr/notices/new",
        "/",
    ):
        page = client.get(url)
        assert page.status_code == 200, url
    assert "BRIGHTLINE" in client.get("/ipr/notices/new").text
    assert "Report infringing listings" in client.get("/").text
    assert client.get("/ipr/officer/").status_code == 403
    assert "ipr:notices" in client.get("/account/tokens").text
    chinese = {"Accept-Language": "zh"}
    refresh()  # the fixture's app context outlives requests: forget its English catalogue
    assert "举报侵权商品链接" in client.get("/ipr/notices/new", headers=chinese).text
    assert client.get("/ipr/", headers=chinese).status_code == 200

    sign_in(client, ipr["officers"][0])
    assert client.get("/ipr/notices/new").status_code == 403
    for url in (
        "/ipr/officer/",
        f"/ipr/officer/holders/{holder.holder.id}",
        f"/ipr/officer/rights/{holder.mark.id}",
    ):
        assert client.get(url).status_code == 200, url
        assert client.get(url, headers={"Accept-Language": "zh"}).status_code == 200, url


def test_evidence_is_judged_by_its_content(client: FlaskClient, ipr: dict[str, Any]) -> None:
    holder = ipr["holder"]
    headers = {"Authorization": f"Bearer {holder.token}"}
    reference = client.post(
        "/api/v1/ipr/notices", json=notice_body(holder, [listing(1)]), headers=headers
    ).json["reference"]
    spoofed = client.post(
        f"/api/v1/ipr/notices/{reference}/evidence",
        headers=headers,
        data={"files": (io.BytesIO(b"MZ\x90\x00program"), "photo.pdf")},
        content_type="multipart/form-data",
    )
    assert spoofed.status_code == 422 and "photo.pdf" in spoofed.json["error"]["message"]
    kept = client.post(
        f"/api/v1/ipr/notices/{reference}/evidence",
        headers=headers,
        data={"files": (io.BytesIO(PDF), "test-buy.pdf")},
        content_type="multipart/form-data",
    )
    assert kept.status_code == 201 and kept.json["evidence"] == 1


def test_the_holder_follows_and_withdraws_a_listing(
    client: FlaskClient, ipr: dict[str, Any]
) -> None:
    holder = ipr["holder"]
    headers = {"Authorization": f"Bearer {holder.token}"}
    rights = client.get("/api/v1/ipr/rights", headers=headers).json["items"]
    assert [(r["id"], r["status"]) for r in rights] == [(holder.mark.id, "verified")]
    filed = client.post(
        "/api/v1/ipr/notices", json=notice_body(holder, [listing(1), listing(2)]), headers=headers
    ).json
    first = filed["listings"][0]["reference"]
    sign_in(client, holder.user)
    page = client.get(f"/ipr/notices/{filed['reference']}")
    assert "Withdraw this report" in page.text
    assert (
        post_form(client, f"/ipr/listings/{first}/withdraw", {"confirm": "yes"}).status_code == 302
    )
    shown = client.get(f"/api/v1/ipr/notices/{filed['reference']}", headers=headers).json
    assert [item["status"] for item in shown["listings"]] == ["withdrawn", "under_review"]
    other = make_staff(Role.RIGHTS_HOLDER)
    sign_in(client, other)
    assert (
        post_form(
            client, f"/ipr/listings/{filed['listings'][1]['reference']}/withdraw", {}
        ).status_code
        == 404
    )
    assert client.get(f"/ipr/notices/{filed['reference']}").status_code == 404
