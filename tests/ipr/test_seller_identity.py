"""Who the seller of a reported listing is: by the platform's id read from the address, the law
that the platform brings, and the seller's name in the public log only after a decision."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from flask_babel import refresh
from sqlalchemy import func, select

from casework.models import CaseEvent
from core.db import session
from ipr.models import Channel, CounterNoticeRule, Listing, RightType
from ipr.services.counter_notices import listing_rule
from ipr.services.filing import NewNotice, file_notice
from ipr.services.review import reject
from sellers.services import save_seller
from tests.conftest import post_form, sign_in
from tests.factories import (
    add_right,
    bearer,
    declaration,
    listing,
    mail_to,
    notice_body,
    seller_link,
    taken_down,
)


def copyright_work(ipr: dict[str, Any]):
    return add_right(
        ipr["holder"],
        right_type=RightType.COPYRIGHT,
        title="Brightline SDK source code",
        owner_name="Brightline Audio Ltd.",
        office=None,
        nice_classes=[],
    )


def test_a_github_copyright_listing_gets_the_dmca_rule(ipr: dict[str, Any]) -> None:
    work = copyright_work(ipr)
    case = taken_down(
        ipr, 1, right=work, url="https://github.com/someone/leaked-sdk", platform="", seller=""
    )
    assert case.jurisdiction == "US"
    assert listing_rule(case) == CounterNoticeRule.US_DMCA
    assert case.seller is not None and case.seller.platform_seller_id == "someone"
    assert case.seller.platform.name == "GitHub"


def test_a_github_trademark_listing_does_not(ipr: dict[str, Any]) -> None:
    case = taken_down(ipr, 2, url="https://github.com/someone/fake-brightline", platform="GitHub")
    assert case.jurisdiction == "US"
    assert listing_rule(case) != CounterNoticeRule.US_DMCA


def test_listings_by_one_store_id_under_other_names_are_one_seller(ipr: dict[str, Any]) -> None:
    rows = [
        listing(
            3, url="https://shopee.sg/Fake-Earbuds-i.77777.88888", platform="", seller="Ear Co"
        ),
        listing(
            4, url="https://shopee.sg/Fake-Case-i.77777.99999", platform="虾皮", seller="EarCo"
        ),
    ]
    notice = file_notice(
        ipr["holder"].user, NewNotice.from_mapping(notice_body(ipr["holder"], rows)), Channel.API
    )
    session.commit()
    first, second = notice.listings
    assert first.seller_id == second.seller_id
    assert first.seller.platform_seller_id == "77777"


def test_the_public_log_names_the_seller_only_after_a_decision(
    ipr: dict[str, Any], client: FlaskClient
) -> None:
    notice = file_notice(
        ipr["holder"].user,
        NewNotice.from_mapping(notice_body(ipr["holder"], [listing(5, seller="Fresh Fakes")])),
        Channel.API,
    )
    session.commit()
    entry = client.get("/ipr/public-log.json").json["items"][0]
    assert entry["reference"] == notice.reference
    assert entry["listings"][0]["seller"] == "a seller on Market"
    assert "Fresh Fakes" not in client.get("/ipr/public-log").text
    taken_down(ipr, 6, seller="Fresh Fakes")
    entries = client.get("/ipr/public-log.json").json["items"]
    assert {item["listings"][0]["seller"] for item in entries} == {"Fresh Fakes"}


def test_the_holder_may_name_the_law_that_applies(ipr: dict[str, Any], client: FlaskClient) -> None:
    work = copyright_work(ipr)
    case = taken_down(ipr, 7, right=work, jurisdiction="us")  # Market is a Chinese platform
    assert case.jurisdiction == "US"
    assert listing_rule(case) == CounterNoticeRule.US_DMCA
    sign_in(client, ipr["holder"].user)
    page = client.get(f"/ipr/dashboard/listings/{case.id}").text
    assert "United States (US)" in page and "DMCA" in page


def test_a_law_that_is_no_country_refuses_the_notice_whole(
    ipr: dict[str, Any], client: FlaskClient
) -> None:
    holder = ipr["holder"]
    listings_before = session.scalar(select(func.count()).select_from(Listing))
    body = notice_body(holder, [listing(8), listing(9, jurisdiction="USA")])
    answer = client.post(
        "/api/v1/ipr/notices", json=body, headers={**bearer(holder), "Accept-Language": "zh"}
    )
    assert answer.status_code == 422, answer.json
    assert "listings.1.jurisdiction" in str(answer.json)
    assert session.scalar(select(func.count()).select_from(Listing)) == listings_before


def test_an_officer_changes_the_law_until_a_counter_notice_runs_under_it(
    ipr: dict[str, Any], client: FlaskClient
) -> None:
    case = taken_down(ipr, 10, right=copyright_work(ipr))
    assert case.jurisdiction == "CN"
    officer = ipr["officers"][0]
    sign_in(client, officer)
    url = f"/ipr/officer/listings/{case.id}/jurisdiction"
    refused = post_form(client, url, {"jurisdiction": "XX", "reason": "Seller is in Texas."})
    assert refused.status_code == 400 and "two letters" in refused.text
    session.refresh(case)
    assert case.jurisdiction == "CN"

    moved = post_form(client, url, {"jurisdiction": "us", "reason": "Seller is in Texas."})
    assert moved.status_code == 302
    session.refresh(case)
    assert case.jurisdiction == "US" and listing_rule(case) == CounterNoticeRule.US_DMCA
    events = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)).all()
    change = [e for e in events if e.type == "jurisdiction_changed"]
    assert [(e.before, e.after, e.body) for e in change] == [("CN", "US", "Seller is in Texas.")]
    post_form(client, "/language", {"language": "zh"})
    refresh()  # the test's app context outlives requests: forget the English it cached
    page = client.get(f"/officer/cases/{case.id}").text
    assert "美国 (US)" in page

    link = seller_link(case)  # the seller answers by its link; the officer's session is no matter
    filed = post_form(
        client, link, declaration(consent_to_jurisdiction="y"), content_type="multipart/form-data"
    )
    assert filed.status_code == 302, filed.text
    again = post_form(client, url, {"jurisdiction": "CN", "reason": "Changed my mind."})
    assert again.status_code == 409
    session.refresh(case)
    assert case.jurisdiction == "US"


def test_a_moved_case_follows_its_credit_events_to_the_other_seller(
    ipr: dict[str, Any], client: FlaskClient
) -> None:
    case = taken_down(ipr, 11, seller="Best Deals Shop")
    wrong = case.seller
    right = save_seller(None, name="Best Deals Shop Official", platform_id=wrong.platform_id)
    session.commit()
    officer = ipr["officers"][0]
    sign_in(client, officer)
    moved = post_form(
        client,
        f"/officer/sellers/{wrong.id}/move",
        {"case_reference": case.reference, "target_id": right.id},
    )
    assert moved.status_code == 302, moved.text
    session.expire_all()
    assert case.seller_id == right.id
    events = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)).all()
    assert [(e.before, e.after) for e in events if e.type == "seller_changed"] == [
        (str(wrong.id), str(right.id))
    ]
    page = client.get(f"/officer/sellers/{right.id}").text
    assert f'href="/officer/cases/{case.id}"' in page


def test_a_rejection_publishes_the_seller_though_it_counts_no_points(
    ipr: dict[str, Any], client: FlaskClient
) -> None:
    notice = file_notice(
        ipr["holder"].user,
        NewNotice.from_mapping(notice_body(ipr["holder"], [listing(12, seller="Quiet Lane Shop")])),
        Channel.API,
    )
    session.commit()
    assert "Quiet Lane Shop" not in client.get("/sellers?q=Quiet").text
    reject(notice.listings[0], ipr["officers"][0], "The listing shows the holder's own goods.")
    session.commit()
    page = client.get("/sellers?q=Quiet").text
    assert "Quiet Lane Shop" in page


def test_a_seller_of_no_known_country_on_a_chinese_platform_is_written_in_chinese(
    ipr: dict[str, Any], inbox
) -> None:
    ipr["seller"].country = None  # Market is in China
    session.commit()
    case = taken_down(ipr, 13)
    mail = mail_to(inbox, ipr["seller"].contact_email)
    assert [m["Content-Language"] for m in mail] == ["zh"]
    assert "该链接已被下架" in mail[0].get_content() and case.reference in mail[0]["Subject"]


def test_the_notice_form_offers_the_platforms(ipr: dict[str, Any], client: FlaskClient) -> None:
    sign_in(client, ipr["holder"].user)
    page = client.get("/ipr/notices/new").text
    fields = re.findall(r'<input[^>]*name="[^"]*platform"[^>]*>', page)
    assert len(fields) >= 2 and all('list="platform-names"' in f for f in fields)
    assert '<option value="京东" label="JD.com">' in page
