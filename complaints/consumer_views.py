"""The consumer's other pages: "Lost your link?" and, for consumer accounts, "My complaints"."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from complaints.accounts import my_complaints, send_verification, verified_email, verify_email
from complaints.consumer import send_new_link
from complaints.forms import LostLinkForm, VerifyEmailForm
from complaints.services import tracking_url
from complaints.views import bp
from complaints.workflow import COMPLAINT_WORKFLOW
from core.access import roles_required
from core.db import session
from core.extensions import limiter
from core.models import Role
from core.web import render_form


def _submitted_email() -> str:
    return "lost-link:" + (request.form.get("email") or "").strip().lower()[:254]


@bp.route("/complaints/lost-link", methods=["GET", "POST"])
# Per address asked for and per visitor: nobody can mail someone a stream of links.
@limiter.limit("5 per hour", methods=["POST"], key_func=_submitted_email)
@limiter.limit("30 per hour", methods=["POST"])
def lost_link() -> tuple[str, int] | Response:
    form = LostLinkForm()
    if form.validate_on_submit():
        send_new_link(form.email.data, form.reference.data, tracking_url)
        session.commit()
        # The same answer whether or not such a complaint exists.
        flash(_("If a complaint with this reference was filed with this e-mail address, a new "
                "link to follow it is on its way. Earlier links no longer work."), "info")
        return redirect(url_for("complaints.lost_link"))
    return render_form("complaints/lost_link.html", form)


@bp.get("/my/complaints")
@roles_required(Role.CONSUMER)
def mine() -> str:
    return render_template("complaints/mine.html", complaints=my_complaints(current_user),
                           verified=verified_email(current_user), form=VerifyEmailForm(),
                           workflow=COMPLAINT_WORKFLOW)


@bp.post("/my/complaints/verify")
@roles_required(Role.CONSUMER)
@limiter.limit("5 per hour")
def ask_verification() -> Response:
    if VerifyEmailForm().validate_on_submit():
        send_verification(current_user)
        session.commit()
        flash(_("We sent a link to %(email)s. Open it to see the complaints filed with this "
                "address.", email=current_user.email), "info")
    return redirect(url_for("complaints.mine"))


@bp.get("/my/complaints/verify/<string(maxlength=500):token>")
@roles_required(Role.CONSUMER)
def confirm_verification(token: str) -> Response:
    if verify_email(current_user, token):
        session.commit()
        flash(_("Your e-mail address is confirmed."), "success")
    else:
        flash(_("This link is not valid any more. Please ask for a new one."), "error")
    return redirect(url_for("complaints.mine"))
