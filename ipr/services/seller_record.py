"""What a takedown, or its reversal, does to the seller's record: the credit event goes into the
sellers ledger by a direct call (sellers is below ipr), and ipr re-checks at once whether the seller
is a repeat infringer. Both in the caller's transaction."""

from __future__ import annotations

from datetime import datetime

from ipr.models import Listing
from ipr.services.repeat_infringers import refresh_flags
from sellers.models import CreditEventKind
from sellers.services.ledger import owner_id, record_credit_event


def count_on_seller_record(listing: Listing, kind: CreditEventKind, at: datetime) -> None:
    """Record `kind` (takedown, takedown_counterfeit, takedown_restored) for the listing's
    seller, if it has one, and refresh its repeat-infringer flag."""
    if listing.seller_id is None:
        return
    record_credit_event(listing.seller_id, listing.reference, kind, at)
    refresh_flags(at, [owner_id(listing.seller_id)])
