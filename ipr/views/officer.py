"""Officers: verify organisations and rights, decide listings (from the case page's panel, or
a whole notice at once), decide appeals. Every refusal is a 4xx that saves nothing."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from casework.services.access import can_see
from core.access import roles_required
from core.audit import record_personal_data_read
from core.db import session
from core.models import STAFF_ROLES
from ipr.errors import IprError
from ipr.files import file_path
from ipr.forms import AppealDecisionForm, BulkDecisionForm, CheckForm, RejectForm, TakedownForm
from ipr.models import IprFile, IpRight, Listing, Notice, RightsHolder, Verification
from ipr.services import (
    Takedown,
    bulk_decide,
    decide_appeal,
    reject,
    take_down,
    verify_holder,
    verify_right,
)
from ipr.services.holders import pending_holders
from ipr.views.blueprints import officer_bp

STAFF = tuple(STAFF_ROLES)


def _refuse(message: str, status: int = 400) -> None:
    session.rollback()
    abort(status, message)


@officer_bp.get("/")
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


@officer_bp.get("/holders/<id:holder_id>")
@roles_required(*STAFF)
def holder(holder_id: int) -> str:
    found = session.get(RightsHolder, holder_id) or abort(404)
    record_personal_data_read(f"rights_holder:{found.id}", "organisation and contact")
    session.commit()
    return render_template("ipr/officer_holder.html", holder=found, form=CheckForm(),
                           files=_files(holder_id=found.id))


@officer_bp.post("/holders/<id:holder_id>/check")
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


@officer_bp.get("/rights/<id:right_id>")
@roles_required(*STAFF)
def right(right_id: int) -> str:
    found = session.get(IpRight, right_id) or abort(404)
    return render_template("ipr/officer_right.html", right=found, form=CheckForm(),
                           files=_files(right_id=found.id))


@officer_bp.post("/rights/<id:right_id>/check")
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


@officer_bp.get("/files/<id:file_id>")
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
    return redirect(url_for("casework_officer.case", case_id=listing.id))


@officer_bp.post("/listings/<id:listing_id>/takedown")
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


@officer_bp.post("/listings/<id:listing_id>/reject")
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


@officer_bp.post("/listings/<id:listing_id>/appeal")
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


@officer_bp.get("/notices/<string(maxlength=40):reference>")
@roles_required(*STAFF)
def notice(reference: str) -> Any:
    found = session.scalar(select(Notice).where(Notice.reference == reference))
    listings = _visible_listings(found) if found else []
    if not listings:
        abort(404)
    form = BulkDecisionForm()
    return render_template("ipr/officer_notice.html", notice=found, listings=listings,
                           form=form, results=None)


@officer_bp.post("/notices/<string(maxlength=40):reference>/bulk")
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
    return render_template("ipr/officer_notice.html", notice=found, listings=listings,
                           form=BulkDecisionForm(formdata=None), results=results)
