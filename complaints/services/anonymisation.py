"""Anonymisation of a complaint when its retention period ends (DESIGN.md section 7): the
consumer's personal data is blanked in place, and everything that may repeat it."""

from __future__ import annotations

from sqlalchemy import delete

from complaints.models import Complaint, ComplaintOwner
from complaints.services.feedback import feedback_of
from complaints.services.settlement import settlements
from core.db import session

ANONYMOUS = "anonymised"


def anonymise_complaint(complaint: Complaint) -> None:
    """Blank the consumer's personal data; the description is personal too (names, addresses),
    and so are the free text of settlements, the account link and the feedback comment."""
    complaint.consumer_name = ANONYMOUS
    complaint.consumer_email = ""
    complaint.consumer_phone = None
    complaint.order_number = None
    # The NLP's suggestions drawn from the text: the order number is personal too.
    complaint.suggested = {
        field: pair
        for field, pair in (complaint.suggested or {}).items()
        if field != "order_number"
    }
    complaint.description = ""
    complaint.tracking_token_hash = complaint.pending_tracking_token_hash = None
    for settlement in settlements(complaint):
        settlement.terms = None
    session.execute(delete(ComplaintOwner).where(ComplaintOwner.complaint_id == complaint.id))
    feedback = feedback_of(complaint)
    if feedback is not None:
        feedback.comment = None
