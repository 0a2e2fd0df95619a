"""A holder's good standing and misuse, and repeat infringers, computed from the records and
shown to officers and to the holder."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask.testing import FlaskClient
from flask_babel import refresh
from sqlalchemy import select

from core import clock
from core.db import session
from core.uploads import CheckedFile
from ipr.models import (
    Channel,
    Listing,
    MisuseMeasure,
    RepeatInfringerFlag,
    StandingChange,
)
from ipr.services import Takedown, take_down
from ipr.services.counter_notices import file_counter_notice, forward_counter_notice
from ipr.services.filing import file_notice
from ipr.services.restoration import restore_listings
from ipr.services.standing import in_good_standing, record_standing
from ipr.workflow import ListingState
from tests.conftest import post_form, sign_in
from tests.factories import (
    PDF,
    Holder,
    bearer,
    listing,
    mail_to,
    make_holder,
    notice_body,
    shanghai,
)
from tests.ipr.conftest import new_notice

NOW = "2026-06-15 10:00"


def decided(
    holder: Holder, outcomes: dict[ListingState, int], days_ago: int = 10, start: int = 0
) -> list[Listing]:
    """Hand-built records: a notice whose listings were decided `days_ago` days ago with the
    given states, e.g. {ListingState.TAKEN_DOWN: 9, ListingState.RESTORED: 1}."""
    count = sum(outcomes.values())
    notice = file_notice(
        holder.user, new_notice(holder, [listing(start + n) for n in range(count)]), Channel.API
    )
    cases = list(notice.listings)
    states = [state for state, n in outcomes.items() for _ in range(n)]
    for case, state in zip(cases, states, strict=True):
        case.status, case.decided_at = state, clock.now() - timedelta(days=days_ago)
    session.commit()
    return cases


def test_good_standing_is_computed_from_decided_listings(ipr: dict[str, Any], inbox) -> None:
    clock.set_now(shanghai(NOW))
    good, few, reversed_ = ipr["holder"], make_holder("Few Ltd."), make_holder("Back Ltd.")
    S = ListingState
    decided(good, {S.TAKEN_DOWN: 15, S.UPHELD: 4, S.RESTORED: 1})  # 100% down, 5% reversed
    decided(good, {S.REJECTED: 6}, days_ago=120, start=100)  # older than 3 months: not counted
    decided(few, {S.TAKEN_DOWN: 8, S.REJECTED: 2}, start=200)  # 80% taken down
    decided(reversed_, {S.TAKEN_DOWN: 9, S.RESTORED: 1}, start=300)  # 10% reversed

    assert record_standing(clock.now())["gained"] == 1
    assert [in_good_standing(h.holder.id) for h in (good, few, reversed_)] == [True, False, False]
    change = session.scalars(select(StandingChange)).one()
    assert (change.holder_id, change.decided, change.taken_down, change.reversed) == (
        good.holder.id,
        20,
        20,
        1,
    )
    assert any("good standing" in m["Subject"] for m in mail_to(inbox, good.holder.contact_email))

    # Losing it: a second restoration makes 2 of 21 reversed; it may return only 3 months on.
    decided(good, {S.RESTORED: 1}, start=400)
    record_standing(clock.now())
    session.refresh(good.holder)
    assert not good.holder.good_standing and good.holder.standing_lost_at == clock.now()
    later = clock.now() + timedelta(days=30)
    clock.set_now(later)
    decided(good, {S.TAKEN_DOWN: 60}, start=500)  # figures good again within the period
    assert not in_good_standing(good.holder.id)
    assert in_good_standing(good.holder.id, now=later + timedelta(days=62))


def test_holder_and_officer_see_the_standing(ipr: dict[str, Any], client: FlaskClient) -> None:
    clock.set_now(shanghai(NOW))
    holder = ipr["holder"]
    decided(holder, {ListingState.TAKEN_DOWN: 9, ListingState.REJECTED: 1})
    sign_in(client, holder.user)
    page = client.get("/ipr/dashboard").text
    assert "10 listings decided, 9 taken down, 0 reversed" in page
    refresh()  # the fixture's app context outlives requests: forget its English catalogue
    chinese = client.get("/ipr/dashboard", headers={"Accept-Language": "zh"}).text
    assert "已处理 10 个商品链接，删除 9 个" in chinese
    refresh()
    assert client.get("/ipr/officer/standing").status_code == 403
    client.post("/sign-out")
    sign_in(client, ipr["officers"][0])
    page = client.get("/ipr/officer/standing").text
    assert holder.holder.legal_name in page


def test_misuse_warning_then_suspension_blocks_filing(
    ipr: dict[str, Any], client: FlaskClient, inbox
) -> None:
    clock.set_now(shanghai(NOW))
    holder = ipr["holder"]
    decided(holder, {ListingState.REJECTED: 6, ListingState.TAKEN_DOWN: 2})
    sign_in(client, ipr["officers"][0])
    page = client.get("/ipr/officer/standing").text
    assert "6 of 8 decided listings rejected." in page
    url = f"/ipr/officer/standing/holders/{holder.holder.id}/measure"

    first = post_form(client, url, {"kind": "suspension", "days": "30", "reasons": "Unfounded"})
    assert first.status_code == 409 and "Warn the organisation first" in first.text
    assert post_form(client, url, {"kind": "warning", "reasons": ""}).status_code == 400
    assert (
        post_form(
            client,
            url,
            {"kind": "warning", "reasons": "Six of eight listings named goods you do not make."},
        ).status_code
        == 302
    )
    assert (
        post_form(
            client,
            url,
            {
                "kind": "suspension",
                "days": "30",
                "reasons": "Unfounded notices went on after the warning.",
            },
        ).status_code
        == 302
    )
    measures = session.scalars(select(MisuseMeasure).order_by(MisuseMeasure.id)).all()
    assert [m.kind.value for m in measures] == ["warning", "suspension"]
    assert measures[1].ends_at == clock.now() + timedelta(days=30)
    assert any("suspended" in m["Subject"] for m in mail_to(inbox, holder.holder.contact_email))

    refused = client.post(
        "/api/v1/ipr/notices", headers=bearer(holder), json=notice_body(holder, [listing(900)])
    )
    assert refused.status_code == 403 and "suspended" in refused.json["error"]["message"]

    lift = post_form(client, f"/ipr/officer/standing/measures/{measures[1].id}/lift", {})
    assert lift.status_code == 302
    again = client.post(
        "/api/v1/ipr/notices", headers=bearer(holder), json=notice_body(holder, [listing(901)])
    )
    assert again.status_code == 201, again.json


def test_a_seller_is_flagged_at_the_third_unreversed_takedown(ipr: dict[str, Any]) -> None:
    clock.set_now(shanghai(NOW))
    holder, officer = ipr["holder"], ipr["officers"][0]
    notice = file_notice(
        holder.user, new_notice(holder, [listing(n) for n in range(3)]), Channel.API
    )
    cases = list(notice.listings)
    take_down(cases[0], officer, Takedown())
    take_down(cases[1], officer, Takedown())
    session.commit()
    assert session.scalars(select(RepeatInfringerFlag)).all() == []
    take_down(cases[2], officer, Takedown())
    session.commit()
    flag = session.scalars(select(RepeatInfringerFlag)).one()
    assert flag.seller_id == cases[0].seller_id and flag.takedowns == 3
    assert flag.case_references == sorted(c.reference for c in cases)

    # One takedown reversed after a counter-notice: the flag is cleared.
    counter = file_counter_notice(
        cases[0],
        {
            "declaration": "Genuine goods.",
            "identity_name": "Li Wei",
            "identity_address": "Shenzhen",
            "identity_country": "CN",
            "identity_email": "li@example.org",
            "good_faith": True,
            "signature": "Li Wei",
        },
        [CheckedFile("invoice.pdf", "application/pdf", PDF)],
    )
    forward_counter_notice(counter, officer)
    session.commit()
    restore_listings(counter.window_ends_at + timedelta(minutes=5))
    session.refresh(flag)
    assert flag.cleared_at is not None
