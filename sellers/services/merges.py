"""Seller merges as recorded mappings (DESIGN.md 7): reading a ledger follows the active ones,
and undoing a merge ends its mapping, so both ledgers come back exactly."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from core import clock
from core.audit import record_audit
from core.db import session
from core.models import User
from sellers.models import Seller, SellerMerge
from sellers.services.ledger import refresh_credit
from sellers.services.publication import publish_seller
from sellers.services.registry import SellerError, canonical


def merge_sellers(merged: Seller, survivor: Seller, actor: User | None) -> SellerMerge:
    """From now on `survivor` stands for `merged` (and for any seller merged into it)."""
    survivor = canonical(survivor)
    if merged.merged_into_id is not None:
        raise SellerError(
            _l("Seller %(id)s is already merged into another seller.", id=merged.id), "other_id"
        )
    if merged.id == survivor.id:
        raise SellerError(_l("A seller cannot be merged into itself."), "other_id")
    now = clock.now()
    mapping = SellerMerge(
        merged_id=merged.id,
        survivor_id=survivor.id,
        created_at=now,
        created_by_id=actor.id if actor else None,
    )
    session.add(mapping)
    for seller in session.scalars(
        select(Seller).where(or_(Seller.id == merged.id, Seller.merged_into_id == merged.id))
    ):
        seller.merged_into_id = survivor.id
        seller.next_expiry_at = None  # the survivor's record now carries its expiries
    for seller in (merged, survivor):
        if seller.possible_duplicate_of_id in (merged.id, survivor.id):
            seller.possible_duplicate_of_id = seller.duplicate_score = None
    if merged.public_since is not None:  # a decided case now counts on the survivor
        publish_seller(survivor, merged.public_since)
    session.flush()
    refresh_credit([survivor.id], now, "merge")
    record_audit(
        "seller.merged", f"seller:{merged.id}", actor=actor, into=survivor.id, merge=mapping.id
    )
    return mapping


def undo_merge(mapping: SellerMerge, actor: User | None) -> None:
    """End the mapping: the merged seller (and whatever was merged into it) stands alone again."""
    if mapping.ended_at is not None:
        raise SellerError(_l("This merge was already undone."))
    now = clock.now()
    mapping.ended_at = now
    mapping.ended_by_id = actor.id if actor else None
    session.flush()
    active = dict(
        session.execute(
            select(SellerMerge.merged_id, SellerMerge.survivor_id).where(
                SellerMerge.ended_at.is_(None)
            )
        ).all()
    )
    final = mapping.survivor.merged_into_id or mapping.survivor_id
    affected = list(session.scalars(select(Seller).where(Seller.merged_into_id == final)))
    owners = {final}
    for seller in affected:
        end = seller.id
        while end in active:
            end = active[end]
        seller.merged_into_id = None if end == seller.id else end
        owners.add(end)
    session.flush()
    refresh_credit(owners, now, "unmerge")
    record_audit(
        "seller.unmerged",
        f"seller:{mapping.merged_id}",
        actor=actor,
        survivor=mapping.survivor_id,
        merge=mapping.id,
    )


def merges_into(seller: Seller) -> list[SellerMerge]:
    """Active merges whose survivor is this seller, newest first (each can be undone)."""
    return list(
        session.scalars(
            select(SellerMerge)
            .where(SellerMerge.survivor_id == seller.id, SellerMerge.ended_at.is_(None))
            .order_by(SellerMerge.id.desc())
        )
    )
