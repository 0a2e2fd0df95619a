"""What casework reads of a reported listing, through the case-kind registry (DESIGN.md 2).

A listing's reference is its notice's plus its position (IP-2026-000045-017): ipr sets it before
`casework.services.filing.open_case`, which keeps a reference it is given.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from casework.kinds import CaseKind, Party
from casework.models import Case
from core.db import session
from ipr.models import CounterNotice, Listing
from ipr.panel import officer_panel
from ipr.workflow import KIND, LISTING_WORKFLOW
from nlp import ENTITY_LABELS, IPR_LABELS
from sellers.services.registry import canonical

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
            contact = seller.contact_email or (seller.platform.contact_email
                                               if seller.platform else None)
        elif listing.platform is not None:
            contact = listing.platform.contact_email
        language = "zh" if seller is not None and seller.country == "CN" else "en"
        found.append(Party("seller", seller.name if seller else listing.seller_name or "",
                           contact, language))
    return found


def text(case: Case) -> str:
    """The text the NLP read: the notice's description and this listing's explanation."""
    listing = _listing(case)
    return f"{listing.notice.description}\n\n{listing.explanation}"


def search_text(case: Case) -> str:
    listing = _listing(case)
    words = (listing.notice.reference, listing.notice.holder.legal_name, listing.url,
             listing.platform_name, listing.seller_name, listing.platform_listing_id,
             listing.explanation, *(right.title for right in listing.notice.rights),
             *(right.registration_number for right in listing.notice.rights))
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
    for counter in session.scalars(select(CounterNotice).where(
            CounterNotice.listing_id == listing.id)):
        counter.identity_name = ANONYMOUS
        counter.identity_organisation = None
        counter.identity_registration = None
        counter.identity_address = ""
        counter.identity_email = ""
        counter.identity_phone = None
        counter.signature = ANONYMOUS


LISTING_KIND = CaseKind(
    name=KIND, label=_l("Reported listing"), reference_prefix=REFERENCE_PREFIX, nlp_kind="ipr",
    workflow=LISTING_WORKFLOW, parties=parties, text=text, search_text=search_text,
    relation_keys=relation_keys, anonymise=anonymise, categories=IPR_LABELS,
    entity_labels=ENTITY_LABELS, officer_panel=officer_panel,
)
