"""The seller's counter-notice (PRC E-Commerce Law art. 43, US DMCA s.512(g)): filed through the
seller's secret link or a seller account, checked by an officer, forwarded to the rights holder,
whose window (ipr.services.windows) then runs; an officer may extend a PRC window. Flushes, never
commits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import has_request_context, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from casework.models import Visibility
from casework.services.access import Actor
from casework.services.stages import calendar_of
from casework.services.timeline import record_event
from core import clock
from core.audit import record_audit
from core.db import session
from core.models import Role, User
from core.uploads import EVIDENCE_MAX_FILES, CheckedFile
from ipr.models import CounterNotice, CounterNoticeRule, FilePurpose, IprFile, Listing
from ipr.services.counter_mail import CounterNoticeMail, tell_both
from ipr.services.files import store_file
from ipr.services.refusals import IprError, NoticeRefused
from ipr.services.review import move_listing
from ipr.services.windows import (
    MAX_EXTENSION_WORKING_DAYS,
    dmca_window,
    extended_window,
    prc_window,
    rule_for,
    us_business_calendar,
)
from ipr.workflow import (
    COUNTER_NOTICE_LISTING_STATE,
    COUNTER_NOTICE_STEPS,
    PANEL,
    SELLER,
    THROUGH_TAKEDOWN,
    CounterNoticeStatus,
    ListingState,
)
from sellers.models import SellerAccessToken
from sellers.services import find_seller_access
from sellers.services.access import sellers_of_account
from sellers.services.ledger import group_ids
from sellers.services.registry import canonical

DECLARATION_MAX = 10_000
REASONS_MAX = 5000
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
IDENTITY_LIMITS = {
    "identity_name": 200,
    "identity_organisation": 200,
    "identity_registration": 64,
    "identity_address": 2000,
    "identity_email": 254,
    "identity_phone": 40,
    "signature": 200,
}
REQUIRED = ("identity_name", "identity_address", "identity_country", "identity_email", "signature")


@dataclass(frozen=True)
class SellerListing:
    """A listing reached through the seller's secret link."""

    token: SellerAccessToken
    listing: Listing


def seller_of(listing: Listing) -> int | None:
    """The seller record that stands for the listing's seller (after merges)."""
    return canonical(listing.seller).id if listing.seller is not None else None


def listing_by_link(secret: str) -> SellerListing | None:
    """The listing a usable seller link is about; None for an unknown, expired or revoked link
    and for a link of another seller or another kind of case (all alike)."""
    token = find_seller_access(secret)
    if token is None:
        return None
    listing = session.scalar(select(Listing).where(Listing.reference == token.case_reference))
    if listing is None or seller_of(listing) != token.seller_id:
        return None
    return SellerListing(token, listing)


@dataclass(frozen=True)
class CounterNoticeLink:
    """The way to the counter-notice page of a listing, and whether it may be filed now."""

    url: str
    may_file: bool


def may_file_counter_notice(listing: Listing) -> bool:
    """Whether the seller may answer the listing's takedown now."""
    return listing.status == ListingState.TAKEN_DOWN


def counter_notice_link(listing: Listing) -> CounterNoticeLink | None:
    """On the seller's secret page about this listing, once it was taken down: its
    counter-notice page (the link carries the page's own secret), else None."""
    if not has_request_context() or listing.status not in THROUGH_TAKEDOWN:
        return None
    secret = (request.view_args or {}).get("secret")
    found = listing_by_link(secret) if isinstance(secret, str) and len(secret) <= 100 else None
    if found is None or found.listing.id != listing.id:
        return None
    return CounterNoticeLink(
        url_for("ipr_seller.counter_notice_by_link", secret=secret),
        may_file_counter_notice(listing),
    )


def account_listing(user: User, listing_id: int) -> Listing | None:
    """The listing if it is about a seller record the seller account manages, else None."""
    listing = session.get(Listing, listing_id)
    if listing is None or user.role != Role.SELLER:
        return None
    mine = {seller.id for seller in sellers_of_account(user)}
    return listing if seller_of(listing) in mine else None


