"""The complaint's tables (DESIGN.md 4, 7 and 8): the complaint itself (a case of kind
"complaint" with the consumer's own table), what the consumer side keeps besides it (one-time form
ids, feedback, accounts linked to complaints, duplicate flags), and what a complaint ends with
(settlements proposed and agreed, the officer's findings).

Findings, not free text, create credit events (DESIGN.md section 7), so they are stored as flags
that `complaints.services.findings` turns into entries on the seller's ledger.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    Numeric,
    SmallInteger,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.models import Case
from core import clock
from core.db import Base
from core.models import enum_column

DESCRIPTION_MIN = 20
DESCRIPTION_MAX = 5000


class Resolution(enum.StrEnum):
    """What the consumer wants."""

    REFUND = "refund"
    REPLACEMENT = "replacement"
    REPAIR = "repair"
    COMPENSATION = "compensation"
    APOLOGY = "apology"
    OTHER = "other"


class Complaint(Case):
    """A consumer's complaint about a seller; personal fields are blanked by anonymisation."""

    __tablename__ = "complaints"
    __mapper_args__ = {"polymorphic_identity": "complaint"}  # noqa: RUF012

    id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    consumer_name: Mapped[str] = mapped_column(String(200))
    consumer_email: Mapped[str] = mapped_column(String(254), index=True)
    consumer_phone: Mapped[str | None] = mapped_column(String(40))
    consumer_country: Mapped[str] = mapped_column(String(2))
    platform_name: Mapped[str | None] = mapped_column(String(80))
    seller_name: Mapped[str | None] = mapped_column(String(200))
    seller_shop_url: Mapped[str | None] = mapped_column(String(500))
    seller_platform_id: Mapped[str | None] = mapped_column(String(100))
    product: Mapped[str | None] = mapped_column(String(200))
    order_number: Mapped[str | None] = mapped_column(String(100))
    purchase_date: Mapped[date | None]
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    description: Mapped[str] = mapped_column(Text)
    desired_resolution: Mapped[Resolution] = mapped_column(enum_column(Resolution, 20))
    consent_forward_to_seller: Mapped[bool] = mapped_column(default=False)
    seller_first: Mapped[bool] = mapped_column(default=False)
    consent_publish_narrative: Mapped[bool] = mapped_column(default=False)
    consent_share_with_rights_holder: Mapped[bool] = mapped_column(default=False)
    tracking_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # A link asked for by "Lost your link?": the old one works until this one is first used.
    pending_tracking_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # What the NLP suggested beside what the consumer chose: {field: {"suggested", "chosen"}}.
    suggested: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


# What the consumer side keeps besides the complaint.


class ComplaintSubmission(Base):
    """The one-time id of a sent filing form: a second send of the same form finds it here."""

    __tablename__ = "complaint_submissions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    complaint: Mapped[Complaint] = relationship()


class ComplaintFeedback(Base):
    """The consumer's rating of the outcome, once per complaint."""

    __tablename__ = "complaint_feedback"
    __table_args__ = (CheckConstraint("rating BETWEEN 1 AND 5", name="rating"),)

    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True
    )
    rating: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)


class ComplaintOwner(Base):
    """A consumer account that filed the complaint while signed in."""

    __tablename__ = "complaint_owners"

    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class VerifiedConsumerEmail(Base):
    """A consumer account whose e-mail address was proven by a mailed link: the complaints
    filed with that address are listed for it."""

    __tablename__ = "verified_consumer_emails"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    email: Mapped[str] = mapped_column(String(254))
    verified_at: Mapped[datetime] = mapped_column(default=clock.now)


class DuplicateFlag(Base):
    """A complaint filed that looks like an earlier one; flagged to officers, never dropped."""

    __tablename__ = "complaint_duplicate_flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), index=True
    )
    duplicate_of_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(String(20))  # email_order or text
    created_at: Mapped[datetime] = mapped_column(default=clock.now)


# What a complaint ends with.


class RejectionReason(enum.StrEnum):
    """The fixed list of DESIGN.md section 4."""

    OUT_OF_SCOPE = "out_of_scope"
    DUPLICATE = "duplicate"
    HANDLED_ELSEWHERE = "handled_elsewhere"
    TOO_OLD = "too_old"  # more than 3 years since the consumer knew of the harm
    NOT_CONSUMER_DISPUTE = "not_consumer_dispute"
    INCOMPLETE = "incomplete"


class SettlementKind(enum.StrEnum):
    REFUND = "refund"
    REPLACEMENT = "replacement"
    REPAIR = "repair"
    COMPENSATION = "compensation"
    APOLOGY = "apology"


RELIEF = frozenset(
    {
        SettlementKind.REFUND,
        SettlementKind.REPLACEMENT,
        SettlementKind.REPAIR,
        SettlementKind.COMPENSATION,
    }
)


class SettlementStatus(enum.StrEnum):
    PROPOSED = "proposed"  # by the seller, waiting for the consumer
    ACCEPTED = "accepted"  # by the consumer
    REJECTED = "rejected"  # by the consumer
    AGREED = "agreed"  # recorded by an officer at the end of mediation
    SUPERSEDED = "superseded"  # the seller proposed again before the consumer answered


class ComplaintSettlement(Base):
    """A settlement the seller proposed, or the agreement an officer recorded."""

    __tablename__ = "complaint_settlements"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), index=True
    )
    proposed_by: Mapped[str] = mapped_column(String(20))  # seller or officer
    kind: Mapped[SettlementKind] = mapped_column(enum_column(SettlementKind, 20))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    terms: Mapped[str | None] = mapped_column(Text)  # personal data: blanked by anonymisation
    status: Mapped[SettlementStatus] = mapped_column(enum_column(SettlementStatus, 12))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    decided_at: Mapped[datetime | None]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    @property
    def is_relief(self) -> bool:
        return self.kind in RELIEF


class ComplaintFinding(Base):
    """The findings of one complaint. `no_answer` is set by the job when the seller stays silent,
    `refused_mediation` when mediation fails that way; the rest when the officer decides."""

    __tablename__ = "complaint_findings"

    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True
    )
    no_answer: Mapped[bool] = mapped_column(default=False)
    refused_mediation: Mapped[bool] = mapped_column(default=False)
    substantiated: Mapped[bool | None]  # None until the officer decides
    counterfeit: Mapped[bool] = mapped_column(default=False)
    unsafe: Mapped[bool] = mapped_column(default=False)
    fraud: Mapped[bool] = mapped_column(default=False)
    rejection_reason: Mapped[RejectionReason | None] = mapped_column(
        enum_column(RejectionReason, 30)
    )
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


# The complaint jobs find their cases by kind, state and time, in proportion to what is due.
Index(
    "ix_cases_kind_status_due",
    Case.kind,
    Case.status,
    Case.due_at,
    postgresql_where=text("closed_at IS NULL"),
    sqlite_where=text("closed_at IS NULL"),
)
Index(
    "ix_cases_kind_status_closed",
    Case.kind,
    Case.status,
    Case.closed_at,
    postgresql_where=text("closed_at IS NOT NULL"),
    sqlite_where=text("closed_at IS NOT NULL"),
)
