"""The consumer's pages (no account needed): file a complaint, follow it with the secret link (or
a consumer account), add evidence, answer, withdraw, answer the seller's settlement proposal, rate
the outcome, get a fresh link; for consumer accounts, "My complaints"."""

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
    send_file,
    url_for,
)
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from casework.timeline import attachment_folder
from complaints.forms import (
    AnswerForm,
    ComplaintForm,
    EvidenceForm,
    FeedbackForm,
    LostLinkForm,
    SettlementAnswerForm,
    VerifyEmailForm,
    WithdrawForm,
)
from complaints.models import Complaint
from complaints.services import consumer_moves, evidence, settlement
from complaints.services import feedback as feedback_service
from complaints.services.accounts import (
    my_complaints,
    send_verification,
    verified_email,
    verify_email,
)
from complaints.services.checked_input import STATUS_OF, ConsumerError, StepError
from complaints.services.evidence import cap_evidence_files, consumer_attachment, received_files
from complaints.services.filing import FILING_LIMIT, AlreadyFiled, already_filed, file_complaint
from complaints.services.tracking import consumer_complaint, send_new_link, tracking_view
from complaints.workflow import COMPLAINT_WORKFLOW
from core.access import roles_required
from core.db import session
from core.extensions import limiter
from core.models import Role
from core.uploads import UploadError
from core.web import render_form

bp = Blueprint("complaints_consumer", __name__)
UPLOADING = {"complaints_consumer.new", "complaints_consumer.add_evidence"}


@bp.url_value_preprocessor
def _cap_uploads(endpoint: str | None, _values: Any) -> None:
    # Runs before CSRF protection first reads the form, so the per-file limit applies to it.
    if endpoint in UPLOADING and request.method == "POST":
        cap_evidence_files(request)


@bp.route("/complaints/new", methods=["GET", "POST"])
@limiter.limit(FILING_LIMIT, methods=["POST"])
def new() -> tuple[str, int] | Response:
    form = ComplaintForm()
    earlier = already_filed(form.submission.data) if form.is_submitted() else None
    if earlier is not None:
        return _already_filed(earlier)
    if form.validate_on_submit():
        try:
            complaint, secret = file_complaint(
                form.filing(str(get_locale() or "en")), form.checked_files,
                form.submission.data or None, current_user)
            session.commit()
        except (AlreadyFiled, IntegrityError):  # the same form, sent twice at once
            session.rollback()
            earlier = already_filed(form.submission.data)
            if earlier is None:
                raise
            return _already_filed(earlier)
        flash(_("Your complaint %(reference)s is filed. Keep the address of this page: it is "
                "your only way in, and we also sent it to %(email)s.",
                reference=complaint.reference, email=complaint.consumer_email), "success")
        return redirect(url_for("complaints_consumer.track", reference=complaint.reference,
                                token=secret))
    return render_form("complaints/new.html", form)


def _already_filed(reference: str) -> tuple[str, int]:
    return render_template("complaints/already_filed.html", reference=reference), 409


def _complaint(reference: str, token: str | None) -> Complaint:
    complaint = consumer_complaint(reference, token, current_user)
    if complaint is None:
        abort(404)  # a wrong token is as good as an unknown reference
    return complaint


def _page(complaint: Complaint, token: str | None, status: int = 200, refusal: str | None = None,
          **forms: Any) -> tuple[str, int]:
    context = {"evidence": EvidenceForm(token=token), "answer": AnswerForm(token=token),
               "feedback": FeedbackForm(token=token), **forms}
    return render_template("complaints/track.html", complaint=tracking_view(complaint),
                           record=complaint, token=token, forms=context,
                           refusal=refusal), status


@bp.get("/complaints/<string(maxlength=40):reference>")
def track(reference: str) -> tuple[str, int]:
    token = request.args.get("token")
    return _page(_complaint(reference, token), token)


def _back(complaint: Complaint, token: str | None) -> Response:
    return redirect(url_for("complaints_consumer.track", reference=complaint.reference,
                            token=token))


def _refused(complaint: Complaint, name: str, form: Any,
             error: ConsumerError | UploadError) -> tuple[str, int]:
    """The page again with the refusal next to its field, or on top when it is about the
    complaint's state (the step's form may not even be shown then)."""
    session.rollback()
    field = getattr(error, "field", None) or ("files" if isinstance(error, UploadError) else None)
    if field is None:
        return _page(complaint, form.token.data, 400, str(error), **{name: form})
    getattr(form, field).errors = [*getattr(form, field).errors, str(error)]
    return _page(complaint, form.token.data, 400, **{name: form})


@bp.post("/complaints/<string(maxlength=40):reference>/evidence")
def add_evidence(reference: str) -> tuple[str, int] | Response:
    form = EvidenceForm()
    complaint = _complaint(reference, form.token.data)
    if not form.validate_on_submit():
        return _page(complaint, form.token.data, 400, evidence=form)
    try:
        added = evidence.add_evidence(complaint, received_files(form.files.data or []))
    except (ConsumerError, UploadError) as error:
        return _refused(complaint, "evidence", form, error)
    session.commit()
    flash(ngettext("%(num)d file added to your complaint.", "%(num)d files added to your "
                   "complaint.", added), "success")
    return _back(complaint, form.token.data)


