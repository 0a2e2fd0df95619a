"""The complaint case kind: what casework reads of a complaint through the case-kind registry
(DESIGN.md section 2), and the complaint's own panel on the officer's case page."""

from __future__ import annotations

from flask import get_template_attribute
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from casework.kinds import CaseKind, Party
from casework.models import Case
from complaints.forms import panel_forms
from complaints.labels import REJECTION_LABELS, SUGGESTION_LABELS
from complaints.models import Complaint, ComplaintFinding
from complaints.services.anonymisation import anonymise_complaint
from complaints.services.duplicates import duplicate_keys
from complaints.services.evidence_access import party_may_read
from complaints.services.feedback import feedback_of
from complaints.services.filing import CATEGORY_PRIORITY
from complaints.services.notifications import seller_contact
from complaints.services.settlement import can_go_to_seller_first, settlements
from complaints.services.suggestions import suggestion_rows
from complaints.workflow import COMPLAINT_WORKFLOW, ENDED, ComplaintState
from core.db import session
from nlp import CONSUMER_LABELS, ENTITY_LABELS


def _complaint(case: Case) -> Complaint:
    if not isinstance(case, Complaint):
        raise TypeError(f"{case.reference} is not a complaint")
    return case


def parties(case: Case) -> list[Party]:
    complaint = _complaint(case)
    found = [
        Party(
            "consumer",
            complaint.consumer_name,
            complaint.consumer_email or None,
            complaint.language or "en",
        )
    ]
    seller = complaint.seller
    if seller is not None or complaint.seller_name:
        contact = None  # the seller's own contact, else the platform's for forwarded cases
        if seller is not None:
            contact = seller.contact_email or (
                seller.platform.contact_email if seller.platform else None
            )
        found.append(
            Party("seller", seller.name if seller else complaint.seller_name or "", contact)
        )
    return found


def text(case: Case) -> str:
    return _complaint(case).description or ""


def search_text(case: Case) -> str:
    c = _complaint(case)
    words = (
        c.consumer_name,
        c.consumer_email,
        c.consumer_phone,
        c.platform_name,
        c.seller_name,
        c.seller_shop_url,
        c.seller_platform_id,
        c.product,
        c.order_number,
        str(c.amount) if c.amount is not None else None,
        c.currency,
        c.description,
    )
    return " ".join(word for word in words if word)


def relation_keys(case: Case) -> list[tuple[str, str]]:
    c = _complaint(case)
    keys = [("email", c.consumer_email or ""), ("order", c.order_number or "")]
    if c.seller_id is not None:
        keys.append(("seller", str(c.seller_id)))
    return keys + duplicate_keys(c)


def anonymise(case: Case) -> None:
    anonymise_complaint(_complaint(case))


# The sections of the officer's panel open in each state (each posts to complaints.views.officer).
PANEL_STEPS: dict[str, tuple[str, ...]] = {
    ComplaintState.SUBMITTED: ("accept", "seller_first", "reject", "ask"),
    ComplaintState.WITH_SELLER: ("take_back",),
    ComplaintState.SELLER_CONTACT_NEEDED: ("forward",),
    ComplaintState.AWAITING_SELLER: ("record_seller_answer",),
    ComplaintState.MEDIATION: ("mediate", "record_agreement", "record_failure"),
}


def panel_steps(complaint: Complaint, findings: ComplaintFinding | None) -> frozenset[str]:
    """The officer's steps open now on the complaint: those of its state, and the findings once
    it has ended (until they are recorded)."""
    steps = set(PANEL_STEPS.get(complaint.status, ()))
    if not can_go_to_seller_first(complaint):
        steps.discard("seller_first")
    if complaint.status in ENDED and (findings is None or findings.decided_at is None):
        steps.add("record_findings")
    return frozenset(steps)


def officer_panel(case: Case) -> Markup | None:
    """The steps open in the complaint's state, its settlements and findings."""
    if not isinstance(case, Complaint):
        return None
    findings = session.get(ComplaintFinding, case.id)
    panel = get_template_attribute("complaints/officer_panel.html", "panel")
    return panel(
        case,
        panel_forms(),
        panel_steps(case, findings),  # a macro gives Markup
        seller_contact(case.seller),
        settlements(case),
        findings,
        case.status in ENDED,
        feedback_of(case),
        REJECTION_LABELS,
        suggestion_rows(case),
        SUGGESTION_LABELS,
    )


COMPLAINT_KIND = CaseKind(
    name="complaint",
    label=_l("Complaint"),
    reference_prefix="C",
    nlp_kind="consumer",
    workflow=COMPLAINT_WORKFLOW,
    parties=parties,
    text=text,
    search_text=search_text,
    relation_keys=relation_keys,
    anonymise=anonymise,
    categories=CONSUMER_LABELS,
    entity_labels=ENTITY_LABELS,
    officer_panel=officer_panel,
    party_may_read=party_may_read,
    category_priority=CATEGORY_PRIORITY,
)
