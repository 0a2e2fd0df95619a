"""Officers decide listings: takedown with a statement of reasons (DSA art. 17), rejection with
reasons, the holder's appeal (DSA art. 20) decided by another officer. Flushes, never commits.

Every decision moves the case through casework (timeline, deadline), mails both sides in their
language, and a takedown sends core.signals.case_outcome for the seller's credit record.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from casework.models import Visibility
from casework.services.access import SYSTEM_ACTOR, Actor, can_see
from casework.services.timeline import record_event
from casework.services.transitions import TransitionError, transition
from core import clock
from core.db import session
from core.mail import queue_mail
from core.models import Role, User
from core.signals import case_outcome
from ipr.errors import IprError
from ipr.models import (
    APPEAL_MONTHS,
    AppealStatus,
    Listing,
    ListingAppeal,
    StatementOfReasons,
)
from ipr.services.holders import holder_of
from ipr.services.rights import describe_right
from ipr.workflow import RIGHTS_HOLDER
from sellers.services import issue_seller_access, seller_access_url
from sellers.services.registry import canonical

SELLER_LINK_VALID = timedelta(days=365)  # the seller may answer a takedown for a year
MEASURE = "Removal of the listing (access to it disabled on the platform)"
FACTS_MAX = 20_000


def add_months(moment: datetime, months: int) -> datetime:
    """The same time `months` calendar months later (the last day of a shorter month)."""
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def appeal_deadline(listing: Listing) -> datetime | None:
    """Until when the holder may appeal the rejection of this listing."""
    return add_months(listing.decided_at, APPEAL_MONTHS) if listing.decided_at else None


def _panel(officer: User) -> Actor:
    if officer.role not in (Role.OFFICER, Role.SUPERVISOR, Role.ADMIN):
        raise IprError(_("Only case officers decide listings."), status=403)
    return Actor.of(officer)


def _move(listing: Listing, to: str, actor: Actor, reason: str | None = None,
          data: dict | None = None) -> None:
    try:
        transition(listing, to, actor, reason, data=data)
    except TransitionError as error:
        status = {"refused": 409, "forbidden": 403, "conflict": 409}[error.code]
        raise IprError(error.message, status=status) from error


@dataclass(frozen=True)
class Takedown:
    """What the officer decides about a listing taken down."""

    facts: str = ""  # the facts and circumstances relied on; default: the holder's explanation
    counterfeit: bool = False  # the listing offers counterfeit goods (12 credit points, not 6)
    right_id: int | None = None  # the right invoked; default: the notice's first
    scope: str = ""  # default: this listing only, until a counter-notice restores it


def take_down(listing: Listing, officer: User, decision: Takedown) -> StatementOfReasons:
    """Take the listing down: issue the statement of reasons, mail it to the seller (with a
    secret link to answer) and to the platform, tell the holder, count it on the seller's
    record."""
    actor = _panel(officer)
    if listing.status == "appealed":
        _check_other_officer(listing, officer)
    right = next((r for r in listing.notice.rights if r.id == decision.right_id),
                 listing.notice.rights[0] if listing.notice.rights else None)
    if right is None or (decision.right_id is not None and right.id != decision.right_id):
        raise IprError(_("Choose one of the rights the notice names."), "right_id")
    facts = (decision.facts or "").strip() or listing.explanation
    if len(facts) > FACTS_MAX:
        raise IprError(_("At most %(n)d characters, please.", n=FACTS_MAX), "facts")
    now = clock.now()
    first = listing.decided_at is None
    _move(listing, "taken_down", actor, facts, data={"counterfeit": decision.counterfeit})
    listing.counterfeit, listing.right_id = decision.counterfeit, right.id
    if first:
        listing.decided_at, listing.decided_by_id = now, officer.id
    scope = (decision.scope or "").strip() or (
        f"The listing {listing.url} on {listing.platform_name or 'the platform'}; no other "
        "listing of the seller. It stays down unless restored after a counter-notice.")
    statement = StatementOfReasons(
        listing=listing, measure=MEASURE, scope=scope, facts=facts, right_id=right.id,
        right_summary=describe_right(right), counterfeit=decision.counterfeit,
        automated_detection=False, automated_decision=False,
        redress="Counter-notice through the link sent to the seller; complaint to Redress; "
                "out-of-court settlement; the courts.",
        issued_at=now, issued_by_id=officer.id)
    session.add(statement)
    session.flush()
    record_event(listing, actor, "statement_of_reasons", visibility=Visibility.PARTIES,
                 data={"statement": statement.id, "counterfeit": decision.counterfeit,
                       "right": right.id})
    _mail_takedown(listing, statement)
    if listing.seller_id is not None:
        case_outcome.send("ipr", seller_id=listing.seller_id, case_reference=listing.reference,
                          event="takedown_counterfeit" if decision.counterfeit else "takedown",
                          at=now)
    return statement


def _mail_takedown(listing: Listing, statement: StatementOfReasons) -> None:
    holder = listing.notice.holder
    queue_mail(holder.contact_email, "ipr/taken_down_holder", holder.language, listing=listing,
               holder=holder, statement=statement)
    sent: set[str] = set()
    seller = canonical(listing.seller) if listing.seller is not None else None
    link = None
    if seller is not None:
        secret, _token = issue_seller_access(seller, listing.reference, SELLER_LINK_VALID)
        link = seller_access_url(secret)
        if seller.contact_email:
            language = "zh" if seller.country == "CN" else "en"
            queue_mail(seller.contact_email, "ipr/taken_down_seller", language, listing=listing,
                       statement=statement, seller=seller, link=link)
            sent.add(seller.contact_email.lower())
    platform = listing.platform or (seller.platform if seller is not None else None)
    if platform is not None and platform.contact_email \
            and platform.contact_email.lower() not in sent:
        language = "zh" if platform.country == "CN" else "en"
        queue_mail(platform.contact_email, "ipr/taken_down_platform", language, listing=listing,
                   statement=statement, platform=platform, link=link)


def reject(listing: Listing, officer: User, reasons: str) -> None:
    """Reject the report of this listing with reasons; the holder may appeal within 6 months."""
    actor = _panel(officer)
    reasons = (reasons or "").strip()
    if not reasons:
        raise IprError(_("Give the reasons for the rejection."), "reasons")
    _move(listing, "rejected", actor, reasons)
    listing.decided_at, listing.decided_by_id = clock.now(), officer.id
    listing.decision_reasons = reasons
    session.flush()
    holder = listing.notice.holder
    queue_mail(holder.contact_email, "ipr/rejected", holder.language, listing=listing,
               holder=holder, reasons=reasons, appeal_until=appeal_deadline(listing))


def file_appeal(listing: Listing, user: User, grounds: str) -> ListingAppeal:
    """The holder appeals a rejection, once, within 6 months; another officer will decide."""
    holder = holder_of(user)
    if holder is None or listing.notice.holder_id != holder.id:
        raise IprError(_("There is no such listing in your notices."), status=404)
    grounds = (grounds or "").strip()
    if not grounds:
        raise IprError(_("Say why the rejection is wrong."), "grounds")
    if listing.status != "rejected":
        raise IprError(_("Only a rejected listing can be appealed."), status=409)
    if session.scalar(select(ListingAppeal.id).where(ListingAppeal.listing_id == listing.id)):
        raise IprError(_("This rejection was already appealed."), status=409)
    deadline = appeal_deadline(listing)
    if deadline is not None and clock.now() > deadline:
        raise IprError(_("The time to appeal ended on %(day)s.", day=deadline.date().isoformat()),
                       status=409)
    _move(listing, "appealed", Actor(RIGHTS_HOLDER, user), grounds)
    if listing.assignee_id is not None and listing.assignee_id == listing.decided_by_id:
        # Back to the queue: the officer who rejected may not decide the appeal.
        record_event(listing, SYSTEM_ACTOR, "assigned", before=listing.assignee.name,
                     data={"reason": "appeal"})
        listing.assignee_id = None
    appeal = ListingAppeal(listing=listing, grounds=grounds, filed_at=clock.now(),
                           filed_by_id=user.id)
    session.add(appeal)
    session.flush()
    queue_mail(holder.contact_email, "ipr/appeal_received", holder.language, listing=listing,
               holder=holder, appeal=appeal)
    return appeal


def withdraw(listing: Listing, user: User) -> None:
    """The holder withdraws its report of a listing not yet decided."""
    holder = holder_of(user)
    if holder is None or listing.notice.holder_id != holder.id:
        raise IprError(_("There is no such listing in your notices."), status=404)
    if listing.status != "under_review":
        raise IprError(_("Only a listing under review can be withdrawn."), status=409)
    _move(listing, "withdrawn", Actor(RIGHTS_HOLDER, user))


def _check_other_officer(listing: Listing, officer: User) -> None:
    if listing.decided_by_id == officer.id:
        raise IprError(_("Another officer must decide this appeal: you made the decision it "
                         "contests."), status=403)


def decide_appeal(listing: Listing, officer: User, grant: bool, reasons: str,
                  decision: Takedown | None = None) -> ListingAppeal:
    """Another officer decides the appeal: granted, the listing is taken down (with its
    statement of reasons); dismissed, the rejection stands. The holder is told why."""
    _panel(officer)
    appeal = session.scalar(select(ListingAppeal).where(ListingAppeal.listing_id == listing.id))
    if appeal is None or appeal.status != AppealStatus.PENDING or listing.status != "appealed":
        raise IprError(_("There is no pending appeal on this listing."), status=409)
    _check_other_officer(listing, officer)
    reasons = (reasons or "").strip()
    if not reasons:
        raise IprError(_("Give the reasons for the decision."), "reasons")
    if grant:
        take_down(listing, officer, decision or Takedown())
    else:
        _move(listing, "appeal_dismissed", Actor.of(officer), reasons)
    appeal.status = AppealStatus.GRANTED if grant else AppealStatus.DISMISSED
    appeal.decided_at, appeal.decided_by_id = clock.now(), officer.id
    appeal.decision_reasons = reasons
    session.flush()
    holder = listing.notice.holder
    queue_mail(holder.contact_email, "ipr/appeal_decided", holder.language, listing=listing,
               holder=holder, appeal=appeal)
    return appeal


def statements_of(listing: Listing) -> list[StatementOfReasons]:
    """The statements of reasons issued for this listing, oldest first."""
    return list(session.scalars(select(StatementOfReasons).where(
        StatementOfReasons.listing_id == listing.id).order_by(StatementOfReasons.id)))


def appeal_of(listing: Listing) -> ListingAppeal | None:
    return session.scalar(select(ListingAppeal).where(ListingAppeal.listing_id == listing.id))


def may_decide(officer: User, listing: Listing) -> bool:
    """Whether the officer works on this listing (its queue, or assigned to it)."""
    return can_see(officer, listing)
