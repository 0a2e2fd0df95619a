"""The officer's steps on a complaint (DESIGN.md section 4); each tells the parties by mail.

Every state change goes through casework.services.transitions.transition(); these are the moves the
workflow marks `via_panel`, because they need more than a reason.
"""

from __future__ import annotations

from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from casework.models import Visibility
from casework.services.filing import index_case
from casework.services.timeline import TimelineError, record_event, send_message
from casework.services.transitions import transition
from complaints.findings import findings_of, record_refusal
from complaints.forwarding import forward_to_seller
from complaints.models import Complaint
from complaints.notify import seller_contact, tell_consumer, tell_seller
from complaints.outcome_models import ComplaintSettlement, RejectionReason, SettlementStatus
from complaints.settlement import send_to_seller_first
from complaints.terms import StepError, Terms, checked_text
from core import clock
from core.db import session
from core.models import User
from sellers.services import SellerError, resolve_seller

REJECTION_LABELS = {
    RejectionReason.OUT_OF_SCOPE: _l("Out of scope"),
    RejectionReason.DUPLICATE: _l("Duplicate of another complaint"),
    RejectionReason.HANDLED_ELSEWHERE: _l("Handled elsewhere (court, arbitration or another "
                                          "authority)"),
    RejectionReason.TOO_OLD: _l("More than 3 years since you knew of the harm"),
    RejectionReason.NOT_CONSUMER_DISPUTE: _l("Not a consumer dispute"),
    RejectionReason.INCOMPLETE: _l("Incomplete: the information needed is missing"),
}


def _expect(complaint: Complaint, *states: str) -> None:
    if complaint.status not in states:
        raise StepError(_("This step is not open in the complaint's present state."), "conflict")


def accept_complaint(complaint: Complaint, officer: User) -> str:
    """Accept the complaint and forward it to the seller at once, or wait for a contact."""
    _expect(complaint, "submitted")
    transition(complaint, "accepted", officer)
    forwarded = forward_or_hold(complaint, officer)
    tell_consumer(complaint, "accepted", forwarded=forwarded)
    return complaint.status


def forward_or_hold(complaint: Complaint, officer: User) -> bool:
    """awaiting_seller with the seller mailed, or seller_contact_needed; whether it went."""
    if seller_contact(complaint.seller) is None:
        transition(complaint, "seller_contact_needed", officer)
        return False
    transition(complaint, "awaiting_seller", officer)
    forward_to_seller(complaint)
    return True


def add_contact_and_forward(complaint: Complaint, officer: User, email: str | None,
                            via_platform: bool = False, seller_name: str | None = None) -> None:
    """Give the complaint's seller (or its platform) a contact address, then forward."""
    _expect(complaint, "seller_contact_needed")
    address = (email or "").strip() or None
    if address is not None:
        try:
            validate_email(address, check_deliverability=False)
        except EmailNotValidError:
            raise StepError(_("Not an e-mail address."), field="email") from None
        if len(address) > 254:
            raise StepError(_("At most %(n)d characters, please.", n=254), field="email")
    if complaint.seller is None:
        try:
            complaint.seller = resolve_seller(seller_name or complaint.seller_name, None,
                                              complaint.platform_name)
        except SellerError:
            raise StepError(_("Name the seller first."), field="seller_name") from None
        index_case(complaint)  # the seller is now a key relating its complaints
    seller = complaint.seller
    if address is not None and via_platform:
        if seller.platform is None:
            raise StepError(_("This seller's platform is not in the registry; give the "
                              "seller's own address."), field="via_platform")
        seller.platform.contact_email = address
    elif address is not None:
        seller.contact_email = address
    if seller_contact(seller) is None:
        raise StepError(_("Give an e-mail address to forward the complaint to."), field="email")
    record_event(complaint, officer, "seller_contact_added",
                 data={"via_platform": bool(via_platform and address)})
    transition(complaint, "awaiting_seller", officer)
    forward_to_seller(complaint)
    tell_consumer(complaint, "accepted", forwarded=True)


