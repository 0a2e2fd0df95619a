"""Sign in (password, then the second factor where it is on), sign out, sign up by mail, and
password reset. Thin: validate, call a service, render or redirect."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from flask import Blueprint, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, logout_user
from werkzeug.wrappers import Response

from core import clock, totp, users
from core.audit import record_audit
from core.db import session as db_session
from core.extensions import limiter
from core.forms import (
    PasswordResetForm,
    PasswordResetRequestForm,
    SecondFactorForm,
    SignInForm,
    SignUpForm,
)
from core.i18n import select_locale
from core.models import Role, User
from core.sessions import end_session, sign_in_browser
from core.signup import SignUp, finish_sign_up, read_sign_up, request_sign_up
from core.transaction import keep_changes
from core.web import render_form, safe_next_url

bp = Blueprint("auth", __name__)
PENDING = "pending_sign_in"  # password checked, second factor awaited
PENDING_FOR = timedelta(minutes=5)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _submitted_email() -> str:
    return (request.form.get("email") or "").strip().lower()[:254]


def _locked_message(until: datetime) -> str:
    minutes = max(1, math.ceil((until - clock.now()).total_seconds() / 60))
    return ngettext(
        "Too many failed sign-ins for this address. Try again in %(num)d minute.",
        "Too many failed sign-ins for this address. Try again in %(num)d minutes.",
        minutes,
    )


def _finish(user: User, remember: bool, next_url: str | None) -> Response:
    users.record_sign_in(user)
    sign_in_browser(user, remember)
    return redirect(safe_next_url(next_url) or url_for("core.home"))


@bp.route("/sign-in", methods=["GET", "POST"])
# Throttled per address and per account, so neither one host nor many hosts can guess freely.
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_submitted_email)
def sign_in() -> tuple[str, int] | Response:
    form = SignInForm()
    if form.validate_on_submit():
        keep_changes()  # failures count towards the lockout and stay in the audit trail
        try:
            user = users.check_password(form.email.data, form.password.data)
        except users.SignInLocked as locked:
            form.password.errors.append(_locked_message(locked.until))
            return render_form("core/sign_in.html", form)[0], 429
        if user is not None and totp.is_enabled(user):
            session[PENDING] = {
                "user": user.id,
                "remember": bool(form.remember.data),
                "next": request.args.get("next"),
                "at": clock.now().timestamp(),
            }
            return redirect(url_for("auth.second_factor"))
        if user is not None:
            return _finish(user, bool(form.remember.data), request.args.get("next"))
        form.password.errors.append(_("Wrong e-mail address or password."))
    return render_form("core/sign_in.html", form)


def _pending_user() -> tuple[User, dict] | None:
    pending = session.get(PENDING)
    if not isinstance(pending, dict):
        return None
    if clock.now().timestamp() - float(pending.get("at", 0)) > PENDING_FOR.total_seconds():
        session.pop(PENDING, None)
        return None
    user = db_session.get(User, int(pending.get("user", 0)))
    return (user, pending) if user is not None and user.active else None


@bp.route("/sign-in/code", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def second_factor() -> tuple[str, int] | Response:
    found = _pending_user()
    if found is None:
        flash(_("Please sign in again."), "info")
        return redirect(url_for("auth.sign_in"))
    user, pending = found
    form = SecondFactorForm()
    if form.validate_on_submit():
        keep_changes()
        try:
            users.check_not_locked(user.email)
        except users.SignInLocked as locked:
            form.code.errors.append(_locked_message(locked.until))
            return render_form("core/second_factor.html", form)[0], 429
        if totp.check_second_factor(user, form.code.data):
            session.pop(PENDING, None)
            return _finish(user, pending["remember"], pending.get("next"))
        users.record_sign_in_failure(user.email)
        form.code.errors.append(_("This code is not right."))
    return render_form("core/second_factor.html", form)


@bp.post("/sign-out")
@login_required
def sign_out() -> Response:
    record_audit("user.signed_out", f"user:{current_user.id}")
    end_session(current_user.session_token, "signed_out")
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("core.home"))


@bp.route("/sign-up", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def sign_up() -> tuple[str, int] | Response:
    form = SignUpForm()
    if form.validate_on_submit():
        request_sign_up(
            SignUp(
                form.email.data,
                form.name.data,
                Role(form.role.data),
                select_locale(),  # the language chosen on the page, else the browser's
            ),
            lambda token: url_for("auth.finish_sign_up_page", token=token, _external=True),
        )
        # The same answer whether or not the address has an account.
        flash(
            _(
                "We sent a message to %(email)s. Open the link in it to finish "
                "creating your account.",
                email=users.normalise_email(form.email.data),
            ),
            "info",
        )
        return redirect(url_for("auth.sign_in"))
    return render_form("core/sign_up.html", form)


@bp.route("/sign-up/<token>", methods=["GET", "POST"])
def finish_sign_up_page(token: str) -> tuple[str, int] | Response:
    sign_up = read_sign_up(token)
    if sign_up is None:
        flash(_("This link is not valid any more. Please sign up again."), "error")
        return redirect(url_for("auth.sign_up"))
    form = PasswordResetForm()
    form.personal_words = (sign_up.email, sign_up.name)
    if form.validate_on_submit():
        try:
            user = finish_sign_up(sign_up, form.password.data)
        except users.AccountError:
            # Only the owner of the mailbox sees this: the link was used already.
            flash(_("Your account is ready already. Please sign in."), "info")
            return redirect(url_for("auth.sign_in"))
        sign_in_browser(user, remember=False)
        flash(_("Welcome to Redress. Your account is ready."), "success")
        return redirect(url_for("core.home"))
    return render_form("core/sign_up_finish.html", form, sign_up=sign_up)


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
    form.personal_words = (user.email, user.name)
    if form.validate_on_submit():
        users.reset_password(user, form.password.data)
        if current_user.is_authenticated and current_user.id == user.id:
            logout_user()  # the reset ended every session, this browser's too
        flash(_("Your password is changed. Please sign in."), "success")
        return redirect(url_for("auth.sign_in"))
    return render_form("core/reset_password.html", form)