@bp.post("/complaints/<string(maxlength=40):reference>/answer")
def answer(reference: str) -> tuple[str, int] | Response:
    form = AnswerForm()
    complaint = _complaint(reference, form.token.data)
    if not form.validate_on_submit():
        return _page(complaint, form.token.data, 400, answer=form)
    try:
        consumer_moves.answer_question(complaint, form.answer.data)
    except ConsumerError as error:
        return _refused(complaint, "answer", form, error)
    session.commit()
    flash(_("Thank you: your answer is with the officers."), "success")
    return _back(complaint, form.token.data)


@bp.route("/complaints/<string(maxlength=40):reference>/withdraw", methods=["GET", "POST"])
def withdraw(reference: str) -> tuple[str, int] | Response:
    # The token comes in the URL to show the confirmation, in the form to act on it.
    form = WithdrawForm(token=request.args.get("token") if request.method == "GET" else None)
    complaint = _complaint(reference, form.token.data)
    if form.validate_on_submit():
        try:
            consumer_moves.withdraw(complaint)
        except ConsumerError as error:
            session.rollback()
            form.confirm.errors = [error.message]
        else:
            session.commit()
            flash(_("Your complaint is withdrawn."), "success")
            return _back(complaint, form.token.data)
    return render_form("complaints/withdraw.html", form, complaint=tracking_view(complaint))


@bp.post("/complaints/<string(maxlength=40):reference>/feedback")
def feedback(reference: str) -> tuple[str, int] | Response:
    form = FeedbackForm()
    complaint = _complaint(reference, form.token.data)
    if not form.validate_on_submit():
        return _page(complaint, form.token.data, 400, feedback=form)
    try:
        feedback_service.give_feedback(complaint, int(form.rating.data), form.comment.data)
    except ConsumerError as error:
        return _refused(complaint, "feedback", form, error)
    session.commit()
    flash(_("Thank you for your feedback."), "success")
    return _back(complaint, form.token.data)


@bp.get("/complaints/<string(maxlength=40):reference>/files/<id:attachment_id>")
def evidence_file(reference: str, attachment_id: int) -> Response:
    complaint = _complaint(reference, request.args.get("token"))
    found = consumer_attachment(complaint, attachment_id)
    if found is None:
        abort(404)
    return send_file(attachment_folder() / found.sha256, as_attachment=True,
                     download_name=found.filename, mimetype="application/octet-stream")


def _consumer_answer(reference: str, answer: Callable[..., object], done: str) -> Response:
    form = SettlementAnswerForm(token=request.args.get("token"))
    complaint = consumer_complaint(reference, form.token.data,
                                   current_user if current_user.is_authenticated else None)
    if complaint is None:
        abort(404)  # a wrong token is as good as an unknown reference
    back = url_for("complaints_consumer.track", reference=reference, token=form.token.data or None)
    if not form.validate_on_submit():
        return _settlement_refused(_("The form has expired. Reload the page."), back, 400)
    settlement_id = int(form.settlement.data) if (form.settlement.data or "").isdigit() else None
    try:
        answer(complaint, settlement_id)
    except StepError as error:
        session.rollback()
        return _settlement_refused(error.message, back, STATUS_OF[error.code])
    session.commit()
    flash(done, "success")
    return redirect(back)


def _settlement_refused(message: str, back: str, status: int) -> Response:
    response = make_response(render_template("complaints/settlement_refused.html",
                                             message=message, back=back), status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/complaints/<string(maxlength=40):reference>/settlement/accept")
def accept_settlement(reference: str) -> Response:
    return _consumer_answer(reference, settlement.accept_settlement,
                            _("You accepted the settlement. Your complaint is resolved."))


@bp.post("/complaints/<string(maxlength=40):reference>/settlement/reject")
def reject_settlement(reference: str) -> Response:
    return _consumer_answer(reference, settlement.reject_settlement,
                            _("You rejected the settlement."))


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
        session.commit()
        # The same answer whether or not such a complaint exists.
        flash(_("If a complaint with this reference was filed with this e-mail address, a new "
                "link to follow it is on its way. Earlier links no longer work."), "info")
        return redirect(url_for("complaints_consumer.lost_link"))
    return render_form("complaints/lost_link.html", form)


@bp.get("/my/complaints")
@roles_required(Role.CONSUMER)
def mine() -> str:
    return render_template("complaints/mine.html", complaints=my_complaints(current_user),
                           verified=verified_email(current_user), form=VerifyEmailForm(),
                           workflow=COMPLAINT_WORKFLOW)


@bp.post("/my/complaints/verify")
@roles_required(Role.CONSUMER)
@limiter.limit("5 per hour")
def ask_verification() -> Response:
    if VerifyEmailForm().validate_on_submit():
        send_verification(current_user)
        session.commit()
        flash(_("We sent a link to %(email)s. Open it to see the complaints filed with this "
                "address.", email=current_user.email), "info")
    return redirect(url_for("complaints_consumer.mine"))


@bp.get("/my/complaints/verify/<string(maxlength=500):token>")
@roles_required(Role.CONSUMER)
def confirm_verification(token: str) -> Response:
    if verify_email(current_user, token):
        session.commit()
        flash(_("Your e-mail address is confirmed."), "success")
    else:
        flash(_("This link is not valid any more. Please ask for a new one."), "error")
    return redirect(url_for("complaints_consumer.mine"))
