"""Settling with the seller: the ODR lane, the seller's proposals, the consumer's answer.

In the ODR lane ("let the seller settle first") the case waits `with_seller` for up to 10
working days; when it comes back to the officers their 7-day clock is not charged for that
time: it resumes with only what was used before the lane.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from casework.models import Case, CaseEvent, Visibility
from casework.services.access import SYSTEM_ACTOR, Actor
from casework.services.calendars import working_days_between
from casework.services.stages import calendar_of, set_deadline
from casework.services.timeline import record_event
from casework.services.transitions import transition
from complaints.models import Complaint, ComplaintSettlement, SettlementStatus
from complaints.services.checked_input import Terms, expect_state
from complaints.services.forwarding import forward_to_seller
from complaints.services.notifications import seller_contact, tell_consumer, tell_seller
from complaints.workflow import ComplaintState
from core import clock
from core.db import session
from core.errors import Refusal
from core.models import User

CONSUMER = Actor("consumer")
SELLER = Actor("seller")


def _days_used(case: Case) -> int:
    """Working days the current stage has used so far (before any pause included)."""
    if case.sla_days is None:
        return case.sla_days_used
    calendar = calendar_of(case)
    return case.sla_days_used + working_days_between(
        calendar.local_day(case.stage_started_at), calendar.local_day(clock.now()), calendar
    )


def can_go_to_seller_first(complaint: Complaint) -> bool:
    return complaint.consent_forward_to_seller and seller_contact(complaint.seller) is not None


def send_to_seller_first(
    complaint: Complaint, actor: Actor | User = SYSTEM_ACTOR, tell: bool = True
) -> bool:
    """Put the complaint in the ODR lane and tell the seller (and, if `tell`, the consumer);
    False (nothing changes) when the seller cannot be reached or the consumer did not consent
    to forwarding."""
    if complaint.status != ComplaintState.SUBMITTED or not can_go_to_seller_first(complaint):
        return False
    used = _days_used(complaint)
    transition(complaint, ComplaintState.WITH_SELLER, actor, data={"submitted_days_used": used})
    forward_to_seller(complaint, odr=True)
    if tell:
        tell_consumer(complaint, "odr_started")
    return True


def start_odr_lane(complaint: Complaint) -> bool:
    """Right after filing: a consumer who chose "let the seller settle first" goes to the seller
    at once (the filing mail says so); if the seller cannot be reached, the officers handle it as
    usual. Whether it went to the seller."""
    return complaint.seller_first and send_to_seller_first(complaint, tell=False)


def return_to_officers(complaint: Complaint, actor: Actor | User, why: str) -> None:
    """Back from the ODR lane to `submitted`, charging the officers' clock only what it had
    used before the lane; both parties are told."""
    entered = session.scalar(
        select(CaseEvent)
        .where(
            CaseEvent.case_id == complaint.id,
            CaseEvent.type == "transition",
            CaseEvent.after == ComplaintState.WITH_SELLER,
        )
        .order_by(CaseEvent.at.desc(), CaseEvent.id.desc())
        .limit(1)
    )
    used = int((entered.data or {}).get("submitted_days_used", 0)) if entered else 0
    transition(complaint, ComplaintState.SUBMITTED, actor, data={"returned": why})
    if used and complaint.sla_days is not None:
        complaint.sla_days_used = used
        set_deadline(complaint)
    for pending in _pending(complaint):
        pending.status = SettlementStatus.SUPERSEDED
    tell_consumer(complaint, "odr_returned", why=why)
    tell_seller(complaint, "odr_returned", why=why)


def take_back(complaint: Complaint, officer: User) -> None:
    """An officer ends the ODR lane: the officers take the complaint back from the seller."""
    expect_state(complaint, ComplaintState.WITH_SELLER)
    return_to_officers(complaint, officer, "taken_back")


def _pending(complaint: Complaint) -> list[ComplaintSettlement]:
    return list(
        session.scalars(
            select(ComplaintSettlement).where(
                ComplaintSettlement.complaint_id == complaint.id,
                ComplaintSettlement.status == SettlementStatus.PROPOSED,
            )
        )
    )


def pending_settlement(complaint: Complaint) -> ComplaintSettlement | None:
    """The seller's proposal waiting for the consumer's answer, if there is one."""
    return session.scalar(
        select(ComplaintSettlement)
        .where(
            ComplaintSettlement.complaint_id == complaint.id,
            ComplaintSettlement.status == SettlementStatus.PROPOSED,
        )
        .order_by(ComplaintSettlement.id.desc())
        .limit(1)
    )


def settlements(complaint: Complaint) -> list[ComplaintSettlement]:
    return list(
        session.scalars(
            select(ComplaintSettlement)
            .where(ComplaintSettlement.complaint_id == complaint.id)
            .order_by(ComplaintSettlement.id)
        )
    )


def propose_settlement(complaint: Complaint, terms: Terms) -> ComplaintSettlement:
    """The seller's proposal; an earlier unanswered one gives way to it. A proposal answers a
    forwarded complaint, so waiting for the seller turns into mediation."""
    for pending in _pending(complaint):
        pending.status = SettlementStatus.SUPERSEDED
    if complaint.status == ComplaintState.AWAITING_SELLER:
        transition(complaint, ComplaintState.MEDIATION, SELLER)
    proposal = ComplaintSettlement(
        complaint_id=complaint.id,
        proposed_by="seller",
        kind=terms.kind,
        amount=terms.amount,
        currency=terms.currency,
        terms=terms.text,
        status=SettlementStatus.PROPOSED,
    )
    session.add(proposal)
    session.flush()
    record_event(
        complaint,
        SELLER,
        "settlement_proposed",
        after=terms.kind.value,
        body=terms.text,
        visibility=Visibility.PARTIES,
        data={"settlement": proposal.id},
    )
    tell_consumer(complaint, "settlement_proposed", settlement=proposal)
    return proposal


def _answerable(complaint: Complaint, settlement_id: int | None) -> ComplaintSettlement:
    proposal = pending_settlement(complaint)
    if proposal is None or (settlement_id is not None and proposal.id != settlement_id):
        raise Refusal(_("There is no settlement waiting for your answer."), "conflict")
    if complaint.status not in (ComplaintState.WITH_SELLER, ComplaintState.MEDIATION):
        raise Refusal(_("This complaint can no longer be settled this way."), "conflict")
    return proposal


def accept_settlement(
    complaint: Complaint, settlement_id: int | None = None
) -> ComplaintSettlement:
    """The consumer accepts the seller's proposal: the complaint is resolved."""
    proposal = _answerable(complaint, settlement_id)
    proposal.status, proposal.decided_at = SettlementStatus.ACCEPTED, clock.now()
    odr = complaint.status == ComplaintState.WITH_SELLER
    transition(
        complaint,
        ComplaintState.RESOLVED,
        CONSUMER,
        data={"settlement": proposal.id, "outcome": "odr_settled" if odr else "settled"},
    )
    tell_consumer(complaint, "settlement_answered", settlement=proposal, accepted=True, odr=odr)
    tell_seller(complaint, "settlement_answered", settlement=proposal, accepted=True, odr=odr)
    return proposal


def reject_settlement(
    complaint: Complaint, settlement_id: int | None = None
) -> ComplaintSettlement:
    """The consumer rejects the proposal: in the ODR lane the officers take over; in mediation
    it goes on."""
    proposal = _answerable(complaint, settlement_id)
    proposal.status, proposal.decided_at = SettlementStatus.REJECTED, clock.now()
    record_event(
        complaint,
        CONSUMER,
        "settlement_rejected",
        visibility=Visibility.PARTIES,
        data={"settlement": proposal.id},
    )
    if complaint.status == ComplaintState.WITH_SELLER:
        return_to_officers(complaint, CONSUMER, "rejected")  # its mail tells the seller why
    else:
        tell_seller(
            complaint, "settlement_answered", settlement=proposal, accepted=False, odr=False
        )
    return proposal
