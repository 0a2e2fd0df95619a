"""The holder's dashboard and CSV export, counterfeit leads from complaints (by signal, without
the consumer's data), and the public notice log without personal data."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from flask.testing import FlaskClient
from sqlalchemy import select

from core import clock
from core.db import session
from core.signals import counterfeit_lead
from ipr.models import Channel, CounterfeitLead, IpRight, RightType, Verification
from ipr.services.filing import file_notice
from tests.conftest import sign_in
from tests.factories import (
    SELLER_EMAIL,
    file_by_link,
    forward,
    listing,
    make_holder,
    seller_link,
    shanghai,
    taken_down,
)
from tests.ipr.conftest import new_notice


def test_dashboard_filters_and_csv_export(ipr: dict[str, Any], client: FlaskClient) -> None:
    clock.set_now(shanghai("2026-03-02 10:00"))
    holder = ipr["holder"]
    down = taken_down(ipr, 1)
    clock.set_now(shanghai("2026-03-05 10:00"))
    waiting = file_notice(holder.user, new_notice(holder, [listing(2)]), Channel.API).listings[0]
    session.commit()
    sign_in(client, holder.user)
    page = client.get("/ipr/dashboard")
    assert page.status_code == 200
    assert down.reference in page.text and waiting.reference in page.text
    only_down = client.get("/ipr/dashboard?state=taken_down").text
    assert down.reference in only_down and waiting.reference not in only_down
    since = client.get("/ipr/dashboard?since=2026-03-04").text
    assert waiting.reference in since and down.reference not in since
    assert waiting.reference in client.get("/ipr/dashboard?platform=Market").text
    assert client.get("/ipr/dashboard?platform=Nowhere").status_code == 400
    assert client.get("/ipr/dashboard?since=yesterday").status_code == 400

    exported = client.get("/ipr/dashboard.csv?state=under_review")
    assert exported.status_code == 200 and exported.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(exported.get_data().decode("utf-8-sig"))))
    assert rows[0][:3] == ["notice", "listing", "notice_filed"]
    assert [row[1] for row in rows[1:]] == [waiting.reference]


def test_another_holder_sees_none_of_it(ipr: dict[str, Any], client: FlaskClient) -> None:
    clock.set_now(shanghai("2026-03-02 10:00"))
    case = taken_down(ipr, 1)
    other = make_holder("Other Brand Ltd.", "OTHERMARK")
    sign_in(client, other.user)
    assert case.reference not in client.get("/ipr/dashboard").text
    assert case.reference not in client.get("/ipr/dashboard.csv").get_data(as_text=True)
    assert client.get(f"/ipr/dashboard/listings/{case.id}").status_code == 404
    assert client.get(f"/ipr/notices/{case.notice.reference}").status_code == 404


def test_counterfeit_lead_reaches_the_matching_holder_only(
    ipr: dict[str, Any], client: FlaskClient
) -> None:
    clock.set_now(shanghai("2026-03-02 10:00"))
    matching = ipr["holder"]  # verified trademark BRIGHTLINE
    other = make_holder("Other Brand Ltd.", "OTHERMARK")
    expired = make_holder("Old Brand Ltd.", "brightline")
    session.execute(
        IpRight.__table__.update()
        .where(IpRight.holder_id == expired.holder.id)
        .values(valid_until=date(2025, 1, 1))
    )
    pending = make_holder("Pending Ltd.", "Brightline")
    session.execute(
        IpRight.__table__.update()
        .where(IpRight.holder_id == pending.holder.id)
        .values(status=Verification.PENDING)
    )
    session.commit()
    counterfeit_lead.send(
        "complaints",
        case_reference="C-2026-000123",
        brand="Brightline",
        product="wireless earbuds",
        platform="Market",
        seller_id=ipr["seller"].id,
        listing_url="https://shop.test/best",
        at=clock.now(),
    )
    counterfeit_lead.send(
        "complaints", case_reference="C-2026-000123", brand="Brightline", at=clock.now()
    )  # the same finding again: one lead
    session.commit()
    leads = session.scalars(select(CounterfeitLead)).all()
    assert [(lead.holder_id, lead.right.right_type) for lead in leads] == [
        (matching.holder.id, RightType.TRADEMARK)
    ]

    sign_in(client, matching.user)
    assert "1 new" in client.get("/ipr/dashboard").text
    page = client.get("/ipr/leads").text
    assert "C-2026-000123" in page and "wireless earbuds" in page and "Best Deals Shop" in page
    assert "@" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    client.post("/sign-out")
    sign_in(client, other.user)
    assert "C-2026-000123" not in client.get("/ipr/leads").text


def test_public_log_shows_notices_declarations_and_results_without_personal_data(
    ipr: dict[str, Any], client: FlaskClient
) -> None:
    clock.set_now(shanghai("2026-03-02 10:00"))
    case = taken_down(ipr, 1)
    assert file_by_link(client, seller_link(case)).status_code == 302
    forward(client, ipr["officers"][0], case)
    client.post("/sign-out")
    second = file_notice(ipr["holder"].user, new_notice(ipr["holder"], [listing(5)]), Channel.API)
    session.commit()

    first_page = client.get("/ipr/public-log.json?limit=1")
    assert first_page.status_code == 200
    body = first_page.json
    assert [n["reference"] for n in body["items"]] == [second.reference]
    older = client.get(f"/ipr/public-log.json?limit=1&before={body['next']}").json
    entry = older["items"][0]
    assert entry["reference"] == case.notice.reference
    assert entry["rights_holder"] == "Brightline Audio Ltd."
    assert entry["listings"][0]["status"] == "awaiting_proof"
    assert entry["listings"][0]["declarations"][0]["status"] == "forwarded"
    page = client.get("/ipr/public-log").text
    assert case.notice.reference in page
    holder = ipr["holder"].holder
    for private in (
        SELLER_EMAIL,
        "Li Wei",
        "Harbour Road",
        "+86 755",
        holder.contact_email,
        holder.contact_name,
        "authorised distributor",
        case.notice.description,
    ):
        assert private not in page and private not in str(older) and private not in str(body)
    assert client.get("/ipr/public-log?before=abc").status_code == 400
    assert client.get("/ipr/public-log.json?limit=1000").status_code == 400
