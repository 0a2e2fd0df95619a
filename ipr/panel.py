"""The listing's own panel on the officer's case page (CaseKind.officer_panel), and what the
seller's secret page shows of a takedown (sellers.register_case_summary)."""

from __future__ import annotations

from flask import get_template_attribute
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select

from casework.models import Case
from core import clock
from core.db import session
from ipr.forms import AppealDecisionForm, RejectForm, TakedownForm
from ipr.labels import ipr_labels
from ipr.models import Listing
from ipr.services.review import appeal_of, statements_of
from ipr.services.rights import describe_right
from sellers.services.ledger import owner_id


def officer_panel(case: Case) -> Markup | None:
    """The notice, the rights it names (and whether each is still in force), the NLP's
    warnings, what was decided, and the decision forms open in the listing's state."""
    if not isinstance(case, Listing):
        return None
    takedown = TakedownForm()
    takedown.right_id.choices = [(r.id, describe_right(r)) for r in case.notice.rights]
    appeal = appeal_of(case)
    panel = get_template_attribute("ipr/officer_panel.html", "panel")
    return panel(case, {"takedown": takedown, "reject": RejectForm(),
                        "appeal": AppealDecisionForm()},
                 statements=statements_of(case), appeal=appeal, today=clock.now().date(),
                 same_officer=case.decided_by_id == current_user.id,
                 labels=ipr_labels()["labels"])


def seller_summary(case_reference: str, seller_id: int) -> Markup | None:
    """On the seller's secret page: the takedown and its statement of reasons, for a listing
    of this seller (None for any other case)."""
    listing = session.scalar(select(Listing).where(Listing.reference == case_reference))
    if listing is None or listing.seller_id is None:
        return None
    if owner_id(listing.seller_id) != owner_id(seller_id):
        return None
    summary = get_template_attribute("ipr/seller_summary.html", "summary")
    return summary(listing, statements_of(listing))
