"""The smaller points of issue 18: a US counter-notice gives a phone and both statements are
made under penalty of perjury; withdrawing asks first; a suspended holder is not told it may
report; junk BRAND entities raise no warning."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from flask_babel import refresh
from sqlalchemy import func, select

import nlp
from core import clock
from core.db import session
from ipr.models import CounterNotice, RightType
from ipr.services.filing import notice_warnings
from ipr.workflow import ListingState
from sellers.services import save_platform
from tests.conftest import post_form, sign_in
from tests.factories import (
    NEW_YORK,
    add_right,
    bearer,
    file_by_link,
    listing,
    notice_body,
    seller_link,
    taken_down,
)


def _us_listing(ipr: dict[str, Any]) -> Any:
    save_platform(
        None, name="US Market", domains=["us-market.test"], country="US", contact_email="d@us.test"
    )
    session.commit()
    work = add_right(
        ipr["holder"],
        right_type=RightType.COPYRIGHT,
        title="Product photos",
        owner_name="Brightline Audio Ltd.",
        office=None,
        nice_classes=[],
    )
    clock.set_now(datetime(2026, 6, 29, 10, 0, tzinfo=NEW_YORK))
    return taken_down(
        ipr, 7, right=work, url="https://www.us-market.test/item/7.html", platform="US Market"
    )


def test_a_us_counter_notice_needs_a_phone_and_is_made_under_penalty_of_perjury(
    ipr: dict[str, Any], client: FlaskClient
) -> None:
    link = seller_link(_us_listing(ipr))
    assert "under penalty of perjury" in client.get(link).text
    refresh()  # the fixture's app context outlives requests: forget its English catalogue
    assert "伪证" in client.get(link, headers={"Accept-Language": "zh"}).text
    refresh()
    refused = file_by_link(client, link, consent_to_jurisdiction="y", identity_phone="")
    assert refused.status_code == 400 and "telephone number" in refused.text
    assert session.scalar(select(func.count(CounterNotice.id))) == 0
    assert file_by_link(client, link, consent_to_jurisdiction="y").status_code == 302


def test_the_notice_is_signed_under_penalty_of_perjury(
    ipr: dict[str, Any], client: FlaskClient
) -> None:
    sign_in(client, ipr["holder"].user)
    assert "under penalty of perjury" in client.get("/ipr/notices/new").text
    refresh()
    assert "伪证" in client.get("/ipr/notices/new", headers={"Accept-Language": "zh"}).text


def test_withdrawing_asks_first_without_a_script(ipr: dict[str, Any], client: FlaskClient) -> None:
    holder = ipr["holder"]
    filed = client.post(
        "/api/v1/ipr/notices", json=notice_body(holder, [listing(1)]), headers=bearer(holder)
    ).json
    reference = filed["listings"][0]["reference"]
    sign_in(client, holder.user)
    page = client.get(f"/ipr/notices/{filed['reference']}").text
    assert f'href="/ipr/listings/{reference}/withdraw"' in page  # a link, not the withdrawal
    confirm = client.get(f"/ipr/listings/{reference}/withdraw")
    assert confirm.status_code == 200 and "you cannot undo this" in confirm.text
    unconfirmed = post_form(client, f"/ipr/listings/{reference}/withdraw", {})
    assert unconfirmed.status_code == 400
    shown = client.get(f"/api/v1/ipr/notices/{filed['reference']}", headers=bearer(holder)).json
    assert shown["listings"][0]["status"] == ListingState.UNDER_REVIEW
    done = post_form(client, f"/ipr/listings/{reference}/withdraw", {"confirm": "yes"})
    assert done.status_code == 302
    shown = client.get(f"/api/v1/ipr/notices/{filed['reference']}", headers=bearer(holder)).json
    assert shown["listings"][0]["status"] == ListingState.WITHDRAWN


def test_a_suspended_holder_is_not_told_it_may_report(
    ipr: dict[str, Any], client: FlaskClient
) -> None:
    holder = ipr["holder"]
    sign_in(client, holder.user)
    assert "you may report listings" in client.get("/ipr/").text
    holder.holder.suspended_until = clock.now() + timedelta(days=30)
    session.commit()
    home = client.get("/ipr/").text
    assert "you may report listings" not in home
    assert "suspended from reporting" in home and "/ipr/notices/new" not in home


def test_junk_brand_entities_raise_no_warning(ipr: dict[str, Any], app: Flask) -> None:
    junk = [", Inc.", "Hotel", "Finland", "芬兰", "Shoes", "Co., Ltd.", "旗舰店", "X"]
    entities = tuple(nlp.Entity("BRAND", text, 0, len(text)) for text in [*junk, "NORDWIND"])
    analysis = nlp.Analysis(
        id=None,
        language="en",
        kind="ipr",
        category="trademark",
        confidence=0.9,
        scores={},
        entities=(*entities, nlp.Entity("BRAND", "Brightline Audio Ltd.", 0, 5)),
    )
    with app.test_request_context():
        warnings = notice_warnings(analysis, [ipr["holder"].mark])
    assert warnings == [{"code": "brand_mismatch", "text": "NORDWIND"}]
