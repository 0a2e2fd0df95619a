"""The whole IPR data model (issue 9, DESIGN.md section 5).

Who reports: a `RightsHolder` organisation (owner of the rights, or an agent with a power of
attorney), verified by an officer; its people are user accounts (role rights_holder) linked by
`RightsHolderMember`. What it relies on: `IpRight`s in its vault (trademark, copyright, patent),
each verified once and reused in every notice until it expires. What it reports: a `Notice`
(IP-2026-000045) naming rights and grouping `Listing`s, each a case of kind "ipr_listing"
(IP-2026-000045-017) with its own seller, deadline, assignee and state.

After the decision: a takedown issues a `StatementOfReasons` (DSA art. 17); a rejection may be
appealed once within 6 months (`ListingAppeal`, decided by another officer, DSA art. 20); the
seller may answer a takedown with a `CounterNotice` whose window for the holder's `ActionProof`
follows the listing's rule (PRC art. 43 or US DMCA). Records about the holder's conduct:
`StandingChange` (good standing, DSA art. 22 trusted-flagger-like priority), `MisuseMeasure`
(warnings and suspensions, DSA art. 23); about sellers: `RepeatInfringerFlag`; from complaints:
`CounterfeitLead` (through core.signals.counterfeit_lead, never an import).

Files (powers of attorney, certificates, mark images, evidence, counter-notice evidence, proof)
are `IprFile` rows: the content lives outside the web root under its SHA-256, the row says what
it belongs to by one explicit foreign key.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.models import Case
from core import clock
from core.db import Base
from core.models import User, enum_column
from sellers.models import Platform, Seller

MAX_LISTINGS = 300  # per notice (DESIGN.md section 5)
APPEAL_MONTHS = 6  # a rejected holder may appeal within 6 months (DSA art. 20)
REVIEW_DAYS = 2  # working days to decide a listing
GOOD_STANDING_REVIEW_DAYS = 1  # ... for holders in good standing


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


class FilePurpose(enum.StrEnum):
    POWER_OF_ATTORNEY = "power_of_attorney"  # holder_id
    CERTIFICATE = "certificate"  # right_id
    MARK_IMAGE = "mark_image"  # right_id
    EVIDENCE = "evidence"  # notice_id (test buys, photos, comparisons)
    COUNTER_EVIDENCE = "counter_evidence"  # counter_notice_id (incl. proof of identity)
    PROOF = "proof"  # proof_id: the filed complaint or lawsuit


class Channel(enum.StrEnum):
    """How a notice arrived."""

    WEB = "web"
    API = "api"


class CounterNoticeRule(enum.StrEnum):
    """Which law sets the holder's window after a counter-notice (DESIGN.md section 5)."""

    PRC = "prc"  # E-Commerce Law art. 43: 15 calendar days from receipt, extendable by up to
    # 20 working days for notarisation or authentication of foreign evidence
    US_DMCA = "us_dmca"  # 17 USC 512(g), copyright only: restore 10-14 business days after it


class CounterNoticeStatus(enum.StrEnum):
    RECEIVED = "received"  # filed by the seller; an officer checks it
    FORWARDED = "forwarded"  # sent to the holder: the window runs from forwarded_at
    REFUSED = "refused"  # incomplete or not a counter-notice (reasons given to the seller)
    UPHELD = "upheld"  # the holder proved a complaint or lawsuit in time: takedown stays
    RESTORED = "restored"  # no proof in time: the listing is restored


class ProofKind(enum.StrEnum):
    """What the holder shows after a counter-notice."""

    COMPLAINT = "complaint"  # to a competent authority (PRC)
    LAWSUIT = "lawsuit"  # filed with a people's court (PRC)
    COURT_ACTION = "court_action"  # seeking a court order against the seller (DMCA)


class ProofStatus(enum.StrEnum):
    PENDING = "pending"  # an officer checks it
    ACCEPTED = "accepted"  # the listing is upheld
    REFUSED = "refused"  # not proof of a filed action; the window keeps running


class AppealStatus(enum.StrEnum):
    PENDING = "pending"
    GRANTED = "granted"  # the rejection is reversed: the listing is taken down
    DISMISSED = "dismissed"  # the rejection stands


