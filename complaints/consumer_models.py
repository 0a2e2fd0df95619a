"""What the consumer side keeps besides the complaint: one-time form ids, feedback, accounts
linked to complaints, and duplicate flags (issue 8)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from complaints.models import Complaint
from core import clock
from core.db import Base


class ComplaintSubmission(Base):
    """The one-time id of a sent filing form: a second send of the same form finds it here."""

    __tablename__ = "complaint_submissions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)

    complaint: Mapped[Complaint] = relationship()


class ComplaintFeedback(Base):
    """The consumer's rating of the outcome, once per complaint."""

    __tablename__ = "complaint_feedback"
    __table_args__ = (CheckConstraint("rating BETWEEN 1 AND 5", name="rating"),)

    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True)
    rating: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)


class ComplaintOwner(Base):
    """A consumer account that filed the complaint while signed in."""

    __tablename__ = "complaint_owners"

    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class VerifiedConsumerEmail(Base):
    """A consumer account whose e-mail address was proven by a mailed link: the complaints
    filed with that address are listed for it."""

    __tablename__ = "verified_consumer_emails"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    verified_at: Mapped[datetime] = mapped_column(default=clock.now)


class DuplicateFlag(Base):
    """A complaint filed that looks like an earlier one; flagged to officers, never dropped."""

    __tablename__ = "complaint_duplicate_flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), index=True)
    duplicate_of_id: Mapped[int] = mapped_column(
        ForeignKey("complaints.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(20))  # email_order or text
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
