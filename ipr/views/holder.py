"""The rights holder's pages (blueprint `ipr_holder`): the organisation and its rights vault,
notices (reported one by one, pasted, or as CSV), following them, appealing a rejection, the
dashboard of every listing after its takedown (counter-notices, the proof form, CSV export) and
the counterfeit leads. Another holder's notice or listing is a 404."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response as BaseResponse
from wtforms import SelectChoice

from casework.models import Visibility
from casework.timeline import timeline
from core import clock
from core.access import roles_required
from core.db import session
from core.models import Role
from core.uploads import EVIDENCE_TYPES, CheckedFile, UploadError, check_upload, check_uploads
from core.web import render_form
from ipr.forms import (
    AppealForm,
    DashboardFilterForm,
    NoticeForm,
    OrganisationForm,
    ProofForm,
    RightForm,
)
from ipr.labels import page_labels
from ipr.models import ActionProof, Channel, CounterNotice, IprFile, Listing, Notice, RightsHolder
from ipr.services import add_right, file_appeal, file_notice, filing_refusal, holder_of, save_holder
from ipr.services.counter_notices import counter_files, counter_notices_of
from ipr.services.dashboard import (
    PAGE_SIZE,
    ListingFilter,
    csv_lines,
    holder_listing,
    listing_page,
    platforms_of,
    state_counts,
    states,
)
from ipr.services.files import file_path
from ipr.services.filing import check_notice
from ipr.services.holders import power_of_attorney
from ipr.services.leads import leads_of, unseen_leads
from ipr.services.misuse import measures_of
from ipr.services.proofs import NewProof, proof_files, submit_proof, window_open
from ipr.services.refusals import IprError, NoticeRefused
from ipr.services.review import appeal_deadline, withdraw
from ipr.services.rights import describe_right, usable_rights
from ipr.services.standing import Figures, judge, may_return_at, standing_figures, standing_history
from ipr.services.tracking import holder_steps, notice_view
from ipr.workflow import LISTING_WORKFLOW, ListingState

bp = Blueprint("ipr_holder", __name__, url_prefix="/ipr")
bp.context_processor(page_labels)
IMAGE_TYPES = frozenset(EVIDENCE_TYPES - {"application/pdf"})
SHOWN = {Visibility.PARTIES, Visibility.PUBLIC}
FIELD_LABELS = {"url": _l("address"), "platform": _l("platform"), "seller": _l("seller"),
                "listing_id": _l("listing id"), "explanation": _l("explanation")}


# The organisation and its rights

def checked_file(upload: FileStorage | None,
                 allowed: frozenset[str] = EVIDENCE_TYPES) -> CheckedFile | None:
    """The uploaded file checked by content, None when none was chosen (UploadError if bad)."""
    if upload is None or not upload.filename:
        return None
    return check_upload(upload.filename, upload.read(), allowed=allowed)


def refuse_field(form: FlaskForm, error: IprError | UploadError, field: str) -> None:
    """Show the refusal on the fields it names, else on `field`."""
    session.rollback()
    named = error.fields if isinstance(error, IprError) else {}
    message = error.message if isinstance(error, IprError) else str(error)
    for name, reason in (named or {field: message}).items():
        target = form._fields.get(name) or form._fields[field]
        target.errors = [*target.errors, reason]


@bp.get("/")
@roles_required(Role.RIGHTS_HOLDER)
def home() -> str:
    holder = holder_of(current_user)
    rights = holder.rights if holder else []
    return render_template("ipr/home.html", holder=holder, rights=rights, today=clock.now().date(),
                           attorney=power_of_attorney(holder) if holder else None)


@bp.route("/organisation", methods=["GET", "POST"])
@roles_required(Role.RIGHTS_HOLDER)
def organisation() -> tuple[str, int] | BaseResponse:
    holder = holder_of(current_user)
    form = OrganisationForm(obj=holder) if holder else OrganisationForm()
    if holder and not form.is_submitted():
        form.capacity.data = holder.capacity.value
    if form.validate_on_submit():
        try:
            attorney = checked_file(form.power_of_attorney.data)
            save_holder(current_user, form.data, attorney)
        except (IprError, UploadError) as error:
            refuse_field(form, error, "power_of_attorney")
            return render_template("ipr/organisation.html", form=form, holder=holder), 400
        session.commit()
        flash(_("Saved. An officer checks your organisation before you can report listings; "
                "we will write to you."), "success")
        return redirect(url_for("ipr_holder.home"))
    return render_form("ipr/organisation.html", form, holder=holder)


def _classes(text: str | None) -> list[int] | None:
    try:
        return [int(part) for part in (text or "").replace(";", ",").split(",") if part.strip()]
    except ValueError:
        return None


@bp.route("/rights/new", methods=["GET", "POST"])
@roles_required(Role.RIGHTS_HOLDER)
def new_right() -> tuple[str, int] | BaseResponse:
    holder = holder_of(current_user)
    if holder is None:
        flash(_("Register your organisation first."), "error")
        return redirect(url_for("ipr_holder.organisation"))
    form = RightForm()
    if form.validate_on_submit():
        classes = _classes(form.nice_classes.data)
        if classes is None:
            form.nice_classes.errors = [_("Nice classes are numbers from 1 to 45.")]
            return render_template("ipr/right_form.html", form=form), 400
        try:
            certificate = checked_file(form.certificate.data)
            image = checked_file(form.mark_image.data, IMAGE_TYPES)
            add_right(holder, current_user, {**form.data, "nice_classes": classes}, certificate,
                      image)
        except (IprError, UploadError) as error:
            refuse_field(form, error, "certificate")
            return render_template("ipr/right_form.html", form=form), 400
        session.commit()
        flash(_("The right is in your vault; an officer verifies it against the certificate."),
              "success")
        return redirect(url_for("ipr_holder.home"))
    return render_form("ipr/right_form.html", form)


# Notices

def _problems(fields: dict[str, str], origins: list[str], form: NoticeForm) -> list[str]:
    """The refusal as the form shows it: field errors in place, listing rows in one list."""
    problems: list[str] = []
    for key, message in fields.items():
        parts = key.split(".")
        if parts[0] == "listings" and len(parts) == 3 and parts[1].isdigit():
            where = origins[int(parts[1])] if int(parts[1]) < len(origins) else parts[1]
            problems.append(f"{where} ({FIELD_LABELS.get(parts[2], parts[2])}): {message}")
        elif parts[0] in ("rights", "description", "good_faith", "accurate", "signature"):
            getattr(form, parts[0]).errors = [*getattr(form, parts[0]).errors, message]
        else:
            problems.append(message)
    return problems


def _form_page(form: NoticeForm, problems: list[str], status: int) -> tuple[str, int]:
    return render_template("ipr/notice_form.html", form=form, problems=problems), status


@bp.route("/notices/new", methods=["GET", "POST"])
@roles_required(Role.RIGHTS_HOLDER)
def new_notice() -> tuple[str, int] | Response:
    holder = holder_of(current_user)
    refusal = filing_refusal(holder, clock.now())
    if refusal is not None:
        flash(refusal, "error")
        return redirect(url_for("ipr_holder.home"))
    form = NoticeForm()
    form.rights.choices = [(right.id, describe_right(right)) for right in usable_rights(holder)]
    if not form.validate_on_submit():
        return _form_page(form, [], 400 if form.is_submitted() else 200)
    parsed = form.reported_listings()
    new = form.new_notice(parsed.rows)
    fields = dict(parsed.errors)
    try:
        evidence = check_uploads([(f.filename or "", f.read()) for f in form.evidence.data or []
                                  if f.filename])
    except UploadError as error:
        evidence, fields["evidence"] = [], str(error)
        form.evidence.errors = [str(error)]
    try:
        check_notice(current_user, new)
    except NoticeRefused as refused:
        fields |= refused.fields
    if fields:
        return _form_page(form, _problems(fields, parsed.origins, form), 422)
    try:
        notice = file_notice(current_user, new, Channel.WEB, evidence)
    except NoticeRefused as refused:
        session.rollback()
        return _form_page(form, _problems(refused.fields, parsed.origins, form), refused.status)
    session.commit()
    flash(_("Notice %(reference)s received: %(n)d listings to review.",
            reference=notice.reference, n=len(notice.listings)), "success")
    return redirect(url_for("ipr_holder.notice", reference=notice.reference))


def _own_notice(reference: str) -> Notice:
    holder = holder_of(current_user)
    notice = session.scalar(select(Notice).where(
        Notice.reference == reference, Notice.holder_id == (holder.id if holder else 0)))
    if notice is None:
        abort(404)  # another holder's notice is as good as absent
    return notice


@bp.get("/notices")
@roles_required(Role.RIGHTS_HOLDER)
def notices() -> str:
    holder = holder_of(current_user)
    found = session.scalars(select(Notice).where(Notice.holder_id == (holder.id if holder
                                                                      else 0))
                            .order_by(Notice.id.desc()).limit(200))
    return render_template("ipr/notices.html", notices=list(found), holder=holder)


@bp.get("/notices/<string(maxlength=40):reference>")
@roles_required(Role.RIGHTS_HOLDER)
def notice(reference: str) -> str:
    found = _own_notice(reference)
    return _notice_page(found)


def _notice_page(found: Notice, form: AppealForm | None = None,
                 failed: str | None = None) -> Any:
    now = clock.now()
    steps = {listing.id: holder_steps(listing, now) for listing in found.listings}
    page = render_template("ipr/notice.html", notice=found, view=notice_view(found),
                           steps=steps, appeal_form=form or AppealForm(),
                           failed=failed, deadline=appeal_deadline)
    return (page, 400) if failed else page


@bp.post("/listings/<string(maxlength=40):reference>/appeal")
@roles_required(Role.RIGHTS_HOLDER)
def appeal(reference: str) -> Any:
    listing = session.scalar(select(Listing).where(Listing.reference == reference))
    holder = holder_of(current_user)
    if listing is None or holder is None or listing.notice.holder_id != holder.id:
        abort(404)
    form = AppealForm()
    if not form.validate_on_submit():
        return _notice_page(listing.notice, form, reference)
    try:
        file_appeal(listing, current_user, form.grounds.data)
    except IprError as error:
        session.rollback()
        form.grounds.errors = [error.message]
        return _notice_page(listing.notice, form, reference)
    session.commit()
    flash(_("Your appeal on %(reference)s is filed; another officer will decide it.",
            reference=listing.reference), "success")
    return redirect(url_for("ipr_holder.notice", reference=listing.notice.reference))



@bp.post("/listings/<string(maxlength=40):reference>/withdraw")
@roles_required(Role.RIGHTS_HOLDER)
def withdraw_listing(reference: str) -> Response:
    listing = session.scalar(select(Listing).where(Listing.reference == reference))
    if listing is None or not FlaskForm().validate_on_submit():
        abort(404 if listing is None else 400)
    try:
        withdraw(listing, current_user)
    except IprError as error:
        session.rollback()
        abort(error.status, error.message)
    session.commit()
    flash(_("You withdrew your report of %(reference)s.", reference=listing.reference),
          "success")
    return redirect(url_for("ipr_holder.notice", reference=listing.notice.reference))


# After the takedown: the dashboard, each listing, the proof, the leads

def _holder() -> RightsHolder:
    holder = holder_of(current_user)
    if holder is None:
        abort(404)
    return holder


def _filters() -> tuple[DashboardFilterForm, ListingFilter]:
    form = DashboardFilterForm(request.args)
    form.state.choices = [SelectChoice("", _("any"))] + [
        SelectChoice(name, str(LISTING_WORKFLOW.label(name))) for name in states()]
    form.platform.choices = [SelectChoice("", _("any"))] + [
        SelectChoice(name, name) for name in platforms_of(_holder())]
    if request.args and not form.validate():
        abort(400, _("The filter is not valid: %(fields)s.", fields=", ".join(form.errors)))
    state = ListingState(form.state.data) if form.state.data else None
    return form, ListingFilter(state, form.since.data, form.until.data,
                               form.platform.data or None)


@bp.get("/dashboard")
@roles_required(Role.RIGHTS_HOLDER)
def dashboard() -> str:
    holder = _holder()
    form, chosen = _filters()
    page = request.args.get("page", 1, type=int) or 1
    if page < 1:
        abort(400, _("There is no such page."))
    listings, total = listing_page(holder, chosen, page)
    now = clock.now()
    figures = standing_figures(now, [holder.id]).get(holder.id, Figures())
    query = {k: v for k, v in request.args.items() if k != "page"}
    return render_template(
        "ipr/dashboard.html", holder=holder, form=form, listings=listings, total=total,
        page=page, pages=max(1, -(-total // PAGE_SIZE)), query=query,
        counts=state_counts(holder), figures=figures, standing=judge(holder, figures, now),
        back=may_return_at(holder), history=standing_history(holder),
        measures=measures_of(holder), leads=unseen_leads(holder))


@bp.get("/dashboard.csv")
@roles_required(Role.RIGHTS_HOLDER)
def dashboard_csv() -> Response:
    holder = _holder()
    _form, chosen = _filters()
    name = f"listings-{clock.now().date().isoformat()}.csv"
    return Response(stream_with_context(csv_lines(holder, chosen)), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _listing_page(listing_id: int, form: ProofForm | None = None, status: int = 200,
                  error: str | None = None) -> tuple[str, int]:
    holder = _holder()
    listing = holder_listing(holder, listing_id) or abort(404)
    counters = counter_notices_of(listing)
    return render_template(
        "ipr/holder_listing.html", listing=listing, counters=counters, form=form or ProofForm(),
        files={c.id: counter_files(c) for c in counters}, proof_files=proof_files,
        proof_open=bool(counters) and window_open(counters[-1], clock.now()),
        events=timeline(listing, SHOWN), error=error), status


@bp.get("/dashboard/listings/<id:listing_id>")
@roles_required(Role.RIGHTS_HOLDER)
def listing(listing_id: int) -> tuple[str, int]:
    return _listing_page(listing_id)


@bp.post("/dashboard/listings/<id:listing_id>/proof")
@roles_required(Role.RIGHTS_HOLDER)
def proof(listing_id: int) -> Response | tuple[str, int]:
    listing = holder_listing(_holder(), listing_id) or abort(404)
    form = ProofForm()
    counters = counter_notices_of(listing)
    if not form.validate_on_submit() or not counters:
        return _listing_page(listing_id, form, 400, _("Please correct the fields marked below."))
    try:
        files = check_uploads([(f.filename or "", f.read()) for f in form.files.data or []
                               if getattr(f, "filename", None)])
        submit_proof(counters[-1], current_user, NewProof(
            kind=form.kind.data, authority=form.authority.data,
            case_number=form.case_number.data, filed_on=form.filed_on.data,
            description=form.description.data), files)
    except UploadError as error:
        return _listing_page(listing_id, form, 400, str(error))
    except IprError as error:
        session.rollback()
        for name, reason in error.fields.items():
            if name in form:
                form[name].errors = [*form[name].errors, reason]
        return _listing_page(listing_id, form, error.status, error.message)
    session.commit()
    flash(_("Your proof is sent. An officer checks it; meanwhile the listing stays down."),
          "success")
    return redirect(url_for("ipr_holder.listing", listing_id=listing_id))


@bp.get("/dashboard/files/<id:file_id>")
@roles_required(Role.RIGHTS_HOLDER)
def download(file_id: int) -> Response:
    """A counter-notice's evidence or the holder's own proof, for its own listings only."""
    holder = _holder()
    found = session.get(IprFile, file_id) or abort(404)
    counter = None
    if found.counter_notice_id is not None:
        counter = session.get(CounterNotice, found.counter_notice_id)
    elif found.proof_id is not None:
        counter = session.get_one(ActionProof, found.proof_id).counter_notice
    if counter is None or counter.listing.notice.holder_id != holder.id:
        abort(404)
    return send_file(file_path(found), as_attachment=True, download_name=found.filename,
                     mimetype="application/octet-stream")


@bp.get("/leads")
@roles_required(Role.RIGHTS_HOLDER)
def leads() -> str:
    holder = _holder()
    found = leads_of(holder)
    session.commit()  # marks them seen
    return render_template("ipr/leads.html", holder=holder, leads=found)
