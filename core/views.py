"""Public pages of core: home, health check, language choice."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from flask import (
    Blueprint,
    Flask,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from core.api import api
from core.db import session as db_session
from core.forms import LanguageForm
from core.models import Role
from core.web import safe_next_url

bp = Blueprint("core", __name__)


@dataclass(frozen=True)
class StartPoint:
    """A card on the home page sending one kind of user to where their work starts."""

    audience: str
    title: str
    description: str
    endpoint: str
    roles: frozenset[Role] = field(default_factory=frozenset)  # empty: shown to everyone


def add_start_point(app: Flask, start: StartPoint) -> None:
    """Let a package put its entry point on the home page."""
    app.extensions.setdefault("redress.start_points", []).append(start)


def _visible_start_points() -> list[StartPoint]:
    starts = current_app.extensions.get("redress.start_points", [])
    role = current_user.role if current_user.is_authenticated else None
    return [start for start in starts if not start.roles or role in start.roles]


@bp.get("/")
def home() -> str:
    return render_template("core/home.html", start_points=_visible_start_points())


@bp.get("/healthz")
def healthz() -> tuple[dict[str, str], int]:
    try:
        db_session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return {"status": "unavailable", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}, 200


@bp.get("/api/")
def api_docs() -> str:
    """The OpenAPI document as a page people can read, in their language."""
    spec = api.spec.to_dict()
    return render_template(
        "core/api_docs.html",
        spec=spec,
        operations=list(_operations(spec)),
        resolve=lambda ref: _resolve(spec, ref),
    )


def _operations(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for path, item in sorted(spec.get("paths", {}).items()):
        for method in ("get", "post", "put", "patch", "delete"):
            if method in item:
                operation = item[method]
                parameters = operation.get("parameters", []) + item.get("parameters", [])
                yield {
                    "path": path,
                    "method": method.upper(),
                    **operation,
                    "parameters": parameters,
                }


def _resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """Follow a $ref to the schema it names (one level, which is all our documents use)."""
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/"):
        kind, name = ref.removeprefix("#/components/").split("/", 1)
        return spec["components"][kind][name]
    return schema


@bp.post("/language")
def choose_language() -> Response:
    form = LanguageForm()
    if form.validate_on_submit():
        session["language"] = form.language.data
    return redirect(safe_next_url(request.form.get("next")) or url_for("core.home"))


def register_core_start_points(app: Flask) -> None:
    add_start_point(
        app,
        StartPoint(
            audience=_l("Case officers and supervisors"),
            title=_l("Work your queues"),
            description=_l("Sign in to see your cases, deadlines and escalations."),
            endpoint="auth.sign_in",
        ),
    )
    add_start_point(
        app,
        StartPoint(
            audience=_l("Rights holders and sellers"),
            title=_l("Create an account"),
            description=_l(
                "Rights holders report infringing listings; sellers answer the cases "
                "forwarded to them."
            ),
            endpoint="auth.sign_up",
        ),
    )
    add_start_point(
        app,
        StartPoint(
            audience=_l("Administrators"),
            title=_l("Manage users"),
            description=_l("Create accounts for staff, change roles, deactivate accounts."),
            endpoint="admin.users",
            roles=frozenset({Role.ADMIN}),
        ),
    )
