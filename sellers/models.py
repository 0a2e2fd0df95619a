"""Platforms, the seller registry, the credit ledger, seller access and appeals (DESIGN.md 7)."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core import clock
from core.db import Base
from core.models import User, enum_column


class CreditEventKind(enum.StrEnum):
    """What happened. The first eight come from case outcomes; the last four answer them."""

    COMPLAINT_UPHELD = "complaint_upheld"
    NO_ANSWER = "no_answer"
    REFUSED_MEDIATION = "refused_mediation"
    TAKEDOWN = "takedown"
    TAKEDOWN_COUNTERFEIT = "takedown_counterfeit"
    COUNTERFEIT_CONFIRMED = "counterfeit_confirmed"
    UNSAFE_CONFIRMED = "unsafe_confirmed"
    FRAUD_CONFIRMED = "fraud_confirmed"
    TAKEDOWN_RESTORED = "takedown_restored"  # reverses that case's takedown event
    APPEAL_UPHELD = "appeal_upheld"  # reverses the appealed event
    APPEAL_REJECTED = "appeal_rejected"  # 0 points: the record says the appeal was heard
    ATTRIBUTION_MOVED = "attribution_moved"  # reverses an event now counted on another seller

    @property
    def is_answer(self) -> bool:
        return self in ANSWER_KINDS


POINTS = {
    CreditEventKind.COMPLAINT_UPHELD: 2,
    CreditEventKind.NO_ANSWER: 3,
    CreditEventKind.REFUSED_MEDIATION: 4,
    CreditEventKind.TAKEDOWN: 6,
    CreditEventKind.TAKEDOWN_COUNTERFEIT: 12,
    CreditEventKind.COUNTERFEIT_CONFIRMED: 12,
    CreditEventKind.UNSAFE_CONFIRMED: 12,
    CreditEventKind.FRAUD_CONFIRMED: 48,
}
ANSWER_KINDS = frozenset(
    {
        CreditEventKind.TAKEDOWN_RESTORED,
        CreditEventKind.APPEAL_UPHELD,
        CreditEventKind.APPEAL_REJECTED,
        CreditEventKind.ATTRIBUTION_MOVED,
    }
)
TAKEDOWN_KINDS = frozenset({CreditEventKind.TAKEDOWN, CreditEventKind.TAKEDOWN_COUNTERFEIT})


class Tier(enum.StrEnum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"


def tier_for(points: int) -> Tier:
    """Tier from active points: A 0, B 1-11, C 12-47, D 48 and more."""
    if points >= 48:
        return Tier.D
    if points >= 12:
        return Tier.C
    if points >= 1:
        return Tier.B
    return Tier.A


class NoticeRule(enum.StrEnum):
    """The law that sets a platform's counter-notice window by default."""

    PRC = "prc"  # PRC E-Commerce Law art. 42-43
    DMCA = "dmca"  # US DMCA s.512(g), for copyright


class Platform(Base):
    """A marketplace or host, by every name it goes by, with where forwarded complaints and
    takedown requests go, the law it answers to, and how its addresses name stores and listings."""

    __tablename__ = "platforms"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)  # the English name
    name_zh: Mapped[str | None] = mapped_column(String(80))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)  # other spellings, any language
    domains: Mapped[list[str]] = mapped_column(JSON, default=list)  # e.g. ["aliexpress.com"]
    country: Mapped[str | None] = mapped_column(String(2))  # its jurisdiction
    counter_notice_rule: Mapped[NoticeRule] = mapped_column(
        enum_column(NoticeRule, 8), default=NoticeRule.PRC
    )
    # Regular expressions over "host/path?query" with named groups `store` and/or `listing`.
    url_patterns: Mapped[list[str]] = mapped_column(JSON, default=list)
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_url: Mapped[str | None] = mapped_column(String(500))  # notice form of the platform
    created_at: Mapped[datetime] = mapped_column(default=clock.now)


