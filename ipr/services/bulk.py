"""Deciding many listings at once: each succeeds or fails on its own (casework.services.bulk's
way), but through ipr's decisions, so every takedown still gets its statement, mails and credit
event."""

from __future__ import annotations

from flask_babel import gettext as _

from casework.models import Case
from casework.services.bulk import MAX_SELECTION, BulkResult, apply_each
from core.models import User
from ipr.models import Listing
from ipr.services.refusals import IprError
from ipr.services.review import Takedown, reject, take_down


def bulk_decide(
    officer: User,
    listing_ids: list[int],
    take: bool,
    *,
    decision: Takedown | None = None,
    reasons: str = "",
) -> list[BulkResult]:
    """Take down (or reject with `reasons`) each selected listing, each in a savepoint."""
    if len(listing_ids) > MAX_SELECTION:
        raise IprError(_("Select at most %(n)d cases at once.", n=MAX_SELECTION))

    def act(listing: Case) -> None:
        assert isinstance(listing, Listing)  # apply_each reads the Listing model
        if take:
            take_down(listing, officer, decision or Takedown())
        else:
            reject(listing, officer, reasons)

    return apply_each(officer, listing_ids, act, (IprError,), model=Listing)
