"""The consumer's pages: file a complaint, follow it with the secret link."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from complaints.api import FILING_LIMIT
from complaints.forms import ComplaintForm
from complaints.services import file_complaint, tracking_view
from core.db import session
from core.extensions import limiter
from core.web import render_form

bp = Blueprint("complaints", __name__)


@bp.route("/complaints/new", methods=["GET", "POST"])
@limiter.limit(FILING_LIMIT, methods=["POST"])
def new() -> tuple[str, int] | Response:
    form = ComplaintForm()
    if form.validate_on_submit():
        complaint, secret = file_complaint(form.filing(str(get_locale() or "en")))
        session.commit()
        flash(_("Your complaint %(reference)s is filed. Keep the address of this page: it is "
                "your only way in, and we also sent it to %(email)s.",
                reference=complaint.reference, email=complaint.consumer_email), "success")
        return redirect(url_for("complaints.track", reference=complaint.reference, token=secret))
    return render_form("complaints/new.html", form)


@bp.get("/complaints/<string(maxlength=40):reference>")
def track(reference: str) -> str:
    view = tracking_view(reference, request.args.get("token"))
    if view is None:
        abort(404)
    return render_template("complaints/track.html", complaint=view)
