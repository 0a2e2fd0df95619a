"""Admin pages for user accounts. Every change is recorded in the audit trail by the service."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response

from core import totp
from core import users as accounts
from core.access import roles_required
from core.admin.blueprint import bp
from core.db import session
from core.forms import CreateUserForm, EditUserForm
from core.models import Role, User
from core.web import render_form, render_refused

PAGE_SIZE = 50


@bp.get("/users")
@roles_required(Role.ADMIN)
def users() -> str:
    role = request.args.get("role")
    query = select(User).order_by(User.email)
    if role in {r.value for r in Role}:
        query = query.where(User.role == Role(role))
    after = request.args.get("after", "")
    if after:
        query = query.where(User.email > after)  # keyset pagination by e-mail
    page = session.scalars(query.limit(PAGE_SIZE + 1)).all()
    more = len(page) > PAGE_SIZE
    return render_template(
        "core/admin_users.html",
        users=page[:PAGE_SIZE],
        more=more,
        role=role,
        roles=list(Role),
        form=CreateUserForm(),
    )


@bp.post("/users")
@roles_required(Role.ADMIN)
def create_user() -> tuple[str, int] | Response:
    form = CreateUserForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                form.email.data,
                form.name.data,
                form.password.data,
                Role(form.role.data),
                language=form.language.data,
                actor=current_user,
            )
        except accounts.AccountError as error:
            form.email.errors.append(error.message)
        else:
            flash(_("Account created for %(email)s.", email=user.email), "success")
            return redirect(url_for("admin.users"))
    page = session.scalars(select(User).order_by(User.email).limit(PAGE_SIZE)).all()
    return render_template(
        "core/admin_users.html", users=page, more=False, role=None, roles=list(Role), form=form
    ), 400


@bp.route("/users/<id:user_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def edit_user(user_id: int) -> str | Response | tuple[str, int]:
    user = session.get(User, user_id) or abort(404)
    form = EditUserForm(obj=user, role=user.role.value)
    if form.validate_on_submit():
        try:
            accounts.change_role(user, Role(form.role.data), actor=current_user)
            accounts.set_active(user, form.active.data, actor=current_user)
        except accounts.AccountError as error:
            return render_refused("core/admin_user.html", form, error, user=user)
        flash(_("Changes saved for %(email)s.", email=user.email), "success")
        return redirect(url_for("admin.users"))
    return render_form("core/admin_user.html", form, user=user)


@bp.post("/users/<id:user_id>/second-factor/off")
@roles_required(Role.ADMIN)
def turn_off_second_factor(user_id: int) -> Response:
    user = session.get(User, user_id) or abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    totp.turn_off(user, actor=current_user)
    flash(
        _("The second factor of %(email)s is off; they can enrol again.", email=user.email),
        "success",
    )
    return redirect(url_for("admin.edit_user", user_id=user.id))
