"""Officer pages: seller records, duplicates, merges, aliases, appeals and claims."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from core import clock
from core.access import roles_required
from core.audit import record_personal_data_read
from core.db import session
from core.headers import keep_out_of_caches
from core.models import STAFF_ROLES
from core.transaction import keep_changes
from core.web import flash_refusal, render_form
from sellers.forms import (
    AliasForm,
    ClaimDecisionForm,
    DecisionForm,
    MergeForm,
    MoveForm,
    SellerForm,
)
from sellers.models import CreditAppeal, RequestStatus, Seller, SellerClaim, SellerMerge
from sellers.services import access, attribution, ledger, merges, registry
from sellers.services.records import ledger_rows

bp = keep_out_of_caches(Blueprint("sellers_officer", __name__))  # its pages show cases

PAGE_SIZE = 50
PERSONAL_FIELDS = ("contact_email", "contact_person", "trader_address", "trader_phone")


def _seller(seller_id: int) -> Seller:
    return session.get(Seller, seller_id) or abort(404)


@bp.get("/officer/sellers")
@roles_required(*STAFF_ROLES)
def index() -> str:
    text = request.args.get("q", "").replace("\x00", "")[:200]
    found = session.scalars(
        registry.search_sellers(text).order_by(Seller.id.desc()).limit(PAGE_SIZE)
    ).all()
    return render_template(
        "sellers/officer_index.html",
        sellers=found,
        q=text,
        duplicates=registry.possible_duplicates(),
        appeals=access.pending_appeals(),
        claims=access.pending_claims(),
        claim_form=ClaimDecisionForm(),
    )


def _seller_page(seller: Seller, status: int = 200, **forms: Any) -> tuple[str, int]:
    if any(getattr(seller, name) for name in PERSONAL_FIELDS):
        record_personal_data_read(f"seller:{seller.id}", "seller contact details")
        if status >= 400:
            keep_changes()  # the read is noted even on a refused form; services refuse unchanged
    owner = registry.canonical(seller)
    context = {
        "seller": seller,
        "owner": owner,
        "now": clock.now(),
        "rows": ledger_rows(owner, clock.now()),
        "tiers": ledger.tier_history(owner),
        "merges": merges.merges_into(seller),
        "alias_form": AliasForm(),
        "merge_form": MergeForm(),
        "move_form": MoveForm(),
        "plain_form": FlaskForm(),
        "duplicate": session.get(Seller, seller.possible_duplicate_of_id)
        if seller.possible_duplicate_of_id
        else None,
    }
    context.update(forms)
    return render_template("sellers/officer_seller.html", **context), status


@bp.get("/officer/sellers/<id:seller_id>")
@roles_required(*STAFF_ROLES)
def seller(seller_id: int) -> tuple[str, int]:
    return _seller_page(_seller(seller_id))


def _seller_form(seller: Seller | None) -> SellerForm:
    form = SellerForm(obj=seller)
    form.platform_id.choices = [SelectChoice(0, "—")] + [
        SelectChoice(p.id, p.name) for p in registry.platforms()
    ]
    if not form.is_submitted():
        form.platform_id.data = seller.platform_id or 0 if seller else 0
    return form


@bp.route("/officer/sellers/new", methods=["GET", "POST"])
@roles_required(*STAFF_ROLES)
def new_seller() -> Response | tuple[str, int]:
    return _save(None)


@bp.route("/officer/sellers/<id:seller_id>/edit", methods=["GET", "POST"])
@roles_required(*STAFF_ROLES)
def edit_seller(seller_id: int) -> Response | tuple[str, int]:
    return _save(_seller(seller_id))


def _save(seller: Seller | None) -> Response | tuple[str, int]:
    form = _seller_form(seller)
    if seller is not None and not form.is_submitted():
        record_personal_data_read(f"seller:{seller.id}", "seller contact details")
    if form.validate_on_submit():
        fields = {name: form[name].data for name in registry.SELLER_FIELDS}
        fields["platform_id"] = fields["platform_id"] or None
        try:
            saved = registry.save_seller(seller, actor=current_user, **fields)
        except registry.SellerError as error:
            form[error.field or "name"].errors.append(error.message)
        else:
            flash(_("The seller record is saved."), "success")
            return redirect(url_for("sellers_officer.seller", seller_id=saved.id))
    return render_form("sellers/seller_form.html", form, seller=seller)


@bp.post("/officer/sellers/<id:seller_id>/aliases")
@roles_required(*STAFF_ROLES)
def add_alias(seller_id: int) -> Response | tuple[str, int]:
    seller = _seller(seller_id)
    form = AliasForm()
    if not form.validate_on_submit():
        return _seller_page(seller, 400, alias_form=form)
    registry.add_alias(seller, form.alias.data, actor=current_user)
    flash(_("The alias is recorded."), "success")
    return redirect(url_for("sellers_officer.seller", seller_id=seller.id))


@bp.post("/officer/sellers/<id:seller_id>/merge")
@roles_required(*STAFF_ROLES)
def merge(seller_id: int) -> Response | tuple[str, int]:
    survivor = _seller(seller_id)
    form = MergeForm()
    if form.validate_on_submit():
        merged = session.get(Seller, form.other_id.data)
        if merged is None:
            form.other_id.errors.append(_("There is no seller with this number."))
        else:
            try:
                merges.merge_sellers(merged, survivor, current_user)
            except registry.SellerError as error:
                form.other_id.errors.append(error.message)
            else:
                flash(
                    _("Seller %(merged)s is merged into this one.", merged=merged.name), "success"
                )
                return redirect(url_for("sellers_officer.seller", seller_id=survivor.id))
    return _seller_page(survivor, 400, merge_form=form)


@bp.post("/officer/sellers/<id:seller_id>/move")
@roles_required(*STAFF_ROLES)
def move(seller_id: int) -> Response | tuple[str, int]:
    """Count a case on another seller: a reversal here, the same events there."""
    source = _seller(seller_id)
    form = MoveForm()
    if form.validate_on_submit():
        target = session.get(Seller, form.target_id.data)
        if target is None:
            form.target_id.errors.append(_("There is no seller with this number."))
        else:
            try:
                attribution.move_attribution(
                    form.case_reference.data or "", source, target, current_user
                )
            except registry.SellerError as error:
                getattr(form, error.field or "target_id").errors.append(error.message)
            else:
                flash(
                    _(
                        "Case %(reference)s now counts on %(seller)s.",
                        reference=form.case_reference.data,
                        seller=target.name,
                    ),
                    "success",
                )
                return redirect(url_for("sellers_officer.seller", seller_id=source.id))
    return _seller_page(source, 400, move_form=form)


@bp.post("/officer/sellers/merges/<id:merge_id>/undo")
@roles_required(*STAFF_ROLES)
def undo_merge(merge_id: int) -> Response:
    mapping = session.get(SellerMerge, merge_id) or abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    try:
        merges.undo_merge(mapping, current_user)
    except registry.SellerError as error:
        flash_refusal(error)
    else:
        flash(_("The merge is undone: both sellers stand alone again."), "success")
    return redirect(url_for("sellers_officer.seller", seller_id=mapping.survivor_id))


@bp.post("/officer/sellers/<id:seller_id>/not-duplicate")
@roles_required(*STAFF_ROLES)
def dismiss_duplicate(seller_id: int) -> Response:
    seller = _seller(seller_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    registry.dismiss_duplicate(seller, current_user)
    flash(_("Noted: these are different sellers."), "success")
    return redirect(url_for("sellers_officer.seller", seller_id=seller.id))


@bp.route("/officer/sellers/appeals/<id:appeal_id>", methods=["GET", "POST"])
@roles_required(*STAFF_ROLES)
def decide_appeal(appeal_id: int) -> Response | tuple[str, int]:
    appeal = session.get(CreditAppeal, appeal_id) or abort(404)
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            access.decide_appeal(
                appeal, form.decision.data == "uphold", form.reasons.data, current_user
            )
        except registry.SellerError as error:
            form.reasons.errors.append(error.message)
        else:
            flash(_("The decision is recorded and mailed to the seller."), "success")
            return redirect(url_for("sellers_officer.seller", seller_id=appeal.event.seller_id))
    seller = session.get_one(Seller, appeal.event.seller_id)
    return render_form(
        "sellers/appeal_decision.html",
        form,
        appeal=appeal,
        seller=seller,
        undecided=appeal.status == RequestStatus.PENDING,
    )


@bp.post("/officer/sellers/claims/<id:claim_id>")
@roles_required(*STAFF_ROLES)
def decide_claim(claim_id: int) -> Response:
    claim = session.get(SellerClaim, claim_id) or abort(404)
    form = ClaimDecisionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        access.decide_claim(claim, form.decision.data == "confirm", current_user)
    except registry.SellerError as error:
        flash_refusal(error)
    else:
        flash(_("The claim is decided."), "success")
    return redirect(url_for("sellers_officer.index"))
