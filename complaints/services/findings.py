"""The officer's findings on an ended complaint, and the credit events they cause (DESIGN.md 7).

Each finding is sent as core.signals.case_outcome; sellers records it on the seller's ledger in
the same transaction (a repeated outcome counts once).
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from casework.access import Actor
from casework.timeline import record_event
from complaints.models import Complaint, ComplaintFinding, ComplaintSettlement, SettlementStatus
from complaints.services.checked_input import StepError
from complaints.workflow import FINAL
from core import clock
from core.db import session
from core.models import User
from core.signals import case_outcome, counterfeit_lead

ENDED = (*FINAL, "closed")


def findings_of(complaint: Complaint) -> ComplaintFinding:
    """The complaint's findings row, created empty the first time."""
    found = session.get(ComplaintFinding, complaint.id)
    if found is None:
        found = ComplaintFinding(complaint_id=complaint.id, no_answer=False,
                                 refused_mediation=False, counterfeit=False, unsafe=False,
                                 fraud=False)
        session.add(found)
    return found


def _outcome(complaint: Complaint, event: str, at: datetime) -> None:
    if complaint.seller_id is not None:  # without a seller there is no record to count on
        case_outcome.send("complaints", seller_id=complaint.seller_id,
                          case_reference=complaint.reference, event=event, at=at)


def record_no_answer(complaint: Complaint, at: datetime) -> None:
    """The seller let the answer deadline pass: a finding, and 3 points on its record."""
    findings_of(complaint).no_answer = True
    _outcome(complaint, "no_answer", at)


def record_refusal(complaint: Complaint, at: datetime) -> None:
    """Mediation failed because the seller refused it: a finding, and 4 points."""
    findings_of(complaint).refused_mediation = True
    _outcome(complaint, "refused_mediation", at)


def relief_given(complaint: Complaint) -> bool:
    """Whether the complaint ended with an agreed settlement that gives the consumer relief."""
    settled = session.scalars(select(ComplaintSettlement).where(
        ComplaintSettlement.complaint_id == complaint.id,
        ComplaintSettlement.status.in_((SettlementStatus.AGREED, SettlementStatus.ACCEPTED))))
    return any(settlement.is_relief for settlement in settled)


def brand_of(complaint: Complaint) -> str | None:
    """The brand the NLP found in the text, else the product as the consumer named it."""
    for entity in (complaint.nlp_analysis or {}).get("entities", []):
        if entity.get("label") == "BRAND" and str(entity.get("text", "")).strip():
            return str(entity["text"]).strip()[:200]
    return complaint.product


def record_findings(complaint: Complaint, officer: User, *, substantiated: bool,
                    counterfeit: bool = False, unsafe: bool = False,
                    fraud: bool = False) -> ComplaintFinding:
    """The officer's findings once the complaint has ended; each confirmed finding counts on the
    seller's credit record, and a confirmed counterfeit may be shared as a lead with the brand."""
    if complaint.status not in ENDED:
        raise StepError(_("Findings are recorded once the complaint has ended."), "conflict")
    found = findings_of(complaint)
    if found.decided_at is not None:
        raise StepError(_("The findings of this complaint are already recorded."), "conflict")
    if not substantiated and (counterfeit or unsafe or fraud):
        raise StepError(_("A counterfeit, unsafe product or fraud can only be confirmed in a "
                          "substantiated complaint."), field="substantiated")
    now = clock.now()
    found.substantiated, found.counterfeit, found.unsafe, found.fraud = (
        substantiated, counterfeit, unsafe, fraud)
    found.decided_at, found.decided_by_id = now, officer.id
    events = []
    if substantiated and relief_given(complaint):
        events.append("complaint_upheld")
    events += [event for event, flag in (("counterfeit_confirmed", counterfeit),
                                         ("unsafe_confirmed", unsafe),
                                         ("fraud_confirmed", fraud)) if flag]
    for event in events:
        _outcome(complaint, event, now)
    record_event(complaint, Actor.of(officer), "findings",
                 data={"substantiated": substantiated, "counterfeit": counterfeit,
                       "unsafe": unsafe, "fraud": fraud, "credit_events": events})
    if counterfeit and complaint.consent_share_with_rights_holder:
        # No personal data: the brand, product, platform and the seller's own shop address.
        counterfeit_lead.send("complaints", case_reference=complaint.reference,
                              brand=brand_of(complaint), product=complaint.product,
                              platform=complaint.platform_name, seller_id=complaint.seller_id,
                              listing_url=complaint.seller_shop_url, at=now)
    session.flush()
    return found
