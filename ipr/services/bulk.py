"""Deciding many listings at once: each succeeds or fails on its own (casework.bulk's way), but
through ipr's decisions, so every takedown still gets its statement, mails and credit event."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from casework.access import can_see
from casework.bulk import MAX_SELECTION, BulkResult
from core.db import session
from core.models import User
from ipr.errors import IprError
from ipr.models import Listing
from ipr.services.review import Takedown, reject, take_down


def bulk_decide(officer: User, listing_ids: list[int], take: bool, *,
                decision: Takedown | None = None, reasons: str = "") -> list[BulkResult]:
    """Take down (or reject with `reasons`) each selected listing, each in a savepoint."""
    if len(listing_ids) > MAX_SELECTION:
        raise IprError(_("Select at most %(n)d cases at once.", n=MAX_SELECTION))
    found = {listing.id: listing for listing in session.scalars(
        select(Listing).where(Listing.id.in_(listing_ids)))}
    results = []
    for listing_id in listing_ids:
        listing = found.get(listing_id)
        if listing is None or not can_see(officer, listing):
            results.append(BulkResult(listing_id, "", False, _("You do not work on this case.")))
            continue
        try:
            with session.begin_nested():
                if take:
                    take_down(listing, officer, decision or Takedown())
                else:
                    reject(listing, officer, reasons)
        except IprError as error:
            results.append(BulkResult(listing.id, listing.reference, False, error.message))
        except SQLAlchemyError:
            results.append(BulkResult(listing.id, listing.reference, False,
                                      _("Someone else changed this case meanwhile.")))
        else:
            results.append(BulkResult(listing.id, listing.reference, True))
    return results
