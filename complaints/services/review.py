"""The officer's review of a new complaint (DESIGN.md section 4): accept it (and forward it to the
seller), reject it with a reason from the fixed list, ask the consumer for more information, or let
the seller settle first. Each tells the consumer by mail.

Every state change goes through casework's transition(), which refuses with a core Refusal; these
are the moves the workflow marks `via_panel`, because they need more than a reason.
"""

from __future__ import annotations

from flask_babel import gettext as _

from casework.services.transitions import transition
from complaints.labels import REJECTION_LABELS
from complaints.models import Complaint, RejectionReason
from complaints.services.checked_input import checked_text, expect_state, field_refused
from complaints.services.findings import findings_of
from complaints.services.forwarding import forward_or_hold
from complaints.services.notifications import tell_consumer
from complaints.services.settlement import send_to_seller_first
from complaints.workflow import ComplaintState
from core.errors import Refusal
from core.models import User


def accept_complaint(complaint: Complaint, officer: User) -> str:
    """Accept the complaint and forward it to the seller at once, or wait for a contact."""
    expect_state(complaint, ComplaintState.SUBMITTED)
    transition(complaint, ComplaintState.ACCEPTED, officer)
    forwarded = forward_or_hold(complaint, officer)
    tell_consumer(complaint, "accepted", forwarded=forwarded)
    return complaint.status


def reject_complaint(
    complaint: Complaint, officer: User, code: str | None, explanation: str | None
) -> None:
    """Reject with a reason from the fixed list; the consumer is told why."""
    expect_state(complaint, ComplaintState.SUBMITTED)
    try:
        reason = RejectionReason(code or "")
    except ValueError:
        raise field_refused("reason", _("Choose a reason from the list.")) from None
    words = (explanation or "").strip() or None
    if words is not None and len(words) > 5000:
        raise field_refused("explanation", _("At most %(n)d characters, please.", n=5000))
    transition(
        complaint,
        ComplaintState.REJECTED,
        officer,
        words or str(REJECTION_LABELS[reason]),
        data={"reason_code": reason.value},
    )
    findings_of(complaint).rejection_reason = reason
    tell_consumer(complaint, "rejected", reason=reason, labels=REJECTION_LABELS, explanation=words)


def ask_consumer(complaint: Complaint, officer: User, question: str | None) -> None:
    """Ask the consumer for information: a message by mail; the clock waits for the answer."""
    expect_state(complaint, ComplaintState.SUBMITTED)
    body = checked_text(question, "question")
    # The tracking page shows this transition's text as the question to answer.
    transition(complaint, ComplaintState.AWAITING_CONSUMER, officer, body)
    tell_consumer(complaint, "question", question=body)


def seller_first(complaint: Complaint, officer: User) -> None:
    """Let the seller try to settle first (the ODR lane), if it can be reached."""
    expect_state(complaint, ComplaintState.SUBMITTED)
    if not send_to_seller_first(complaint, officer):
        raise Refusal(
            _("The seller cannot be reached, or the consumer did not agree to forwarding."),
            "conflict",
        )
