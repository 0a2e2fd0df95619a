"""Records of conduct: a holder's good standing over time (`StandingChange`, DSA art. 22
trusted-flagger-like priority) and the measures against its misuse of notices (`MisuseMeasure`,
DSA art. 23); sellers flagged as repeat infringers (`RepeatInfringerFlag`).
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core import clock
from core.db import Base
from core.models import enum_column
from ipr.models.holders import RightsHolder
from sellers.models import Seller


class MisuseKind(enum.StrEnum):
    WARNING = "warning"
    SUSPENSION = "suspension"  # no notices accepted between starts_at and ends_at


class StandingChange(Base):
    """A change of a holder's good standing, with the figures it was computed from."""

    __tablename__ = "ipr_standing_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    holder_id: Mapped[int] = mapped_column(ForeignKey("ipr_rights_holders.id"), index=True)
    at: Mapped[datetime] = mapped_column(default=clock.now)
    good_standing: Mapped[bool]
    decided: Mapped[int]  # listings decided in the 3 months before `at`
    taken_down: Mapped[int]
    reversed: Mapped[int]  # restored after a counter-notice
    reason: Mapped[str] = mapped_column(String(200))


class MisuseMeasure(Base):
    """A warning or a suspension of a holder for frequently manifestly unfounded notices
    (DSA art. 23), with the officer's reasons and the notices considered."""

    __tablename__ = "ipr_misuse_measures"

    id: Mapped[int] = mapped_column(primary_key=True)
    holder_id: Mapped[int] = mapped_column(ForeignKey("ipr_rights_holders.id"), index=True)
    kind: Mapped[MisuseKind] = mapped_column(enum_column(MisuseKind, 10))
    reasons: Mapped[str] = mapped_column(Text)
    notice_references: Mapped[list[str]] = mapped_column(JSON, default=list)
    unfounded_count: Mapped[int] = mapped_column(default=0)
    decided_at: Mapped[datetime] = mapped_column(default=clock.now)
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    starts_at: Mapped[datetime | None]  # suspensions only
    ends_at: Mapped[datetime | None]
    lifted_at: Mapped[datetime | None]  # ended early by an officer
    lifted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    holder: Mapped[RightsHolder] = relationship()


class RepeatInfringerFlag(Base):
    """A seller with 3 takedowns not reversed within 365 days; `cleared_at` when that is no
    longer true (a takedown reversed or expired)."""

    __tablename__ = "ipr_repeat_infringers"
    __table_args__ = (Index("ix_ipr_repeat_infringers_seller_open", "seller_id", "cleared_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"))
    flagged_at: Mapped[datetime] = mapped_column(default=clock.now)
    takedowns: Mapped[int]
    case_references: Mapped[list[str]] = mapped_column(JSON, default=list)
    cleared_at: Mapped[datetime | None]

    seller: Mapped[Seller] = relationship()
