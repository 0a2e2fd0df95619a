"""The officer's IPR pages (blueprint `ipr_officer`): verify organisations and rights, decide
listings (from the case page's panel, or a whole notice at once), decide appeals; the steps after a
takedown (counter-notices, the window, proofs, restoring; forms on the case page's panel); the
page of holders' standing, misuse measures and repeat infringers. Thin: check the form, call one
service, back to the page; a refusal is answered by core and keeps nothing."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response

from casework.services.access import can_see
from casework.services.bulk import BulkResult
from core import clock
from core.access import roles_required
from core.audit import record_personal_data_read
from core.countries import country_name
from core.db import session
from core.headers import keep_out_of_caches
from core.models import STAFF_ROLES
from ipr.forms import (
    AppealDecisionForm,
    BulkDecisionForm,
    CheckForm,
    ExtensionForm,
    JurisdictionForm,
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
from ipr.services.files import files_of
from ipr.services.filing import listing_files, notice_files
from ipr.services.holders import pending_holders
from ipr.services.jurisdiction import change_jurisdiction
from ipr.services.refusals import IprError
from ipr.services.repeat_infringers import open_flags
from ipr.services.rights import pending_rights
from ipr.services.standing import Figures, judge, standing_figures, verified_holders
from ipr.workflow import ListingState

bp = keep_out_of_caches(
    Blueprint("ipr_officer", __name__, url_prefix="/ipr/officer")
)  # its pages show cases
bp.context_processor(page_labels)


def _valid(form: FlaskForm, message: str | None = None) -> None:
    """Refuse a form that is not valid, naming what is wrong."""
    if not form.validate_on_submit():
        errors = "; ".join(f"{name}: {' '.join(map(str, e))}" for name, e in form.errors.items())
        raise IprError(message or errors or _("The form has expired. Reload the page."))


# Organisations and rights


@bp.get("/")
@roles_required(*STAFF_ROLES)
def index() -> str:
    return render_template(
        "ipr/officer_index.html", holders=pending_holders(), rights=pending_rights()
    )


@bp.get("/holders/<id:holder_id>")
@roles_required(*STAFF_ROLES)
def holder(holder_id: int) -> str:
    found = session.get(RightsHolder, holder_id) or abort(404)
    record_personal_data_read(f"rights_holder:{found.id}", "organisation and contact")
    return render_template(
        "ipr/officer_holder.html",
        holder=found,
        form=CheckForm(),
        files=files_of(holder_id=found.id),
        checkable=found.status == Verification.PENDING,
    )


@bp.post("/holders/<id:holder_id>/check")
@roles_required(*STAFF_ROLES)
def check_holder(holder_id: int) -> Response:
    found = session.get(RightsHolder, holder_id) or abort(404)
    form = CheckForm()
    _valid(form, _("Choose verified or refused."))
    verify_holder(found, current_user, form.decision.data == "verify", form.reasons.data)
    if found.status == Verification.VERIFIED:
        flash(_("%(name)s is verified and may report listings.", name=found.legal_name), "success")
    else:
        flash(_("%(name)s is refused; the reasons were sent.", name=found.legal_name), "success")
    return redirect(url_for("ipr_officer.index"))


@bp.get("/rights/<id:right_id>")
@roles_required(*STAFF_ROLES)
def right(right_id: int) -> str:
    found = session.get(IpRight, right_id) or abort(404)
    return render_template(
        "ipr/officer_right.html",
        right=found,
        form=CheckForm(),
        files=files_of(right_id=found.id),
        checkable=found.status == Verification.PENDING,
    )


@bp.post("/rights/<id:right_id>/check")
@roles_required(*STAFF_ROLES)
def check_right(right_id: int) -> Response:
    found = session.get(IpRight, right_id) or abort(404)
    form = CheckForm()
    _valid(form, _("Choose verified or refused."))
    verify_right(found, current_user, form.decision.data == "verify", form.reasons.data)
    flash(_("The right “%(title)s” is checked.", title=found.title), "success")
    return redirect(url_for("ipr_officer.index"))


# Decisions on listings


def _listing(listing_id: int) -> Listing:
    found = session.get(Listing, listing_id)
    if found is None or not can_see(current_user, found):
        abort(404)  # a case one may not see is as good as absent
    return found


def _back(case_id: int, message: str) -> Response:
    flash(message, "success")
    return redirect(url_for("casework_officer.case", case_id=case_id))


@bp.post("/listings/<id:listing_id>/takedown")
@roles_required(*STAFF_ROLES)
def takedown(listing_id: int) -> Response:
    listing = _listing(listing_id)
    form = TakedownForm()
    form.right_id.choices = [(r.id, r.title) for r in listing.notice.rights]
    _valid(form, _("Choose the right invoked; facts may have at most 20,000 characters."))
    take_down(
        listing,
        current_user,
        Takedown(
            facts=form.facts.data or "",
            counterfeit=form.counterfeit.data,
            right_id=form.right_id.data,
        ),
    )
    return _back(
        listing.id,
        _(
            "%(reference)s is taken down; the seller and the platform get "
            "the statement of reasons.",
            reference=listing.reference,
        ),
    )


@bp.post("/listings/<id:listing_id>/reject")
@roles_required(*STAFF_ROLES)
def reject_listing(listing_id: int) -> Response:
    listing = _listing(listing_id)
    form = RejectForm()
    _valid(form, _("Give the reasons for the rejection."))
    reject(listing, current_user, form.reasons.data)
    return _back(
        listing.id,
        _(
            "%(reference)s is rejected; the rights holder gets the reasons.",
            reference=listing.reference,
        ),
    )


@bp.post("/listings/<id:listing_id>/jurisdiction")
@roles_required(*STAFF_ROLES)
def jurisdiction(listing_id: int) -> Response:
    listing = _listing(listing_id)
    form = JurisdictionForm()
    _valid(form, _("Give the country as two letters and say why its law applies."))
    change_jurisdiction(listing, current_user, form.jurisdiction.data, form.reason.data)
    return _back(
        listing.id,
        _(
            "%(reference)s is now under the law of %(country)s.",
            reference=listing.reference,
            country=country_name(listing.jurisdiction),
        ),
    )


@bp.post("/listings/<id:listing_id>/appeal")
@roles_required(*STAFF_ROLES)
def appeal_decision(listing_id: int) -> Response:
    listing = _listing(listing_id)
    form = AppealDecisionForm()
    _valid(form, _("Choose a decision and give its reasons."))
    decide_appeal(
        listing,
        current_user,
        form.decision.data == "grant",
        form.reasons.data,
        Takedown(facts=form.reasons.data, counterfeit=form.counterfeit.data),
    )
    return _back(
        listing.id, _("The appeal on %(reference)s is decided.", reference=listing.reference)
    )


def _visible_listings(reference: str) -> tuple[Notice, list[Listing]]:
    found = session.scalar(select(Notice).where(Notice.reference == reference))
    listings = (
        [listing for listing in found.listings if can_see(current_user, listing)] if found else []
    )
    if found is None or not listings:
        abort(404)
    return found, listings


def _notice_page(
    notice: Notice,
    listings: list[Listing],
    form: BulkDecisionForm,
    results: list[BulkResult] | None,
) -> str:
    decidable = {listing.id for listing in listings if listing.status == ListingState.UNDER_REVIEW}
    return render_template(
        "ipr/officer_notice.html",
        notice=notice,
        listings=listings,
        form=form,
        results=results,
        decidable=decidable,
        files={
            "notice": notice_files(notice),
            "listings": {listing.id: listing_files(listing) for listing in listings},
        },
    )


@bp.get("/notices/<string(maxlength=40):reference>")
@roles_required(*STAFF_ROLES)
def notice(reference: str) -> str:
    found, listings = _visible_listings(reference)
    return _notice_page(found, listings, BulkDecisionForm(), None)


@bp.post("/notices/<string(maxlength=40):reference>/bulk")
@roles_required(*STAFF_ROLES)
def bulk(reference: str) -> str:
    found, listings = _visible_listings(reference)
    form = BulkDecisionForm()
    form.listings.choices = [(listing.id, listing.reference) for listing in listings]
    _valid(form, _("Select listings and a decision."))
    results = bulk_decide(
        current_user,
        form.listings.data,
        form.action.data == "take_down",
        decision=Takedown(facts=form.reasons.data or "", counterfeit=form.counterfeit.data),
        reasons=form.reasons.data or "",
    )
    return _notice_page(found, listings, BulkDecisionForm(formdata=None), results)


# After a takedown: counter-notices and proofs (forms on the case page's panel)


def _counter(counter_id: int) -> CounterNotice:
    counter = session.get(CounterNotice, counter_id)
    if counter is None or not can_see(current_user, counter.listing):
        abort(404)  # a case one may not see is as good as absent
    return counter


@bp.post("/counter-notices/<id:counter_id>/forward")
@roles_required(*STAFF_ROLES)
def forward_counter_notice(counter_id: int) -> Response:
    counter = _counter(counter_id)
    _valid(ReasonsForm())
    counter_notices.forward_counter_notice(counter, current_user)
    return _back(
        counter.listing_id, _("The counter-notice is forwarded; the rights holder's window runs.")
    )


@bp.post("/counter-notices/<id:counter_id>/refuse")
@roles_required(*STAFF_ROLES)
def refuse_counter_notice(counter_id: int) -> Response:
    counter = _counter(counter_id)
    form = ReasonsForm()
    _valid(form)
    counter_notices.refuse_counter_notice(counter, current_user, form.reasons.data)
    return _back(counter.listing_id, _("The counter-notice is refused; the listing stays down."))


@bp.post("/counter-notices/<id:counter_id>/extend")
@roles_required(*STAFF_ROLES)
def extend_window(counter_id: int) -> Response:
    counter = _counter(counter_id)
    form = ExtensionForm()
    _valid(form)
    counter_notices.extend_window(counter, current_user, form.working_days.data, form.reasons.data)
    return _back(counter.listing_id, _("The window is extended."))


@bp.post("/counter-notices/<id:counter_id>/restore")
@roles_required(*STAFF_ROLES)
def restore_listing(counter_id: int) -> Response:
    counter = _counter(counter_id)
    _valid(ReasonsForm())
    restoration.restore_now(counter, current_user)
    return _back(counter.listing_id, _("The listing is restored."))


@bp.post("/proofs/<id:proof_id>/check")
@roles_required(*STAFF_ROLES)
def check_proof(proof_id: int) -> Response:
    proof = session.get(ActionProof, proof_id) or abort(404)
    counter = _counter(proof.counter_notice_id)
    form = ProofCheckForm()
    _valid(form)
    proofs.check_proof(proof, current_user, form.decision.data == "accept", form.reasons.data)
    return _back(counter.listing_id, _("The proof is checked."))


# Holders' standing, misuse and repeat infringers


@bp.get("/standing")
@roles_required(*STAFF_ROLES)
def standing() -> str:
    now = clock.now()
    holders = verified_holders()
    figures = standing_figures(now)
    rows = [
        (h, figures.get(h.id, Figures()), judge(h, figures.get(h.id, Figures()), now))
        for h in holders
    ]
    return render_template(
        "ipr/standing.html",
        rows=rows,
        misuse=misuse.misuse_figures(now),
        flags=open_flags(),
        form=MisuseForm(),
        now=now,
        suspensions={
            h.id: misuse.active_suspension(h.id, now)
            for h in holders
            if h.suspended_until and h.suspended_until > now
        },
    )


@bp.post("/standing/holders/<id:holder_id>/measure")
@roles_required(*STAFF_ROLES)
def measure(holder_id: int) -> Response:
    found = session.get(RightsHolder, holder_id) or abort(404)
    form = MisuseForm()
    _valid(form)
    misuse.decide_measure(
        found, current_user, MisuseKind(form.kind.data), form.reasons.data, form.days.data
    )
    flash(_("The measure is recorded and the organisation is told."), "success")
    return redirect(url_for("ipr_officer.standing"))


@bp.post("/standing/measures/<id:measure_id>/lift")
@roles_required(*STAFF_ROLES)
def lift_suspension(measure_id: int) -> Response:
    found = session.get(MisuseMeasure, measure_id) or abort(404)
    _valid(ReasonsForm())
    misuse.lift_suspension(found, current_user)
    flash(_("The suspension is lifted."), "success")
    return redirect(url_for("ipr_officer.standing"))
