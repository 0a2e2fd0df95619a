"""What casework reads of a reported listing, through the case-kind registry (DESIGN.md 2), and
every panel a listing shows: the officer's case page (the listing's own steps, then the steps after
a takedown: counter-notice, window, proofs) and the seller's secret page (the takedown and its
statement of reasons, through sellers.register_case_summary).

A listing's reference is its notice's plus its position (IP-2026-000045-017): ipr sets it before
`casework.services.filing.open_case`, which keeps a reference it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import get_template_attribute
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select

from casework.kinds import CaseKind, Party
from casework.models import Case
from core import clock
from core.db import session
from ipr.forms import (
    AppealDecisionForm,
    ExtensionForm,
    JurisdictionForm,
    ProofCheckForm,
    ReasonsForm,
    RejectForm,
    TakedownForm,
)
from ipr.labels import counter_notice_label, ipr_labels
from ipr.models import CounterNotice, Listing, ListingAppeal
from ipr.services.counter_notices import (
    counter_files,
    counter_notices_of,
    listing_rule,
    may_check,
    may_extend,
)
from ipr.services.filing import listing_files, notice_files
from ipr.services.proofs import proof_files
from ipr.services.restoration import may_restore
from ipr.services.review import appeal_of, statements_of
from ipr.services.rights import describe_right
from ipr.workflow import (
    KIND,
    LISTING_WORKFLOW,
    PROOF_STEPS,
    CounterNoticeStatus,
    ListingState,
)
from nlp import ENTITY_LABELS, IPR_LABELS
from sellers.services.ledger import owner_id
from sellers.services.registry import canonical, seller_language

REFERENCE_PREFIX = "IP"
ANONYMOUS = "anonymised"


def _listing(case: Case) -> Listing:
    if not isinstance(case, Listing):
        raise TypeError(f"{case.reference} is not a reported listing")
    return case


def parties(case: Case) -> list[Party]:
    """The rights holder (its verified contact) and the seller (its own contact, else the
    platform's: a takedown request goes where the platform receives them)."""
    listing = _listing(case)
    holder = listing.notice.holder
    found = [Party("rights_holder", holder.legal_name, holder.contact_email, holder.language)]
    seller = canonical(listing.seller) if listing.seller is not None else None
    if seller is not None or listing.seller_name:
        contact = None
        if seller is not None:
            contact = seller.contact_email or (
                seller.platform.contact_email if seller.platform else None
            )
        elif listing.platform is not None:
            contact = listing.platform.contact_email
        language = seller_language(seller) if seller is not None else "en"
        found.append(
            Party("seller", seller.name if seller else listing.seller_name or "", contact, language)
        )
    return found


def text(case: Case) -> str:
    """The text the NLP read: the notice's description and this listing's explanation."""
    listing = _listing(case)
    return f"{listing.notice.description}\n\n{listing.explanation}"


def search_text(case: Case) -> str:
    listing = _listing(case)
    words = (
        listing.notice.reference,
        listing.notice.holder.legal_name,
        listing.url,
        listing.platform_name,
        listing.seller_name,
        listing.platform_listing_id,
        listing.explanation,
        *(right.title for right in listing.notice.rights),
        *(right.registration_number for right in listing.notice.rights),
    )
    return " ".join(word for word in words if word)


def relation_keys(case: Case) -> list[tuple[str, str]]:
    """The same listing (normalised URL), the same notice, the same seller."""
    listing = _listing(case)
    keys = [("listing", listing.url_key), ("notice", listing.notice.reference)]
    if listing.seller_id is not None:
        keys.append(("seller", str(listing.seller_id)))
    return keys


def anonymise(case: Case) -> None:
    """Blank the personal data a listing case carries: the seller's real identity given in
    counter-notices (the listing itself holds trade names and public URLs only)."""
    listing = _listing(case)
    for counter in session.scalars(
        select(CounterNotice).where(CounterNotice.listing_id == listing.id)
    ):
        counter.identity_name = ANONYMOUS
        counter.identity_organisation = None
        counter.identity_registration = None
        counter.identity_address = ""
        counter.identity_email = ""
        counter.identity_phone = None
        counter.signature = ANONYMOUS


@dataclass(frozen=True)
class DecisionSteps:
    """The listing's decisions open to the officer now."""

    decide: bool = False  # take it down or reject it
    decide_appeal: bool = False  # grant or dismiss the holder's appeal
    appeal_for_another: bool = False  # the officer made the decision the appeal contests


def decision_steps(
    listing: Listing, officer_id: int, appeal: ListingAppeal | None
) -> DecisionSteps:
    """What the officer may decide on the listing now."""
    if listing.status == ListingState.UNDER_REVIEW:
        return DecisionSteps(decide=True)
    if listing.status != ListingState.APPEALED:
        return DecisionSteps()
    if listing.decided_by_id == officer_id:
        return DecisionSteps(appeal_for_another=True)
    return DecisionSteps(decide_appeal=appeal is not None, decide=appeal is None)


@dataclass(frozen=True)
class CounterSteps:
    """The steps open to the officer after a counter-notice."""

    check: bool = False  # forward the latest counter-notice to the holder, or refuse it
    extend: bool = False  # extend the holder's window
    restore: bool = False  # restore the listing now: the window ended without proof
    proofs: frozenset[int] = frozenset()  # the holder's proofs waiting for a check


def counter_steps(counters: list[CounterNotice], now: datetime) -> CounterSteps:
    """What the officer may do now with the listing's counter-notices (the latest one's
    steps, and the proofs sent under any forwarded one)."""
    latest = counters[-1]
    waiting = frozenset(
        proof.id
        for counter in counters
        if counter.status == CounterNoticeStatus.FORWARDED
        for proof in counter.proofs
        if not PROOF_STEPS.is_terminal(proof.status)
    )
    return CounterSteps(
        check=may_check(latest),
        extend=may_extend(latest, now),
        restore=may_restore(latest, now),
        proofs=waiting,
    )


def listing_panel(listing: Listing) -> Markup:
    """The notice, the rights it names (and whether each is still in force), the NLP's
    warnings, what was decided, and the decision forms open now."""
    takedown = TakedownForm()
    takedown.right_id.choices = [(r.id, describe_right(r)) for r in listing.notice.rights]
    appeal = appeal_of(listing)
    panel = get_template_attribute("ipr/officer_panel.html", "panel")
    return panel(
        listing,
        {
            "takedown": takedown,
            "reject": RejectForm(),
            "appeal": AppealDecisionForm(),
            "jurisdiction": JurisdictionForm(jurisdiction=listing.jurisdiction),
        },
        statements=statements_of(listing),
        appeal=appeal,
        today=clock.now().date(),
        steps=decision_steps(listing, current_user.id, appeal),
        rule=listing_rule(listing),
        may_change_jurisdiction=not counter_notices_of(listing),
        labels=ipr_labels()["labels"],
        files={"listing": listing_files(listing), "notice": notice_files(listing.notice)},
    )


def counter_panel(listing: Listing) -> Markup | None:
    """Nothing before a counter-notice; then every counter-notice, its evidence, the window,
    the holder's proofs, and what may be done now."""
    counters = counter_notices_of(listing)
    if not counters:
        return None
    panel = get_template_attribute("ipr/counter_panel.html", "panel")
    return panel(
        listing,
        counters,
        {c.id: counter_files(c) for c in counters},
        proof_files,
        {"reasons": ReasonsForm(), "extend": ExtensionForm(), "check": ProofCheckForm()},
        counter_steps(counters, clock.now()),
        counter_notice_label,
    )


def officer_panel(case: Case) -> Markup | None:
    """The listing's panels on the officer's case page: its own steps, then the steps after a
    takedown."""
    if not isinstance(case, Listing):
        return None
    return Markup("").join(panel for panel in (listing_panel(case), counter_panel(case)) if panel)


def seller_summary(case_reference: str, seller_id: int) -> Markup | None:
    """On the seller's secret page: the takedown and its statement of reasons, for a listing
    of this seller (None for any other case)."""
    listing = session.scalar(select(Listing).where(Listing.reference == case_reference))
    if listing is None or listing.seller_id is None:
        return None
    if owner_id(listing.seller_id) != owner_id(seller_id):
        return None
    summary = get_template_attribute("ipr/seller_summary.html", "summary")
    return summary(listing, statements_of(listing))


LISTING_KIND = CaseKind(
    name=KIND,
    label=_l("Reported listing"),
    reference_prefix=REFERENCE_PREFIX,
    nlp_kind="ipr",
    workflow=LISTING_WORKFLOW,
    parties=parties,
    text=text,
    search_text=search_text,
    relation_keys=relation_keys,
    anonymise=anonymise,
    categories=IPR_LABELS,
    entity_labels=ENTITY_LABELS,
    officer_panel=officer_panel,
)
