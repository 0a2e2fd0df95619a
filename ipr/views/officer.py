"""The officer's IPR pages (blueprint `ipr_officer`): verify organisations and rights, decide
listings (from the case page's panel, or a whole notice at once), decide appeals; the steps after a
takedown (counter-notices, the window, proofs, restoring; forms on the case page's panel); the
page of holders' standing, misuse measures and repeat infringers. Every refusal is a 4xx that
saves nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from casework.access import can_see
from casework.bulk import BulkResult
from core import clock
from core.access import roles_required
from core.audit import record_personal_data_read
from core.db import session
from core.models import STAFF_ROLES
from ipr.forms import (
    AppealDecisionForm,
    BulkDecisionForm,
    CheckForm,
    ExtensionForm,
    MisuseForm,
    ProofCheckForm,
    ReasonsForm,
    RejectForm,
    TakedownForm,
)
from ipr.labels import page_labels
from ipr.models import (
    ActionProof,
    CounterNotice,
    IprFile,
    IpRight,
    Listing,
    MisuseKind,
    MisuseMeasure,
    Notice,
    RightsHolder,
    Verification,
)
from ipr.services import (
    Takedown,
    bulk_decide,
    counter_notices,
    decide_appeal,
    misuse,
    proofs,
    reject,
    restoration,
    take_down,
    verify_holder,
    verify_right,
)
from ipr.services.files import file_path
from ipr.services.holders import pending_holders
from ipr.services.misuse import active_suspension, decide_measure, misuse_figures
from ipr.services.refusals import IprError
from ipr.services.repeat_infringers import open_flags
from ipr.services.standing import Figures, judge, standing_figures
from ipr.workflow import ListingState

bp = Blueprint("ipr_officer", __name__, url_prefix="/ipr/officer")
bp.context_processor(page_labels)
STAFF = tuple(STAFF_ROLES)


def _refuse(message: str, status: int = 400) -> None:
    session.rollback()
    abort(status, message)


@bp.get("/")
@roles_required(*STAFF)
def index() -> str:
    rights = session.scalars(select(IpRight).where(IpRight.status == Verification.PENDING)
                             .order_by(IpRight.id))
    return render_template("ipr/officer_index.html", holders=pending_holders(),
                           rights=list(rights))


def _files(**owner: int) -> list[IprFile]:
    ((name, value),) = owner.items()
    return list(session.scalars(select(IprFile).where(getattr(IprFile, name) == value)
                                .order_by(IprFile.id)))


@bp.get("/holders/<id:holder_id>")
@roles_required(*STAFF)
def holder(holder_id: int) -> str:
    found = session.get(RightsHolder, holder_id) or abort(404)
    record_personal_data_read(f"rights_holder:{found.id}", "organisation and contact")
    session.commit()
    return render_template("ipr/officer_holder.html", holder=found, form=CheckForm(),
                           files=_files(holder_id=found.id),
                           checkable=found.status == Verification.PENDING)


@bp.post("/holders/<id:holder_id>/check")
@roles_required(*STAFF)
def check_holder(holder_id: int) -> Response:
    found = session.get(RightsHolder, holder_id) or abort(404)
    form = CheckForm()
    if not form.validate_on_submit():
        _refuse(_("Choose verified or refused."))
    try:
        verify_holder(found, current_user, form.decision.data == "verify", form.reasons.data)
    except IprError as error:
        _refuse(error.message, error.status)
    session.commit()
    if found.status == Verification.VERIFIED:
        flash(_("%(name)s is verified and may report listings.", name=found.legal_name),
              "success")
    else:
        flash(_("%(name)s is refused; the reasons were sent.", name=found.legal_name), "success")
    return redirect(url_for("ipr_officer.index"))


@bp.get("/rights/<id:right_id>")
@roles_required(*STAFF)
def right(right_id: int) -> str:
    found = session.get(IpRight, right_id) or abort(404)
    return render_template("ipr/officer_right.html", right=found, form=CheckForm(),
                           files=_files(right_id=found.id),
                           checkable=found.status == Verification.PENDING)


@bp.post("/rights/<id:right_id>/check")
@roles_required(*STAFF)
def check_right(right_id: int) -> Response:
    found = session.get(IpRight, right_id) or abort(404)
    form = CheckForm()
    if not form.validate_on_submit():
        _refuse(_("Choose verified or refused."))
    try:
        verify_right(found, current_user, form.decision.data == "verify", form.reasons.data)
    except IprError as error:
        _refuse(error.message, error.status)
    session.commit()
    flash(_("The right “%(title)s” is checked.", title=found.title), "success")
    return redirect(url_for("ipr_officer.index"))


@bp.get("/files/<id:file_id>")
@roles_required(*STAFF)
def download(file_id: int) -> Response:
    found = session.get(IprFile, file_id) or abort(404)
    if found.notice_id is not None:
        listings = session.get_one(Notice, found.notice_id).listings
        if not any(can_see(current_user, listing) for listing in listings):
            abort(404)
    record_personal_data_read(f"ipr_file:{found.id}", found.filename)
    session.commit()
    return send_file(file_path(found), as_attachment=True, download_name=found.filename,
                     mimetype="application/octet-stream")


def _listing(listing_id: int) -> Listing:
    found = session.get(Listing, listing_id)
    if found is None or not can_see(current_user, found):
        abort(404)  # a case one may not see is as good as absent
    return found


def _back(listing: Listing, message: str) -> Response:
    session.commit()
    flash(message, "success")
    return redirect(url_for("casework.case", case_id=listing.id))


@bp.post("/listings/<id:listing_id>/takedown")
@roles_required(*STAFF)
def takedown(listing_id: int) -> Response:
    listing = _listing(listing_id)
    form = TakedownForm()
    form.right_id.choices = [(r.id, r.title) for r in listing.notice.rights]
    if not form.validate_on_submit():
        _refuse(_("Choose the right invoked; facts may have at most 20,000 characters."))
    try:
        take_down(listing, current_user, Takedown(facts=form.facts.data or "",
                                                  counterfeit=form.counterfeit.data,
                                                  right_id=form.right_id.data))
    except IprError as error:
        _refuse(error.message, error.status)
    return _back(listing, _("%(reference)s is taken down; the seller and the platform get the "
                            "statement of reasons.", reference=listing.reference))


@bp.post("/listings/<id:listing_id>/reject")
@roles_required(*STAFF)
def reject_listing(listing_id: int) -> Response:
    listing = _listing(listing_id)
    form = RejectForm()
    if not form.validate_on_submit():
        _refuse(_("Give the reasons for the rejection."))
    try:
        reject(listing, current_user, form.reasons.data)
    except IprError as error:
        _refuse(error.message, error.status)
    return _back(listing, _("%(reference)s is rejected; the rights holder gets the reasons.",
                            reference=listing.reference))


@bp.post("/listings/<id:listing_id>/appeal")
@roles_required(*STAFF)
def appeal_decision(listing_id: int) -> Response:
    listing = _listing(listing_id)
    form = AppealDecisionForm()
    if not form.validate_on_submit():
        _refuse(_("Choose a decision and give its reasons."))
    grant = form.decision.data == "grant"
    try:
        decide_appeal(listing, current_user, grant, form.reasons.data,
                      Takedown(facts=form.reasons.data, counterfeit=form.counterfeit.data))
    except IprError as error:
        _refuse(error.message, error.status)
    return _back(listing, _("The appeal on %(reference)s is decided.",
                            reference=listing.reference))


def _visible_listings(notice: Notice) -> list[Listing]:
    return [listing for listing in notice.listings if can_see(current_user, listing)]


def _notice_page(notice: Notice, listings: list[Listing], form: BulkDecisionForm,
                 results: list[BulkResult] | None) -> str:
    decidable = {listing.id for listing in listings
                 if listing.status == ListingState.UNDER_REVIEW}
    return render_template("ipr/officer_notice.html", notice=notice, listings=listings,
                           form=form, results=results, decidable=decidable)


@bp.get("/notices/<string(maxlength=40):reference>")
@roles_required(*STAFF)
def notice(reference: str) -> Any:
    found = session.scalar(select(Notice).where(Notice.reference == reference))
    listings = _visible_listings(found) if found else []
    if not listings:
        abort(404)
    return _notice_page(found, listings, BulkDecisionForm(), None)


@bp.post("/notices/<string(maxlength=40):reference>/bulk")
@roles_required(*STAFF)
def bulk(reference: str) -> Any:
    found = session.scalar(select(Notice).where(Notice.reference == reference))
    listings = _visible_listings(found) if found else []
    if not listings:
        abort(404)
    form = BulkDecisionForm()
    form.listings.choices = [(listing.id, listing.reference) for listing in listings]
    if not form.validate_on_submit():
        _refuse(_("Select listings and a decision."))
    take = form.action.data == "take_down"
    try:
        results = bulk_decide(current_user, form.listings.data, take,
                              decision=Takedown(facts=form.reasons.data or "",
                                                counterfeit=form.counterfeit.data),
                              reasons=form.reasons.data or "")
    except IprError as error:
        _refuse(error.message, error.status)
    session.commit()
    return _notice_page(found, listings, BulkDecisionForm(formdata=None), results)


# After a takedown: counter-notices, proofs, standing and misuse

def _counter(counter_id: int) -> CounterNotice:
    counter = session.get(CounterNotice, counter_id)
    if counter is None or not can_see(current_user, counter.listing):
        abort(404)  # a case one may not see is as good as absent
    return counter


def _step(counter: CounterNotice, work: Callable[[], object], done: str) -> Response:
    try:
        work()
    except IprError as error:
        session.rollback()
        abort(error.status, error.message)
    session.commit()
    flash(done, "success")
    return redirect(url_for("casework.case", case_id=counter.listing_id))


def _valid(form: object) -> None:
    if not form.validate_on_submit():  # type: ignore[attr-defined]
        errors = "; ".join(f"{name}: {' '.join(map(str, e))}"
                           for name, e in form.errors.items())  # type: ignore[attr-defined]
        abort(400, errors or _("The form has expired. Reload the page."))


@bp.post("/counter-notices/<id:counter_id>/forward")
@roles_required(*STAFF)
def forward_counter_notice(counter_id: int) -> Response:
    counter = _counter(counter_id)
    _valid(ReasonsForm())
    return _step(counter, lambda: counter_notices.forward_counter_notice(counter, current_user),
                 _("The counter-notice is forwarded; the rights holder's window runs."))


@bp.post("/counter-notices/<id:counter_id>/refuse")
@roles_required(*STAFF)
def refuse_counter_notice(counter_id: int) -> Response:
    counter = _counter(counter_id)
    form = ReasonsForm()
    _valid(form)
    return _step(counter, lambda: counter_notices.refuse_counter_notice(counter, current_user,
                                                        form.reasons.data),
                 _("The counter-notice is refused; the listing stays down."))


@bp.post("/counter-notices/<id:counter_id>/extend")
@roles_required(*STAFF)
def extend_window(counter_id: int) -> Response:
    counter = _counter(counter_id)
    form = ExtensionForm()
    _valid(form)
    return _step(counter, lambda: counter_notices.extend_window(
        counter, current_user, form.working_days.data, form.reasons.data),
                 _("The window is extended."))


@bp.post("/counter-notices/<id:counter_id>/restore")
@roles_required(*STAFF)
def restore_listing(counter_id: int) -> Response:
    counter = _counter(counter_id)
    _valid(ReasonsForm())
    return _step(counter, lambda: restoration.restore_now(counter, current_user),
                 _("The listing is restored."))


@bp.post("/proofs/<id:proof_id>/check")
@roles_required(*STAFF)
def check_proof(proof_id: int) -> Response:
    proof = session.get(ActionProof, proof_id) or abort(404)
    counter = _counter(proof.counter_notice_id)
    form = ProofCheckForm()
    _valid(form)
    return _step(counter, lambda: proofs.check_proof(
        proof, current_user, form.decision.data == "accept", form.reasons.data),
                 _("The proof is checked."))


@bp.get("/counter-files/<id:file_id>")
@roles_required(*STAFF)
def counter_file(file_id: int) -> Response:
    found = session.get(IprFile, file_id) or abort(404)
    if found.counter_notice_id is not None:
        _counter(found.counter_notice_id)
    elif found.proof_id is not None:
        _counter(session.get_one(ActionProof, found.proof_id).counter_notice_id)
    else:
        abort(404)
    record_personal_data_read(f"ipr_file:{found.id}", found.filename)
    session.commit()
    return send_file(file_path(found), as_attachment=True, download_name=found.filename,
                     mimetype="application/octet-stream")


@bp.get("/standing")
@roles_required(*STAFF)
def standing() -> str:
    now = clock.now()
    holders = list(session.scalars(select(RightsHolder).where(
        RightsHolder.status == Verification.VERIFIED).order_by(RightsHolder.legal_name)))
    figures = standing_figures(now)
    rows = [(h, figures.get(h.id, Figures()), judge(h, figures.get(h.id, Figures()), now))
            for h in holders]
    return render_template("ipr/standing.html", rows=rows, misuse=misuse_figures(now),
                           flags=open_flags(), form=MisuseForm(), now=now,
                           suspensions={h.id: active_suspension(h.id, now) for h in holders
                                        if h.suspended_until and h.suspended_until > now})


@bp.post("/standing/holders/<id:holder_id>/measure")
@roles_required(*STAFF)
def measure(holder_id: int) -> Response:
    holder = session.get(RightsHolder, holder_id) or abort(404)
    form = MisuseForm()
    _valid(form)
    try:
        decide_measure(holder, current_user, MisuseKind(form.kind.data), form.reasons.data,
                       form.days.data)
    except IprError as error:
        session.rollback()
        abort(error.status, error.message)
    session.commit()
    flash(_("The measure is recorded and the organisation is told."), "success")
    return redirect(url_for("ipr_officer.standing"))


@bp.post("/standing/measures/<id:measure_id>/lift")
@roles_required(*STAFF)
def lift_suspension(measure_id: int) -> Response:
    found = session.get(MisuseMeasure, measure_id) or abort(404)
    _valid(ReasonsForm())
    try:
        misuse.lift_suspension(found, current_user)
    except IprError as error:
        session.rollback()
        abort(error.status, error.message)
    session.commit()
    flash(_("The suspension is lifted."), "success")
    return redirect(url_for("ipr_officer.standing"))
