"""Repeat infringers (DESIGN.md section 5): a seller with 3 takedowns within 365 days that were
not reversed is flagged; the flag is cleared when that stops being true (a takedown restored or
older than 365 days). Checked at once for the seller of each takedown or restoration
(ipr.services.seller_record) and for everyone by the daily job. Flushes; core.jobs commits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import func, select

from core.db import session
from ipr.models import Listing, RepeatInfringerFlag, StatementOfReasons
from ipr.workflow import UNREVERSED_TAKEDOWN
from sellers.models import Seller

REPEAT_TAKEDOWNS = 3
REPEAT_DAYS = 365


def unreversed_takedowns(
    now: datetime, owners: Iterable[int] | None = None
) -> dict[int, list[str]]:
    """The listings of each seller (as merged) taken down within 365 days and not reversed:
    one query over first takedowns (the first statement of reasons of each listing)."""
    first = (
        select(StatementOfReasons.listing_id, func.min(StatementOfReasons.issued_at).label("at"))
        .group_by(StatementOfReasons.listing_id)
        .subquery()
    )
    owner = func.coalesce(Seller.merged_into_id, Seller.id)
    query = (
        select(owner, Listing.reference)
        .join(first, first.c.listing_id == Listing.id)
        .join(Seller, Seller.id == Listing.seller_id)
        .where(
            Listing.status.in_(UNREVERSED_TAKEDOWN),
            first.c.at > now - timedelta(days=REPEAT_DAYS),
            first.c.at <= now,
        )
        .order_by(Listing.reference)
    )
    if owners is not None:
        query = query.where(owner.in_(list(owners)))
    found: dict[int, list[str]] = defaultdict(list)
    for seller, reference in session.execute(query):
        found[seller].append(reference)
    return dict(found)


def refresh_flags(now: datetime, owners: Iterable[int] | None = None) -> dict[str, int]:
    """Flag the sellers that reached 3 unreversed takedowns; clear those that fell below."""
    scope = list(owners) if owners is not None else None
    counts = unreversed_takedowns(now, scope)
    open_flags = select(RepeatInfringerFlag).where(RepeatInfringerFlag.cleared_at.is_(None))
    if scope is not None:
        open_flags = open_flags.where(RepeatInfringerFlag.seller_id.in_(scope))
    flagged_now = {flag.seller_id: flag for flag in session.scalars(open_flags)}
    flagged = cleared = 0
    for seller, references in counts.items():
        if len(references) >= REPEAT_TAKEDOWNS and seller not in flagged_now:
            session.add(
                RepeatInfringerFlag(
                    seller_id=seller,
                    flagged_at=now,
                    takedowns=len(references),
                    case_references=references,
                )
            )
            flagged += 1
    for seller, flag in flagged_now.items():
        if len(counts.get(seller, [])) < REPEAT_TAKEDOWNS:
            flag.cleared_at = now
            cleared += 1
    session.flush()
    return {"flagged": flagged, "cleared": cleared}


def refresh_repeat_infringers(now: datetime) -> dict[str, int]:
    """Daily: flag and clear for every seller (takedowns age out after 365 days)."""
    return refresh_flags(now)


def open_flags() -> list[RepeatInfringerFlag]:
    """Sellers flagged now, most recent first (the officers' page)."""
    return list(
        session.scalars(
            select(RepeatInfringerFlag)
            .where(RepeatInfringerFlag.cleared_at.is_(None))
            .order_by(RepeatInfringerFlag.flagged_at.desc())
            .limit(500)
        )
    )