class Seller(Base):
    """A seller on a platform. `tier`, `active_points` and `next_expiry_at` are derived from the
    ledger (of this seller and of those merged into it) and kept current by sellers.ledger."""

    __tablename__ = "sellers"
    __table_args__ = (
        UniqueConstraint("platform_id", "platform_seller_id"),
        Index("ix_sellers_platform_name_key", "platform_id", "name_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))  # normalised name, see services.identity
    platform_id: Mapped[int | None] = mapped_column(ForeignKey("platforms.id"), index=True)
    shop_url: Mapped[str | None] = mapped_column(String(500))
    shop_url_key: Mapped[str | None] = mapped_column(String(500), index=True)
    platform_seller_id: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(2))
    registration_number: Mapped[str | None] = mapped_column(String(64))
    # Personal data: shown to staff (audited) and to the seller itself, never to the public.
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_person: Mapped[str | None] = mapped_column(String(120))
    trader_address: Mapped[str | None] = mapped_column(Text)
    trader_phone: Mapped[str | None] = mapped_column(String(40))
    trade_register: Mapped[str | None] = mapped_column(String(200))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    possible_duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("sellers.id"))
    duplicate_score: Mapped[int | None]
    # The surviving seller at the end of this seller's active merge mappings (None: stands alone).
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("sellers.id"), index=True)
    # Shown publicly from this moment: an officer decided a case about it, or it claimed its record.
    public_since: Mapped[datetime | None]
    name_is_person: Mapped[bool] = mapped_column(default=False)  # shown as "a seller on X"
    tier: Mapped[Tier] = mapped_column(enum_column(Tier, 1), default=Tier.A)
    active_points: Mapped[int] = mapped_column(default=0)
    next_expiry_at: Mapped[datetime | None] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    platform: Mapped[Platform | None] = relationship()
    account: Mapped[User | None] = relationship()
    aliases: Mapped[list[SellerAlias]] = relationship(
        order_by="SellerAlias.id", back_populates="seller"
    )


class SellerAlias(Base):
    """Another name the seller trades or appeared under."""

    __tablename__ = "seller_aliases"
    __table_args__ = (UniqueConstraint("seller_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    seller: Mapped[Seller] = relationship(back_populates="aliases")


class SellerMerge(Base):
    """`merged` is now represented by `survivor`, from created_at until ended_at (an undo)."""

    __tablename__ = "seller_merges"

    id: Mapped[int] = mapped_column(primary_key=True)
    merged_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    survivor_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    ended_at: Mapped[datetime | None]
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    merged: Mapped[Seller] = relationship(foreign_keys=[merged_id])
    survivor: Mapped[Seller] = relationship(foreign_keys=[survivor_id])


class CreditEvent(Base):
    """One row of the append-only ledger. Never updated: a reversal is a new event."""

    __tablename__ = "credit_events"
    __table_args__ = (Index("ix_credit_events_seller_expires", "seller_id", "expires_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"))
    kind: Mapped[CreditEventKind] = mapped_column(enum_column(CreditEventKind, 32))
    points: Mapped[int]
    case_reference: Mapped[str] = mapped_column(String(40), index=True)
    happened_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("credit_events.id"), unique=True)
    # The same event, recorded on this seller because an officer moved the attribution here.
    moved_from_id: Mapped[int | None] = mapped_column(ForeignKey("credit_events.id"), unique=True)
    recorded_at: Mapped[datetime] = mapped_column(default=clock.now)

    reverses: Mapped[CreditEvent | None] = relationship(
        remote_side=[id], foreign_keys=[reverses_id]
    )


class TierChange(Base):
    """The seller's tier moved: when, from what to what, and why."""

    __tablename__ = "seller_tier_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    at: Mapped[datetime]
    old_tier: Mapped[Tier] = mapped_column(enum_column(Tier, 1))
    new_tier: Mapped[Tier] = mapped_column(enum_column(Tier, 1))
    points: Mapped[int]
    reason: Mapped[str] = mapped_column(String(20))  # event, expiry, merge, unmerge


class SellerAccessToken(Base):
    """A secret link for one seller and one case. Only the SHA-256 of the secret is stored."""

    __tablename__ = "seller_access_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    case_reference: Mapped[str] = mapped_column(String(40))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]

    seller: Mapped[Seller] = relationship()

    def usable_at(self, moment: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > moment


class RequestStatus(enum.StrEnum):
    PENDING = "pending"
    GRANTED = "granted"  # appeal upheld, claim confirmed
    REFUSED = "refused"


class CreditAppeal(Base):
    """A seller's appeal against one event (once per event), and the officer's decision."""

    __tablename__ = "credit_appeals"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("credit_events.id"), unique=True)
    reasons: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str | None] = mapped_column(Text)
    filed_at: Mapped[datetime] = mapped_column(default=clock.now)
    filed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    access_token_id: Mapped[int | None] = mapped_column(ForeignKey("seller_access_tokens.id"))
    status: Mapped[RequestStatus] = mapped_column(
        enum_column(RequestStatus, 10), default=RequestStatus.PENDING, index=True
    )
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_reasons: Mapped[str | None] = mapped_column(Text)
    result_event_id: Mapped[int | None] = mapped_column(ForeignKey("credit_events.id"))

    event: Mapped[CreditEvent] = relationship(foreign_keys=[event_id])


class SellerClaim(Base):
    """A seller account asking to be linked to a seller record; an officer confirms it."""

    __tablename__ = "seller_claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    access_token_id: Mapped[int] = mapped_column(ForeignKey("seller_access_tokens.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    status: Mapped[RequestStatus] = mapped_column(
        enum_column(RequestStatus, 10), default=RequestStatus.PENDING, index=True
    )
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    seller: Mapped[Seller] = relationship()
    user: Mapped[User] = relationship(foreign_keys=[user_id])
