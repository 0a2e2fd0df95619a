"""Credit records as people read them: the public summary and the ledger with its state."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from core.db import session
from sellers.models import CreditAppeal, CreditEvent, Seller
from sellers.services.ledger import active_counts, ledger_of, reversed_ids
from sellers.services.publication import public_name


def public_records(sellers: Iterable[Seller], now: datetime) -> list[dict[str, Any]]:
    """What anyone may know of these (unmerged) sellers: name, platform, tier and counts of
    what counts against them. Never contact details or a person's name ("a seller on X")."""
    sellers = list(sellers)
    counts = active_counts([seller.id for seller in sellers], now)
    return [
        {
            "id": seller.id,
            "name": public_name(seller),
            "platform": seller.platform.name if seller.platform else None,
            "tier": seller.tier.value,
            "counts": counts[seller.id],
        }
        for seller in sellers
    ]


@dataclass(frozen=True)
class LedgerRow:
    event: CreditEvent
    active: bool
    reversed: bool
    appeal: CreditAppeal | None


def ledger_rows(
    seller: Seller, now: datetime, case_reference: str | None = None
) -> list[LedgerRow]:
    """The seller's ledger (following merges), newest first, each event with whether it still
    counts, whether it was reversed, and its appeal; optionally only one case's events."""
    events = [
        event
        for event in ledger_of(seller)
        if case_reference is None or event.case_reference == case_reference
    ]
    reversed_ = reversed_ids(events)
    ids = [event.id for event in events]
    appeals = (
        {
            appeal.event_id: appeal
            for appeal in session.scalars(
                select(CreditAppeal).where(CreditAppeal.event_id.in_(ids))
            )
        }
        if ids
        else {}
    )
    return [
        LedgerRow(event, event.expires_at > now, event.id in reversed_, appeals.get(event.id))
        for event in events
    ]
