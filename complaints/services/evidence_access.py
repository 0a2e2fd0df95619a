"""Who, besides the staff who work on the case, may download a complaint's evidence file through
core.files' one download view (casework's "case" source asks the kind, `party_may_read`): the
consumer with their tracking token as `?key=` (or signed in to the account the complaint belongs
to), and the seller with its secret link's token when the consumer agreed to forwarding."""

from __future__ import annotations

from casework.models import Case, CaseAttachment
from complaints.models import Complaint
from complaints.services.evidence import consumer_evidence, seller_files
from complaints.services.seller_answers import seller_case
from complaints.services.tracking import consumer_complaint
from core.models import User

FILE_SOURCE = "case"  # casework's source of case attachments, evidence files among them


def seller_evidence(complaint: Complaint) -> list[CaseAttachment]:
    """The files the seller may download: the consumer's, when they agreed to forwarding, and
    its own."""
    own = seller_files(complaint)
    if not complaint.consent_forward_to_seller:
        return own
    return [file for file in consumer_evidence(complaint) if file not in own] + own


def party_may_read(
    user: User | None, case: Case, attachment: CaseAttachment, key: str | None
) -> bool:
    """The consumer reads the files shown on their tracking page; the seller those shown on its
    page; nobody else (staff are casework's to decide)."""
    if not isinstance(case, Complaint):
        return False
    if consumer_complaint(case.reference, key, user) is case:
        return attachment in consumer_evidence(case)
    found = seller_case(key) if key else None
    return found is not None and found.complaint is case and attachment in seller_evidence(case)
