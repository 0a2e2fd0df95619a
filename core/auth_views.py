"""Sign in, sign out, sign up and password reset. Thin: validate, call a service, commit."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from core import users
from core.audit import record_audit
from core.extensions import limiter
from core.forms import PasswordResetForm, PasswordResetRequestForm, SignInForm, SignUpForm
from core.models import Role
from core.transaction import keep_changes
from core.web import render_form, safe_next_url

bp = Blueprint("auth", __name__)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _submitted_email() -> str:
    return (request.form.get("email") or "").strip().lower()[:254]


@bp.route("/sign-in", methods=["GET", "POST"])
# Throttled per address and per account, so neither one host nor many hosts can guess freely.
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_submitted_email)
def sign_in() -> tuple[str, int] | Response:
    form = SignInForm()
    if form.validate_on_submit():
        user = users.authenticate(form.email.data, form.password.data)
        keep_changes()  # a failed attempt stays in the audit trail
        if user is not None:
            login_user(user, remember=form.remember.data)
            return redirect(safe_next_url(request.args.get("next")) or url_for("core.home"))
        form.password.errors.append(_("Wrong e-mail address or password."))
    return render_form("core/sign_in.html", form)


@bp.post("/sign-out")
@login_required
def sign_out() -> Response:
    record_audit("user.signed_out", f"user:{current_user.id}")
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("core.home"))


@bp.route("/sign-up", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def sign_up() -> tuple[str, int] | Response:
    form = SignUpForm()
    if form.validate_on_submit():
        try:
            user = users.create_user(
                form.email.data,
                form.name.data,
                form.password.data,
                Role(form.role.data),
                language=request.accept_languages.best_match(("en", "zh")),
            )
        except users.AccountError as error:
            form.email.errors.append(error.message)
        else:
            login_user(user)
            flash(_("Welcome to Redress. Your account is ready."), "success")
            return redirect(url_for("core.home"))
    return render_form("core/sign_up.html", form)


@bp.route("/reset-password", methods=["GET", "POST"])
@limiter.limit("5 per hour", methods=["POST"], key_func=_submitted_email)
def request_password_reset() -> tuple[str, int] | Response:
    form = PasswordResetRequestForm()
    if form.validate_on_submit():
        users.request_password_reset(
            form.email.data,
            lambda token: url_for("auth.reset_password", token=token, _external=True),
        )
        # The same answer whether or not the address has an account.
        flash(
            _("If an account uses this address, a link to choose a new password is on its way."),
            "info",
        )
        return redirect(url_for("auth.sign_in"))
    return render_form("core/reset_request.html", form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> tuple[str, int] | Response:
    user = users.user_for_reset_token(token)
    if user is None:
        flash(_("This link is not valid any more. Please ask for a new one."), "error")
        return redirect(url_for("auth.request_password_reset"))
    form = PasswordResetForm()
    if form.validate_on_submit():
        users.reset_password(user, form.password.data)
        flash(_("Your password is changed. Please sign in."), "success")
        return redirect(url_for("auth.sign_in"))
    return render_form("core/reset_password.html", form)
