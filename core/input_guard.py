"""Refuse NUL characters in any input: PostgreSQL cannot store them, and no person types one."""

from __future__ import annotations

from typing import Any

from flask import Flask, abort, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def form_without_nul() -> MultiDict[str, str]:
    """The request's form fields as sent, less any NUL: for a form refilled after a refusal."""
    return MultiDict(
        (name, value.replace("\x00", "")) for name, value in request.form.items(multi=True)
    )


def init_app(app: Flask) -> None:
    @app.before_request
    def _refuse_nul_characters() -> None:
        values: list[Any] = [*request.args.values(), *(request.view_args or {}).values()]
        if request.mimetype == "application/json":
            values.append(request.get_json(silent=True))
        elif request.method in ("POST", "PUT", "PATCH"):
            values.extend(request.form.values())
            values.extend(upload.filename or "" for upload in request.files.values())
        if any(_has_nul(value) for value in values):
            abort(400, _("The request contains a character that is not allowed (NUL)."))
