"""Notices by API (DESIGN.md section 8): accepted whole or refused whole, each problem named."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import func, select

from casework.models import CaseEvent
from core import clock
from core.api_tokens import revoke_api_token
from core.db import session
from core.models import ApiToken
from ipr.models import Listing, Notice
from tests.conftest import post_form, sign_in
from tests.factories import add_right, bearer, listing, make_holder, notice_body, shanghai


def _counts() -> tuple[int, int]:
    return (
        session.scalar(select(func.count()).select_from(Notice)),
        session.scalar(select(func.count()).select_from(Listing)),
    )


def test_a_notice_of_300_listings_is_accepted_and_each_listing_is_a_case(
    client: FlaskClient, ipr: dict[str, Any], inbox
) -> None:
    clock.set_now(shanghai("2026-09-28 10:00"))
    holder = ipr["holder"]
    body = notice_body(holder, [listing(n) for n in range(1, 301)])
    answer = client.post("/api/v1/ipr/notices", json=body, headers=bearer(holder))
    assert answer.status_code == 201, answer.json
    reference = answer.json["reference"]
    assert reference.startswith("IP-2026-")
    assert len(answer.json["listings"]) == 300
    assert answer.json["listings"][16]["reference"] == f"{reference}-017"
    assert {item["status"] for item in answer.json["listings"]} == {"under_review"}
    assert answer.json["flagged"] == []

    shown = client.get(f"/api/v1/ipr/notices/{reference}", headers=bearer(holder))
    assert shown.status_code == 200
    assert [item["reference"] for item in shown.json["listings"]][:2] == [
        f"{reference}-001",
        f"{reference}-002",
    ]
    case = session.scalar(select(Listing).where(Listing.reference == f"{reference}-300"))
    assert case.queue_id == ipr["queue"].id and case.seller_id == ipr["seller"].id
    assert session.scalar(select(CaseEvent.type).where(CaseEvent.case_id == case.id)) == "filed"
    receipt = inbox.to(holder.holder.contact_email)
    assert len(receipt) == 1 and reference in receipt[0]["Subject"]
    assert f"{reference}-300" in receipt[0].get_content()


def test_a_notice_of_301_listings_is_refused_whole(
    client: FlaskClient, ipr: dict[str, Any]
) -> None:
    holder = ipr["holder"]
    before = _counts()
    body = notice_body(holder, [listing(n) for n in range(1, 302)])
    answer = client.post("/api/v1/ipr/notices", json=body, headers=bearer(holder))
    assert answer.status_code == 422
    assert "listings" in answer.json["error"]["fields"]
    assert _counts() == before


def test_every_bad_field_is_named_and_nothing_is_stored(
    client: FlaskClient, ipr: dict[str, Any]
) -> None:
    holder = ipr["holder"]
    before = _counts()
    rows = [listing(n) for n in range(1, 21)]
    rows[17]["url"] = "not a web address"
    rows[3]["url"] = "ftp://example-market.test/x"
    del rows[5]["explanation"]
    body = notice_body(holder, rows, signature="")
    answer = client.post("/api/v1/ipr/notices", json=body, headers=bearer(holder))
    assert answer.status_code == 422
    fields = answer.json["error"]["fields"]
    assert {"listings.17.url", "listings.3.url", "listings.5.explanation", "signature"} <= set(
        fields
    )
    assert _counts() == before


def test_an_unverified_or_expired_right_is_refused(
    client: FlaskClient, ipr: dict[str, Any]
) -> None:
    holder = ipr["holder"]
    pending = add_right(holder, status="pending")
    expired = add_right(holder, valid_until=shanghai("2025-12-31 12:00").date())
    before = _counts()
    body = notice_body(holder, [listing(1)], rights=[holder.mark.id, pending.id, expired.id])
    answer = client.post("/api/v1/ipr/notices", json=body, headers=bearer(holder))
    assert answer.status_code == 422
    fields = answer.json["error"]["fields"]
    assert "not verified" in fields["rights.1"]
    assert "expired" in fields["rights.2"]
    assert "rights.0" not in fields
    assert _counts() == before


def test_a_listing_under_an_open_notice_is_flagged_not_duplicated(
    client: FlaskClient, ipr: dict[str, Any]
) -> None:
    holder = ipr["holder"]
    first = client.post(
        "/api/v1/ipr/notices", json=notice_body(holder, [listing(1)]), headers=bearer(holder)
    ).json
    again = listing(1, url="https://example-market.test/item/1.html?utm_source=mail")
    second = client.post(
        "/api/v1/ipr/notices", json=notice_body(holder, [again, listing(2)]), headers=bearer(holder)
    )
    assert second.status_code == 201
    assert [item["url"] for item in second.json["listings"]] == [listing(2)["url"]]
    assert second.json["flagged"] == [
        {
            "position": 0,
            "url": again["url"],
            "case": first["listings"][0]["reference"],
            "reason": "already_reported",
        }
    ]


def test_a_revoked_token_gets_401(client: FlaskClient, ipr: dict[str, Any]) -> None:
    holder = ipr["holder"]
    token = session.scalars(select(ApiToken).where(ApiToken.user_id == holder.user.id)).one()
    revoke_api_token(token, holder.user)
    session.commit()
    answer = client.post(
        "/api/v1/ipr/notices", json=notice_body(holder, [listing(1)]), headers=bearer(holder)
    )
    assert answer.status_code == 401
    assert client.get("/api/v1/ipr/rights", headers=bearer(holder)).status_code == 401


def test_another_holders_notice_is_not_found(client: FlaskClient, ipr: dict[str, Any]) -> None:
    holder = ipr["holder"]
    other = make_holder("Other Brand GmbH", "OTHERMARK")
    reference = client.post(
        "/api/v1/ipr/notices", json=notice_body(holder, [listing(1)]), headers=bearer(holder)
    ).json["reference"]
    answer = client.get(f"/api/v1/ipr/notices/{reference}", headers=bearer(other))
    assert answer.status_code == 404
    assert (
        client.get("/api/v1/ipr/notices/IP-2026-999999", headers=bearer(holder)).status_code == 404
    )


def test_the_text_is_analysed_to_prefill_and_to_warn_the_officer(
    client: FlaskClient, ipr: dict[str, Any]
) -> None:
    holder = ipr["holder"]
    body = notice_body(
        holder,
        [listing(1, seller=None)],
        description="These listings sell fake Nike Air Max shoes with the Nike logo copied.",
    )
    answer = client.post("/api/v1/ipr/notices", json=body, headers=bearer(holder))
    assert answer.status_code == 201
    assert answer.json["infringement_type"] == "trademark"
    assert {"code": "brand_mismatch", "text": "Nike"} in answer.json["warnings"]

    lone = listing(2, seller=None, explanation="Sold by Best Deals Shop on Market.")
    body = notice_body(
        holder,
        [lone],
        description="Counterfeit BRIGHTLINE earbuds sold by Best Deals Shop on Temu with our mark.",
    )
    answer = client.post("/api/v1/ipr/notices", json=body, headers=bearer(holder))
    assert {"code": "prefilled", "text": "seller"} in answer.json["warnings"]
    assert not any(w["code"] == "brand_mismatch" for w in answer.json["warnings"])
    case = session.scalar(
        select(Listing).where(Listing.reference == answer.json["listings"][0]["reference"])
    )
    assert case.seller_name == "Best Deals Shop" and case.seller_id == ipr["seller"].id


def test_refusals_speak_the_callers_language(client: FlaskClient, ipr: dict[str, Any]) -> None:
    holder = ipr["holder"]
    rows = [listing(1, url="htp:/broken")]
    answer = client.post(
        "/api/v1/ipr/notices",
        json=notice_body(holder, rows),
        headers={**bearer(holder), "Accept-Language": "zh"},
    )
    assert answer.status_code == 422
    assert "网址" in answer.json["error"]["fields"]["listings.0.url"]
    expired = add_right(holder, valid_until=shanghai("2025-12-31 12:00").date())
    answer = client.post(
        "/api/v1/ipr/notices",
        json=notice_body(holder, [listing(1)], rights=[expired.id]),
        headers={**bearer(holder), "Accept-Language": "zh"},
    )
    assert "不在有效期内" in answer.json["error"]["fields"]["rights.0"]
    assert "详见" in answer.json["error"]["message"]  # one answer for every problem, in Chinese


def test_the_holder_lists_its_own_notices_filtered_and_a_page_at_a_time(
    client: FlaskClient, ipr: dict[str, Any]
) -> None:
    holder = ipr["holder"]
    clock.set_now(shanghai("2026-03-02 10:00"))
    old = client.post(
        "/api/v1/ipr/notices", json=notice_body(holder, [listing(1)]), headers=bearer(holder)
    ).json
    clock.set_now(shanghai("2026-03-05 10:00"))
    references = [old["reference"]]
    for number in (2, 3):
        references.append(
            client.post(
                "/api/v1/ipr/notices",
                json=notice_body(holder, [listing(number)]),
                headers=bearer(holder),
            ).json["reference"]
        )
    withdrawn = client.get(f"/api/v1/ipr/notices/{references[2]}", headers=bearer(holder)).json
    sign_in(client, holder.user)
    reference = withdrawn["listings"][0]["reference"]
    assert (
        post_form(client, f"/ipr/listings/{reference}/withdraw", {"confirm": "yes"}).status_code
        == 302
    )
    other = make_holder("Other Brand Ltd.", "OTHERMARK")
    client.post("/api/v1/ipr/notices", json=notice_body(other, [listing(9)]), headers=bearer(other))

    first = client.get("/api/v1/ipr/notices?limit=2", headers=bearer(holder)).json
    assert [n["reference"] for n in first["items"]] == references[:2]
    rest = client.get(f"/api/v1/ipr/notices?limit=2&after={first['next']}", headers=bearer(holder))
    assert [n["reference"] for n in rest.json["items"]] == references[2:] and rest.json[
        "next"
    ] is None
    since = client.get("/api/v1/ipr/notices?since=2026-03-04", headers=bearer(holder)).json
    assert [n["reference"] for n in since["items"]] == references[1:]
    gone = client.get("/api/v1/ipr/notices?status=withdrawn", headers=bearer(holder)).json
    assert [n["reference"] for n in gone["items"]] == [references[2]]
    assert gone["items"][0]["listings"][0]["status"] == "withdrawn"
    bad = client.get("/api/v1/ipr/notices?status=lost&since=yesterday", headers=bearer(holder))
    assert bad.status_code == 422 and {"status", "since"} <= set(bad.json["error"]["fields"])
    assert client.get("/api/v1/ipr/notices").status_code == 401
