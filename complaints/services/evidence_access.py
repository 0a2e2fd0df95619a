"""Who may download a complaint's evidence file, through core.files' one download view (source
"complaints"): the consumer with their tracking token as `?key=` (or signed in to the account the
complaint belongs to), the seller with its secret link's token when the consumer agreed to
forwarding, and staff who may see the case."""

from __future__ import annotations

from dataclasses import dataclass

from casework.access import can_see
from casework.models import CaseAttachment
from complaints.models import Complaint
from complaints.services.evidence import consumer_evidence
from complaints.services.seller_answers import seller_case
from complaints.services.tracking import consumer_complaint
from core.db import session
from core.files import FileSource
from core.models import STAFF_ROLES, User

SOURCE = "complaints"


@dataclass(frozen=True)
class EvidenceFile:
    """An evidence file as the download view sends it: always as bytes to save, never as a page
    the browser shows, whatever the sender made the content look like."""

    attachment: CaseAttachment
    complaint: Complaint
    content_type: str = "application/octet-stream"

    @property
    def sha256(self) -> str:
        return self.attachment.sha256

    @property
    def filename(self) -> str:
        return self.attachment.filename


def evidence_file(file_id: int) -> EvidenceFile | None:
    """The evidence file of a complaint with this id, else None."""
    attachment = session.get(CaseAttachment, file_id)
    complaint = session.get(Complaint, attachment.case_id) if attachment is not None else None
    if attachment is None or complaint is None:
        return None
    return EvidenceFile(attachment, complaint)


def seller_evidence(complaint: Complaint) -> list[CaseAttachment]:
    """The files the seller may download: the consumer's, when they agreed to forwarding."""
    return consumer_evidence(complaint) if complaint.consent_forward_to_seller else []


def may_read_evidence(user: User | None, file: EvidenceFile, key: str | None) -> bool:
    """The reading rule of the complaint's evidence files."""
    complaint = file.complaint
    if user is not None and user.role in STAFF_ROLES:
        return can_see(user, complaint)
    if consumer_complaint(complaint.reference, key, user) is complaint:
        return file.attachment in consumer_evidence(complaint)
    found = seller_case(key) if key else None
    return found is not None and found.complaint is complaint \
        and file.attachment in seller_evidence(complaint)


EVIDENCE_FILES = FileSource(name=SOURCE, find=evidence_file, may_read=may_read_evidence)
