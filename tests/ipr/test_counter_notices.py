"""After a takedown: the seller's counter-notice, the officer's check, the holder's window (PRC
calendar days with an optional extension in working days, or US DMCA business days), proof of an
action (upheld) or restoration by the hourly job, which reverses the takedown's credit event."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from typing import Any

from flask.testing import FlaskClient
from flask_babel import refresh
from sqlalchemy import func, select

from casework.models import Calendar, DayKind
from casework.services.calendar_store import set_day
from core import clock
from core.db import session
from core.models import Role
from ipr.models import (
    ActionProof,
    CounterNotice,
    RightType,
)
from ipr.workflow import CounterNoticeStatus, ListingState
from sellers.models import Seller
from sellers.services import issue_seller_access, save_platform
from tests.conftest import post_form, sign_in
from tests.factories import (
    NEW_YORK,
    PDF,
    PLATFORM_CONTACT,
    PROGRAM,
    SELLER_EMAIL,
    add_right,
    credit_kinds,
    declaration,
    file_by_link,
    forward,
    mail_to,
    make_holder,
    make_staff,
    restore_at,
    seller_link,
    shanghai,
    taken_down,
)


def test_counter_notice_forwarded_then_restored_by_the_job_reverses_the_credit(
    ipr: dict[str, Any], client: FlaskClient, inbox
) -> None:
    clock.set_now(shanghai("2026-03-02 10:00"))
    case = taken_down(ipr)
    assert credit_kinds(case) == ["takedown"]
    link = seller_link(case)
    page = client.get(link)
    assert page.status_code == 200 and "File a counter-notice" in page.text

    answer = file_by_link(client, link)
    assert answer.status_code == 302, answer.text
    session.refresh(case)
    assert case.status == ListingState.COUNTER_NOTICED
    holder_mail = ipr["holder"].holder.contact_email
    assert any("counter-notice" in m["Subject"] for m in mail_to(inbox, holder_mail))
    assert any("received your counter-notice" in m["Subject"] for m in mail_to(inbox, SELLER_EMAIL))

    counter = forward(client, ipr["officers"][0], case)
    assert case.status == ListingState.AWAITING_PROOF
    # 15 calendar days from the holder's receipt (day 0 = 2 March, Shanghai).
    assert counter.window_ends_at == shanghai("2026-03-17 23:59:59")
    forwarded = [m for m in mail_to(inbox, holder_mail) if "window runs until" in m["Subject"]]
    assert "Li Wei" in forwarded[0].get_content()  # the holder gets the seller's identity

    assert restore_at(shanghai("2026-03-17 23:00")) == 0
    assert restore_at(shanghai("2026-03-18 00:30")) == 1
    session.refresh(case)
    assert case.status == ListingState.RESTORED and case.closed_at is not None
    assert credit_kinds(case) == ["takedown", "takedown_restored"]
    seller = session.get_one(Seller, case.seller_id)
    session.refresh(seller)
    assert seller.tier.value == "A" and seller.active_points == 0
    clock.set_now(shanghai("2026-03-18 01:00"))
    assert any("restored" in m["Subject"] for m in mail_to(inbox, SELLER_EMAIL))
    # The platform (in China) is asked in Chinese to make the listing available again.
    assert any(
        m["Subject"] == f"请恢复商品链接 {case.reference}" for m in mail_to(inbox, PLATFORM_CONTACT)
    )
    seller_page = client.get(link).text
    assert "Restored" in seller_page
    assert restore_at(shanghai("2026-03-18 02:00")) == 0  # once only


def test_proof_of_a_lawsuit_in_time_upholds_the_takedown(
    ipr: dict[str, Any], client: FlaskClient, inbox
) -> None:
    clock.set_now(shanghai("2026-03-02 10:00"))
    case = taken_down(ipr)
    assert file_by_link(client, seller_link(case)).status_code == 302
    counter = forward(client, ipr["officers"][0], case)

    clock.set_now(shanghai("2026-03-10 09:00"))
    holder = ipr["holder"]
    sign_in(client, holder.user)
    page = client.get(f"/ipr/dashboard/listings/{case.id}")
    assert "Li Wei" in page.text and "Show that you took action" in page.text
    answer = post_form(
        client,
        f"/ipr/dashboard/listings/{case.id}/proof",
        {
            "kind": "lawsuit",
            "authority": "Shenzhen Intermediate People's Court",
            "case_number": "(2026) Yue 03 Min Chu 123",
            "filed_on": "2026-03-09",
            "files": (io.BytesIO(PDF), "filing.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert answer.status_code == 302, answer.text
    proof = session.scalars(select(ActionProof)).one()
    assert any("proof of an action" in m["Subject"] for m in mail_to(inbox, SELLER_EMAIL))

    # A proof waiting for the officer holds the restoration, even past the window.
    assert restore_at(shanghai("2026-03-20 00:30")) == 0
    sign_in(client, ipr["officers"][0])
    assert (
        post_form(
            client, f"/ipr/officer/proofs/{proof.id}/check", {"decision": "accept", "reasons": ""}
        ).status_code
        == 302
    )
    session.refresh(case)
    session.refresh(counter)
    assert case.status == ListingState.UPHELD and counter.status == CounterNoticeStatus.UPHELD
    assert credit_kinds(case) == ["takedown"]
    assert any("upheld" in m["Subject"] for m in mail_to(inbox, holder.holder.contact_email))


def test_extension_then_restored_and_bad_extensions(
    ipr: dict[str, Any], client: FlaskClient
) -> None:
    clock.set_now(shanghai("2026-03-02 10:00"))
    case = taken_down(ipr)
    assert file_by_link(client, seller_link(case)).status_code == 302
    counter = forward(client, ipr["officers"][0], case)
    url = f"/ipr/officer/counter-notices/{counter.id}/extend"

    too_long = post_form(client, url, {"working_days": "21", "reasons": "Notarisation abroad"})
    assert too_long.status_code == 400
    no_reason = post_form(client, url, {"working_days": "5", "reasons": ""})
    assert no_reason.status_code == 400 and "reasons" in no_reason.text
    session.refresh(counter)
    assert counter.extension_working_days is None

    answer = post_form(
        client, url, {"working_days": "5", "reasons": "Evidence from Germany is being notarised."}
    )
    assert answer.status_code == 302
    session.refresh(counter)
    # Five working days after 17 March (a Tuesday): 18, 19, 20, 23, 24 March.
    assert counter.window_ends_at == shanghai("2026-03-24 23:59:59")
    again = post_form(client, url, {"working_days": "1", "reasons": "More"})
    assert again.status_code == 409

    assert restore_at(shanghai("2026-03-18 12:00")) == 0
    assert restore_at(shanghai("2026-03-25 00:10")) == 1
    session.refresh(case)
    assert case.status == ListingState.RESTORED


def test_us_copyright_listing_is_restored_after_ten_business_days(
    ipr: dict[str, Any], client: FlaskClient
) -> None:
    save_platform(
        None,
        name="US Market",
        domains=["us-market.test"],
        country="US",
        contact_email="dmca@us-market.test",
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
    case = taken_down(
        ipr, 7, right=work, url="https://www.us-market.test/item/7.html", platform="US Market"
    )
    assert case.jurisdiction == "US"
    link = seller_link(case)
    refused = file_by_link(client, link)  # no consent to the court's jurisdiction
    assert refused.status_code == 400 and "jurisdiction" in refused.text
    assert session.scalar(select(func.count(CounterNotice.id))) == 0
    assert file_by_link(client, link, consent_to_jurisdiction="y").status_code == 302
    counter = forward(client, ipr["officers"][0], case)

    # Business days from 29 June 2026; 3 July is the observed Independence Day.
    assert counter.window_ends_at == datetime(2026, 7, 14, 23, 59, 59, tzinfo=NEW_YORK)
    assert restore_at(datetime(2026, 7, 14, 20, 0, tzinfo=NEW_YORK)) == 0
    assert restore_at(datetime(2026, 7, 15, 1, 0, tzinfo=NEW_YORK)) == 1
    session.refresh(case)
    assert case.status == ListingState.RESTORED


def test_the_prc_window_is_calendar_days_across_a_holiday(
    ipr: dict[str, Any], client: FlaskClient
) -> None:
    calendar = session.scalars(select(Calendar).where(Calendar.code == "CN")).one()
    for day in (date(2026, 3, 5), date(2026, 3, 6), date(2026, 3, 9)):
        set_day(calendar, day, DayKind.HOLIDAY, "Test holiday")
    session.commit()
    clock.set_now(shanghai("2026-03-02 10:00"))
    case = taken_down(ipr)
    assert file_by_link(client, seller_link(case)).status_code == 302
    counter = forward(client, ipr["officers"][0], case)
    assert counter.window_ends_at == shanghai("2026-03-17 23:59:59")
    assert case.due_at == counter.window_ends_at


def test_bad_counter_notices_are_refused_and_nothing_is_stored(
    ipr: dict[str, Any], client: FlaskClient
) -> None:
    clock.set_now(shanghai("2026-03-02 10:00"))
    case = taken_down(ipr)
    link = seller_link(case)
    assert client.get("/ipr/counter-notice/rds_not-a-real-link").status_code == 404
    assert file_by_link(client, "/ipr/counter-notice/rds_not-a-real-link").status_code == 404

    refresh()  # the fixture's app context outlives requests: forget its English catalogue
    chinese = client.get(link, headers={"Accept-Language": "zh"})
    assert "提交反通知" in chinese.text and "适用中国法律" in chinese.text
    refused_zh = file_by_link(client, link, declaration="", headers={"Accept-Language": "zh"})
    assert refused_zh.status_code == 400 and "请说明该商品链接为何不侵犯" in refused_zh.text
    refresh()
    missing = file_by_link(client, link, declaration="", identity_name="", identity_address="")
    assert missing.status_code == 400
    assert "Say why the listing does not infringe" in missing.text
    assert missing.text.count("This field is required.") >= 2
    spoofed = file_by_link(client, link, evidence=(io.BytesIO(PROGRAM), "invoice.pdf"))
    assert spoofed.status_code == 400 and "is not a PDF" in spoofed.text
    no_evidence = file_by_link(client, link, evidence=(io.BytesIO(b""), ""))
    assert no_evidence.status_code == 400 and "preliminary evidence" in no_evidence.text
    assert session.scalar(select(func.count(CounterNotice.id))) == 0
    session.refresh(case)
    assert case.status == ListingState.TAKEN_DOWN

    other = session.scalars(select(Seller).where(Seller.id != case.seller_id)).first() or Seller(
        name="Other Shop", name_key="other shop"
    )
    session.add(other)
    session.flush()
    secret, _token = issue_seller_access(other, case.reference, timedelta(days=3))
    session.commit()
    assert client.get(f"/ipr/counter-notice/{secret}").status_code == 404  # not its listing


def test_proof_after_the_window_and_another_holders_listing_are_refused(
    ipr: dict[str, Any], client: FlaskClient
) -> None:
    clock.set_now(shanghai("2026-03-02 10:00"))
    case = taken_down(ipr)
    assert file_by_link(client, seller_link(case)).status_code == 302
    forward(client, ipr["officers"][0], case)
    clock.set_now(shanghai("2026-03-18 08:00"))
    sign_in(client, ipr["holder"].user)
    late = post_form(
        client,
        f"/ipr/dashboard/listings/{case.id}/proof",
        {
            "kind": "complaint",
            "authority": "Shenzhen AMR",
            "filed_on": "2026-03-16",
            "files": (io.BytesIO(PDF), "complaint.pdf"),
        },
        content_type="multipart/form-data",
    )
    assert late.status_code == 409 and "window for proof ended" in late.text
    assert session.scalar(select(func.count(ActionProof.id))) == 0

    other = make_holder("Other Brand Ltd.", "OTHERMARK")
    client.post("/sign-out")
    sign_in(client, other.user)
    assert client.get(f"/ipr/dashboard/listings/{case.id}").status_code == 404
    assert (
        post_form(
            client,
            f"/ipr/dashboard/listings/{case.id}/proof",
            {
                "kind": "complaint",
                "authority": "x",
                "filed_on": "2026-03-16",
                "files": (io.BytesIO(PDF), "c.pdf"),
            },
            content_type="multipart/form-data",
        ).status_code
        == 404
    )
    assert case.reference not in client.get("/ipr/dashboard").text


def test_seller_page_links_the_form_and_the_officer_panel_shows_the_steps(
    ipr: dict[str, Any], client: FlaskClient
) -> None:
    clock.set_now(shanghai("2026-03-02 10:00"))
    case = taken_down(ipr)
    link = seller_link(case)
    secret = link.rsplit("/", 1)[1]
    access = client.get(f"/seller-access/{secret}").text
    assert f'href="{link}"' in access
    assert file_by_link(client, link).status_code == 302
    sign_in(client, ipr["officers"][0])
    page = client.get(f"/officer/cases/{case.id}").text
    assert "Complete: forward to the rights holder" in page and "invoice.pdf" in page
    refused = post_form(
        client,
        f"/ipr/officer/counter-notices/{session.scalars(select(CounterNotice.id)).one()}/refuse",
        {"reasons": ""},
    )
    assert refused.status_code == 400
    session.refresh(case)
    assert case.status == ListingState.COUNTER_NOTICED


def test_a_seller_account_files_for_its_own_listings_only(
    ipr: dict[str, Any], client: FlaskClient
) -> None:
    clock.set_now(shanghai("2026-03-02 10:00"))
    case = taken_down(ipr)
    owner, stranger = make_staff(Role.SELLER), make_staff(Role.SELLER)
    seller = session.get_one(Seller, case.seller_id)
    seller.account_id = owner.id
    session.commit()
    sign_in(client, stranger)
    url = f"/ipr/seller/listings/{case.id}/counter-notice"
    assert client.get(url).status_code == 404
    assert case.reference not in client.get("/ipr/seller/listings").text
    client.post("/sign-out")
    sign_in(client, owner)
    assert case.reference in client.get("/ipr/seller/listings").text
    answer = post_form(client, url, declaration(), content_type="multipart/form-data")
    assert answer.status_code == 302, answer.text
    counter = session.scalars(select(CounterNotice)).one()
    assert counter.filed_by_id == owner.id and counter.access_token_id is None
    assert (
        post_form(client, url, declaration(), content_type="multipart/form-data").status_code == 409
    )
