"""The credit ledger: events from case outcomes, reversals, and the tier derived from them.

Events are only ever added. A seller's `active_points`, `tier` and `next_expiry_at` are derived
from the events of its ledger group (itself and the sellers merged into it) that have not expired;
`refresh_credit` recomputes them for a batch of sellers with two set-based statements.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import exists, func, insert, or_, select, update
from sqlalchemy.orm import aliased

from core import clock
from core.db import session
from core.jobs import by_batches
from sellers.models import (
    POINTS,
    TAKEDOWN_KINDS,
    CreditEvent,
    CreditEventKind,
    Seller,
    TierChange,
    tier_for,
)
from sellers.services.publication import publish_seller

log = logging.getLogger(__name__)
EVENT_LIFETIME = timedelta(days=365)
REFRESH_BATCH = 1000
MAX_REFERENCE = 40  # the length of CreditEvent.case_reference
OUTCOME_KINDS = frozenset(POINTS) | {CreditEventKind.TAKEDOWN_RESTORED}


def owner_id(seller_id: int) -> int:
    """The seller whose ledger includes `seller_id`'s events (itself unless merged)."""
    found = session.execute(
        select(Seller.id, Seller.merged_into_id).where(Seller.id == seller_id)
    ).first()
    if found is None:
        raise ValueError(f"there is no seller {seller_id}")
    return found.merged_into_id or seller_id


def group_ids(owner: int) -> list[int]:
    """The sellers whose events make up `owner`'s ledger: itself and those merged into it."""
    return list(
        session.scalars(
            select(Seller.id)
            .where(or_(Seller.id == owner, Seller.merged_into_id == owner))
            .order_by(Seller.id)
        )
    )


def ledger_of(seller: Seller) -> list[CreditEvent]:
    """Every event of the seller's ledger (following merges), newest first."""
    return list(
        session.scalars(
            select(CreditEvent)
            .where(CreditEvent.seller_id.in_(group_ids(seller.id)))
            .order_by(CreditEvent.happened_at.desc(), CreditEvent.id.desc())
        )
    )


def _lock(owner: int) -> None:
    # Serialises events and the nightly job on one seller (a no-op on SQLite, which has one
    # writer at a time anyway).
    session.execute(select(Seller.id).where(Seller.id == owner).with_for_update())


def publish_decided(seller_id: int, at: datetime) -> None:
    """An officer decided a case about the seller: it (and the seller standing for it after a
    merge) is public from now on, whether or not the decision counts on its record."""
    for decided in {seller_id, owner_id(seller_id)}:
        publish_seller(session.get_one(Seller, decided), at)


def record_credit_event(
    seller_id: int, case_reference: str, kind: CreditEventKind, at: datetime
) -> CreditEvent | None:
    """Add the event a case outcome causes and update the seller's tier at once.

    A repeated outcome (same seller, case and kind) is recorded once. `takedown_restored`
    reverses the case's takedown event, and is ignored when there is none to reverse.
    A decided case makes its seller (and the one standing for it) public.
    """
    if kind not in OUTCOME_KINDS:
        raise ValueError(f"{kind} is not a case outcome")
    if at.tzinfo is None:
        raise ValueError("case outcomes carry aware datetimes")
    if not 0 < len(case_reference) <= MAX_REFERENCE:
        raise ValueError(f"a case reference has 1 to {MAX_REFERENCE} characters")
    owner = owner_id(seller_id)
    _lock(owner)
    publish_decided(seller_id, at)
    members = group_ids(owner)
    if kind == CreditEventKind.TAKEDOWN_RESTORED:
        takedown = session.scalar(
            select(CreditEvent)
            .where(
                CreditEvent.seller_id.in_(members),
                CreditEvent.case_reference == case_reference,
                CreditEvent.kind.in_(TAKEDOWN_KINDS),
            )
            .order_by(CreditEvent.id.desc())
            .limit(1)
        )
        if takedown is not None:
            takedown = current_event(takedown)  # an officer may have moved it to another seller
        if takedown is None or is_reversed(takedown):
            log.warning("restored listing %s has no takedown event to reverse", case_reference)
            return None
        return reverse_credit_event(takedown, kind, at)
    repeated = session.scalar(
        select(CreditEvent.id)
        .where(
            CreditEvent.seller_id == seller_id,
            CreditEvent.case_reference == case_reference,
            CreditEvent.kind == kind,
        )
        .limit(1)
    )
    if repeated is not None:
        return None
    event = CreditEvent(
        seller_id=seller_id,
        kind=kind,
        points=POINTS[kind],
        case_reference=case_reference,
        happened_at=at,
        expires_at=at + EVENT_LIFETIME,
    )
    session.add(event)
    session.flush()
    refresh_credit([owner], clock.now(), "event")
    return event


def current_event(event: CreditEvent) -> CreditEvent:
    """The event that stands for `event` now: itself, or where its attribution was moved."""
    while True:
        moved = session.scalar(select(CreditEvent).where(CreditEvent.moved_from_id == event.id))
        if moved is None:
            return event
        event = moved


def is_reversed(event: CreditEvent) -> bool:
    """Whether a later event cancelled this one."""
    return (
        session.scalar(select(CreditEvent.id).where(CreditEvent.reverses_id == event.id))
        is not None
    )