def account_listings(user: User) -> list[Listing]:
    """Listings of the account's seller records (and those merged into them) that were taken
    down, newest first."""
    members = [member for seller in sellers_of_account(user) for member in group_ids(seller.id)]
    if not members:
        return []
    return list(
        session.scalars(
            select(Listing)
            .where(Listing.seller_id.in_(members), Listing.status.in_(THROUGH_TAKEDOWN))
            .order_by(Listing.id.desc())
            .limit(500)
        )
    )


def counter_notices_of(listing: Listing) -> list[CounterNotice]:
    """The listing's counter-notices, oldest first."""
    return list(
        session.scalars(
            select(CounterNotice)
            .where(CounterNotice.listing_id == listing.id)
            .order_by(CounterNotice.id)
        )
    )


def counter_files(counter: CounterNotice) -> list[IprFile]:
    """The counter-notice's evidence files, in the order they came."""
    return list(
        session.scalars(
            select(IprFile).where(IprFile.counter_notice_id == counter.id).order_by(IprFile.id)
        )
    )


def officer_actor(officer: User) -> Actor:
    """The officer acting through the listing's panel; refused for anyone else."""
    if officer.role not in (Role.OFFICER, Role.SUPERVISOR, Role.ADMIN):
        raise IprError(_("Only case officers check counter-notices."), "forbidden")
    return Actor(PANEL, officer)


def _text(fields: dict[str, Any], name: str) -> str:
    value = fields.get(name)
    return value.strip() if isinstance(value, str) else ""


def _declaration_errors(fields: dict[str, Any], rule: CounterNoticeRule) -> dict[str, str]:
    errors: dict[str, str] = {}
    declaration = _text(fields, "declaration")
    if not declaration:
        errors["declaration"] = _("Say why the listing does not infringe the rights invoked.")
    elif len(declaration) > DECLARATION_MAX:
        errors["declaration"] = _("At most %(n)d characters, please.", n=DECLARATION_MAX)
    for name in REQUIRED:
        if not _text(fields, name):
            errors[name] = _("This field is required.")
    for name, limit in IDENTITY_LIMITS.items():
        if len(_text(fields, name)) > limit:
            errors[name] = _("At most %(n)d characters, please.", n=limit)
    if _text(fields, "identity_country") and not re.fullmatch(
        r"[A-Za-z]{2}", _text(fields, "identity_country")
    ):
        errors["identity_country"] = _("Give the two-letter country code, e.g. CN.")
    if _text(fields, "identity_email") and not EMAIL.match(_text(fields, "identity_email")):
        errors["identity_email"] = _("Give a valid e-mail address.")
    if fields.get("good_faith") is not True:
        errors["good_faith"] = _(
            "Confirm under penalty of perjury that you believe in good faith that the "
            "listing was removed by mistake or misidentification."
        )
    if rule == CounterNoticeRule.US_DMCA and not _text(fields, "identity_phone"):
        errors["identity_phone"] = _(  # 17 U.S.C. 512(g)(3)(D): name, address and telephone
            "A counter-notice under US law must give your telephone number."
        )
    if rule == CounterNoticeRule.US_DMCA and fields.get("consent_to_jurisdiction") is not True:
        errors["consent_to_jurisdiction"] = _(
            "A counter-notice under US law must consent to the jurisdiction of the federal court."
        )
    return errors


def listing_rule(listing: Listing) -> CounterNoticeRule:
    """The law that sets the holder's window for this listing (ipr.services.windows)."""
    right = listing.right or (listing.notice.rights[0] if listing.notice.rights else None)
    return rule_for(listing.jurisdiction, right.right_type if right is not None else None)


