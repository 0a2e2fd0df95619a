"""The rights holder's dashboard: every listing of its notices with its state, filtered by state,
day of the notice and platform, as pages and as a streamed CSV file; its standing, measures and
counterfeit leads beside them. A holder only ever reads its own notices.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, func, select

from core.csv_export import csv_chunks
from core.db import session
from ipr.models import CounterNotice, Listing, Notice, RightsHolder
from ipr.workflow import LISTING_WORKFLOW, ListingState

PAGE_SIZE = 50
CSV_BATCH = 500
CSV_COLUMNS = (
    "notice",
    "listing",
    "notice_filed",
    "url",
    "platform",
    "seller",
    "state",
    "decided_at",
    "counter_notice",
    "window_ends_at",
)


@dataclass(frozen=True)
class ListingFilter:
    """What the holder narrowed the list to; None: no narrowing."""

    state: ListingState | None = None
    since: date | None = None
    until: date | None = None
    platform: str | None = None


def states() -> list[str]:
    """Every state a listing may be in, in the workflow's order (the filter's choices)."""
    return [state.name for state in LISTING_WORKFLOW.states]


def holder_listings(holder: RightsHolder, chosen: ListingFilter) -> Select:
    """The holder's listings matching the filter, newest notice first."""
    query = (
        select(Listing)
        .join(Notice, Listing.notice_id == Notice.id)
        .where(Notice.holder_id == holder.id)
        .order_by(Notice.id.desc(), Listing.position)
    )
    if chosen.state:
        query = query.where(Listing.status == chosen.state)
    if chosen.since:  # days in UTC, as the dates shown
        query = query.where(Notice.created_at >= datetime.combine(chosen.since, time(0), UTC))
    if chosen.until:
        query = query.where(
            Notice.created_at < datetime.combine(chosen.until + timedelta(days=1), time(0), UTC)
        )
    if chosen.platform:
        query = query.where(Listing.platform_name == chosen.platform)
    return query


def listing_page(
    holder: RightsHolder, chosen: ListingFilter, page: int
) -> tuple[list[Listing], int]:
    """One page of the holder's listings and how many match in all."""
    query = holder_listings(holder, chosen)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = list(session.scalars(query.offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)))
    return rows, total or 0


def state_counts(holder: RightsHolder) -> dict[str, int]:
    """How many of the holder's listings are in each state."""
    return dict(
        session.execute(
            select(Listing.status, func.count(Listing.id))
            .join(Notice)
            .where(Notice.holder_id == holder.id)
            .group_by(Listing.status)
        ).all()
    )


def platforms_of(holder: RightsHolder) -> list[str]:
    """The platforms the holder's listings are on (the filter's choices)."""
    return [
        name
        for name in session.scalars(
            select(Listing.platform_name)
            .join(Notice)
            .where(Notice.holder_id == holder.id, Listing.platform_name.is_not(None))
            .group_by(Listing.platform_name)
            .order_by(Listing.platform_name)
        )
        if name
    ]


def holder_listing(holder: RightsHolder, listing_id: int) -> Listing | None:
    """The listing if it is in one of the holder's notices; else None (as for no listing)."""
    listing = session.get(Listing, listing_id)
    if listing is None or listing.notice.holder_id != holder.id:
        return None
    return listing


def csv_lines(holder: RightsHolder, chosen: ListingFilter) -> Iterator[str]:
    """The filtered listings as CSV text (with a BOM, for Excel), read in batches as sent."""
    latest_id = (
        select(CounterNotice.listing_id, func.max(CounterNotice.id).label("id"))
        .group_by(CounterNotice.listing_id)
        .subquery()
    )
    query = (
        holder_listings(holder, chosen)
        .outerjoin(latest_id, latest_id.c.listing_id == Listing.id)
        .outerjoin(CounterNotice, CounterNotice.id == latest_id.c.id)
        .add_columns(CounterNotice)
        .execution_options(yield_per=CSV_BATCH)
    )
    rows = (
        (
            listing.notice.reference,
            listing.reference,
            listing.notice.created_at,
            listing.url,
            listing.platform_name,
            listing.seller_name,
            listing.status,
            listing.decided_at,
            latest.status.value if latest else None,
            latest.window_ends_at if latest else None,
        )
        for listing, latest in session.execute(query)
    )
    return csv_chunks(CSV_COLUMNS, rows, bom=True)
