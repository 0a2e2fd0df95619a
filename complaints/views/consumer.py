"""The consumer's pages (no account needed): file a complaint, follow it with the secret link (or
a consumer account), add evidence, answer, withdraw, answer the seller's settlement proposal, rate
the outcome, get a fresh link; for consumer accounts, "My complaints".

Thin: check the form, call one service, redirect; core commits. A refused step shows the
tracking page again with the refusal (400), and nothing it changed is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from complaints.forms import (
    AnswerForm,
    ComplaintForm,
    EvidenceForm,
    FeedbackForm,
    LostLinkForm,
    SettlementAnswerForm,
    TokenForm,
    VerifyEmailForm,
    WithdrawForm,
)
from complaints.models import DESCRIPTION_MAX, Complaint, ComplaintSettlement
from complaints.services import consumer_moves, evidence, settlement
from complaints.services import feedback as feedback_service
from complaints.services.accounts import (
    my_complaints,
    send_verification,
    verified_email,
    verify_email,
)
from complaints.services.evidence import (
    cap_evidence_files,
    files_were_sent,
    received_files,
    refuse_too_large_files,
    too_large_files,
)
from complaints.services.filing import FILING_LIMIT, AlreadyFiled, already_filed, file_complaint
from complaints.services.suggestions import SUGGESTION_LIMIT, analyse, suggestions
from complaints.services.tracking import consumer_complaint, send_new_link, tracking_view
from complaints.workflow import COMPLAINT_WORKFLOW
from core.access import roles_required
from core.errors import Refusal
from core.extensions import limiter
from core.headers import keep_out_of_caches
from core.input_guard import form_without_nul
from core.models import Role
from core.web import render_form

bp = keep_out_of_caches(Blueprint("complaints_consumer", __name__))  # its pages show cases
UPLOADING = {
    "complaints_consumer.new",
    "complaints_consumer.add_evidence",
    "complaints_consumer.answer",
}


@bp.url_value_preprocessor
def _cap_uploads(endpoint: str | None, _values: Any) -> None:
    # Runs before CSRF protection first reads the form, so the per-file limit applies to it.
    if endpoint in UPLOADING and request.method == "POST":
        cap_evidence_files(request)


@bp.before_request
def _refuse_too_large_files() -> None:
    # After CSRF protection read the form: a file over the limit refuses the request (413),
    # and `refill_filing_form` gives the person the form back.
    if request.endpoint in UPLOADING and request.method == "POST":
        refuse_too_large_files(request)


@bp.route("/complaints/new", methods=["GET", "POST"])
@limiter.limit(FILING_LIMIT, methods=["POST"])
def new() -> tuple[str, int] | Response:
    form = ComplaintForm()
    earlier = already_filed(form.submission.data) if form.is_submitted() else None
    if earlier is not None:
        return _already_filed(earlier)
    if not form.validate_on_submit():
        return render_form("complaints/new.html", form)
    try:
        complaint, secret = file_complaint(
            form.new_complaint(str(get_locale() or "en")),
            form.checked_files,
            form.submission.data or None,
            current_user,
        )
    except AlreadyFiled as error:  # the same form, sent twice at once
        return _already_filed(error.reference)
    flash(
        _(
            "Your complaint %(reference)s is filed. Keep the address of this page: it is "
            "your only way in, and we also sent it to %(email)s.",
            reference=complaint.reference,
            email=complaint.consumer_email,
        ),
        "success",
    )
    return redirect(
        url_for("complaints_consumer.track", reference=complaint.reference, token=secret)
    )


@bp.post("/complaints/suggestions")
@limiter.limit(SUGGESTION_LIMIT)
def suggest() -> tuple[Response, int]:
    """What the NLP reads in a description, for the form to offer as suggestions (JSON)."""
    body = request.get_json(silent=True)
    description = body.get("description") if isinstance(body, dict) else None
    if not isinstance(description, str) or not description.strip():
        return jsonify(error=_("Describe what happened first.")), 400
    if len(description) > DESCRIPTION_MAX:
        return jsonify(error=_("At most %(n)d characters, please.", n=DESCRIPTION_MAX)), 400
    return jsonify(suggestions=suggestions(analyse(description))), 200


def refill_filing_form(reason: str) -> str:
    """The filing form as sent, for a refusal the view never saw (core.errors): a file too large
    is named next to the files, any other reason on top; chosen files must be chosen again."""
    form = ComplaintForm(formdata=form_without_nul())
    refusal: str | None = reason
    if too_large_files(request):
        form.evidence.errors = [reason]
        refusal = None
    return render_template(
        "complaints/new.html",
        form=form,
        refusal=refusal,
        files_lost=files_were_sent(request),
    )


STEP_FORMS: dict[str, tuple[str, type[TokenForm]]] = {
    "complaints_consumer.add_evidence": ("evidence", EvidenceForm),
    "complaints_consumer.answer": ("answer", AnswerForm),
    "complaints_consumer.feedback": ("feedback", FeedbackForm),
}


def refill_tracking_page(reason: str) -> str:
    """The tracking page, the step's form as sent, and the reason, for a refusal the step's
    view never saw."""
    typed = form_without_nul()
    name, form_class = STEP_FORMS[request.endpoint or ""]
    complaint = _complaint((request.view_args or {}).get("reference", ""), typed.get("token"))
    step_form = form_class(formdata=typed)
    return _page(complaint, typed.get("token"), refusal=reason, **{name: step_form})[0]


def _already_filed(reference: str) -> tuple[str, int]:
    return render_template("complaints/already_filed.html", reference=reference), 409


def _complaint(reference: str, token: str | None) -> Complaint:
    complaint = consumer_complaint(reference, token, current_user)
    if complaint is None:
        abort(404)  # a wrong token is as good as an unknown reference
    return complaint


def _page(
    complaint: Complaint,
    token: str | None,
    status: int = 200,
    refusal: str | None = None,
    **forms: FlaskForm,
) -> tuple[str, int]:
    context = {
        "evidence": EvidenceForm(token=token),
        "answer": AnswerForm(token=token),
        "feedback": FeedbackForm(token=token),
        **forms,
    }
    return render_template(
        "complaints/track.html",
        complaint=tracking_view(complaint),
        token=token,
        forms=context,
        refusal=refusal,
        files_lost=request.method == "POST" and files_were_sent(request),
    ), status


@bp.get("/complaints/<string(maxlength=40):reference>")
def track(reference: str) -> tuple[str, int]:
    token = request.args.get("token")
    return _page(_complaint(reference, token), token)


def _back(complaint: Complaint, token: str | None) -> Response:
    return redirect(
        url_for("complaints_consumer.track", reference=complaint.reference, token=token)
    )


def _refused(complaint: Complaint, name: str, form: TokenForm, refusal: Refusal) -> tuple[str, int]:
    """The page again with the refusal next to its field, or on top when it is about the
    complaint's state (the step's form may not even be shown then)."""
    placed = False
    for field_name, reason in refusal.fields.items():
        if field_name in form:
            form[field_name].errors = [*form[field_name].errors, reason]
            placed = True
    return _page(
        complaint, form.token.data, 400, None if placed else refusal.message, **{name: form}
    )


def _step(
    name: str, form: TokenForm, reference: str, act: Callable[[Complaint], str]
) -> tuple[str, int] | Response:
    """A step on the tracking page: the form checked, then `act` (which says what it did)."""
    complaint = _complaint(reference, form.token.data)
    if not form.validate_on_submit():
        return _page(complaint, form.token.data, 400, **{name: form})
    try:
        done = act(complaint)
    except Refusal as refusal:
        return _refused(complaint, name, form, refusal)
    flash(done, "success")
    return _back(complaint, form.token.data)


@bp.post("/complaints/<string(maxlength=40):reference>/evidence")
def add_evidence(reference: str) -> tuple[str, int] | Response:
    form = EvidenceForm()

    def act(complaint: Complaint) -> str:
        added = evidence.add_evidence(complaint, received_files(form.files.data or []))
        return ngettext(
            "%(num)d file added to your complaint.", "%(num)d files added to your complaint.", added
        )

    return _step("evidence", form, reference, act)


@bp.post("/complaints/<string(maxlength=40):reference>/answer")
def answer(reference: str) -> tuple[str, int] | Response:
    form = AnswerForm()

    def act(complaint: Complaint) -> str:
        consumer_moves.answer_question(
            complaint, form.answer.data, received_files(form.answer_files.data or [])
        )
        return _("Thank you: your answer is with the officers.")

    return _step("answer", form, reference, act)


@bp.post("/complaints/<string(maxlength=40):reference>/feedback")
def feedback(reference: str) -> tuple[str, int] | Response:
    form = FeedbackForm()

    def act(complaint: Complaint) -> str:
        feedback_service.give_feedback(complaint, int(form.rating.data), form.comment.data)
        return _("Thank you for your feedback.")

    return _step("feedback", form, reference, act)


@bp.route("/complaints/<string(maxlength=40):reference>/withdraw", methods=["GET", "POST"])
def withdraw(reference: str) -> tuple[str, int] | Response:
    # The token comes in the URL to show the confirmation, in the form to act on it.
    form = WithdrawForm(token=request.args.get("token") if request.method == "GET" else None)
    complaint = _complaint(reference, form.token.data)
    if form.validate_on_submit():
        try:
            consumer_moves.withdraw(complaint)
        except Refusal as refusal:
            form.confirm.errors = [refusal.message]
        else:
            flash(_("Your complaint is withdrawn."), "success")
            return _back(complaint, form.token.data)
    return render_form("complaints/withdraw.html", form, complaint=tracking_view(complaint))


def _answer_settlement(
    reference: str, answer: Callable[[Complaint, int | None], ComplaintSettlement], done: str
) -> Response:
    form = SettlementAnswerForm(token=request.args.get("token"))
    complaint = _complaint(reference, form.token.data)
    back = url_for("complaints_consumer.track", reference=reference, token=form.token.data or None)
    if not form.validate_on_submit():
        return _settlement_refused(_("The form has expired. Reload the page."), back, 400)
    settlement_id = int(form.settlement.data) if (form.settlement.data or "").isdigit() else None
    try:
        answer(complaint, settlement_id)
    except Refusal as refusal:
        return _settlement_refused(refusal.message, back, refusal.status)
    flash(done, "success")
    return redirect(back)


def _settlement_refused(message: str, back: str, status: int) -> Response:
    response = make_response(
        render_template("complaints/settlement_refused.html", message=message, back=back), status
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/complaints/<string(maxlength=40):reference>/settlement/accept")
def accept_settlement(reference: str) -> Response:
    return _answer_settlement(
        reference,
        settlement.accept_settlement,
        _("You accepted the settlement. Your complaint is resolved."),
    )


@bp.post("/complaints/<string(maxlength=40):reference>/settlement/reject")
def reject_settlement(reference: str) -> Response:
    return _answer_settlement(
        reference, settlement.reject_settlement, _("You rejected the settlement.")
    )


def _submitted_email() -> str:
    return "lost-link:" + (request.form.get("email") or "").strip().lower()[:254]


@bp.route("/complaints/lost-link", methods=["GET", "POST"])
# Per address asked for and per visitor: nobody can mail someone a stream of links.
@limiter.limit("5 per hour", methods=["POST"], key_func=_submitted_email)
@limiter.limit("30 per hour", methods=["POST"])
def lost_link() -> tuple[str, int] | Response:
    form = LostLinkForm()
    if form.validate_on_submit():
        send_new_link(form.email.data, form.reference.data)
        # The same answer whether or not such a complaint exists.
        flash(
            _(
                "If a complaint with this reference was filed with this e-mail address, a new "
                "link to follow it is on its way. Your earlier link works until the new one is "
                "first used."
            ),
            "info",
        )
        return redirect(url_for("complaints_consumer.lost_link"))
    return render_form("complaints/lost_link.html", form)


@bp.get("/my/complaints")
@roles_required(Role.CONSUMER)
def mine() -> str:
    return render_template(
        "complaints/mine.html",
        complaints=my_complaints(current_user),
        verified=verified_email(current_user),
        form=VerifyEmailForm(),
        workflow=COMPLAINT_WORKFLOW,
    )


@bp.post("/my/complaints/verify")
@roles_required(Role.CONSUMER)
@limiter.limit("5 per hour")
def ask_verification() -> Response:
    if VerifyEmailForm().validate_on_submit():
        send_verification(current_user)
        flash(
            _(
                "We sent a link to %(email)s. Open it to see the complaints filed with this "
                "address.",
                email=current_user.email,
            ),
            "info",
        )
    return redirect(url_for("complaints_consumer.mine"))


@bp.get("/my/complaints/verify/<string(maxlength=500):token>")
@roles_required(Role.CONSUMER)
def confirm_verification(token: str) -> Response:
    if verify_email(current_user, token):
        flash(_("Your e-mail address is confirmed."), "success")
    else:
        flash(_("This link is not valid any more. Please ask for a new one."), "error")
    return redirect(url_for("complaints_consumer.mine"))
