"""Files of the IPR workflow (powers of attorney, certificates, mark images, evidence,
counter-notice evidence, proof): an `IprFile` row says what it belongs to by one explicit foreign
key; the content lives in the file store under its SHA-256.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from core import clock
from core.db import Base
from core.models import enum_column


class FilePurpose(enum.StrEnum):
    POWER_OF_ATTORNEY = "power_of_attorney"  # holder_id
    CERTIFICATE = "certificate"  # right_id
    MARK_IMAGE = "mark_image"  # right_id
    EVIDENCE = "evidence"  # notice_id or listing_id (test buys, photos, comparisons)
    COUNTER_EVIDENCE = "counter_evidence"  # counter_notice_id (incl. proof of identity)
    PROOF = "proof"  # proof_id: the filed complaint or lawsuit


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
            "(CASE WHEN proof_id IS NULL THEN 0 ELSE 1 END) + "
            "(CASE WHEN listing_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_owner",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[FilePurpose] = mapped_column(enum_column(FilePurpose, 20))
    holder_id: Mapped[int | None] = mapped_column(ForeignKey("ipr_rights_holders.id"), index=True)
    right_id: Mapped[int | None] = mapped_column(ForeignKey("ipr_rights.id"), index=True)
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("ipr_notices.id"), index=True)
    counter_notice_id: Mapped[int | None] = mapped_column(
        ForeignKey("ipr_counter_notices.id"), index=True
    )
    proof_id: Mapped[int | None] = mapped_column(ForeignKey("ipr_action_proofs.id"), index=True)
    # Evidence about one listing of a notice rather than the whole notice.
    listing_id: Mapped[int | None] = mapped_column(ForeignKey("ipr_listings.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))  # as found in the content
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(default=clock.now)
    # None: uploaded through a seller's secret link
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
