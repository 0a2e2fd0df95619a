"""A consumer complaint: a case of kind "complaint" with the consumer's own table (DESIGN.md 8)."""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from casework.models import Case
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
    suggested: Mapped[list[str]] = mapped_column(JSON, default=list)  # fields filled by the NLP
