"""The rights holder's pages (blueprint `ipr_holder`): the organisation and its rights vault,
notices (reported one by one, pasted, or as CSV), following them, appealing a rejection, the
dashboard of every listing after its takedown (counter-notices, the proof form, CSV export) and
the counterfeit leads. Another holder's notice or listing is a 404. Thin: check the form, call
one service, render or redirect; a refusal keeps nothing (core.transaction)."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response as BaseResponse
from wtforms import SelectChoice

from casework.models import Visibility
from casework.services.timeline import timeline
from core import clock
from core.access import roles_required
from core.headers import keep_out_of_caches
from core.models import Role
from core.uploads import EVIDENCE_TYPES, CheckedFile
from core.web import render_form, render_refused
from ipr.forms import (
    AppealForm,
    DashboardFilterForm,
    ListingEvidenceForm,
    NoticeForm,
    OrganisationForm,
    ProofForm,
    RightForm,
    WithdrawForm,
    uploaded_file,
    uploaded_files,
)
from ipr.labels import page_labels
from ipr.models import Channel, Listing, Notice, RightsHolder
from ipr.services import add_right, file_appeal, file_notice, filing_refusal, holder_of, save_holder
from ipr.services.counter_notices import counter_files, counter_notices_of, listing_rule
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
from ipr.services.filing import (
    NewNotice,
    add_listing_evidence,
    check_notice,
    holder_notice,
    listing_files,
    notice_files,
    platform_name,
)
from ipr.services.holders import power_of_attorney
from ipr.services.leads import leads_of, unseen_leads
from ipr.services.listing_input import SKIPPED, Parsed
from ipr.services.misuse import measures_of
from ipr.services.proofs import NewProof, proof_files, submit_proof, window_open
from ipr.services.refusals import IprError, NoticeRefused
from ipr.services.review import appeal_deadline, withdraw
from ipr.services.rights import describe_right, usable_rights
from ipr.services.standing import Figures, judge, may_return_at, standing_figures, standing_history
from ipr.services.tracking import holder_steps, notice_view, own_listing, own_notices
from ipr.workflow import LISTING_WORKFLOW, ListingState

bp = keep_out_of_caches(
    Blueprint("ipr_holder", __name__, url_prefix="/ipr")
)  # its pages show cases
bp.context_processor(page_labels)
IMAGE_TYPES = frozenset(EVIDENCE_TYPES - {"application/pdf"})
SHOWN = {Visibility.PARTIES, Visibility.PUBLIC}
FIELD_LABELS = {
    "url": _l("address"),
    "platform": _l("platform"),
    "seller": _l("seller"),
    "listing_id": _l("listing id"),
    "explanation": _l("explanation"),
}
NOTICE_FIELDS = ("rights", "description", "good_faith", "accurate", "signature")


# The organisation and its rights


@bp.get("/")
@roles_required(Role.RIGHTS_HOLDER)
def home() -> str:
    holder = holder_of(current_user)
    rights = holder.rights if holder else []
    return render_template(
        "ipr/home.html",
        holder=holder,
        rights=rights,
        refusal=filing_refusal(holder, clock.now()) if holder else None,
        today=clock.now().date(),
        attorney=power_of_attorney(holder) if holder else None,
    )


@bp.route("/organisation", methods=["GET", "POST"])
@roles_required(Role.RIGHTS_HOLDER)
def organisation() -> tuple[str, int] | BaseResponse:
    holder = holder_of(current_user)
    form = OrganisationForm(obj=holder) if holder else OrganisationForm()
    if holder and not form.is_submitted():
        form.capacity.data = holder.capacity.value
    if not form.validate_on_submit():
        return render_form("ipr/organisation.html", form, holder=holder)
    try:
        save_holder(current_user, form.data, uploaded_file(form.power_of_attorney))
    except IprError as refusal:
        return render_refused("ipr/organisation.html", form, refusal, holder=holder)
    flash(
        _(
            "Saved. An officer checks your organisation before you can report listings; "
            "we will write to you."
        ),
        "success",
    )
    return redirect(url_for("ipr_holder.home"))


def _classes(text: str | None) -> list[int]:
    try:
        return [int(part) for part in (text or "").replace(";", ",").split(",") if part.strip()]
    except ValueError:
        raise IprError(_("Nice classes are numbers from 1 to 45."), field="nice_classes") from None


@bp.route("/rights/new", methods=["GET", "POST"])
@roles_required(Role.RIGHTS_HOLDER)
def new_right() -> tuple[str, int] | BaseResponse:
    holder = holder_of(current_user)
    if holder is None:
        flash(_("Register your organisation first."), "error")
        return redirect(url_for("ipr_holder.organisation"))
    form = RightForm()
    if not form.validate_on_submit():
        return render_form("ipr/right_form.html", form)
    try:
        add_right(
            holder,
            current_user,
            {**form.data, "nice_classes": _classes(form.nice_classes.data)},
            uploaded_file(form.certificate),
            uploaded_file(form.mark_image, IMAGE_TYPES),
        )
    except IprError as refusal:
        return render_refused("ipr/right_form.html", form, refusal)
    flash(
        _("The right is in your vault; an officer verifies it against the certificate."), "success"
    )
    return redirect(url_for("ipr_holder.home"))


# Notices


def _problems(fields: dict[str, str], origins: list[str], form: NoticeForm) -> list[str]:
    """The refusal as the form shows it: field errors in place, listing rows in one list."""
    problems: list[str] = []
    for key, message in fields.items():
        parts = key.split(".")
        if parts[0] == "listings" and len(parts) == 3 and parts[1].isdigit():
            where = origins[int(parts[1])] if int(parts[1]) < len(origins) else parts[1]
            problems.append(f"{where} ({FIELD_LABELS.get(parts[2], parts[2])}): {message}")
        elif parts[0] in NOTICE_FIELDS:
            field = getattr(form, parts[0])
            if not field.errors:  # the form's own check said it already
                field.errors = [message]
        else:
            problems.append(message)
    return problems


def _notice_form(form: NoticeForm, problems: list[str], status: int) -> tuple[str, int]:
    return render_template("ipr/notice_form.html", form=form, problems=problems), status


def _checked_notice(form: NoticeForm, parsed: Parsed) -> tuple[NewNotice, list[CheckedFile]]:
    """The notice and its evidence, or NoticeRefused naming every problem of the form at once:
    the rows read, the files, and the notice itself."""
    new = form.new_notice(parsed.rows)
    fields = dict(parsed.errors)
    evidence: list[CheckedFile] = []
    try:
        evidence = uploaded_files(form.evidence)
    except IprError as refusal:
        fields |= refusal.fields
        form.evidence.errors = list(refusal.fields.values())
    try:
        check_notice(current_user, new)
    except NoticeRefused as refusal:
        fields |= refusal.fields
    if fields:
        raise NoticeRefused(
            _(
                "The notice is incomplete or invalid; nothing was stored. See "
                "“fields” for each problem."
            ),
            fields=fields,
        )
    return new, evidence


def _preview(form: NoticeForm, parsed: Parsed) -> tuple[str, int]:
    """The listings read from the form, before anything is filed, with every problem."""
    problems: list[str] = []
    try:
        _checked_notice(form, parsed)
    except NoticeRefused as refused:
        problems = _problems(refused.fields, parsed.origins, form)
    found = [
        (origin, row, platform_name(row))
        for origin, row in zip(parsed.origins, parsed.rows, strict=True)
    ]
    page = render_template(
        "ipr/notice_form.html",
        form=form,
        problems=problems,
        found=found,
        skipped=[(url, SKIPPED[code]) for url, code in parsed.skipped],
        preview=True,
    )
    return page, 422 if problems else 200


@bp.route("/notices/new", methods=["GET", "POST"])
@roles_required(Role.RIGHTS_HOLDER)
def new_notice() -> tuple[str, int] | BaseResponse:
    holder = holder_of(current_user)
    refusal = filing_refusal(holder, clock.now())
    if holder is None or refusal is not None:
        flash(refusal or "", "error")
        return redirect(url_for("ipr_holder.home"))
    form = NoticeForm()
    form.rights.choices = [(right.id, describe_right(right)) for right in usable_rights(holder)]
    if not form.is_submitted():
        return _notice_form(form, [], 200)
    valid = form.validate()
    if form.csrf_token.errors:
        return _notice_form(form, [], 400)
    parsed = form.reported_listings()
    if "preview" in request.form:
        return _preview(form, parsed)
    try:
        # Checked even when a field is missing: every problem is named in one answer.
        new, evidence = _checked_notice(form, parsed)
        if not valid:
            return _notice_form(form, [], 400)
        notice = file_notice(current_user, new, Channel.WEB, evidence)
    except NoticeRefused as refused:
        return _notice_form(form, _problems(refused.fields, parsed.origins, form), refused.status)
    flash(
        _(
            "Notice %(reference)s received: %(n)d listings to review.",
            reference=notice.reference,
            n=len(notice.listings),
        ),
        "success",
    )
    return redirect(url_for("ipr_holder.notice", reference=notice.reference))


@bp.get("/notices")
@roles_required(Role.RIGHTS_HOLDER)
def notices() -> str:
    return render_template(
        "ipr/notices.html", notices=own_notices(current_user), holder=holder_of(current_user)
    )


def _notice_page(
    found: Notice, form: AppealForm | None = None, failed: str | None = None
) -> tuple[str, int]:
    now = clock.now()
    steps = {listing.id: holder_steps(listing, now) for listing in found.listings}
    page = render_template(
        "ipr/notice.html",
        notice=found,
        view=notice_view(found),
        steps=steps,
        appeal_form=form or AppealForm(),
        failed=failed,
        deadline=appeal_deadline,
        files={
            "notice": notice_files(found),
            "listings": {listing.id: listing_files(listing) for listing in found.listings},
        },
    )
    return page, 400 if failed else 200


@bp.get("/notices/<string(maxlength=40):reference>")
@roles_required(Role.RIGHTS_HOLDER)
def notice(reference: str) -> tuple[str, int]:
    found = holder_notice(current_user, reference)
    if found is None:
        abort(404)  # another holder's notice is as good as absent
    return _notice_page(found)


def _own_listing(reference: str) -> Listing:
    listing = own_listing(current_user, reference)
    if listing is None:
        abort(404)
    return listing


@bp.post("/listings/<string(maxlength=40):reference>/appeal")
@roles_required(Role.RIGHTS_HOLDER)
def appeal(reference: str) -> tuple[str, int] | BaseResponse:
    listing = _own_listing(reference)
    form = AppealForm()
    if not form.validate_on_submit():
        return _notice_page(listing.notice, form, reference)
    try:
        file_appeal(listing, current_user, form.grounds.data)
    except IprError as refusal:
        form.grounds.errors = [refusal.message]
        return _notice_page(listing.notice, form, reference)
    flash(
        _(
            "Your appeal on %(reference)s is filed; another officer will decide it.",
            reference=listing.reference,
        ),
        "success",
    )
    return redirect(url_for("ipr_holder.notice", reference=listing.notice.reference))


@bp.route("/listings/<string(maxlength=40):reference>/withdraw", methods=["GET", "POST"])
@roles_required(Role.RIGHTS_HOLDER)
def withdraw_listing(reference: str) -> tuple[str, int] | BaseResponse:
    """Withdrawing cannot be undone: the page asks first (a form, no script needed)."""
    listing = _own_listing(reference)
    form = WithdrawForm()
    if not form.validate_on_submit():
        page = render_template("ipr/withdraw.html", listing=listing, form=form)
        return page, 400 if form.is_submitted() else 200
    try:
        withdraw(listing, current_user)
    except IprError as refusal:
        flash(refusal.message, "error")
    else:
        flash(
            _("You withdrew your report of %(reference)s.", reference=listing.reference),
            "success",
        )
    return redirect(url_for("ipr_holder.notice", reference=listing.notice.reference))


@bp.route("/listings/<string(maxlength=40):reference>/evidence", methods=["GET", "POST"])
@roles_required(Role.RIGHTS_HOLDER)
def listing_evidence(reference: str) -> tuple[str, int] | BaseResponse:
    """Evidence about one listing of the holder's notice; the deciding officer sees it beside
    the listing. A refused file keeps none of them (the same service as the API)."""
    listing = _own_listing(reference)
    form = ListingEvidenceForm()
    context = {"listing": listing, "files": listing_files(listing)}
    if not form.validate_on_submit():
        return render_form("ipr/listing_evidence.html", form, **context)
    try:
        files = uploaded_files(form.files)
        if not files:
            raise IprError(_("Choose at least one file."), field="files")
        added = add_listing_evidence(listing, current_user, files)
    except IprError as refusal:
        return render_refused("ipr/listing_evidence.html", form, refusal, **context)
    flash(
        ngettext(
            "%(num)d file added to %(reference)s.",
            "%(num)d files added to %(reference)s.",
            added,
            reference=listing.reference,
        ),
        "success",
    )
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
        SelectChoice(name, str(LISTING_WORKFLOW.label(name))) for name in states()
    ]
    form.platform.choices = [SelectChoice("", _("any"))] + [
        SelectChoice(name, name) for name in platforms_of(_holder())
    ]
    if request.args and not form.validate():
        abort(400, _("The filter is not valid: %(fields)s.", fields=", ".join(form.errors)))
    state = ListingState(form.state.data) if form.state.data else None
    return form, ListingFilter(state, form.since.data, form.until.data, form.platform.data or None)


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
        "ipr/dashboard.html",
        holder=holder,
        form=form,
        listings=listings,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        query=query,
        counts=state_counts(holder),
        figures=figures,
        standing=judge(holder, figures, now),
        back=may_return_at(holder),
        history=standing_history(holder),
        measures=measures_of(holder),
        leads=unseen_leads(holder),
    )


@bp.get("/dashboard.csv")
@roles_required(Role.RIGHTS_HOLDER)
def dashboard_csv() -> Response:
    holder = _holder()
    _form, chosen = _filters()
    name = f"listings-{clock.now().date().isoformat()}.csv"
    return Response(
        stream_with_context(csv_lines(holder, chosen)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _listing(listing_id: int) -> Listing:
    listing = holder_listing(_holder(), listing_id)
    if listing is None:
        abort(404)
    return listing


def _listing_context(listing: Listing) -> dict[str, object]:
    counters = counter_notices_of(listing)
    return {
        "listing": listing,
        "counters": counters,
        "files": {c.id: counter_files(c) for c in counters},
        "proof_files": proof_files,
        "proof_open": bool(counters) and window_open(counters[-1], clock.now()),
        "events": timeline(listing, SHOWN),
        "rule": listing_rule(listing),
    }


@bp.get("/dashboard/listings/<id:listing_id>")
@roles_required(Role.RIGHTS_HOLDER)
def listing(listing_id: int) -> str:
    return render_template(
        "ipr/holder_listing.html", form=ProofForm(), **_listing_context(_listing(listing_id))
    )


@bp.post("/dashboard/listings/<id:listing_id>/proof")
@roles_required(Role.RIGHTS_HOLDER)
def proof(listing_id: int) -> tuple[str, int] | BaseResponse:
    found = _listing(listing_id)
    form = ProofForm()
    counters = counter_notices_of(found)
    if not form.validate_on_submit() or not counters:
        return render_template(
            "ipr/holder_listing.html",
            form=form,
            error=_("Please correct the fields marked below."),
            **_listing_context(found),
        ), 400
    try:
        submit_proof(
            counters[-1],
            current_user,
            NewProof(
                kind=form.kind.data,
                authority=form.authority.data,
                case_number=form.case_number.data,
                filed_on=form.filed_on.data,
                description=form.description.data,
            ),
            uploaded_files(form.files),
        )
    except IprError as refusal:
        return render_refused("ipr/holder_listing.html", form, refusal, **_listing_context(found))
    flash(
        _("Your proof is sent. An officer checks it; meanwhile the listing stays down."), "success"
    )
    return redirect(url_for("ipr_holder.listing", listing_id=listing_id))


@bp.get("/leads")
@roles_required(Role.RIGHTS_HOLDER)
def leads() -> str:
    holder = _holder()
    return render_template("ipr/leads.html", holder=holder, leads=leads_of(holder))
