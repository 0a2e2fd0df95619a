"""The rights holder's dashboard, each listing after its takedown (the counter-notice, the proof
form), the CSV export and the counterfeit leads. Another holder's listing is a 404."""

from __future__ import annotations

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
from flask_login import current_user
from wtforms import SelectChoice

from casework.models import Visibility
from casework.services.timeline import timeline
from core import clock
from core.access import roles_required
from core.db import session
from core.models import Role
from core.uploads import UploadError, check_uploads
from ipr.counter_forms import DashboardFilterForm, ProofForm
from ipr.counter_notices import counter_files, counter_notices_of
from ipr.errors import IprError
from ipr.files import file_path
from ipr.holder_dashboard import (
    PAGE_SIZE,
    ListingFilter,
    csv_lines,
    holder_listing,
    listing_page,
    platforms_of,
    state_counts,
    states,
)
from ipr.leads import leads_of, unseen_leads
from ipr.misuse import measures_of
from ipr.models import ActionProof, CounterNotice, IprFile, RightsHolder
from ipr.proofs import proof_files, submit_proof
from ipr.services.holders import holder_of
from ipr.standing import Figures, judge, may_return_at, standing_figures, standing_history
from ipr.workflow import LISTING_WORKFLOW

bp = Blueprint("ipr_dashboard", __name__, url_prefix="/ipr")
SHOWN = {Visibility.PARTIES, Visibility.PUBLIC}


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
    return form, ListingFilter(form.state.data or None, form.since.data, form.until.data,
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
        measures=measures_of(holder), leads=unseen_leads(holder),
        state_label=LISTING_WORKFLOW.label)


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
        events=timeline(listing, SHOWN), state_label=LISTING_WORKFLOW.label, error=error,
        now=clock.now()), status


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
        submit_proof(counters[-1], current_user, {
            "kind": form.kind.data, "authority": form.authority.data,
            "case_number": form.case_number.data, "filed_on": form.filed_on.data,
            "description": form.description.data}, files)
    except UploadError as error:
        return _listing_page(listing_id, form, 400, str(error))
    except IprError as error:
        session.rollback()
        if error.field and error.field in form:
            form[error.field].errors = [*form[error.field].errors, error.message]
        return _listing_page(listing_id, form, error.status, error.message)
    session.commit()
    flash(_("Your proof is sent. An officer checks it; meanwhile the listing stays down."),
          "success")
    return redirect(url_for("ipr_dashboard.listing", listing_id=listing_id))


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
