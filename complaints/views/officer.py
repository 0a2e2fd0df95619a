"""The officer's complaint steps, posted from the complaint's panel on the case page. Thin: check
the form, call one service, go back to the case; core commits, and answers a Refusal with its
status, keeping nothing of the step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from casework.services.access import can_see
from casework.views.officer import refused_on_case_page
from complaints.forms import FindingsForm, panel_forms
from complaints.models import Complaint
from complaints.services import findings, forwarding, mediation, review, settlement
from complaints.services.checked_input import checked_terms
from complaints.workflow import COMPLAINT_WORKFLOW
from core.access import roles_required
from core.db import session
from core.errors import Refusal
from core.headers import keep_out_of_caches
from core.models import STAFF_ROLES

bp = keep_out_of_caches(
    Blueprint("complaints_officer", __name__, url_prefix="/officer/complaints")
)  # its pages show cases


def _complaint(case_id: int) -> Complaint:
    complaint = session.get(Complaint, case_id)
    if complaint is None or not can_see(current_user, complaint):
        abort(404)  # a complaint one may not see is as good as absent
    return complaint


def _step(case_id: int, form_name: str, work: Callable[[Complaint, Any], object]) -> Response:
    """Check the panel's form, then do the step; a Refusal from it is answered by core."""
    complaint = _complaint(case_id)
    form = panel_forms()[form_name]
    if not form.validate_on_submit():
        errors = [error for errors in form.errors.values() for error in errors]
        raise Refusal(" ".join(map(str, errors)) or _("The form has expired. Reload the page."))
    try:
        work(complaint, form)
    except Refusal as refused:
        if refused.code != "conflict":
            raise
        return refused_on_case_page(complaint, refused)  # e.g. a second Accept from a stale tab
    flash(
        _(
            "Complaint %(reference)s is now “%(state)s”.",
            reference=complaint.reference,
            state=COMPLAINT_WORKFLOW.label(complaint.status),
        ),
        "success",
    )
    return redirect(url_for("casework_officer.case", case_id=complaint.id))


@bp.post("/<id:case_id>/accept")
@roles_required(*STAFF_ROLES)
def accept(case_id: int) -> Response:
    return _step(case_id, "step", lambda c, f: review.accept_complaint(c, current_user))


@bp.post("/<id:case_id>/reject")
@roles_required(*STAFF_ROLES)
def reject(case_id: int) -> Response:
    return _step(
        case_id,
        "reject",
        lambda c, f: review.reject_complaint(c, current_user, f.reason.data, f.explanation.data),
    )


@bp.post("/<id:case_id>/ask")
@roles_required(*STAFF_ROLES)
def ask(case_id: int) -> Response:
    return _step(
        case_id, "question", lambda c, f: review.ask_consumer(c, current_user, f.question.data)
    )


@bp.post("/<id:case_id>/seller-first")
@roles_required(*STAFF_ROLES)
def seller_first(case_id: int) -> Response:
    return _step(case_id, "step", lambda c, f: review.seller_first(c, current_user))


@bp.post("/<id:case_id>/take-back")
@roles_required(*STAFF_ROLES)
def take_back(case_id: int) -> Response:
    return _step(case_id, "step", lambda c, f: settlement.take_back(c, current_user))


@bp.post("/<id:case_id>/forward")
@roles_required(*STAFF_ROLES)
def forward(case_id: int) -> Response:
    return _step(
        case_id,
        "contact",
        lambda c, f: forwarding.add_contact_and_forward(
            c, current_user, f.email.data, bool(f.via_platform.data), f.seller_name.data
        ),
    )


@bp.post("/<id:case_id>/seller-answer")
@roles_required(*STAFF_ROLES)
def seller_answer(case_id: int) -> Response:
    return _step(
        case_id, "text", lambda c, f: mediation.record_seller_answer(c, current_user, f.text.data)
    )


@bp.post("/<id:case_id>/mediate")
@roles_required(*STAFF_ROLES)
def mediate(case_id: int) -> Response:
    return _step(case_id, "text", lambda c, f: mediation.mediate(c, current_user, f.text.data))


@bp.post("/<id:case_id>/agreement")
@roles_required(*STAFF_ROLES)
def agreement(case_id: int) -> Response:
    return _step(
        case_id,
        "terms",
        lambda c, f: mediation.record_agreement(
            c, current_user, checked_terms(f.kind.data, f.amount.data, f.currency.data, f.text.data)
        ),
    )


@bp.post("/<id:case_id>/failure")
@roles_required(*STAFF_ROLES)
def failure(case_id: int) -> Response:
    return _step(
        case_id,
        "failure",
        lambda c, f: mediation.record_failure(
            c, current_user, bool(f.refused.data), f.explanation.data
        ),
    )


@bp.post("/<id:case_id>/findings")
@roles_required(*STAFF_ROLES)
def record_findings(case_id: int) -> Response:
    def work(complaint: Complaint, form: FindingsForm) -> None:
        if form.substantiated.data not in ("yes", "no"):
            raise Refusal(_("Say whether the complaint was substantiated."))
        findings.record_findings(
            complaint,
            current_user,
            substantiated=form.substantiated.data == "yes",
            counterfeit=bool(form.counterfeit.data),
            unsafe=bool(form.unsafe.data),
            fraud=bool(form.fraud.data),
        )

    return _step(case_id, "findings", work)
