"""A signed-in person's own security: their sessions ("sign out everywhere"), their password, and
the second factor. Staff must turn the second factor on first where REQUIRE_STAFF_TOTP says so."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from core import totp, users
from core.errors import Refusal
from core.forms import ChangePasswordForm, EnableTotpForm
from core.sessions import end_all_sessions, is_current, live_sessions
from core.web import render_form, render_refused

bp = Blueprint("security", __name__, url_prefix="/account")
# What a staff member without a second factor may still open while it is required.
OPEN_BEFORE_ENROLMENT = {
    "security.two_factor",
    "security.enable_two_factor",
    "auth.sign_out",
    "static",
    "health.healthz",
    "core.choose_language",
}


@bp.get("")
@login_required
def account() -> tuple[str, int]:
    return render_form(
        "core/account.html",
        FlaskForm(),
        sessions=live_sessions(current_user),
        is_current=lambda row: is_current(row, current_user),
        totp_on=totp.is_enabled(current_user),
    )


@bp.post("/sign-out-everywhere")
@login_required
def sign_out_everywhere() -> Response:
    if not FlaskForm().validate_on_submit():
        flash(_("This form did not come from Redress. Please try again."), "error")
        return redirect(url_for("security.account"))
    end_all_sessions(current_user, "signed_out_everywhere")
    logout_user()
    flash(_("You are signed out on every device."), "info")
    return redirect(url_for("auth.sign_in"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password() -> tuple[str, int] | Response:
    form = ChangePasswordForm()
    form.personal_words = (current_user.email, current_user.name)
    if form.validate_on_submit():
        try:
            users.change_password(current_user, form.current_password.data, form.password.data)
        except users.AccountError as error:
            return render_refused("core/change_password.html", form, error)
        flash(_("Your password is changed. Your other devices are signed out."), "success")
        return redirect(url_for("security.account"))
    return render_form("core/change_password.html", form)


def _enrolment() -> dict[str, object]:
    """What the two-factor page shows: the state when on, else the secret to enrol with."""
    if totp.is_enabled(current_user):
        return {"enabled": True, "unused": totp.unused_recovery_codes(current_user)}
    secret = totp.pending_secret(current_user)
    return {
        "enabled": False,
        "secret": totp.in_groups(secret),
        "uri": totp.provisioning_uri(current_user, secret),
    }


def _no_store(page: tuple[str, int]) -> Response:
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"  # secrets must not linger in caches
    return response


@bp.get("/two-factor")
@login_required
def two_factor() -> Response:
    return _no_store(render_form("core/two_factor.html", EnableTotpForm(), **_enrolment()))


@bp.post("/two-factor")
@login_required
def enable_two_factor() -> Response:
    form = EnableTotpForm()
    if not form.validate_on_submit():
        return _no_store(render_form("core/two_factor.html", form, **_enrolment()))
    try:
        codes = totp.turn_on(current_user, form.code.data)
    except Refusal as refusal:
        return _no_store(render_refused("core/two_factor.html", form, refusal, **_enrolment()))
    flash(_("Your second factor is on."), "success")
    return _no_store(render_form("core/recovery_codes.html", form, codes=codes))


@bp.before_app_request
def _staff_enrol_first() -> Response | None:
    """Where REQUIRE_STAFF_TOTP is on, staff without a second factor see only its enrolment."""
    if (
        not current_app.config["REQUIRE_STAFF_TOTP"]
        or request.endpoint in OPEN_BEFORE_ENROLMENT
        or request.path.startswith("/api/")  # API tokens are their own credential
        or not current_user.is_authenticated
        or not current_user.role.is_staff
        or totp.is_enabled(current_user)
    ):
        return None
    flash(_("Please turn on a second factor for your staff account first."), "info")
    return redirect(url_for("security.two_factor"))
