"""What a complaint ends with: settlements proposed and agreed, and the officer's findings.

Findings, not free text, create credit events (DESIGN.md section 7), so they are stored as
flags that `complaints.findings` turns into case-outcome signals.
"""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from casework.models import Case
from core import clock
from core.db import Base
from core.models import enum_column


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


RELIEF = frozenset({SettlementKind.REFUND, SettlementKind.REPLACEMENT, SettlementKind.REPAIR,
                    SettlementKind.COMPENSATION})


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
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"),
                                              index=True)
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
        ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True)
    no_answer: Mapped[bool] = mapped_column(default=False)
    refused_mediation: Mapped[bool] = mapped_column(default=False)
    substantiated: Mapped[bool | None]  # None until the officer decides
    counterfeit: Mapped[bool] = mapped_column(default=False)
    unsafe: Mapped[bool] = mapped_column(default=False)
    fraud: Mapped[bool] = mapped_column(default=False)
    rejection_reason: Mapped[RejectionReason | None] = mapped_column(
        enum_column(RejectionReason, 30))
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


# The complaint jobs find their cases by kind, state and time, in proportion to what is due.
Index("ix_cases_kind_status_due", Case.kind, Case.status, Case.due_at,
      postgresql_where=text("closed_at IS NULL"), sqlite_where=text("closed_at IS NULL"))
Index("ix_cases_kind_status_closed", Case.kind, Case.status, Case.closed_at,
      postgresql_where=text("closed_at IS NOT NULL"), sqlite_where=text("closed_at IS NOT NULL"))
