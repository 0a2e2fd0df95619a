"""The public notice log (PRC E-Commerce Law art. 44): every notice, the sellers' declarations
(counter-notices) and the results, newest first, without personal data: the holder's and the
seller's business names, the listing's address and platform, states and days; never a person's
name, e-mail, phone, address, or the free text of a notice or declaration.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select

from core.db import session
from ipr.models import CounterNotice, IpRight, Listing, Notice, notice_rights
from ipr.workflow import LISTING_WORKFLOW
from sellers.models import Seller
from sellers.services.publication import public_name

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def _day(moment: Any) -> str | None:
    return moment.date().isoformat() if moment is not None else None


def _declaration(counter: CounterNotice) -> dict[str, Any]:
    return {
        "filed_on": _day(counter.received_at),
        "status": counter.status.value,
        "forwarded_on": _day(counter.forwarded_at),
        "closed_on": _day(counter.closed_at),
    }


def public_log_page(before: int | None = None, limit: int = PAGE_SIZE) -> dict[str, Any]:
    """One page of notices older than the notice id `before`: {"items", "next"}; each item
    carries its listings, their declarations and results. A few queries per page, not per row."""
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    query = select(Notice).order_by(Notice.id.desc()).limit(limit + 1)
    if before is not None:
        query = query.where(Notice.id < before)
    notices = list(session.scalars(query))
    more = len(notices) > limit
    notices = notices[:limit]
    ids = [notice.id for notice in notices]
    listings: dict[int, list[Listing]] = defaultdict(list)
    for listing in session.scalars(
        select(Listing).where(Listing.notice_id.in_(ids)).order_by(Listing.position)
    ):
        listings[listing.notice_id].append(listing)
    listing_ids = [listing.id for group in listings.values() for listing in group]
    declarations: dict[int, list[CounterNotice]] = defaultdict(list)
    for counter in session.scalars(
        select(CounterNotice)
        .where(CounterNotice.listing_id.in_(listing_ids))
        .order_by(CounterNotice.id)
    ):
        declarations[counter.listing_id].append(counter)
    types: dict[int, set[str]] = defaultdict(set)
    for notice_id, right_type in session.execute(
        select(notice_rights.c.notice_id, IpRight.right_type)
        .join(IpRight, IpRight.id == notice_rights.c.right_id)
        .where(notice_rights.c.notice_id.in_(ids))
    ):
        types[notice_id].add(right_type.value)
    seller_ids = {
        listing.seller_id
        for group in listings.values()
        for listing in group
        if listing.seller_id is not None
    }
    sellers = {
        seller.id: seller
        for seller in session.scalars(select(Seller).where(Seller.id.in_(seller_ids)))
    }
    items = [
        {
            "reference": notice.reference,
            "filed_on": _day(notice.created_at),
            "rights_holder": notice.holder.legal_name,
            "rights": sorted(types[notice.id]),
            "listings": [
                {
                    "reference": listing.reference,
                    "url": listing.url,
                    "platform": listing.platform_name,
                    "seller": public_name(
                        sellers.get(listing.seller_id or 0), listing.platform_name
                    ),
                    "status": listing.status,
                    "status_label": str(LISTING_WORKFLOW.label(listing.status)),
                    "decided_on": _day(listing.decided_at),
                    "declarations": [_declaration(c) for c in declarations[listing.id]],
                }
                for listing in listings[notice.id]
            ],
        }
        for notice in notices
    ]
    return {"items": items, "next": str(notices[-1].id) if more and notices else None}
