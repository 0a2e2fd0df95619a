"""The consumer's rating of the outcome: once, within 60 days after the complaint ended."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from casework.models import CaseEvent
from complaints.models import Complaint, ComplaintFeedback
from complaints.services.checked_input import field_refused
from complaints.workflow import ENDED, ENDINGS, ComplaintState
from core import clock
from core.db import session
from core.errors import Refusal

FEEDBACK_DAYS = 60
COMMENT_MAX = 2000


def ended_at(complaint: Complaint) -> datetime | None:
    """When the complaint ended (the feedback window counts from there)."""
    if complaint.status not in ENDED:
        return None
    return (
        session.scalar(
            select(func.min(CaseEvent.at)).where(
                CaseEvent.case_id == complaint.id,
                CaseEvent.type == "transition",
                CaseEvent.after.in_(ENDINGS),
            )
        )
        or complaint.closed_at
    )


def feedback_of(complaint: Complaint) -> ComplaintFeedback | None:
    return session.get(ComplaintFeedback, complaint.id)


def feedback_open(complaint: Complaint) -> bool:
    """Whether the consumer may still rate the outcome."""
    end = ended_at(complaint)
    return (
        end is not None
        and complaint.status != ComplaintState.MERGED
        and feedback_of(complaint) is None
        and clock.now() <= end + timedelta(days=FEEDBACK_DAYS)
    )


def give_feedback(complaint: Complaint, rating: Any, comment: str | None) -> ComplaintFeedback:
    """Record the consumer's rating (1-5) and comment, once, within 60 days of the end."""
    if feedback_of(complaint) is not None:
        raise Refusal(
            _("You have already given your feedback on this complaint. Thank you."), "conflict"
        )
    end = ended_at(complaint)
    if end is None or complaint.status == ComplaintState.MERGED:
        raise Refusal(_("Feedback opens when the complaint has ended."), "conflict")
    if clock.now() > end + timedelta(days=FEEDBACK_DAYS):
        raise Refusal(
            _("Feedback closed %(days)d days after the complaint ended.", days=FEEDBACK_DAYS),
            "conflict",
        )
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        raise field_refused("rating", _("Choose a rating from 1 to 5."), "invalid")
    comment = (comment or "").strip() or None
    if comment and len(comment) > COMMENT_MAX:
        raise field_refused(
            "comment", _("At most %(n)d characters, please.", n=COMMENT_MAX), "invalid"
        )
    feedback = ComplaintFeedback(complaint_id=complaint.id, rating=rating, comment=comment)
    session.add(feedback)
    session.flush()
    return feedback
