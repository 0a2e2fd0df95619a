"""Mediation (DESIGN.md section 4): the seller's answer recorded by an officer, the officer's
messages to both parties, and its end: an agreement that resolves the complaint, or failure."""

from __future__ import annotations

from typing import Any

from casework.models import Visibility
from casework.services.timeline import record_event, send_message
from casework.services.transitions import transition
from complaints.models import Complaint, ComplaintSettlement, SettlementStatus
from complaints.services.checked_input import Terms, checked_text, expect_state
from complaints.services.findings import record_refusal
from complaints.services.notifications import tell_consumer, tell_seller
from complaints.workflow import ComplaintState
from core import clock
from core.db import session
from core.models import User


def record_seller_answer(complaint: Complaint, officer: User, text: str | None) -> None:
    """The seller answered by other means (phone, post): the officer records it; mediation."""
    expect_state(complaint, ComplaintState.AWAITING_SELLER)
    body = checked_text(text)
    record_event(
        complaint,
        officer,
        "seller_answer",
        body=body,
        visibility=Visibility.PARTIES,
        data={"recorded_by_officer": True},
    )
    transition(complaint, ComplaintState.MEDIATION, officer)
    tell_consumer(complaint, "seller_answered", answer=body, disputed=False)


def mediate(complaint: Complaint, officer: User, text: str | None) -> None:
    """The officer's message to both parties during mediation."""
    expect_state(complaint, ComplaintState.MEDIATION)
    body = checked_text(text)
    send_message(complaint, officer, body, {"consumer", "seller"})


def record_agreement(complaint: Complaint, officer: User, terms: Terms) -> ComplaintSettlement:
    """The parties agreed: the agreement is recorded and the complaint resolved."""
    expect_state(complaint, ComplaintState.MEDIATION)
    agreement = ComplaintSettlement(
        complaint_id=complaint.id,
        proposed_by="officer",
        kind=terms.kind,
        amount=terms.amount,
        currency=terms.currency,
        terms=terms.text,
        status=SettlementStatus.AGREED,
        decided_at=clock.now(),
        recorded_by_id=officer.id,
    )
    summary: dict[str, Any] = {
        "kind": terms.kind.value,
        "amount": str(terms.amount) if terms.amount else None,
        "currency": terms.currency,
    }
    transition(complaint, ComplaintState.RESOLVED, officer, terms.text, data={"agreement": summary})
    session.add(agreement)
    session.flush()
    tell_consumer(complaint, "resolved", agreement=agreement)
    tell_seller(complaint, "resolved", agreement=agreement)
    return agreement


def record_failure(
    complaint: Complaint, officer: User, refused: bool, explanation: str | None
) -> None:
    """Mediation failed; if the seller refused to mediate, that is a finding that counts."""
    expect_state(complaint, ComplaintState.MEDIATION)
    body = checked_text(explanation, "explanation")
    transition(
        complaint, ComplaintState.MEDIATION_FAILED, officer, body, data={"seller_refused": refused}
    )
    if refused:
        record_refusal(complaint, clock.now())
    tell_consumer(complaint, "mediation_failed", explanation=body, refused=refused)
    tell_seller(complaint, "mediation_failed", explanation=body, refused=refused)
