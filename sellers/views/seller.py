"""The sellers' own pages: the secret per-case link, and the record of a seller account."""

from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from core import clock
from core.access import roles_required
from core.db import session
from core.headers import keep_out_of_caches
from core.models import Role
from sellers.forms import AppealForm
from sellers.models import CreditEvent, Seller, SellerAccessToken
from sellers.services import access, registry
from sellers.services.ledger import group_ids
from sellers.services.records import ledger_rows

bp = keep_out_of_caches(Blueprint("sellers_seller", __name__))  # its pages show cases


def _token(secret: str) -> SellerAccessToken:
    return access.find_seller_access(secret) or abort(404)


def _access_page(
    secret: str, token: SellerAccessToken, form: AppealForm | None = None, status: int = 200
) -> Response:
    owner = registry.canonical(session.get_one(Seller, token.seller_id))
    now = clock.now()
    page = render_template(
        "sellers/access.html",
        secret=secret,
        token=token,
        seller=owner,
        case_rows=ledger_rows(owner, now, token.case_reference),
        rows=ledger_rows(owner, now),
        form=form or AppealForm(),
        claim_form=FlaskForm(),
        can_appeal=access.can_appeal,
        summary=access.case_summary(token),
    )
    response = make_response(page, status)
    response.headers["Cache-Control"] = "no-store"  # the page is reached by a secret link
    return response


@bp.get("/seller-access/<secret>")
def access_page(secret: str) -> Response:
    return _access_page(secret, _token(secret))


@bp.post("/seller-access/<secret>/appeal")
def access_appeal(secret: str) -> Response:
    token = _token(secret)
    form = AppealForm()
    if form.validate_on_submit():
        event = session.get(CreditEvent, form.event_id.data)
        case_ids = {
            row.event.id
            for row in ledger_rows(
                registry.canonical(token.seller), clock.now(), token.case_reference
            )
        }
        if event is None or event.id not in case_ids:
            form.event_id.errors.append(_("This event is not part of this case."))
        elif _file(form, event, token=token):
            return redirect(url_for("sellers_seller.access_page", secret=secret))
    return _access_page(secret, token, form, 400)


@bp.post("/seller-access/<secret>/claim")
def access_claim(secret: str) -> Response:
    token = _token(secret)
    if not FlaskForm().validate_on_submit():
        abort(400)
    if not current_user.is_authenticated:
        return redirect(
            url_for("auth.sign_in", next=url_for("sellers_seller.access_page", secret=secret))
        )
    try:
        access.claim_seller(token, current_user)
    except registry.SellerError as error:
        flash(error.message, "error")
        return _access_page(secret, token, status=400)
    flash(
        _(
            "Your claim is recorded. An officer will confirm it; then this record appears "
            "under your account."
        ),
        "success",
    )
    return redirect(url_for("sellers_seller.access_page", secret=secret))


def _file(form: AppealForm, event: CreditEvent, token: SellerAccessToken | None = None) -> bool:
    """File the appeal; on refusal, say why on the form (nothing is stored)."""
    try:
        access.file_appeal(
            event,
            form.reasons.data,
            form.evidence.data,
            user=current_user if current_user.is_authenticated else None,
            access_token=token,
        )
    except registry.SellerError as error:
        form.reasons.errors.append(error.message)
        return False
    flash(_("Your appeal is filed. An officer will decide and we will write to you."), "success")
    return True


@bp.get("/seller/record")
@roles_required(Role.SELLER)
def my_record() -> str:
    now = clock.now()
    sellers = access.sellers_of_account(current_user)
    return render_template(
        "sellers/my_record.html",
        now=now,
        form=AppealForm(),
        records=[(seller, ledger_rows(seller, now)) for seller in sellers],
        can_appeal=access.can_appeal,
    )


@bp.post("/seller/record/appeal")
@roles_required(Role.SELLER)
def my_appeal() -> Response | tuple[str, int]:
    form = AppealForm()
    if form.validate_on_submit():
        event = session.get(CreditEvent, form.event_id.data)
        mine = {
            member
            for seller in access.sellers_of_account(current_user)
            for member in group_ids(seller.id)
        }
        if event is None or event.seller_id not in mine:
            form.event_id.errors.append(_("This event is not on your record."))
        elif _file(form, event):
            return redirect(url_for("sellers_seller.my_record"))
    now = clock.now()
    sellers = access.sellers_of_account(current_user)
    return render_template(
        "sellers/my_record.html",
        now=now,
        form=form,
        records=[(seller, ledger_rows(seller, now)) for seller in sellers],
        can_appeal=access.can_appeal,
    ), 400