def reverse_credit_event(event: CreditEvent, kind: CreditEventKind, at: datetime) -> CreditEvent:
    """Cancel `event`'s points with a new event of `kind`; it expires when `event` does."""
    reversal = CreditEvent(
        seller_id=event.seller_id,
        kind=kind,
        points=-event.points,
        case_reference=event.case_reference,
        happened_at=at,
        expires_at=event.expires_at,
        reverses_id=event.id,
    )
    session.add(reversal)
    session.flush()
    refresh_credit([owner_id(event.seller_id)], clock.now(), "event")
    return reversal


def record_case_outcome(
    seller_id: int, case_reference: str, outcome: CreditEventKind | str, at: datetime
) -> CreditEvent | None:
    """A case's outcome counts on the seller's credit record, in the caller's transaction.

    complaints and ipr call this when the finding is recorded; `outcome` is one of
    OUTCOME_KINDS (takedown_restored reverses the case's takedown). Recorded once per seller,
    case and outcome; returns the new event, or None when there was nothing to record.
    """
    return record_credit_event(seller_id, case_reference, CreditEventKind(outcome), at)


def refresh_credit(owner_ids: Iterable[int], now: datetime, reason: str) -> int:
    """Recompute points, tier and next expiry of these (unmerged) sellers from their ledgers;
    record tier changes. Returns how many tiers changed."""
    owners = sorted(set(owner_ids))
    if not owners:
        return 0
    current = dict(
        session.execute(
            select(Seller.id, Seller.tier)
            .where(Seller.id.in_(owners), Seller.merged_into_id.is_(None))
            .order_by(Seller.id)
            .with_for_update()
        ).all()
    )
    members = session.execute(
        select(Seller.id, func.coalesce(Seller.merged_into_id, Seller.id)).where(
            or_(Seller.id.in_(current), Seller.merged_into_id.in_(current))
        )
    ).all()
    owner_of = dict(members)
    points: dict[int, int] = defaultdict(int)
    next_expiry: dict[int, datetime] = {}
    active = session.execute(
        select(
            CreditEvent.seller_id, func.sum(CreditEvent.points), func.min(CreditEvent.expires_at)
        )
        .where(CreditEvent.seller_id.in_(owner_of), CreditEvent.expires_at > now)
        .group_by(CreditEvent.seller_id)
    )
    for member, total, earliest in active:
        owner = owner_of[member]
        points[owner] += total
        if owner not in next_expiry or earliest < next_expiry[owner]:
            next_expiry[owner] = earliest
    rows, changes = [], []
    for owner, old_tier in current.items():
        new_tier = tier_for(points[owner])
        rows.append(
            {
                "id": owner,
                "tier": new_tier,
                "active_points": points[owner],
                "next_expiry_at": next_expiry.get(owner),
            }
        )
        if new_tier != old_tier:
            changes.append(
                {
                    "seller_id": owner,
                    "at": now,
                    "old_tier": old_tier,
                    "new_tier": new_tier,
                    "points": points[owner],
                    "reason": reason,
                }
            )
    session.execute(update(Seller), rows)
    if changes:
        session.execute(insert(TierChange), changes)
    for obj in list(session.identity_map.values()):
        if isinstance(obj, Seller) and obj.id in current:
            session.expire(obj, ["tier", "active_points", "next_expiry_at"])
    return len(changes)


def recompute_expired_credit(now: datetime, batch: int = REFRESH_BATCH) -> dict[str, int]:
    """Nightly: sellers with an event that expired since their last update get their points
    and tier recomputed; nobody else is touched. Commits each batch."""
    changed = 0

    def due(after: int, size: int) -> Sequence[int]:
        return session.scalars(
            select(Seller.id)
            .where(
                Seller.next_expiry_at <= now,
                Seller.merged_into_id.is_(None),
                Seller.id > after,
            )
            .order_by(Seller.id)
            .limit(size)
        ).all()

    def recompute(owners: Sequence[int]) -> None:
        nonlocal changed
        changed += refresh_credit(owners, now, "expiry")

    recomputed = by_batches(due, recompute, size=batch)
    return {"sellers": recomputed, "tiers_changed": changed}


def active_counts(owner_ids: Iterable[int], now: datetime) -> dict[int, dict[str, int]]:
    """For each seller: how many events of each kind count against it now (the last 365 days,
    reversed events left out)."""
    owners = list(owner_ids)
    counts = {owner: {kind.value: 0 for kind in POINTS} for owner in owners}
    if not owners:
        return counts
    owner_expr = func.coalesce(Seller.merged_into_id, Seller.id)
    reversal = aliased(CreditEvent)
    rows = session.execute(
        select(owner_expr, CreditEvent.kind, func.count())
        .join(Seller, Seller.id == CreditEvent.seller_id)
        .where(
            or_(Seller.id.in_(owners), Seller.merged_into_id.in_(owners)),
            CreditEvent.expires_at > now,
            CreditEvent.kind.in_(POINTS),
            ~exists().where(reversal.reverses_id == CreditEvent.id),
        )
        .group_by(owner_expr, CreditEvent.kind)
    )
    for owner, kind, count in rows:
        counts[owner][CreditEventKind(kind).value] = count
    return counts


def tier_history(seller: Seller) -> list[TierChange]:
    """The seller's tier changes, newest first."""
    return list(
        session.scalars(
            select(TierChange)
            .where(TierChange.seller_id == seller.id)
            .order_by(TierChange.at.desc(), TierChange.id.desc())
        )
    )


def reversed_ids(events: Iterable[CreditEvent]) -> set[int]:
    """Which of these events a later event reversed."""
    ids = [event.id for event in events]
    return (
        set(
            session.scalars(select(CreditEvent.reverses_id).where(CreditEvent.reverses_id.in_(ids)))
        )
        if ids
        else set()
    )
