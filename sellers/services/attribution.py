"""Moving a case's credit events to another seller: the ledger stays append-only, so the old
seller gets a reversal of each event and the new seller the same event (same kind, points, day
and expiry), linked to the one it came from."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select
from sqlalchemy.orm import aliased

from core import clock
from core.audit import record_audit
from core.db import session
from core.models import User
from sellers.models import ANSWER_KINDS, CreditEvent, CreditEventKind, Seller
from sellers.services.case_links import move_case
from sellers.services.ledger import group_ids, owner_id, refresh_credit
from sellers.services.publication import publish_seller
from sellers.services.registry import SellerError, canonical


def movable_events(seller: Seller, case_reference: str) -> list[CreditEvent]:
    """The case's events on the seller's ledger that count now (not reversed, not answers)."""
    reversal = aliased(CreditEvent)
    return list(
        session.scalars(
            select(CreditEvent)
            .where(
                CreditEvent.seller_id.in_(group_ids(owner_id(seller.id))),
                CreditEvent.case_reference == case_reference,
                CreditEvent.kind.not_in(ANSWER_KINDS),
                ~exists().where(reversal.reverses_id == CreditEvent.id),
            )
            .order_by(CreditEvent.id)
        )
    )


def move_attribution(
    case_reference: str, source: Seller, target: Seller, actor: User | None
) -> list[CreditEvent]:
    """Count the case's events on `target` instead of `source`; returns the new events."""
    target = canonical(target)
    if owner_id(source.id) == target.id:
        raise SellerError(_l("The case already counts on this seller."), "target_id")
    events = movable_events(source, case_reference.strip())
    if not events:
        raise SellerError(
            _l("No event of case %(reference)s counts on this seller.", reference=case_reference),
            "case_reference",
        )
    now = clock.now()
    moved: list[CreditEvent] = []
    for event in events:
        session.add(
            CreditEvent(
                seller_id=event.seller_id,
                kind=CreditEventKind.ATTRIBUTION_MOVED,
                points=-event.points,
                case_reference=event.case_reference,
                happened_at=now,
                expires_at=event.expires_at,
                reverses_id=event.id,
            )
        )
        copy = CreditEvent(
            seller_id=target.id,
            kind=event.kind,
            points=event.points,
            case_reference=event.case_reference,
            happened_at=event.happened_at,
            expires_at=event.expires_at,
            moved_from_id=event.id,
        )
        session.add(copy)
        moved.append(copy)
    session.flush()
    move_case(case_reference.strip(), source.id, target.id, actor)
    publish_seller(target, now)
    refresh_credit({owner_id(source.id), target.id}, now, "moved")
    record_audit(
        "seller.attribution_moved",
        f"seller:{source.id}",
        actor=actor,
        case=case_reference,
        to=target.id,
        events=[event.id for event in events],
    )
    return moved
