"""What a holder reports: a `Notice` (IP-2026-000045) naming rights and grouping `Listing`s, each
a case of kind "ipr_listing" (IP-2026-000045-017) with its own seller, deadline, assignee and
state. After the decision: a takedown issues a `StatementOfReasons` (DSA art. 17); a rejection may
be appealed once within 6 months (`ListingAppeal`, decided by another officer, DSA art. 20).
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.models import Case
from core import clock
from core.db import Base
from core.models import User, enum_column
from ipr.models.holders import IpRight, RightsHolder
from ipr.workflow import AppealStatus
from sellers.models import Platform

MAX_LISTINGS = 300  # per notice (DESIGN.md section 5)
APPEAL_MONTHS = 6  # a rejected holder may appeal within 6 months (DSA art. 20)


class Channel(enum.StrEnum):
    """How a notice arrived."""

    WEB = "web"
    API = "api"


notice_rights = Table(
    "ipr_notice_rights",
    Base.metadata,
    Column("notice_id", ForeignKey("ipr_notices.id", ondelete="CASCADE"), primary_key=True),
    Column("right_id", ForeignKey("ipr_rights.id"), primary_key=True, index=True),
)


class Notice(Base):
    """A rights holder's notice: the rights it relies on and the listings it reports, with the
    holder's statements. Not a case itself: each listing is one (`Listing`).

    `flagged` lists the reported listings that were already under an open notice and so were not
    opened again: [{"position": 17, "url": "...", "case": "IP-2026-000012-003"}].
    `warnings` are the NLP's doubts for the officer, e.g. a brand named in the text that matches
    none of the trademarks: [{"code": "brand_mismatch", "text": "Acme"}].
    """

    __tablename__ = "ipr_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)  # IP-2026-000045
    holder_id: Mapped[int] = mapped_column(ForeignKey("ipr_rights_holders.id"), index=True)
    submitted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    channel: Mapped[Channel] = mapped_column(enum_column(Channel, 5))
    description: Mapped[str] = mapped_column(Text)
    good_faith: Mapped[bool]  # "I believe in good faith that the use is not authorised"
    accurate: Mapped[bool]  # "the information is accurate", under the signature
    signature: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="en")
    infringement_type: Mapped[str | None] = mapped_column(String(20))  # TAXONOMY.md section 2
    nlp_analysis: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    warnings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    flagged: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=clock.now, index=True)

    holder: Mapped[RightsHolder] = relationship()
    submitted_by: Mapped[User] = relationship()
    rights: Mapped[list[IpRight]] = relationship(secondary=notice_rights, order_by="IpRight.id")
    listings: Mapped[list[Listing]] = relationship(
        back_populates="notice", order_by="Listing.position", foreign_keys="Listing.notice_id"
    )


class Listing(Case):
    """One reported listing: a case of kind "ipr_listing" under its notice.

    `url_key` is the normalised URL (sellers.services.identity.shop_url_key) that finds a listing
    already under an open notice and relates cases ("listing" relation key). `right_id` is the
    right the decision invokes (one of the notice's). `Case.jurisdiction` holds the country whose
    rule applies (the platform's, default CN); `counterfeit` is the officer's finding at
    takedown.
    Personal data here: none beyond the seller's trade name (the seller is in `sellers`).
    """

    __tablename__ = "ipr_listings"
    __mapper_args__ = {"polymorphic_identity": "ipr_listing"}  # noqa: RUF012
    __table_args__: Any = (  # its own, not Case's (which are on the cases table)
        UniqueConstraint("notice_id", "position"),
        Index("ix_ipr_listings_url_key", "url_key"),
    )

    id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("ipr_notices.id"))
    position: Mapped[int]  # 1-300: the -017 of the reference
    url: Mapped[str] = mapped_column(String(2000))
    url_key: Mapped[str] = mapped_column(String(500))
    platform_name: Mapped[str | None] = mapped_column(String(80))
    platform_id: Mapped[int | None] = mapped_column(ForeignKey("platforms.id"))
    seller_name: Mapped[str | None] = mapped_column(String(200))
    platform_listing_id: Mapped[str | None] = mapped_column(String(100))
    explanation: Mapped[str] = mapped_column(Text)
    right_id: Mapped[int | None] = mapped_column(ForeignKey("ipr_rights.id"))
    counterfeit: Mapped[bool] = mapped_column(default=False)
    decided_at: Mapped[datetime | None]  # the first decision (taken down or rejected)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_reasons: Mapped[str | None] = mapped_column(Text)  # of a rejection, to the holder

    notice: Mapped[Notice] = relationship(back_populates="listings", foreign_keys=[notice_id])
    platform: Mapped[Platform | None] = relationship()
    right: Mapped[IpRight | None] = relationship()
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])


class StatementOfReasons(Base):
    """What a takedown tells the seller and the platform (DSA art. 17): the measure, its scope,
    the facts, the right invoked, whether automation was used, and how to object."""

    __tablename__ = "ipr_statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("ipr_listings.id"), index=True)
    measure: Mapped[str] = mapped_column(String(200))  # e.g. "removal of the listing"
    scope: Mapped[str] = mapped_column(Text)  # the listing, where, how long
    facts: Mapped[str] = mapped_column(Text)
    right_id: Mapped[int] = mapped_column(ForeignKey("ipr_rights.id"))
    right_summary: Mapped[str] = mapped_column(Text)  # the right as invoked, kept as sent
    counterfeit: Mapped[bool] = mapped_column(default=False)
    automated_detection: Mapped[bool] = mapped_column(default=False)
    automated_decision: Mapped[bool] = mapped_column(default=False)
    redress: Mapped[str] = mapped_column(Text)  # counter-notice, appeal, court
    issued_at: Mapped[datetime] = mapped_column(default=clock.now)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    listing: Mapped[Listing] = relationship()
    right: Mapped[IpRight] = relationship()


class ListingAppeal(Base):
    """The holder's appeal against a rejection (DSA art. 20): filed within 6 months of it, once,
    decided by an officer other than the one who rejected."""

    __tablename__ = "ipr_appeals"

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("ipr_listings.id"), unique=True)
    grounds: Mapped[str] = mapped_column(Text)
    filed_at: Mapped[datetime] = mapped_column(default=clock.now)
    filed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[AppealStatus] = mapped_column(
        enum_column(AppealStatus, 10), default=AppealStatus.PENDING
    )
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_reasons: Mapped[str | None] = mapped_column(Text)

    listing: Mapped[Listing] = relationship()
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
