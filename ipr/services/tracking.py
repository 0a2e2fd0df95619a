"""What a rights holder sees of its notices: each listing's state, deadline and reasons, and the
steps open to the holder on it now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Select, select

from core.db import session
from core.models import User
from ipr.models import Listing, Notice
from ipr.services.filing import notice_files
from ipr.services.holders import holder_of
from ipr.services.review import appeal_deadline, appeal_of
from ipr.workflow import LISTING_WORKFLOW, ListingState


@dataclass(frozen=True)
class HolderSteps:
    """What the holder may do on a listing now."""

    withdraw: bool = False  # not decided yet
    appeal: bool = False  # rejected, not appealed yet, within the 6 months


def holder_steps(listing: Listing, now: datetime) -> HolderSteps:
    """The steps open to the holder on this listing now."""
    if listing.status == ListingState.UNDER_REVIEW:
        return HolderSteps(withdraw=True)
    if listing.status == ListingState.REJECTED and appeal_of(listing) is None:
        deadline = appeal_deadline(listing)
        return HolderSteps(appeal=deadline is None or now <= deadline)
    return HolderSteps()


def listing_view(listing: Listing) -> dict[str, Any]:
    """One listing as its holder sees it (no seller contact, no internal notes)."""
    return {
        "reference": listing.reference,
        "url": listing.url,
        "status": listing.status,
        "status_label": LISTING_WORKFLOW.label(listing.status),
        "due_at": listing.due_at,
        "decision_reasons": listing.decision_reasons,
    }


def notice_view(notice: Notice) -> dict[str, Any]:
    """The notice and the state of every listing, for the holder (API and pages)."""
    return {
        "reference": notice.reference,
        "created_at": notice.created_at,
        "rights": [right.id for right in notice.rights],
        "infringement_type": notice.infringement_type,
        "listings": [listing_view(listing) for listing in notice.listings],
        "flagged": list(notice.flagged),
        "warnings": list(notice.warnings),
        "evidence": len(notice_files(notice)),
    }


def own_listing(user: User, reference: str) -> Listing | None:
    """The listing with this reference if it is in one of the user's organisation's notices;
    else None (the same for another holder's listing as for an unknown reference)."""
    holder = holder_of(user)
    listing = session.scalar(select(Listing).where(Listing.reference == reference))
    if holder is None or listing is None or listing.notice.holder_id != holder.id:
        return None
    return listing


def own_notices(user: User, limit: int = 200) -> list[Notice]:
    """The notices of the user's organisation, newest first."""
    holder = holder_of(user)
    if holder is None:
        return []
    return list(
        session.scalars(
            select(Notice)
            .where(Notice.holder_id == holder.id)
            .order_by(Notice.id.desc())
            .limit(limit)
        )
    )


def notices_of(holder_id: int, status: str | None = None, since: date | None = None) -> Select:
    """The organisation's notices, those with a listing in `status` or sent from the day
    `since` (UTC, as the dates shown) when given; for a page of the API."""
    query = select(Notice).where(Notice.holder_id == holder_id)
    if status is not None:
        with_status = select(Listing.notice_id).where(Listing.status == status)
        query = query.where(Notice.id.in_(with_status))
    if since is not None:
        query = query.where(Notice.created_at >= datetime.combine(since, time(0), UTC))
    return query
