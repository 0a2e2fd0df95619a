"""A signed-in user's own API tokens: create (the secret is shown once), list, revoke."""

from __future__ import annotations

from datetime import timedelta

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from core import clock
from core.access import roles_required
from core.api_tokens import issue_api_token, revoke_api_token, scopes_for, tokens_of
from core.db import session
from core.forms import ApiTokenForm
from core.models import ApiToken, Role

bp = Blueprint("account", __name__, url_prefix="/account")
API_ROLES = (Role.RIGHTS_HOLDER, Role.SELLER, Role.OFFICER, Role.SUPERVISOR, Role.ADMIN)


def _token_form() -> ApiTokenForm:
    form = ApiTokenForm()
    if not form.is_submitted():
        form.expires_in_days.data = current_app.extensions["redress.config"].api_token_days
    form.scopes.choices = [(scope.name, scope.label) for scope in scopes_for(current_user.role)]
    return form


def _page(form: ApiTokenForm, status: int = 200) -> tuple[str, int]:
    return render_template(
        "core/account_tokens.html",
        form=form,
        revoke_form=FlaskForm(),
        tokens=tokens_of(current_user),
    ), status


@bp.get("/tokens")
@roles_required(*API_ROLES)
def tokens() -> tuple[str, int]:
    return _page(_token_form())


@bp.post("/tokens")
@roles_required(*API_ROLES)
def create_token() -> Response | tuple[str, int]:
    form = _token_form()
    if not form.validate_on_submit():
        return _page(form, 400)
    days = form.expires_in_days.data
    secret, token = issue_api_token(
        current_user,
        form.name.data,
        form.scopes.data,
        expires_at=clock.now() + timedelta(days=days) if days else None,
    )
    page = render_template("core/account_token_created.html", token=token, secret=secret)
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"  # the secret must not linger in caches
    return response


@bp.post("/tokens/<id:token_id>/revoke")
@roles_required(*API_ROLES)
def revoke_token(token_id: int) -> Response:
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != current_user.id:
        abort(404)
    if not FlaskForm().validate_on_submit():
        abort(400)
    revoke_api_token(token, actor=current_user)
    flash(_("The token %(name)s is revoked and stops working at once.", name=token.name), "success")
    return redirect(url_for("account.tokens"))
