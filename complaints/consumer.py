"""What a consumer does on their complaint after filing: add evidence, answer a question,
withdraw, rate the outcome, get a fresh link (flushes, never commits)."""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from casework.models import CaseEvent
from casework.services.transitions import TransitionError, transition
from complaints.accounts import owns
from complaints.consumer_models import ComplaintFeedback, ComplaintOwner
from complaints.evidence import (
    CONSUMER_ACTOR,
    check_evidence,
    consumer_file_count,
    store_evidence,
)
from complaints.models import Complaint
from complaints.workflow import FINAL
from core import clock
from core.db import session
from core.mail import queue_mail
from core.tokens import digest, new_secret

TRACKING_PREFIX = "rdc_"  # makes a leaked token recognisable
MAX_SECRET = 100
MAX_REFERENCE = 40
FEEDBACK_DAYS = 60
ANSWER_MAX = 5000
COMMENT_MAX = 2000


class ConsumerError(ValueError):
    """A consumer's step that cannot be taken; the message says why, in their language."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def find_tracked(reference: str, secret: str | None) -> Complaint | None:
    """The complaint with this reference whose tracking token is `secret`; None otherwise, the
    same for an unknown reference as for a wrong token."""
    if not secret or not isinstance(secret, str) or len(secret) > MAX_SECRET \
            or len(reference) > MAX_REFERENCE:
        return None
    complaint = session.scalar(select(Complaint).where(Complaint.reference == reference))
    if complaint is None or not complaint.tracking_token_hash:
        return None
    if not hmac.compare_digest(complaint.tracking_token_hash, digest(secret)):
        return None
    return complaint


def consumer_complaint(reference: str, secret: str | None, user: Any = None) -> Complaint | None:
    """The complaint for its consumer: by tracking token, or the signed-in account it belongs
    to; None for anyone else (as for an unknown reference)."""
    complaint = find_tracked(reference, secret)
    if complaint is not None or user is None or len(reference) > MAX_REFERENCE:
        return complaint
    owned = session.scalar(select(Complaint).where(Complaint.reference == reference))
    return owned if owned is not None and owns(user, owned) else None


def issue_tracking_token(complaint: Complaint) -> str:
    """A fresh secret for the complaint; any earlier one stops working."""
    secret = new_secret(TRACKING_PREFIX)
    complaint.tracking_token_hash = digest(secret)
    return secret


def _open(complaint: Complaint) -> None:
    if complaint.status in FINAL or complaint.status == "closed":
        raise ConsumerError(_("This complaint has ended; it cannot be changed any more."))


def add_evidence(complaint: Complaint, files: list[tuple[str, bytes]]) -> int:
    """Check the files, then keep them with the open complaint; how many were added."""
    _open(complaint)
    if not files:
        raise ConsumerError(_("Choose at least one file."), "files")
    checked = check_evidence(files, already=consumer_file_count(complaint))
    store_evidence(complaint, checked)
    return len(checked)


def answer_question(complaint: Complaint, answer: str) -> None:
    """The consumer's answer to an officer's question; the complaint goes back to them."""
    answer = (answer or "").strip()
    if complaint.status != "awaiting_consumer":
        raise ConsumerError(_("No question is waiting for your answer."))
    if not answer:
        raise ConsumerError(_("Write your answer first."), "answer")
    if len(answer) > ANSWER_MAX:
        raise ConsumerError(_("At most %(n)d characters, please.", n=ANSWER_MAX), "answer")
    _move(complaint, "submitted", answer)


def withdraw(complaint: Complaint) -> None:
    """The consumer ends the complaint."""
    _open(complaint)
    _move(complaint, "withdrawn", None)


def _move(complaint: Complaint, to: str, body: str | None) -> None:
    try:
        transition(complaint, to, CONSUMER_ACTOR, body)
    except TransitionError as error:
        raise ConsumerError(error.message) from error


def ended_at(complaint: Complaint) -> datetime | None:
    """When the complaint reached its final state (the feedback window counts from there)."""
    if complaint.status not in FINAL and complaint.status != "closed":
        return None
    return session.scalar(select(func.min(CaseEvent.at)).where(
        CaseEvent.case_id == complaint.id, CaseEvent.type == "transition",
        CaseEvent.after.in_(FINAL))) or complaint.closed_at


def feedback_of(complaint: Complaint) -> ComplaintFeedback | None:
    return session.get(ComplaintFeedback, complaint.id)


def feedback_open(complaint: Complaint) -> bool:
    """Whether the consumer may still rate the outcome."""
    end = ended_at(complaint)
    return (end is not None and complaint.status != "merged" and feedback_of(complaint) is None
            and clock.now() <= end + timedelta(days=FEEDBACK_DAYS))


def give_feedback(complaint: Complaint, rating: Any, comment: str | None) -> ComplaintFeedback:
    """Record the consumer's rating (1-5) and comment, once, within 60 days of the end."""
    if feedback_of(complaint) is not None:
        raise ConsumerError(_("You have already given your feedback on this complaint. Thank "
                              "you."))
    end = ended_at(complaint)
    if end is None or complaint.status == "merged":
        raise ConsumerError(_("Feedback opens when the complaint has ended."))
    if clock.now() > end + timedelta(days=FEEDBACK_DAYS):
        raise ConsumerError(_("Feedback closed %(days)d days after the complaint ended.",
                              days=FEEDBACK_DAYS))
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ConsumerError(_("Choose a rating from 1 to 5."), "rating")
    comment = (comment or "").strip() or None
    if comment and len(comment) > COMMENT_MAX:
        raise ConsumerError(_("At most %(n)d characters, please.", n=COMMENT_MAX), "comment")
    feedback = ComplaintFeedback(complaint_id=complaint.id, rating=rating, comment=comment)
    session.add(feedback)
    session.flush()
    return feedback


def send_new_link(email: str, reference: str, link_for: Any) -> None:
    """When `email` filed complaint `reference`, revoke its link and mail a fresh one; else do
    nothing (the caller says the same either way)."""
    reference = (reference or "").strip().upper()[:MAX_REFERENCE]
    email = (email or "").strip().lower()
    complaint = session.scalar(select(Complaint).where(Complaint.reference == reference))
    if complaint is None or not complaint.consumer_email \
            or not hmac.compare_digest(complaint.consumer_email.lower().encode(), email.encode()):
        return
    secret = issue_tracking_token(complaint)
    session.flush()
    queue_mail(complaint.consumer_email, "complaints/new_link", complaint.language or "en",
               complaint=complaint, tracking_url=link_for(complaint.reference, secret))


def forget_consumer(complaint: Complaint) -> None:
    """Anonymisation: unlink the consumer's account and blank their feedback comment."""
    session.execute(delete(ComplaintOwner).where(ComplaintOwner.complaint_id == complaint.id))
    feedback = feedback_of(complaint)
    if feedback is not None:
        feedback.comment = None
