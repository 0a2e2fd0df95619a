"""Who the seller of a reported listing is: by the platform's id read from the address, the law
that the platform brings, and the seller's name in the public log only after a decision."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from core.db import session
from ipr.models import Channel, CounterNoticeRule, RightType
from ipr.services.counter_notices import listing_rule
from ipr.services.filing import NewNotice, file_notice
from tests.factories import add_right, listing, notice_body, taken_down


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