def file_counter_notice(
    listing: Listing,
    fields: dict[str, Any],
    evidence: Sequence[CheckedFile],
    *,
    user: User | None = None,
    token: SellerAccessToken | None = None,
) -> CounterNotice:
    """The seller declares that the taken-down listing does not infringe, with preliminary
    evidence and its real identity; both sides are told and an officer checks it. Refuses
    before anything is stored: IprError for the listing's state, NoticeRefused naming every
    missing or invalid field."""
    if not may_file_counter_notice(listing):
        raise IprError(
            _("This listing is not taken down, so there is nothing to answer."), "conflict"
        )
    rule = listing_rule(listing)
    errors = _declaration_errors(fields, rule)
    if not evidence:
        errors["evidence"] = _(
            "Add at least one file of preliminary evidence that the listing does not infringe."
        )
    elif len(evidence) > EVIDENCE_MAX_FILES:
        errors["evidence"] = _("At most %(n)d files may be sent.", n=EVIDENCE_MAX_FILES)
    if errors:
        raise NoticeRefused(
            _("The counter-notice is incomplete; nothing was stored. See the fields marked."),
            "refused",
            fields=errors,
        )
    now = clock.now()
    counter = CounterNotice(
        listing_id=listing.id,
        rule=rule,
        declaration=_text(fields, "declaration"),
        good_faith=True,
        consent_to_jurisdiction=fields.get("consent_to_jurisdiction") is True,
        **{name: _text(fields, name) or None for name in IDENTITY_LIMITS},
        identity_country=_text(fields, "identity_country").upper(),
        language=fields.get("language") if fields.get("language") in ("en", "zh") else "en",
        received_at=now,
        filed_by_id=user.id if user else None,
        access_token_id=token.id if token else None,
    )
    session.add(counter)
    session.flush()
    for checked in evidence:
        store_file(checked, FilePurpose.COUNTER_EVIDENCE, user, counter_notice_id=counter.id)
    move_listing(
        listing,
        ListingState.COUNTER_NOTICED,
        Actor(SELLER, user),
        data={"counter_notice": counter.id},
    )
    record_audit(
        "ipr.counter_notice_filed",
        f"case:{listing.reference}",
        actor=user,
        counter_notice=counter.id,
    )
    tell_both(counter, CounterNoticeMail.RECEIVED)
    return counter


def may_check(counter: CounterNotice) -> bool:
    """Whether an officer may forward or refuse the counter-notice now."""
    return (
        counter.status == CounterNoticeStatus.RECEIVED
        and counter.listing.status == COUNTER_NOTICE_LISTING_STATE[counter.status]
    )


def may_extend(counter: CounterNotice, now: datetime) -> bool:
    """Whether an officer may still extend the holder's window: a PRC window, running, not
    extended yet."""
    return (
        counter.status == CounterNoticeStatus.FORWARDED
        and counter.listing.status == COUNTER_NOTICE_LISTING_STATE[counter.status]
        and counter.rule == CounterNoticeRule.PRC
        and not counter.extension_working_days
        and counter.window_ends_at is not None
        and now <= counter.window_ends_at
    )


def _checked(counter: CounterNotice, step: CounterNoticeStatus) -> None:
    """Refuse a step the counter-notice is not waiting for (with its listing in the state that
    goes with it)."""
    waits_in = COUNTER_NOTICE_LISTING_STATE.get(counter.status)
    if not COUNTER_NOTICE_STEPS.allows(counter.status, step) or counter.listing.status != waits_in:
        raise IprError(_("This counter-notice is not waiting for this step."), "conflict")


def given_reasons(reasons: str | None, missing: str) -> str:
    """The officer's reasons for a step, trimmed; refused (on "reasons") when missing or too
    long."""
    reasons = (reasons or "").strip()
    if not reasons:
        raise IprError(missing, field="reasons")
    if len(reasons) > REASONS_MAX:
        raise IprError(_("At most %(n)d characters, please.", n=REASONS_MAX), field="reasons")
    return reasons


