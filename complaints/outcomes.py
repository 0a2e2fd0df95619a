"""How a complaint is worked to its end, plugged into the app: the officer's steps, the seller's
page, the consumer's answer to a settlement (pages and API), the deadline jobs."""

from __future__ import annotations

from flask import Flask

from complaints import api_settlement  # noqa: F401 - adds its routes to the complaints API
from complaints.jobs import JOBS
from complaints.models import Complaint
from complaints.officer_views import bp as officer_bp
from complaints.seller_side import case_summary_for_seller
from complaints.seller_views import bp as seller_bp
from complaints.settlement import pending_settlement
from complaints.step_forms import settlement_kind_label
from complaints.workflow import COMPLAINT_WORKFLOW
from core.jobs import register_jobs
from sellers.services import register_case_summary


def _pending_for(record: object) -> object:
    return pending_settlement(record) if isinstance(record, Complaint) else None


def init_outcomes(app: Flask) -> None:
    app.register_blueprint(officer_bp)
    app.register_blueprint(seller_bp)
    register_jobs(app, JOBS)
    register_case_summary(app, case_summary_for_seller)
    app.add_template_global(_pending_for, "complaint_settlement")
    app.add_template_global(settlement_kind_label, "settlement_kind_label")
    app.add_template_global(COMPLAINT_WORKFLOW.label, "complaint_state_label")
