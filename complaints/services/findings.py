"""The officer's findings on an ended complaint, and the credit events they cause (DESIGN.md 7).

Each finding that counts is recorded on the seller's ledger by a direct call
(sellers.services.record_case_outcome) in the same transaction; a repeated outcome counts once.
A confirmed counterfeit may also be shared with the brand's rights holder
(core.signals.counterfeit_lead, a sideways effect).
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from casework.services.access import Actor
from casework.services.timeline import record_event
from complaints.models import Complaint, ComplaintFinding, ComplaintSettlement, SettlementStatus
from complaints.services.checked_input import field_refused
from complaints.workflow import ENDED
from core import clock
from core.db import session
from core.errors import Refusal
from core.models import User
from core.signals import counterfeit_lead
from sellers.models import CreditEventKind
from sellers.services import record_case_outcome


def findings_of(complaint: Complaint) -> ComplaintFinding:
    """The complaint's findings row, created empty the first time."""
    found = session.get(ComplaintFinding, complaint.id)
    if found is None:
        found = ComplaintFinding(
            complaint_id=complaint.id,
            no_answer=False,
            refused_mediation=False,
            counterfeit=False,
            unsafe=False,
            fraud=False,
        )
        session.add(found)
    return found


def _count(complaint: Complaint, kind: CreditEventKind, at: datetime) -> None:
    if complaint.seller_id is not None:  # without a seller there is no record to count on
        record_case_outcome(complaint.seller_id, complaint.reference, kind, at)


def record_no_answer(complaint: Complaint, at: datetime) -> None:
    """The seller let the answer deadline pass: a finding, and 3 points on its record."""
    findings_of(complaint).no_answer = True
    _count(complaint, CreditEventKind.NO_ANSWER, at)


def record_refusal(complaint: Complaint, at: datetime) -> None:
    """Mediation failed because the seller refused it: a finding, and 4 points."""
    findings_of(complaint).refused_mediation = True
    _count(complaint, CreditEventKind.REFUSED_MEDIATION, at)


def relief_given(complaint: Complaint) -> bool:
    """Whether the complaint ended with an agreed settlement that gives the consumer relief."""
    settled = session.scalars(
        select(ComplaintSettlement).where(
            ComplaintSettlement.complaint_id == complaint.id,
            ComplaintSettlement.status.in_((SettlementStatus.AGREED, SettlementStatus.ACCEPTED)),
        )
    )
    return any(settlement.is_relief for settlement in settled)


def brand_of(complaint: Complaint) -> str | None:
    """The brand the NLP found in the text, else the product as the consumer named it."""
    for entity in (complaint.nlp_analysis or {}).get("entities", []):
        if entity.get("label") == "BRAND" and str(entity.get("text", "")).strip():
            return str(entity["text"]).strip()[:200]
    return complaint.product


def _findings_open(
    complaint: Complaint, found: ComplaintFinding, substantiated: bool, confirmed: bool
) -> None:
    if complaint.status not in ENDED:
        raise Refusal(_("Findings are recorded once the complaint has ended."), "conflict")
    if found.decided_at is not None:
        raise Refusal(_("The findings of this complaint are already recorded."), "conflict")
    if confirmed and not substantiated:
        raise field_refused(
            "substantiated",
            _(
                "A counterfeit, unsafe product or fraud can only be "
                "confirmed in a substantiated complaint."
            ),
        )


def _credit_events(complaint: Complaint, found: ComplaintFinding) -> list[CreditEventKind]:
    events = []
    if found.substantiated and relief_given(complaint):
        events.append(CreditEventKind.COMPLAINT_UPHELD)
    return events + [
        kind
        for kind, flag in (
            (CreditEventKind.COUNTERFEIT_CONFIRMED, found.counterfeit),
            (CreditEventKind.UNSAFE_CONFIRMED, found.unsafe),
            (CreditEventKind.FRAUD_CONFIRMED, found.fraud),
        )
        if flag
    ]


def _share_counterfeit_lead(complaint: Complaint, at: datetime) -> None:
    """No personal data: the brand, product, platform and the seller's own shop address."""
    counterfeit_lead.send(
        "complaints",
        case_reference=complaint.reference,
        brand=brand_of(complaint),
        product=complaint.product,
        platform=complaint.platform_name,
        seller_id=complaint.seller_id,
        listing_url=complaint.seller_shop_url,
        at=at,
    )


def record_findings(
    complaint: Complaint,
    officer: User,
    *,
    substantiated: bool,
    counterfeit: bool = False,
    unsafe: bool = False,
    fraud: bool = False,
) -> ComplaintFinding:
    """The officer's findings once the complaint has ended; each confirmed finding counts on the
    seller's credit record, and a confirmed counterfeit may be shared as a lead with the brand."""
    found = findings_of(complaint)
    _findings_open(complaint, found, substantiated, counterfeit or unsafe or fraud)
    now = clock.now()
    found.substantiated, found.counterfeit, found.unsafe, found.fraud = (
        substantiated,
        counterfeit,
        unsafe,
        fraud,
    )
    found.decided_at, found.decided_by_id = now, officer.id
    events = _credit_events(complaint, found)
    for kind in events:
        _count(complaint, kind, now)
    record_event(
        complaint,
        Actor.of(officer),
        "findings",
        data={
            "substantiated": substantiated,
            "counterfeit": counterfeit,
            "unsafe": unsafe,
            "fraud": fraud,
            "credit_events": [kind.value for kind in events],
        },
    )
    if counterfeit and complaint.consent_share_with_rights_holder:
        _share_counterfeit_lead(complaint, now)
    session.flush()
    return found