def reject_complaint(complaint: Complaint, officer: User, code: str | None,
                     explanation: str | None) -> None:
    """Reject with a reason from the fixed list; the consumer is told why."""
    _expect(complaint, "submitted")
    try:
        reason = RejectionReason(code or "")
    except ValueError:
        raise StepError(_("Choose a reason from the list."), field="reason") from None
    words = (explanation or "").strip() or None
    if words is not None and len(words) > 5000:
        raise StepError(_("At most %(n)d characters, please.", n=5000), field="explanation")
    transition(complaint, "rejected", officer, words or str(REJECTION_LABELS[reason]),
               data={"reason_code": reason.value})
    findings_of(complaint).rejection_reason = reason
    tell_consumer(complaint, "rejected", reason=reason, labels=REJECTION_LABELS,
                  explanation=words)


def ask_consumer(complaint: Complaint, officer: User, question: str | None) -> None:
    """Ask the consumer for information: a message by mail; the clock waits for the answer."""
    _expect(complaint, "submitted")
    body = checked_text(question, "question")
    # The tracking page shows this transition's text as the question to answer.
    transition(complaint, "awaiting_consumer", officer, body)
    tell_consumer(complaint, "question", question=body)


def seller_first(complaint: Complaint, officer: User) -> None:
    """Let the seller try to settle first (the ODR lane), if it can be reached."""
    _expect(complaint, "submitted")
    if not send_to_seller_first(complaint, officer):
        raise StepError(_("The seller cannot be reached, or the consumer did not agree to "
                          "forwarding."), "conflict")


def record_seller_answer(complaint: Complaint, officer: User, text: str | None) -> None:
    """The seller answered by other means (phone, post): the officer records it; mediation."""
    _expect(complaint, "awaiting_seller")
    body = checked_text(text)
    record_event(complaint, officer, "seller_answer", body=body, visibility=Visibility.PARTIES,
                 data={"recorded_by_officer": True})
    transition(complaint, "mediation", officer)
    tell_consumer(complaint, "seller_answered", answer=body, disputed=False)


def mediate(complaint: Complaint, officer: User, text: str | None) -> None:
    """The officer's message to both parties during mediation."""
    _expect(complaint, "mediation")
    body = checked_text(text)
    try:
        send_message(complaint, officer, body, {"consumer", "seller"})
    except TimelineError as error:
        raise StepError(error.message) from None


def record_agreement(complaint: Complaint, officer: User, terms: Terms) -> ComplaintSettlement:
    """The parties agreed: the agreement is recorded and the complaint resolved."""
    _expect(complaint, "mediation")
    agreement = ComplaintSettlement(
        complaint_id=complaint.id, proposed_by="officer", kind=terms.kind, amount=terms.amount,
        currency=terms.currency, terms=terms.text, status=SettlementStatus.AGREED,
        decided_at=clock.now(), recorded_by_id=officer.id)
    summary: dict[str, Any] = {"kind": terms.kind.value,
                               "amount": str(terms.amount) if terms.amount else None,
                               "currency": terms.currency}
    transition(complaint, "resolved", officer, terms.text, data={"agreement": summary})
    session.add(agreement)
    session.flush()
    tell_consumer(complaint, "resolved", agreement=agreement)
    tell_seller(complaint, "resolved", agreement=agreement)
    return agreement


def record_failure(complaint: Complaint, officer: User, refused: bool,
                   explanation: str | None) -> None:
    """Mediation failed; if the seller refused to mediate, that is a finding that counts."""
    _expect(complaint, "mediation")
    body = checked_text(explanation, "explanation")
    transition(complaint, "mediation_failed", officer, body, data={"seller_refused": refused})
    if refused:
        record_refusal(complaint, clock.now())
    tell_consumer(complaint, "mediation_failed", explanation=body, refused=refused)
    tell_seller(complaint, "mediation_failed", explanation=body, refused=refused)
