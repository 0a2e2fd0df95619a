"""The seller's pages (blueprint `ipr_seller`): the counter-notice, by the secret link of the
takedown mail or with a seller account that manages the listing's seller record; the account's
listings taken down. Thin: check, call one service, render or redirect."""

from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from casework.models import Visibility
from casework.services.timeline import timeline
from core.access import roles_required
from core.headers import keep_out_of_caches
from core.models import Role, User
from core.web import render_refused
from ipr.forms import CounterNoticeForm, uploaded_files
from ipr.labels import page_labels
from ipr.models import Listing
from ipr.services.counter_notices import (
    account_listing,
    account_listings,
    counter_notices_of,
    file_counter_notice,
    listing_by_link,
    listing_rule,
    may_file_counter_notice,
)
from ipr.services.refusals import IprError
from sellers.models import SellerAccessToken

bp = keep_out_of_caches(
    Blueprint("ipr_seller", __name__, url_prefix="/ipr")
)  # its pages show cases
bp.context_processor(page_labels)
SHOWN = {Visibility.PARTIES, Visibility.PUBLIC}


def _context(listing: Listing, action: str) -> dict[str, object]:
    return {
        "listing": listing,
        "action": action,
        "rule": listing_rule(listing),
        "counters": counter_notices_of(listing),
        "may_file": may_file_counter_notice(listing),
        "events": timeline(listing, SHOWN),
    }


def _no_store(page: str, status: int = 200) -> Response:
    response = make_response(page, status)
    response.headers["Cache-Control"] = "no-store"  # may be reached by a secret link
    return response


def _page(listing: Listing, form: CounterNoticeForm, action: str) -> Response:
    return _no_store(
        render_template("ipr/counter_notice_form.html", form=form, **_context(listing, action))
    )


def _file(
    listing: Listing,
    form: CounterNoticeForm,
    action: str,
    *,
    user: User | None = None,
    token: SellerAccessToken | None = None,
) -> Response:
    if not form.validate_on_submit():
        return _no_store(
            render_template(
                "ipr/counter_notice_form.html",
                form=form,
                error=_("Please correct the fields marked below."),
                **_context(listing, action),
            ),
            400,
        )
    try:
        file_counter_notice(
            listing,
            {name: field.data for name, field in form._fields.items()},
            uploaded_files(form.evidence),
            user=user,
            token=token,
        )
    except IprError as refusal:
        return _no_store(
            *render_refused(
                "ipr/counter_notice_form.html",
                form,
                refusal,
                error=refusal.message if refusal.fields else None,
                **_context(listing, action),
            )
        )
    flash(
        _(
            "Your counter-notice is filed. An officer checks it and forwards it to the rights "
            "holder; we write to you at each step."
        ),
        "success",
    )
    return redirect(action)


@bp.route("/counter-notice/<string(maxlength=100):secret>", methods=["GET", "POST"])
def counter_notice_by_link(secret: str) -> Response:
    found = listing_by_link(secret) or abort(404)  # unknown, expired or another's: alike
    action = url_for("ipr_seller.counter_notice_by_link", secret=secret)
    form = CounterNoticeForm()
    if form.is_submitted():
        return _file(found.listing, form, action, token=found.token)
    return _page(found.listing, form, action)


@bp.get("/seller/listings")
@roles_required(Role.SELLER)
def listings() -> str:
    return render_template("ipr/seller_listings.html", listings=account_listings(current_user))


@bp.route("/seller/listings/<id:listing_id>/counter-notice", methods=["GET", "POST"])
@roles_required(Role.SELLER)
def counter_notice_by_account(listing_id: int) -> Response:
    listing = account_listing(current_user, listing_id) or abort(404)
    action = url_for("ipr_seller.counter_notice_by_account", listing_id=listing_id)
    form = CounterNoticeForm()
    if form.is_submitted():
        return _file(listing, form, action, user=current_user)
    return _page(listing, form, action)
