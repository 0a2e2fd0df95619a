"""What the seller does with a forwarded complaint, through its secret link: answer, propose a
settlement, or dispute, while the deadline runs."""

from __future__ import annotations

from dataclasses import dataclass

from flask import get_template_attribute, request
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select

from casework.models import Visibility
from casework.services.timeline import record_event
from casework.services.transitions import transition
from complaints.models import Complaint, ComplaintSettlement
from complaints.services.checked_input import Terms, checked_text
from complaints.services.evidence import checked_evidence, seller_files, store_evidence
from complaints.services.forwarding import forwarded_summary
from complaints.services.notifications import tell_consumer
from complaints.services.settlement import (
    SELLER,
    pending_settlement,
    propose_settlement,
    return_to_officers,
)
from complaints.workflow import ComplaintState
from core import clock
from core.db import session
from core.errors import Refusal
from core.tokens import digest
from sellers.models import SellerAccessToken
from sellers.services import find_seller_access

# The states in which the seller has something to do, and what it may do in each.
SELLER_STEPS: dict[str, tuple[str, ...]] = {
    ComplaintState.WITH_SELLER: ("propose", "dispute"),
    ComplaintState.AWAITING_SELLER: ("answer", "propose", "dispute"),
    ComplaintState.MEDIATION: ("propose",),
}


@dataclass(frozen=True)
class SellerCase:
    token: SellerAccessToken
    complaint: Complaint


def seller_case(secret: str) -> SellerCase | None:
    """The complaint a usable seller link is about; None for an unknown, expired or revoked
    link, and for a link of another seller or another kind of case."""
    token = find_seller_access(secret)
    if token is None:
        return None
    complaint = session.scalar(select(Complaint).where(Complaint.reference == token.case_reference))
    if complaint is None or complaint.seller_id != token.seller_id:
        return None
    return SellerCase(token, complaint)


def open_steps(complaint: Complaint) -> tuple[str, ...]:
    """What the seller may do now: nothing once the stage's deadline has passed."""
    if complaint.due_at is not None and clock.now() > complaint.due_at:
        return ()
    return SELLER_STEPS.get(complaint.status, ())


def _check(complaint: Complaint, step: str) -> None:
    if step not in open_steps(complaint):
        if complaint.status in SELLER_STEPS:
            raise Refusal(_("The deadline for this has passed."), "conflict")
        raise Refusal(_("This complaint no longer waits for you."), "conflict")


def answer_complaint(
    complaint: Complaint, text: str | None, files: list[tuple[str, bytes]] | None = None
) -> None:
    """The seller's answer, with any files of its own: it goes to the consumer and the
    complaint goes to mediation. One refused file refuses the whole answer."""
    _check(complaint, "answer")
    body = checked_text(text)
    checked = (
        checked_evidence(files, "files", already=len(seller_files(complaint))) if files else []
    )
    record_event(complaint, SELLER, "seller_answer", body=body, visibility=Visibility.PARTIES)
    store_evidence(complaint, checked, SELLER)
    transition(complaint, ComplaintState.MEDIATION, SELLER)
    tell_consumer(complaint, "seller_answered", answer=body, disputed=False)


def dispute_complaint(complaint: Complaint, text: str | None) -> None:
    """The seller contests the complaint. Forwarded: mediation starts with the dispute on
    record. In the ODR lane: the seller declines to settle and the officers take over."""
    _check(complaint, "dispute")
    body = checked_text(text)
    record_event(complaint, SELLER, "seller_dispute", body=body, visibility=Visibility.PARTIES)
    if complaint.status == ComplaintState.WITH_SELLER:
        return_to_officers(complaint, SELLER, "declined")
        return
    transition(complaint, ComplaintState.MEDIATION, SELLER)
    tell_consumer(complaint, "seller_answered", answer=body, disputed=True)


def seller_proposes(complaint: Complaint, terms: Terms) -> ComplaintSettlement:
    """The seller proposes a settlement to the consumer, within the deadline."""
    _check(complaint, "propose")
    return propose_settlement(complaint, terms)


def case_summary_for_seller(case_reference: str, seller_id: int) -> Markup | None:
    """On the sellers' secret page: what the seller was sent about this complaint, and the way
    to answer it (the link carries the page's own secret)."""
    complaint = session.scalar(select(Complaint).where(Complaint.reference == case_reference))
    if complaint is None or complaint.seller_id != seller_id:
        return None
    secret = (request.view_args or {}).get("secret", "")
    token = find_seller_access(secret) if isinstance(secret, str) else None
    if (
        token is None
        or token.token_hash != digest(secret)
        or token.case_reference != case_reference
    ):
        secret = None  # shown outside its link: the summary only
    summary = get_template_attribute("complaints/seller_summary.html", "summary")
    return summary(
        complaint,
        forwarded_summary(complaint),
        secret,  # a macro gives Markup
        open_steps(complaint),
        pending_settlement(complaint),
    )
