"""The seller's answer to a takedown: a `CounterNotice` whose window for the holder's
`ActionProof` follows the listing's rule (PRC E-Commerce Law art. 43 or US DMCA s.512(g)).
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core import clock
from core.db import Base
from core.models import enum_column
from ipr.models.notices import Listing
from ipr.workflow import CounterNoticeStatus, ProofStatus


class CounterNoticeRule(enum.StrEnum):
    """Which law sets the holder's window after a counter-notice (DESIGN.md section 5)."""

    PRC = "prc"  # E-Commerce Law art. 43: 15 calendar days from receipt, extendable by up to
    # 20 working days for notarisation or authentication of foreign evidence
    US_DMCA = "us_dmca"  # 17 USC 512(g), copyright only: restore 10-14 business days after it


class ProofKind(enum.StrEnum):
    """What the holder shows after a counter-notice."""

    COMPLAINT = "complaint"  # to a competent authority (PRC)
    LAWSUIT = "lawsuit"  # filed with a people's court (PRC)
    COURT_ACTION = "court_action"  # seeking a court order against the seller (DMCA)


class CounterNotice(Base):
    """The seller's answer to a takedown: a declaration of non-infringement with preliminary
    evidence (IprFile COUNTER_EVIDENCE) and the seller's real identity.

    An officer checks it (`checked_*`) and forwards it to the holder: `forwarded_at` is the
    holder's receipt, from which `window_ends_at` runs by `rule` (PRC: 15 calendar days; US DMCA:
    10-14 business days). An officer may extend a PRC window by up to 20 working days for
    notarisation or authentication of foreign evidence (`extension_*`). The restore_listings job
    restores the listing when the window ends without accepted proof.
    """

    __tablename__ = "ipr_counter_notices"
    __table_args__ = (
        CheckConstraint(
            "extension_working_days IS NULL OR extension_working_days BETWEEN 1 AND 20",
            name="extension_days",
        ),
        Index("ix_ipr_counter_notices_window", "status", "window_ends_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("ipr_listings.id"), index=True)
    rule: Mapped[CounterNoticeRule] = mapped_column(enum_column(CounterNoticeRule, 10))
    declaration: Mapped[str] = mapped_column(Text)  # why the listing does not infringe
    good_faith: Mapped[bool]  # "under penalty of perjury" for DMCA, sincerity for PRC
    consent_to_jurisdiction: Mapped[bool] = mapped_column(default=False)  # DMCA 512(g)(3)(D)
    # The seller's real identity (personal data: anonymised with the case)
    identity_name: Mapped[str] = mapped_column(String(200))
    identity_organisation: Mapped[str | None] = mapped_column(String(200))
    identity_registration: Mapped[str | None] = mapped_column(String(64))  # e.g. USCC
    identity_address: Mapped[str] = mapped_column(Text)
    identity_country: Mapped[str] = mapped_column(String(2))
    identity_email: Mapped[str] = mapped_column(String(254))
    identity_phone: Mapped[str | None] = mapped_column(String(40))
    signature: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="en")
    status: Mapped[CounterNoticeStatus] = mapped_column(
        enum_column(CounterNoticeStatus, 10), default=CounterNoticeStatus.RECEIVED
    )
    received_at: Mapped[datetime] = mapped_column(default=clock.now)
    filed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # a seller account
    access_token_id: Mapped[int | None] = mapped_column(
        ForeignKey("seller_access_tokens.id")
    )  # ... or the seller's secret link
    checked_at: Mapped[datetime | None]
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    refusal_reasons: Mapped[str | None] = mapped_column(Text)
    forwarded_at: Mapped[datetime | None]  # the holder's receipt: the window starts here
    window_ends_at: Mapped[datetime | None]
    window_explanation: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    extension_working_days: Mapped[int | None]
    extension_reasons: Mapped[str | None] = mapped_column(Text)
    extended_at: Mapped[datetime | None]
    extended_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[datetime | None]  # upheld or restored

    listing: Mapped[Listing] = relationship()
    proofs: Mapped[list[ActionProof]] = relationship(
        back_populates="counter_notice", order_by="ActionProof.id"
    )


class ActionProof(Base):
    """The holder's proof that it filed a complaint with an authority or a lawsuit (PRC), or a
    court action (DMCA), after a counter-notice; files are IprFile PROOF rows."""

    __tablename__ = "ipr_action_proofs"

    id: Mapped[int] = mapped_column(primary_key=True)
    counter_notice_id: Mapped[int] = mapped_column(ForeignKey("ipr_counter_notices.id"), index=True)
    kind: Mapped[ProofKind] = mapped_column(enum_column(ProofKind, 15))
    authority: Mapped[str] = mapped_column(String(200))  # the authority or court
    case_number: Mapped[str | None] = mapped_column(String(100))
    filed_on: Mapped[date]
    description: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column(default=clock.now)
    submitted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[ProofStatus] = mapped_column(
        enum_column(ProofStatus, 10), default=ProofStatus.PENDING
    )
    checked_at: Mapped[datetime | None]
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    check_reasons: Mapped[str | None] = mapped_column(Text)

    counter_notice: Mapped[CounterNotice] = relationship(back_populates="proofs")
