"""Officers decide listings: takedown with a statement of reasons to the seller and the platform,
rejection with reasons to the holder, appeal decided by another officer; the review deadlines."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import select

from casework.models import CaseEvent, Priority
from core import clock
from core.db import session
from core.models import Role
from ipr.models import Channel, Listing, ListingAppeal, StatementOfReasons
from ipr.services import Takedown, decide_appeal, file_appeal, reject, take_down
from ipr.services.filing import file_notice
from ipr.services.refusals import IprError
from ipr.workflow import AppealStatus, ListingState
from sellers.models import CreditEvent
from tests.conftest import post_form, sign_in
from tests.factories import (
    PLATFORM_CONTACT,
    SELLER_CONTACT,
    listing,
    local_day,
    mail_to,
    make_holder,
    make_staff,
    shanghai,
)
from tests.ipr.conftest import new_notice


def _file(holder, rows) -> list[Listing]:
    notice = file_notice(holder.user, new_notice(holder, rows), Channel.API)
    session.commit()
    return list(notice.listings)


def _events(case: Listing) -> list[tuple[str, str | None]]:
    return [
        (e.type, e.after)
        for e in session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
        )
    ]


def _credit(case: Listing) -> list[str]:
    return [
        e.kind.value
        for e in session.scalars(
            select(CreditEvent).where(CreditEvent.case_reference == case.reference)
        )
    ]


def test_a_takedown_sends_the_statement_of_reasons_and_counts_on_the_seller(
    ipr: dict[str, Any], inbox
) -> None:
    officer = ipr["officers"][0]
    case = _file(ipr["holder"], [listing(1)])[0]
    take_down(
        case, officer, Takedown(facts="Test buy: fake earbuds with our logo.", counterfeit=True)
    )
    session.commit()

    assert case.status == ListingState.TAKEN_DOWN and case.closed_at is not None
    statement = session.scalars(select(StatementOfReasons)).one()
    assert statement.right_id == ipr["holder"].mark.id and not statement.automated_decision
    seller_mail = mail_to(inbox, SELLER_CONTACT)[0].get_content()  # a seller in China: Chinese
    assert "理由说明" in seller_mail and "Test buy: fake earbuds" in seller_mail
    assert "BRIGHTLINE" in seller_mail and "http://localhost/seller-access/rds_" in seller_mail
    assert "未使用自动化手段" in seller_mail and "反通知" in seller_mail
    platform_mail = mail_to(inbox, PLATFORM_CONTACT)[0].get_content()
    assert case.url in platform_mail and "理由说明" in platform_mail
    assert "taken down" in mail_to(inbox, ipr["holder"].holder.contact_email)[-1]["Subject"]
    assert ("transition", ListingState.TAKEN_DOWN) in _events(case)
    assert ("statement_of_reasons", None) in _events(case)
    assert _credit(case) == ["takedown_counterfeit"]


def test_the_seller_reads_the_statement_with_the_link_it_was_sent(
    client: FlaskClient, ipr: dict[str, Any], inbox
) -> None:
    case = _file(ipr["holder"], [listing(1)])[0]
    take_down(case, ipr["officers"][0], Takedown(facts="Logo copied on the box."))
    session.commit()
    link = next(
        line
        for line in mail_to(inbox, SELLER_CONTACT)[0].get_content().splitlines()
        if "/seller-access/" in line
    ).strip()
    page = client.get(link.removeprefix("http://localhost"))
    assert page.status_code == 200
    assert "Logo copied on the box." in page.text and case.reference in page.text
    assert _credit(case) == ["takedown"]


def test_a_rejection_is_appealed_and_decided_by_another_officer(ipr: dict[str, Any], inbox) -> None:
    first, second = ipr["officers"]
    holder = ipr["holder"]
    case = _file(holder, [listing(1)])[0]
    clock.set_now(shanghai("2026-03-02 10:00"))
    case.assignee_id = first.id
    reject(case, first, "The listing shows a different mark.")
    session.commit()
    rejected = mail_to(inbox, holder.holder.contact_email)[-1]
    assert "rejected" in rejected["Subject"]
    assert "The listing shows a different mark." in rejected.get_content()
    assert "2026-09-02" in rejected.get_content()  # six months to appeal

    file_appeal(case, holder.user, "The mark is ours: see the registration.")
    session.commit()
    assert case.status == ListingState.APPEALED and case.due_at is not None
    assert case.assignee_id is None  # back to the queue, for another officer
    with pytest.raises(IprError) as refused:
        decide_appeal(case, first, True, "I was right.")
    assert refused.value.status == 403
    session.rollback()

    decide_appeal(
        case,
        second,
        True,
        "The registration covers the mark shown.",
        Takedown(facts="Mark BRIGHTLINE on the listing's photos."),
    )
    session.commit()
    assert case.status == ListingState.TAKEN_DOWN
    appeal = session.scalars(select(ListingAppeal)).one()
    assert appeal.status == AppealStatus.GRANTED and appeal.decided_by_id == second.id
    decided = mail_to(inbox, holder.holder.contact_email)[-1]
    assert "appeal" in decided["Subject"] and "granted" in decided.get_content()
    assert mail_to(inbox, SELLER_CONTACT)  # the takedown reached the seller
    assert [t for t in _events(case) if t[0] == "transition"] == [
        ("transition", ListingState.REJECTED),
        ("transition", ListingState.APPEALED),
        ("transition", ListingState.TAKEN_DOWN),
    ]
    assert _credit(case) == ["takedown"]


def test_a_dismissed_appeal_keeps_the_rejection_and_counts_nothing(
    ipr: dict[str, Any], inbox
) -> None:
    first, second = ipr["officers"]
    holder = ipr["holder"]
    case = _file(holder, [listing(1)])[0]
    reject(case, first, "Not the holder's mark.")
    file_appeal(case, holder.user, "It is.")
    decide_appeal(case, second, False, "The marks differ in every letter.")
    session.commit()
    assert case.status == ListingState.APPEAL_DISMISSED
    assert "dismissed" in mail_to(inbox, holder.holder.contact_email)[-1].get_content()
    assert _credit(case) == []
    with pytest.raises(IprError):  # once only
        file_appeal(case, holder.user, "Again.")


def test_an_appeal_after_six_months_is_refused(ipr: dict[str, Any]) -> None:
    holder = ipr["holder"]
    case = _file(holder, [listing(1)])[0]
    clock.set_now(shanghai("2026-03-02 10:00"))
    reject(case, ipr["officers"][0], "Not infringing.")
    session.commit()
    clock.set_now(shanghai("2026-09-03 10:00"))
    with pytest.raises(IprError) as refused:
        file_appeal(case, holder.user, "Late.")
    assert "2026-09-02" in refused.value.message
    assert case.status == ListingState.REJECTED


def test_review_deadlines_skip_the_national_day_holiday(ipr: dict[str, Any]) -> None:
    """Filed on Wednesday 30 September 2026: 1-7 October are public holidays."""
    clock.set_now(shanghai("2026-09-30 10:00"))
    normal = _file(ipr["holder"], [listing(1)])[0]
    trusted = make_holder("Trusted Brand Ltd.", "TRUSTMARK", good_standing=True)
    first = _file(trusted, [listing(2)])[0]
    assert local_day(normal.due_at).isoformat() == "2026-10-09"  # 2 working days
    assert local_day(first.due_at).isoformat() == "2026-10-08"  # 1 working day
    assert first.priority == Priority.HIGH < normal.priority
    skipped = [day for day, why in first.due_explanation["skipped"] if why != "weekend"]
    assert "2026-10-01" in skipped and first.due_explanation["sla_days"] == 1


def test_the_officer_decides_from_the_case_page_panel(
    client: FlaskClient, ipr: dict[str, Any], inbox
) -> None:
    officer = ipr["officers"][0]
    case = _file(ipr["holder"], [listing(1)])[0]
    sign_in(client, officer)
    page = client.get(f"/officer/cases/{case.id}")
    assert page.status_code == 200
    assert "Take the listing down" in page.text and case.url in page.text
    answer = post_form(
        client,
        f"/ipr/officer/listings/{case.id}/takedown",
        {"right_id": str(ipr["holder"].mark.id), "facts": "Copied logo.", "counterfeit": "y"},
    )
    assert answer.status_code == 302
    session.expire_all()
    assert session.get(Listing, case.id).status == ListingState.TAKEN_DOWN
    assert _credit(case) == ["takedown_counterfeit"]
    again = post_form(client, f"/ipr/officer/listings/{case.id}/reject", {"reasons": "No."})
    assert again.status_code == 409  # already decided


def test_the_generic_move_button_cannot_take_a_listing_down(
    client: FlaskClient, ipr: dict[str, Any]
) -> None:
    case = _file(ipr["holder"], [listing(1)])[0]
    sign_in(client, ipr["officers"][0])
    answer = post_form(client, f"/officer/cases/{case.id}/transition", {"target": "taken_down"})
    assert answer.status_code == 400
    session.expire_all()
    assert session.get(Listing, case.id).status == ListingState.UNDER_REVIEW


def test_an_officer_outside_the_ipr_queue_cannot_decide(
    client: FlaskClient, ipr: dict[str, Any]
) -> None:
    outsider = make_staff(Role.OFFICER)
    case = _file(ipr["holder"], [listing(1)])[0]
    sign_in(client, outsider)
    assert (
        post_form(client, f"/ipr/officer/listings/{case.id}/reject", {"reasons": "No."}).status_code
        == 404
    )


def test_an_officer_takes_down_a_whole_notice_at_once(
    client: FlaskClient, ipr: dict[str, Any], inbox
) -> None:
    cases = _file(ipr["holder"], [listing(n) for n in range(1, 4)])
    reject(cases[2], ipr["officers"][1], "Different goods.")
    session.commit()
    sign_in(client, ipr["officers"][0])
    reference = cases[0].notice.reference
    page = client.get(f"/ipr/officer/notices/{reference}")
    assert page.status_code == 200 and cases[2].reference in page.text
    answer = post_form(
        client,
        f"/ipr/officer/notices/{reference}/bulk",
        {
            "listings": [str(c.id) for c in cases],
            "action": "take_down",
            "reasons": "Test buys of all three.",
        },
    )
    assert answer.status_code == 200
    session.expire_all()
    assert [session.get(Listing, c.id).status for c in cases] == [
        ListingState.TAKEN_DOWN,
        ListingState.TAKEN_DOWN,
        ListingState.REJECTED,
    ]
    assert "cannot move" in answer.text  # the rejected one is named, the others done
    assert len(session.scalars(select(StatementOfReasons)).all()) == 2
    assert len(mail_to(inbox, PLATFORM_CONTACT)) == 2
    assert _credit(cases[0]) == ["takedown"] and _credit(cases[2]) == []