class MisuseKind(enum.StrEnum):
    WARNING = "warning"
    SUSPENSION = "suspension"  # no notices accepted between starts_at and ends_at


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
    status: Mapped[Verification] = mapped_column(enum_column(Verification, 10),
                                                 default=Verification.PENDING, index=True)
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
        back_populates="holder", order_by="RightsHolderMember.user_id")
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
        CheckConstraint("right_type <> 'trademark' OR (office IS NOT NULL AND "
                        "registration_number IS NOT NULL)", name="trademark_fields"),
        CheckConstraint("right_type <> 'patent' OR (patent_type IS NOT NULL AND "
                        "registration_number IS NOT NULL)", name="patent_fields"),
        CheckConstraint("right_type <> 'copyright' OR owner_name IS NOT NULL",
                        name="copyright_fields"),
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
    status: Mapped[Verification] = mapped_column(enum_column(Verification, 10),
                                                 default=Verification.PENDING)
    refusal_reasons: Mapped[str | None] = mapped_column(Text)
    verified_at: Mapped[datetime | None]
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    holder: Mapped[RightsHolder] = relationship(back_populates="rights")
    verified_by: Mapped[User | None] = relationship()

    def in_force_on(self, day: date) -> bool:
        """Whether the right is valid on `day` (its validity dates, inclusive)."""
        return ((self.valid_from is None or self.valid_from <= day)
                and (self.valid_until is None or day <= self.valid_until))


class IprFile(Base):
    """A file kept for the IPR workflow, outside the web root under its SHA-256; exactly one of
    the owner keys is set, matching `purpose`."""

    __tablename__ = "ipr_files"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN holder_id IS NULL THEN 0 ELSE 1 END) + "
            "(CASE WHEN right_id IS NULL THEN 0 ELSE 1 END) + "
            "(CASE WHEN notice_id IS NULL THEN 0 ELSE 1 END) + "
            "(CASE WHEN counter_notice_id IS NULL THEN 0 ELSE 1 END) + "
            "(CASE WHEN proof_id IS NULL THEN 0 ELSE 1 END) = 1", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[FilePurpose] = mapped_column(enum_column(FilePurpose, 20))
    holder_id: Mapped[int | None] = mapped_column(ForeignKey("ipr_rights_holders.id"), index=True)
    right_id: Mapped[int | None] = mapped_column(ForeignKey("ipr_rights.id"), index=True)
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("ipr_notices.id"), index=True)
    counter_notice_id: Mapped[int | None] = mapped_column(
        ForeignKey("ipr_counter_notices.id"), index=True)
    proof_id: Mapped[int | None] = mapped_column(ForeignKey("ipr_action_proofs.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))  # as found in the content
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(default=clock.now)
    # None: uploaded through a seller's secret link
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


notice_rights = Table(
    "ipr_notice_rights", Base.metadata,
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
        back_populates="notice", order_by="Listing.position",
        foreign_keys="Listing.notice_id")


class Listing(Case):
    """One reported listing: a case of kind "ipr_listing" under its notice.

    `url_key` is the normalised URL (sellers.identity.shop_url_key) that finds a listing already
    under an open notice and relates cases ("listing" relation key). `right_id` is the right the
    decision invokes (one of the notice's). `Case.jurisdiction` holds the country whose rule
    applies (the platform's, default CN); `counterfeit` is the officer's finding at takedown.
    Personal data here: none beyond the seller's trade name (the seller is in `sellers`).
    """

    __tablename__ = "ipr_listings"
    __mapper_args__ = {"polymorphic_identity": "ipr_listing"}  # noqa: RUF012
    __table_args__ = (
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
    status: Mapped[AppealStatus] = mapped_column(enum_column(AppealStatus, 10),
                                                 default=AppealStatus.PENDING)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_reasons: Mapped[str | None] = mapped_column(Text)

    listing: Mapped[Listing] = relationship()
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])


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
        CheckConstraint("extension_working_days IS NULL OR extension_working_days BETWEEN 1 AND 20",
                        name="extension_days"),
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
        enum_column(CounterNoticeStatus, 10), default=CounterNoticeStatus.RECEIVED)
    received_at: Mapped[datetime] = mapped_column(default=clock.now)
    filed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # a seller account
    access_token_id: Mapped[int | None] = mapped_column(
        ForeignKey("seller_access_tokens.id"))  # ... or the seller's secret link
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
    proofs: Mapped[list[ActionProof]] = relationship(back_populates="counter_notice",
                                                     order_by="ActionProof.id")


class ActionProof(Base):
    """The holder's proof that it filed a complaint with an authority or a lawsuit (PRC), or a
    court action (DMCA), after a counter-notice; files are IprFile PROOF rows."""

    __tablename__ = "ipr_action_proofs"

    id: Mapped[int] = mapped_column(primary_key=True)
    counter_notice_id: Mapped[int] = mapped_column(ForeignKey("ipr_counter_notices.id"),
                                                   index=True)
    kind: Mapped[ProofKind] = mapped_column(enum_column(ProofKind, 15))
    authority: Mapped[str] = mapped_column(String(200))  # the authority or court
    case_number: Mapped[str | None] = mapped_column(String(100))
    filed_on: Mapped[date]
    description: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column(default=clock.now)
    submitted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[ProofStatus] = mapped_column(enum_column(ProofStatus, 10),
                                                default=ProofStatus.PENDING)
    checked_at: Mapped[datetime | None]
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    check_reasons: Mapped[str | None] = mapped_column(Text)

    counter_notice: Mapped[CounterNotice] = relationship(back_populates="proofs")


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
