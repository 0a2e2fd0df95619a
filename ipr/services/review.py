"""Officers decide listings: takedown with a statement of reasons (DSA art. 17), rejection with
reasons, the holder's appeal (DSA art. 20) decided by another officer. Flushes, never commits.

Every decision moves the case through casework (timeline, deadline), mails both sides in their
language, and a takedown counts on the seller's credit record (ipr.services.seller_record).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

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
from ipr.models import APPEAL_MONTHS, Listing, ListingAppeal, StatementOfReasons
from ipr.services.holders import holder_of
from ipr.services.refusals import IprError
from ipr.services.rights import describe_right
from ipr.services.seller_record import count_on_seller_record
from ipr.workflow import APPEAL_STEPS, RIGHTS_HOLDER, AppealStatus, ListingState
from sellers.models import CreditEventKind
from sellers.services import issue_seller_access, seller_access_url
from sellers.services.registry import canonical, platform_language, seller_language

# A move casework refuses as "refused" (400) is one not open from the listing's state now: ipr's
# pages and API answer it, as they always did, as a conflict with what happened meanwhile (409).
REFUSAL_OF_MOVE = {"refused": "conflict", "forbidden": "forbidden", "conflict": "conflict"}
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
        raise IprError(_("Only case officers decide listings."), "forbidden")
    return Actor.of(officer)


def move_listing(
    listing: Listing,
    to: ListingState,
    actor: Actor,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """Move the listing through casework (timeline, deadline), as a refusal the user can read."""
    try:
        transition(listing, to, actor, reason, data=data)
    except TransitionError as error:
        raise IprError(error.message, REFUSAL_OF_MOVE.get(error.code, error.code)) from error


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
    if listing.status == ListingState.APPEALED:
        _check_other_officer(listing, officer)
    right = next(
        (r for r in listing.notice.rights if r.id == decision.right_id),
        listing.notice.rights[0] if listing.notice.rights else None,
    )
    if right is None or (decision.right_id is not None and right.id != decision.right_id):
        raise IprError(_("Choose one of the rights the notice names."), field="right_id")
    facts = (decision.facts or "").strip() or listing.explanation
    if len(facts) > FACTS_MAX:
        raise IprError(_("At most %(n)d characters, please.", n=FACTS_MAX), field="facts")
    now = clock.now()
    first = listing.decided_at is None
    move_listing(
        listing, ListingState.TAKEN_DOWN, actor, facts, data={"counterfeit": decision.counterfeit}
    )
    listing.counterfeit, listing.right_id = decision.counterfeit, right.id
    if first:
        listing.decided_at, listing.decided_by_id = now, officer.id
    scope = (decision.scope or "").strip() or (
        f"The listing {listing.url} on {listing.platform_name or 'the platform'}; no other "
        "listing of the seller. It stays down unless restored after a counter-notice."
    )
    statement = StatementOfReasons(
        listing=listing,
        measure=MEASURE,
        scope=scope,
        facts=facts,
        right_id=right.id,
        right_summary=describe_right(right),
        counterfeit=decision.counterfeit,
        automated_detection=False,
        automated_decision=False,
        redress="Counter-notice through the link sent to the seller; complaint to Redress; "
        "out-of-court settlement; the courts.",
        issued_at=now,
        issued_by_id=officer.id,
    )
    session.add(statement)
    session.flush()
    record_event(
        listing,
        actor,
        "statement_of_reasons",
        visibility=Visibility.PARTIES,
        data={"statement": statement.id, "counterfeit": decision.counterfeit, "right": right.id},
    )
    _mail_takedown(listing, statement)
    count_on_seller_record(
        listing,
        CreditEventKind.TAKEDOWN_COUNTERFEIT if decision.counterfeit else CreditEventKind.TAKEDOWN,
        now,
    )
    return statement


def _mail_takedown(listing: Listing, statement: StatementOfReasons) -> None:
    holder = listing.notice.holder
    queue_mail(
        holder.contact_email,
        "ipr/taken_down_holder",
        holder.language,
        listing=listing,
        holder=holder,
        statement=statement,
    )
    sent: set[str] = set()
    seller = canonical(listing.seller) if listing.seller is not None else None
    link = None
    if seller is not None:
        secret, _token = issue_seller_access(seller, listing.reference, SELLER_LINK_VALID)
        link = seller_access_url(secret)
        if seller.contact_email:
            language = seller_language(seller)
            queue_mail(
                seller.contact_email,
                "ipr/taken_down_seller",
                language,
                listing=listing,
                statement=statement,
                seller=seller,
                link=link,
            )
            sent.add(seller.contact_email.lower())
    platform = listing.platform or (seller.platform if seller is not None else None)
    if (
        platform is not None
        and platform.contact_email
        and platform.contact_email.lower() not in sent
    ):
        language = platform_language(platform)
        queue_mail(
            platform.contact_email,
            "ipr/taken_down_platform",
            language,
            listing=listing,
            statement=statement,
            platform=platform,
            link=link,
        )


def reject(listing: Listing, officer: User, reasons: str) -> None:
    """Reject the report of this listing with reasons; the holder may appeal within 6 months."""
    actor = _panel(officer)
    reasons = (reasons or "").strip()
    if not reasons:
        raise IprError(_("Give the reasons for the rejection."), field="reasons")
    move_listing(listing, ListingState.REJECTED, actor, reasons)
    listing.decided_at, listing.decided_by_id = clock.now(), officer.id
    listing.decision_reasons = reasons
    session.flush()
    holder = listing.notice.holder
    queue_mail(
        holder.contact_email,
        "ipr/rejected",
        holder.language,
        listing=listing,
        holder=holder,
        reasons=reasons,
        appeal_until=appeal_deadline(listing),
    )


def file_appeal(listing: Listing, user: User, grounds: str) -> ListingAppeal:
    """The holder appeals a rejection, once, within 6 months; another officer will decide."""
    holder = holder_of(user)
    if holder is None or listing.notice.holder_id != holder.id:
        raise IprError(_("There is no such listing in your notices."), "not_found")
    grounds = (grounds or "").strip()
    if not grounds:
        raise IprError(_("Say why the rejection is wrong."), field="grounds")
    if listing.status != ListingState.REJECTED:
        raise IprError(_("Only a rejected listing can be appealed."), "conflict")
    if appeal_of(listing) is not None:
        raise IprError(_("This rejection was already appealed."), "conflict")
    deadline = appeal_deadline(listing)
    if deadline is not None and clock.now() > deadline:
        raise IprError(
            _("The time to appeal ended on %(day)s.", day=deadline.date().isoformat()), "conflict"
        )
    move_listing(listing, ListingState.APPEALED, Actor(RIGHTS_HOLDER, user), grounds)
    if listing.assignee is not None and listing.assignee_id == listing.decided_by_id:
        # Back to the queue: the officer who rejected may not decide the appeal.
        record_event(
            listing,
            SYSTEM_ACTOR,
            "assigned",
            before=listing.assignee.name,
            data={"reason": "appeal"},
        )
        listing.assignee_id = None
    appeal = ListingAppeal(
        listing=listing, grounds=grounds, filed_at=clock.now(), filed_by_id=user.id
    )
    session.add(appeal)
    session.flush()
    queue_mail(
        holder.contact_email,
        "ipr/appeal_received",
        holder.language,
        listing=listing,
        holder=holder,
        appeal=appeal,
    )
    return appeal


def withdraw(listing: Listing, user: User) -> None:
    """The holder withdraws its report of a listing not yet decided."""
    holder = holder_of(user)
    if holder is None or listing.notice.holder_id != holder.id:
        raise IprError(_("There is no such listing in your notices."), "not_found")
    if listing.status != ListingState.UNDER_REVIEW:
        raise IprError(_("Only a listing under review can be withdrawn."), "conflict")
    move_listing(listing, ListingState.WITHDRAWN, Actor(RIGHTS_HOLDER, user))


def _check_other_officer(listing: Listing, officer: User) -> None:
    if listing.decided_by_id == officer.id:
        raise IprError(
            _("Another officer must decide this appeal: you made the decision it contests."),
            "forbidden",
        )


def decide_appeal(
    listing: Listing, officer: User, grant: bool, reasons: str, decision: Takedown | None = None
) -> ListingAppeal:
    """Another officer decides the appeal: granted, the listing is taken down (with its
    statement of reasons); dismissed, the rejection stands. The holder is told why."""
    _panel(officer)
    appeal = appeal_of(listing)
    outcome = AppealStatus.GRANTED if grant else AppealStatus.DISMISSED
    if (
        appeal is None
        or not APPEAL_STEPS.allows(appeal.status, outcome)
        or listing.status != ListingState.APPEALED
    ):
        raise IprError(_("There is no pending appeal on this listing."), "conflict")
    _check_other_officer(listing, officer)
    reasons = (reasons or "").strip()
    if not reasons:
        raise IprError(_("Give the reasons for the decision."), field="reasons")
    if grant:
        take_down(listing, officer, decision or Takedown())
    else:
        move_listing(listing, ListingState.APPEAL_DISMISSED, Actor.of(officer), reasons)
    appeal.status = outcome
    appeal.decided_at, appeal.decided_by_id = clock.now(), officer.id
    appeal.decision_reasons = reasons
    session.flush()
    holder = listing.notice.holder
    queue_mail(
        holder.contact_email,
        "ipr/appeal_decided",
        holder.language,
        listing=listing,
        holder=holder,
        appeal=appeal,
    )
    return appeal


def statements_of(listing: Listing) -> list[StatementOfReasons]:
    """The statements of reasons issued for this listing, oldest first."""
    return list(
        session.scalars(
            select(StatementOfReasons)
            .where(StatementOfReasons.listing_id == listing.id)
            .order_by(StatementOfReasons.id)
        )
    )


def appeal_of(listing: Listing) -> ListingAppeal | None:
    """The holder's appeal against the rejection of this listing, if any."""
    return session.scalar(select(ListingAppeal).where(ListingAppeal.listing_id == listing.id))


def may_decide(officer: User, listing: Listing) -> bool:
    """Whether the officer works on this listing (its queue, or assigned to it)."""
    return can_see(officer, listing)
