"""The seller's complaint page, reached by its secret link (no account): answer the complaint,
propose a settlement, or dispute it, and download the consumer's evidence when they agreed to
forwarding. Thin: check, call one service, redirect; core commits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from complaints.forms import SellerAnswerForm, TermsForm, TextForm, own_ids
from complaints.models import Complaint
from complaints.services.checked_input import checked_terms
from complaints.services.evidence import (
    cap_evidence_files,
    received_files,
    refuse_too_large_files,
    seller_files,
    too_large_files,
)
from complaints.services.evidence_access import seller_evidence
from complaints.services.forwarding import forwarded_summary
from complaints.services.seller_answers import (
    SellerCase,
    answer_complaint,
    dispute_complaint,
    open_steps,
    seller_case,
    seller_proposes,
)
from complaints.services.settlement import pending_settlement, settlements
from core.errors import Refusal
from core.headers import keep_out_of_caches
from core.input_guard import form_without_nul

bp = keep_out_of_caches(Blueprint("complaints_seller", __name__))  # its pages show cases
STEP_FORMS: dict[str, tuple[str, type[FlaskForm]]] = {
    "complaints_seller.answer": ("answer", SellerAnswerForm),
    "complaints_seller.dispute": ("dispute", TextForm),
    "complaints_seller.propose": ("proposal", TermsForm),
}


@bp.url_value_preprocessor
def _cap_uploads(endpoint: str | None, _values: Any) -> None:
    # Before CSRF protection first reads the form, so the per-file limit applies to it.
    if endpoint == "complaints_seller.answer" and request.method == "POST":
        cap_evidence_files(request)


@bp.before_request
def _refuse_too_large_files() -> None:
    # A file over the limit refuses the answer (413); `refill_seller_page` gives it back.
    if request.endpoint == "complaints_seller.answer" and request.method == "POST":
        refuse_too_large_files(request)


def refill_seller_page(reason: str) -> str:
    """The seller's page with the step's form as sent and the reason, for a refusal the step's
    view never saw (core.errors): a file too large is named next to the files."""
    secret = (request.view_args or {}).get("secret", "")
    name, form_class = STEP_FORMS[request.endpoint or ""]
    form = form_class(formdata=form_without_nul())
    if isinstance(form, SellerAnswerForm) and too_large_files(request):
        form.files.errors = [reason]
    page = _seller_page(secret, _seller_case(secret), error=reason, **{name: form})
    return page.get_data(as_text=True)


def _seller_case(secret: str) -> SellerCase:
    found = seller_case(secret) if len(secret) <= 100 else None
    return found or abort(404)  # unknown, expired, revoked or another seller's: all the same


def _seller_page(
    secret: str, found: SellerCase, status: int = 200, error: str | None = None, **forms: FlaskForm
) -> Response:
    complaint = found.complaint
    page = render_template(
        "complaints/seller_case.html",
        secret=secret,
        complaint=complaint,
        summary=forwarded_summary(complaint),
        steps=open_steps(complaint),
        pending=pending_settlement(complaint),
        settlements=settlements(complaint),
        error=error,
        evidence=seller_evidence(complaint),
        own_files=seller_files(complaint),
        # Only the form that came back refused shows what was typed; the others start empty.
        answer=own_ids(forms.get("answer") or SellerAnswerForm(formdata=None), "answer"),
        dispute=own_ids(forms.get("dispute") or TextForm(formdata=None), "dispute"),
        proposal=own_ids(forms.get("proposal") or TermsForm(formdata=None), "proposal"),
    )
    response = make_response(page, status)
    response.headers["Cache-Control"] = "no-store"  # reached by a secret link
    return response


@bp.get("/complaints/seller/<string(maxlength=100):secret>")
def case_page(secret: str) -> Response:
    return _seller_page(secret, _seller_case(secret))


def _seller_step(
    secret: str, name: str, form: FlaskForm, work: Callable[[Complaint], object], done: str
) -> Response:
    found = _seller_case(secret)
    if not form.validate_on_submit():
        return _seller_page(
            secret, found, 400, _("The form has expired. Reload the page."), **{name: form}
        )
    try:
        work(found.complaint)
    except Refusal as refusal:
        for field_name, reason in refusal.fields.items():
            if field_name in form:
                form[field_name].errors = [*form[field_name].errors, reason]
        return _seller_page(secret, found, refusal.status, refusal.message, **{name: form})
    flash(done, "success")
    return redirect(url_for("complaints_seller.case_page", secret=secret))


@bp.post("/complaints/seller/<string(maxlength=100):secret>/answer")
def answer(secret: str) -> Response:
    form = SellerAnswerForm()
    return _seller_step(
        secret,
        "answer",
        form,
        lambda complaint: answer_complaint(
            complaint, form.text.data, received_files(form.files.data or [])
        ),
        _("Your answer is sent to the consumer."),
    )


@bp.post("/complaints/seller/<string(maxlength=100):secret>/dispute")
def dispute(secret: str) -> Response:
    form = TextForm()
    return _seller_step(
        secret,
        "dispute",
        form,
        lambda complaint: dispute_complaint(complaint, form.text.data),
        _("Your objection is recorded; an officer will look at the complaint."),
    )


@bp.post("/complaints/seller/<string(maxlength=100):secret>/proposal")
def propose(secret: str) -> Response:
    form = TermsForm()
    return _seller_step(
        secret,
        "proposal",
        form,
        lambda complaint: seller_proposes(
            complaint,
            checked_terms(form.kind.data, form.amount.data, form.currency.data, form.text.data),
        ),
        _("Your proposal is sent to the consumer, who may accept or reject it."),
    )
