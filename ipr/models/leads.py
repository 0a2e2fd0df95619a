"""Counterfeit leads from consumer complaints (through core.signals.counterfeit_lead, never an
import of complaints): `CounterfeitLead`, never the consumer's data.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core import clock
from core.db import Base
from ipr.models.holders import IpRight, RightsHolder
from sellers.models import Seller


class CounterfeitLead(Base):
    """A consumer complaint about counterfeit goods of a brand a holder registered, shared with
    the holder's consent through core.signals.counterfeit_lead: never the consumer's data."""

    __tablename__ = "ipr_counterfeit_leads"
    __table_args__ = (UniqueConstraint("holder_id", "complaint_reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    holder_id: Mapped[int] = mapped_column(ForeignKey("ipr_rights_holders.id"))
    right_id: Mapped[int] = mapped_column(ForeignKey("ipr_rights.id"))  # the matching trademark
    complaint_reference: Mapped[str] = mapped_column(String(40), index=True)
    brand: Mapped[str] = mapped_column(String(200))
    product: Mapped[str | None] = mapped_column(String(200))
    platform: Mapped[str | None] = mapped_column(String(80))
    seller_id: Mapped[int | None] = mapped_column(ForeignKey("sellers.id"))
    listing_url: Mapped[str | None] = mapped_column(String(2000))
    happened_at: Mapped[datetime]  # when complaints recorded the finding
    received_at: Mapped[datetime] = mapped_column(default=clock.now)
    seen_at: Mapped[datetime | None]  # first opened by the holder

    holder: Mapped[RightsHolder] = relationship()
    right: Mapped[IpRight] = relationship()
    seller: Mapped[Seller | None] = relationship()
