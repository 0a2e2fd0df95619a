"""The seller's counter-notice pages: by the secret link of the takedown mail, or with a seller
account that manages the listing's seller record. Thin: check, call one service, commit."""

from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from casework.models import Visibility
from casework.services.timeline import timeline
from core.access import roles_required
from core.db import session
from core.models import Role, User
from core.uploads import UploadError, check_uploads
from ipr.counter_forms import CounterNoticeForm
from ipr.counter_notices import (
    account_listing,
    account_listings,
    counter_notices_of,
    file_counter_notice,
    listing_by_link,
    listing_rule,
)
from ipr.errors import IprError, NoticeRefused
from ipr.models import Listing
from ipr.workflow import LISTING_WORKFLOW
from sellers.models import SellerAccessToken

bp = Blueprint("ipr_counter", __name__, url_prefix="/ipr")
SHOWN = {Visibility.PARTIES, Visibility.PUBLIC}


def _page(listing: Listing, form: CounterNoticeForm, action: str, status: int = 200,
          error: str | None = None) -> Response:
    page = render_template(
        "ipr/counter_notice_form.html", listing=listing, form=form, action=action, error=error,
        rule=listing_rule(listing), counters=counter_notices_of(listing),
        events=timeline(listing, SHOWN), state_label=LISTING_WORKFLOW.label)
    response = make_response(page, status)
    response.headers["Cache-Control"] = "no-store"  # may be reached by a secret link
    return response


def _file(listing: Listing, form: CounterNoticeForm, action: str, done: str, *,
          user: User | None = None, token: SellerAccessToken | None = None) -> Response:
    if not form.validate_on_submit():
        return _page(listing, form, action, 400, _("Please correct the fields marked below."))
    try:
        evidence = check_uploads([(f.filename or "", f.read()) for f in form.evidence.data or []
                                  if getattr(f, "filename", None)])
        file_counter_notice(listing, {name: field.data for name, field in form._fields.items()},
                            evidence, user=user, token=token)
    except UploadError as error:
        form.evidence.errors = [*form.evidence.errors, str(error)]
        return _page(listing, form, action, 400, str(error))
    except NoticeRefused as refused:
        session.rollback()
        for name, message in refused.fields.items():
            if name in form:
                form[name].errors = [*form[name].errors, message]
        return _page(listing, form, action, refused.status, refused.message)
    except IprError as error:
        session.rollback()
        return _page(listing, form, action, error.status, error.message)
    session.commit()
    flash(_("Your counter-notice is filed. An officer checks it and forwards it to the rights "
            "holder; we write to you at each step."), "success")
    return redirect(done)


@bp.route("/counter-notice/<string(maxlength=100):secret>", methods=["GET", "POST"])
def by_link(secret: str) -> Response:
    found = listing_by_link(secret) or abort(404)  # unknown, expired or another's: alike
    action = url_for("ipr_counter.by_link", secret=secret)
    form = CounterNoticeForm()
    if form.is_submitted():
        return _file(found.listing, form, action, action, token=found.token)
    return _page(found.listing, form, action)


@bp.get("/seller/listings")
@roles_required(Role.SELLER)
def my_listings() -> str:
    return render_template("ipr/seller_listings.html", listings=account_listings(current_user),
                           state_label=LISTING_WORKFLOW.label)


@bp.route("/seller/listings/<id:listing_id>/counter-notice", methods=["GET", "POST"])
@roles_required(Role.SELLER)
def by_account(listing_id: int) -> Response:
    listing = account_listing(current_user, listing_id) or abort(404)
    action = url_for("ipr_counter.by_account", listing_id=listing_id)
    form = CounterNoticeForm()
    if form.is_submitted():
        return _file(listing, form, action, action, user=current_user)
    return _page(listing, form, action)