def forward_counter_notice(counter: CounterNotice, officer: User) -> None:
    """The officer found the counter-notice complete: it goes to the rights holder, whose
    window starts now (its receipt); the seller learns until when."""
    actor = officer_actor(officer)
    _checked(counter, CounterNoticeStatus.FORWARDED)
    listing = counter.listing
    move_listing(listing, ListingState.AWAITING_PROOF, actor, data={"counter_notice": counter.id})
    now = clock.now()
    if counter.rule == CounterNoticeRule.US_DMCA:
        calendar = us_business_calendar(range(now.year - 1, now.year + 2))
        end, explanation = dmca_window(counter.received_at, now, calendar)
    else:
        end, explanation = prc_window(now, calendar_of(listing))
    counter.status = CounterNoticeStatus.FORWARDED
    counter.checked_at, counter.checked_by_id = now, officer.id
    counter.forwarded_at, counter.window_ends_at = now, end
    counter.window_explanation = explanation
    listing.due_at = end  # shown with the listing; the restore_listings job enforces it
    session.flush()
    tell_both(counter, CounterNoticeMail.FORWARDED)


def refuse_counter_notice(counter: CounterNotice, officer: User, reasons: str) -> None:
    """The counter-notice is incomplete or no counter-notice: the listing stays down; the
    seller learns why (and may file a complete one)."""
    actor = officer_actor(officer)
    _checked(counter, CounterNoticeStatus.REFUSED)
    reasons = given_reasons(reasons, _("Give the reasons for the refusal."))
    move_listing(
        counter.listing,
        ListingState.TAKEN_DOWN,
        actor,
        reasons,
        data={"counter_notice": counter.id},
    )
    counter.status, counter.refusal_reasons = CounterNoticeStatus.REFUSED, reasons
    counter.checked_at, counter.checked_by_id = clock.now(), officer.id
    session.flush()
    tell_both(counter, CounterNoticeMail.REFUSED, reasons=reasons)


def _extension_refusal(counter: CounterNotice) -> str:
    if (
        counter.status != CounterNoticeStatus.FORWARDED
        or counter.listing.status != ListingState.AWAITING_PROOF
    ):
        return _("This counter-notice is not waiting for this step.")
    if counter.rule != CounterNoticeRule.PRC:
        return _("Only a window under PRC law can be extended.")
    if counter.extension_working_days:
        return _("This window was already extended.")
    return _("The window already ended; it can no longer be extended.")


def extend_window(
    counter: CounterNotice, officer: User, working_days: int | None, reasons: str
) -> None:
    """Give the holder up to 20 more working days (once) to have foreign evidence notarised or
    authenticated; PRC windows only, and only while the window runs."""
    actor = officer_actor(officer)
    now = clock.now()
    if not may_extend(counter, now):
        raise IprError(_extension_refusal(counter), "conflict")
    if not isinstance(working_days, int) or not 1 <= working_days <= MAX_EXTENSION_WORKING_DAYS:
        raise IprError(
            _("An extension is 1 to %(n)d working days.", n=MAX_EXTENSION_WORKING_DAYS),
            field="working_days",
        )
    reasons = given_reasons(reasons, _("Give the reasons for the extension."))
    assert counter.window_ends_at is not None  # may_extend
    listing = counter.listing
    end, explanation = extended_window(
        counter.window_ends_at,
        working_days,
        calendar_of(listing),
        counter.window_explanation or {},
    )
    counter.window_ends_at, counter.window_explanation = end, explanation
    counter.extension_working_days, counter.extension_reasons = working_days, reasons
    counter.extended_at, counter.extended_by_id = now, officer.id
    listing.due_at = end
    record_event(
        listing,
        actor,
        "window_extended",
        body=reasons,
        visibility=Visibility.PARTIES,
        data={"working_days": working_days, "ends_at": end.isoformat()},
    )
    session.flush()
    tell_both(counter, CounterNoticeMail.EXTENDED)
