"""The officer's complaint steps, posted from the complaint's panel on the case page. Thin: check
the form, call one service, commit, go back to the case; a refusal is a 4xx that saves nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from casework.access import can_see
from casework.transitions import TransitionError
from complaints.forms import panel_forms
from complaints.models import Complaint
from complaints.services import findings, forwarding, mediation, review
from complaints.services.checked_input import STATUS_OF, StepError, checked_terms
from complaints.services.settlement import return_to_officers
from complaints.workflow import COMPLAINT_WORKFLOW
from core.access import roles_required
from core.db import session
from core.models import Role

bp = Blueprint("complaints_officer", __name__, url_prefix="/officer/complaints")
STAFF = (Role.OFFICER, Role.SUPERVISOR, Role.ADMIN)
TRANSITION_STATUS = {"invalid": 400, "forbidden": 403, "conflict": 409}


def _refuse(message: str, status: int = 400) -> NoReturn:
    session.rollback()
    abort(status, message)


def _complaint(case_id: int) -> Complaint:
    complaint = session.get(Complaint, case_id)
    if complaint is None or not can_see(current_user, complaint):
        abort(404)  # a complaint one may not see is as good as absent
    return complaint


def _step(case_id: int, form_name: str, work: Callable[[Complaint, FlaskForm], object]
          ) -> Response:
    complaint = _complaint(case_id)
    form = panel_forms()[form_name]
    if not form.validate_on_submit():
        errors = [error for errors in form.errors.values() for error in errors]
        _refuse(" ".join(map(str, errors)) or _("The form has expired. Reload the page."))
    try:
        work(complaint, form)
    except StepError as error:
        _refuse(error.message, STATUS_OF[error.code])
    except TransitionError as error:
        _refuse(error.message, TRANSITION_STATUS[error.code])
    session.commit()
    flash(_("Complaint %(reference)s is now “%(state)s”.", reference=complaint.reference,
            state=COMPLAINT_WORKFLOW.label(complaint.status)), "success")
    return redirect(url_for("casework.case", case_id=complaint.id))


@bp.post("/<id:case_id>/accept")
@roles_required(*STAFF)
def accept(case_id: int) -> Response:
    return _step(case_id, "step", lambda c, f: review.accept_complaint(c, current_user))


@bp.post("/<id:case_id>/reject")
@roles_required(*STAFF)
def reject(case_id: int) -> Response:
    return _step(case_id, "reject", lambda c, f: review.reject_complaint(
        c, current_user, f.reason.data, f.explanation.data))


@bp.post("/<id:case_id>/ask")
@roles_required(*STAFF)
def ask(case_id: int) -> Response:
    return _step(case_id, "question",
                 lambda c, f: review.ask_consumer(c, current_user, f.question.data))


@bp.post("/<id:case_id>/seller-first")
@roles_required(*STAFF)
def seller_first(case_id: int) -> Response:
    return _step(case_id, "step", lambda c, f: review.seller_first(c, current_user))


@bp.post("/<id:case_id>/take-back")
@roles_required(*STAFF)
def take_back(case_id: int) -> Response:
    def work(complaint: Complaint, _form: FlaskForm) -> None:
        if complaint.status != "with_seller":
            raise StepError(_("This step is not open in the complaint's present state."),
                            "conflict")
        return_to_officers(complaint, current_user, "taken_back")

    return _step(case_id, "step", work)


@bp.post("/<id:case_id>/forward")
@roles_required(*STAFF)
def forward(case_id: int) -> Response:
    return _step(case_id, "contact", lambda c, f: forwarding.add_contact_and_forward(
        c, current_user, f.email.data, bool(f.via_platform.data), f.seller_name.data))


@bp.post("/<id:case_id>/seller-answer")
@roles_required(*STAFF)
def seller_answer(case_id: int) -> Response:
    return _step(case_id, "text",
                 lambda c, f: mediation.record_seller_answer(c, current_user, f.text.data))


@bp.post("/<id:case_id>/mediate")
@roles_required(*STAFF)
def mediate(case_id: int) -> Response:
    return _step(case_id, "text", lambda c, f: mediation.mediate(c, current_user, f.text.data))


@bp.post("/<id:case_id>/agreement")
@roles_required(*STAFF)
def agreement(case_id: int) -> Response:
    return _step(case_id, "terms", lambda c, f: mediation.record_agreement(
        c, current_user, checked_terms(f.kind.data, f.amount.data, f.currency.data, f.text.data)))


@bp.post("/<id:case_id>/failure")
@roles_required(*STAFF)
def failure(case_id: int) -> Response:
    return _step(case_id, "failure", lambda c, f: mediation.record_failure(
        c, current_user, bool(f.refused.data), f.explanation.data))


@bp.post("/<id:case_id>/findings")
@roles_required(*STAFF)
def record_findings(case_id: int) -> Response:
    def work(complaint: Complaint, form: FlaskForm) -> None:
        if form.substantiated.data not in ("yes", "no"):
            raise StepError(_("Say whether the complaint was substantiated."))
        findings.record_findings(
            complaint, current_user, substantiated=form.substantiated.data == "yes",
            counterfeit=bool(form.counterfeit.data), unsafe=bool(form.unsafe.data),
            fraud=bool(form.fraud.data))

    return _step(case_id, "findings", work)
