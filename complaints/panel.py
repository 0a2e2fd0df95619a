"""The complaint's own panel on the officer's case page (CaseKind.officer_panel)."""

from __future__ import annotations

from flask import get_template_attribute
from markupsafe import Markup
from wtforms import SelectChoice

from casework.models import Case
from complaints.consumer import feedback_of
from complaints.findings import ENDED
from complaints.models import Complaint
from complaints.notify import seller_contact
from complaints.outcome_models import ComplaintFinding
from complaints.settlement import can_go_to_seller_first, settlements
from complaints.step_forms import (
    ContactForm,
    FailureForm,
    FindingsForm,
    QuestionForm,
    RejectForm,
    StepForm,
    TermsForm,
    TextForm,
)
from complaints.steps import REJECTION_LABELS
from core.db import session


def panel_forms() -> dict[str, object]:
    reject = RejectForm()
    reject.reason.choices = [SelectChoice(code.value, label)
                             for code, label in REJECTION_LABELS.items()]
    return {"step": StepForm(), "reject": reject, "question": QuestionForm(),
            "contact": ContactForm(), "text": TextForm(), "terms": TermsForm(),
            "failure": FailureForm(), "findings": FindingsForm()}


def officer_panel(case: Case) -> Markup | None:
    """The steps open in the complaint's state, its settlements and findings."""
    if not isinstance(case, Complaint):
        return None
    panel = get_template_attribute("complaints/officer_panel.html", "panel")
    return panel(case, panel_forms(), seller_contact(case.seller), settlements(case),  # Markup
                 session.get(ComplaintFinding, case.id), case.status in ENDED,
                 can_go_to_seller_first(case), feedback_of(case), REJECTION_LABELS)
