"""Counterfeit leads: a consumer complaint found to be about counterfeit goods, shared with the
consumer's consent, reaches the holders of a verified trademark in force for that brand. It comes
through core.signals.counterfeit_lead (never an import of complaints) and carries no personal
data of the consumer: brand, product, platform, seller and the shop's address only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select

from core import clock
from core.db import session
from core.mail import queue_mail
from ipr.models import (
    CounterfeitLead,
    IpRight,
    RightsHolder,
    RightType,
    Verification,
)

LEADS_SHOWN = 200


def matching_marks(brand: str, day: Any) -> dict[int, int]:
    """Holder id -> its first verified trademark in force on `day` whose text is the brand
    (case-insensitive), for verified holders."""
    key = brand.strip().lower()
    rows = session.execute(
        select(IpRight.holder_id, IpRight.id)
        .join(RightsHolder)
        .where(
            IpRight.right_type == RightType.TRADEMARK,
            IpRight.status == Verification.VERIFIED,
            RightsHolder.status == Verification.VERIFIED,
            or_(func.lower(func.trim(IpRight.title)) == key, IpRight.title == brand.strip()),
            or_(IpRight.valid_from.is_(None), IpRight.valid_from <= day),
            or_(IpRight.valid_until.is_(None), IpRight.valid_until >= day),
        )
        .order_by(IpRight.id)
    )
    found: dict[int, int] = {}
    for holder_id, right_id in rows:
        found.setdefault(holder_id, right_id)
    return found


def record_counterfeit_lead(
    _sender: Any,
    *,
    case_reference: str,
    brand: str | None,
    at: datetime,
    product: str | None = None,
    platform: str | None = None,
    seller_id: int | None = None,
    listing_url: str | None = None,
    **_: Any,
) -> None:
    """Listener of core.signals.counterfeit_lead: one lead per matching holder (once), mailed
    to its contact, in the sender's transaction."""
    if not brand or not brand.strip():
        return
    for holder_id, right_id in matching_marks(brand, at.date()).items():
        known = session.scalar(
            select(CounterfeitLead.id).where(
                CounterfeitLead.holder_id == holder_id,
                CounterfeitLead.complaint_reference == case_reference,
            )
        )
        if known is not None:
            continue
        lead = CounterfeitLead(
            holder_id=holder_id,
            right_id=right_id,
            complaint_reference=case_reference[:40],
            brand=brand.strip()[:200],
            product=(product or "")[:200] or None,
            platform=(platform or "")[:80] or None,
            seller_id=seller_id,
            listing_url=(listing_url or "")[:2000] or None,
            happened_at=at,
            received_at=clock.now(),
        )
        session.add(lead)
        session.flush()
        holder = session.get_one(RightsHolder, holder_id)
        queue_mail(
            holder.contact_email, "ipr/counterfeit_lead", holder.language, holder=holder, lead=lead
        )


def leads_of(holder: RightsHolder) -> list[CounterfeitLead]:
    """The holder's leads, newest first; opening them marks the unseen ones seen."""
    leads = list(
        session.scalars(
            select(CounterfeitLead)
            .where(CounterfeitLead.holder_id == holder.id)
            .order_by(CounterfeitLead.happened_at.desc(), CounterfeitLead.id.desc())
            .limit(LEADS_SHOWN)
        )
    )
    now = clock.now()
    for lead in leads:
        if lead.seen_at is None:
            lead.seen_at = now
    session.flush()
    return leads


def unseen_leads(holder: RightsHolder) -> int:
    return (
        session.scalar(
            select(func.count(CounterfeitLead.id)).where(
                CounterfeitLead.holder_id == holder.id, CounterfeitLead.seen_at.is_(None)
            )
        )
        or 0
    )
