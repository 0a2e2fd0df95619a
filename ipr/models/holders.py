"""Who reports and what it relies on: a `RightsHolder` organisation (owner of the rights, or an
agent with a power of attorney), verified by an officer; its people are user accounts (role
rights_holder) linked by `RightsHolderMember`; the `IpRight`s in its vault (trademark, copyright,
patent), each verified once and reused in every notice until it expires.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core import clock
from core.db import Base
from core.models import User, enum_column


class Verification(enum.StrEnum):
    """An officer's check of an organisation or a right."""

    PENDING = "pending"
    VERIFIED = "verified"
    REFUSED = "refused"  # with reasons; the holder may correct and ask again (back to pending)


class Capacity(enum.StrEnum):
    """In what capacity an organisation reports: for its own rights, or as an agent."""

    OWNER = "owner"
    AGENT = "agent"  # must upload a power of attorney from the principal


class RightType(enum.StrEnum):
    TRADEMARK = "trademark"
    COPYRIGHT = "copyright"
    PATENT = "patent"


class TrademarkOffice(enum.StrEnum):
    CNIPA = "CNIPA"
    USPTO = "USPTO"
    EUIPO = "EUIPO"
    WIPO = "WIPO"  # international registration (Madrid)
    OTHER = "other"  # named in IpRight.office_name


class PatentType(enum.StrEnum):
    INVENTION = "invention"
    UTILITY = "utility"  # utility model
    DESIGN = "design"


class RightsHolder(Base):
    """An organisation that reports infringements: contact details for every notice come from
    here. It may file once an officer verified it (and, for an agent, its power of attorney).

    `good_standing` and the times next to it are derived from the holder's decided listings by
    the standing computation (>= 90% taken down, <= 5% reversed over 3 months); kept here so that
    filing and queue order read one column. `StandingChange` keeps the history.
    """

    __tablename__ = "ipr_rights_holders"

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    address: Mapped[str | None] = mapped_column(Text)
    contact_name: Mapped[str] = mapped_column(String(120))
    contact_email: Mapped[str] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    website: Mapped[str | None] = mapped_column(String(500))
    language: Mapped[str] = mapped_column(String(8), default="en")  # of mails to the holder
    capacity: Mapped[Capacity] = mapped_column(enum_column(Capacity, 10))
    principal_name: Mapped[str | None] = mapped_column(String(200))  # an agent's client
    status: Mapped[Verification] = mapped_column(
        enum_column(Verification, 10), default=Verification.PENDING, index=True
    )
    refusal_reasons: Mapped[str | None] = mapped_column(Text)
    verified_at: Mapped[datetime | None]
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Derived (see the class docstring); a holder without decided listings is not in good standing.
    good_standing: Mapped[bool] = mapped_column(default=False)
    standing_checked_at: Mapped[datetime | None]
    standing_lost_at: Mapped[datetime | None]  # good standing may return 3 months after this
    # Set while a MisuseMeasure suspension runs (copied from it so filing checks one column).
    suspended_until: Mapped[datetime | None]

    verified_by: Mapped[User | None] = relationship(foreign_keys=[verified_by_id])
    members: Mapped[list[RightsHolderMember]] = relationship(
        back_populates="holder", order_by="RightsHolderMember.user_id"
    )
    rights: Mapped[list[IpRight]] = relationship(back_populates="holder", order_by="IpRight.id")

    @property
    def is_verified(self) -> bool:
        return self.status == Verification.VERIFIED


class RightsHolderMember(Base):
    """A user account that acts for a rights-holder organisation (one organisation per account)."""

    __tablename__ = "ipr_rights_holder_members"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    holder_id: Mapped[int] = mapped_column(ForeignKey("ipr_rights_holders.id"), index=True)
    added_at: Mapped[datetime] = mapped_column(default=clock.now)

    holder: Mapped[RightsHolder] = relationship(back_populates="members")
    user: Mapped[User] = relationship()


class IpRight(Base):
    """A trademark, copyright or patent in a holder's vault, verified once by an officer.

    One table for the three types (they share verification, validity and use); the columns a
    type does not have stay empty, and the CHECKs hold each type to its own.
    - trademark: `registration_number`, `office` (+ `office_name` for other offices),
      `nice_classes` (1-45), `title` = the mark's text, optional image (an IprFile MARK_IMAGE);
    - copyright: `title` = the work, `owner_name`, optional `registration_number`;
    - patent: `registration_number` = patent number, `patent_type`, `title` = the invention.
    A right whose `valid_until` has passed cannot be named in a new notice.
    """

    __tablename__ = "ipr_rights"
    __table_args__ = (
        CheckConstraint(
            "right_type <> 'trademark' OR (office IS NOT NULL AND registration_number IS NOT NULL)",
            name="trademark_fields",
        ),
        CheckConstraint(
            "right_type <> 'patent' OR (patent_type IS NOT NULL AND "
            "registration_number IS NOT NULL)",
            name="patent_fields",
        ),
        CheckConstraint(
            "right_type <> 'copyright' OR owner_name IS NOT NULL", name="copyright_fields"
        ),
        Index("ix_ipr_rights_holder_type", "holder_id", "right_type"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    holder_id: Mapped[int] = mapped_column(ForeignKey("ipr_rights_holders.id"))
    right_type: Mapped[RightType] = mapped_column(enum_column(RightType, 10))
    title: Mapped[str] = mapped_column(String(300))  # mark text, work, or invention title
    registration_number: Mapped[str | None] = mapped_column(String(64))
    office: Mapped[TrademarkOffice | None] = mapped_column(enum_column(TrademarkOffice, 10))
    office_name: Mapped[str | None] = mapped_column(String(120))
    nice_classes: Mapped[list[int]] = mapped_column(JSON, default=list)
    owner_name: Mapped[str | None] = mapped_column(String(200))  # the registered owner
    patent_type: Mapped[PatentType | None] = mapped_column(enum_column(PatentType, 10))
    country: Mapped[str | None] = mapped_column(String(2))  # where it is registered, if national
    valid_from: Mapped[date | None]
    valid_until: Mapped[date | None]  # None: no end (e.g. copyright within its term)
    status: Mapped[Verification] = mapped_column(
        enum_column(Verification, 10), default=Verification.PENDING
    )
    refusal_reasons: Mapped[str | None] = mapped_column(Text)
    verified_at: Mapped[datetime | None]
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    holder: Mapped[RightsHolder] = relationship(back_populates="rights")
    verified_by: Mapped[User | None] = relationship()

    def in_force_on(self, day: date) -> bool:
        """Whether the right is valid on `day` (its validity dates, inclusive)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )
