"""Error pages in the visitor's language, the JSON error shape under /api/ (DESIGN.md 8), and
`Refusal`, the one type every package raises when a request cannot be done as asked."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, current_app, jsonify, make_response, render_template, request
from flask_babel import format_time, ngettext
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from core.db import session
from core.extensions import limiter
from core.validation_messages import flatten_field_errors

log = logging.getLogger(__name__)

# The one table of refusal codes and their statuses, for pages and the API alike.
REFUSAL_STATUS = {
    "refused": 400,  # understood, but a rule says no (a reason, an amount, a date out of range)
    "forbidden": 403,  # the person may not do this
    "not_found": 404,  # nothing there, or nothing this person may see
    "conflict": 409,  # not now: the case moved meanwhile, or the thing exists already
    "too_large": 413,
    "invalid": 422,  # fields missing or wrong; `fields` says which
    "rate_limited": 429,
}
ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    405: "method_not_allowed",
    415: "unsupported_media_type",
    500: "server_error",
    **{status: code for code, status in REFUSAL_STATUS.items() if code != "refused"},
}


class Refusal(Exception):
    """A request refused for a reason the person can read: nothing it changed is kept.

    `code` is a key of REFUSAL_STATUS; `fields` maps form or API field names to their reasons.
    Domain packages subclass it (and may set a default `code`); core answers one that escapes a
    view with the page or JSON error and rolls the request back.
    """

    code = "refused"

    def __init__(
        self, message: str, code: str | None = None, fields: dict[str, str] | None = None
    ) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.code = code or type(self).code
        if self.code not in REFUSAL_STATUS:
            raise ValueError(f"unknown refusal code {self.code!r}")
        self.fields = {name: str(reason) for name, reason in (fields or {}).items()}

    @property
    def status(self) -> int:
        return REFUSAL_STATUS[self.code]


def _messages() -> dict[int, tuple[str, str]]:
    """Title and explanation per status, translated at the time of the request."""
    return {
        400: (
            _("Bad request"),
            _("The request could not be understood. Please check what you entered and try again."),
        ),
        401: (_("Sign-in required"), _("Please sign in to continue.")),
        403: (_("Not allowed"), _("Your account does not have access to this page.")),
        404: (
            _("Page not found"),
            _("There is nothing at this address. Check the link, or go back to the home page."),
        ),
        405: (_("Not allowed"), _("This address does not accept that kind of request.")),
        409: (
            _("Not possible now"),
            _(
                "This cannot be done in the case's present state. Reload "
                "the page to see what changed."
            ),
        ),
        422: (
            _("Please check what you entered"),
            _("Some of what you entered cannot be accepted. Nothing was saved."),
        ),
        413: (
            _("Upload too large"),
            _("What you sent is larger than Redress accepts. Please send smaller files."),
        ),
        429: (
            _("Too many attempts"),
            _("You have tried too often in a short time. Please wait a minute and try again."),
        ),
        500: (
            _("Something went wrong"),
            _(
                "An error on our side stopped this request. Nothing "
                "was saved. Please try again later."
            ),
        ),
    }


# Renders an endpoint's form page, as the person filled it, with the reason it was refused.
FormRefill = Callable[[str], str]


def register_form_refill(app: Flask, endpoint: str, refill: FormRefill) -> None:
    """Let `endpoint` answer the refusals its view never sees (a file over the limit, too many
    tries, a NUL character, an expired form) with its own form, filled as sent: core calls
    `refill(reason)` for a refused POST from a person and keeps the refusal's status."""
    app.extensions.setdefault("redress.form_refills", {})[endpoint] = refill


def _form_refill() -> FormRefill | None:
    if request.method != "POST" or wants_json():
        return None
    refills: dict[str, FormRefill] = current_app.extensions.get("redress.form_refills", {})
    return refills.get(request.endpoint or "")


def _refilled(message: str) -> str | None:
    refill = _form_refill()
    if refill is None:
        return None
    try:
        return refill(message)
    except HTTPException:  # the form itself cannot be read (over the whole request limit)
        return None


def _seconds_to_wait() -> int:
    limit = limiter.current_limit
    return max(1, int(limit.reset_at - time.time())) if limit else 60


def _try_again_message(seconds: int) -> str:
    """When to try again, in minutes and as a time of day in the visitor's time zone."""
    at = format_time(datetime.fromtimestamp(time.time() + seconds, UTC), "HH:mm")
    return ngettext(
        "You have tried too often in a short time. Please try again in %(num)d minute, at "
        "%(time)s.",
        "You have tried too often in a short time. Please try again in %(num)d minutes, at "
        "%(time)s.",
        max(1, round(seconds / 60)),
        time=at,
    )


def wants_json() -> bool:
    return request.path.startswith("/api/v") or (
        request.accept_mimetypes.best == "application/json"
    )


def json_error(
    status: int, message: str, code: str | None = None, fields: dict[str, Any] | None = None
) -> tuple[Response, int]:
    """The API's error answer: {"error": {"code", "message", "fields"}}."""
    body = {
        "error": {
            "code": code or ERROR_CODES.get(status, "error"),
            "message": message,
            "fields": fields or {},
        }
    }
    return jsonify(body), status


def render_error(
    status: int,
    message: str | None = None,
    code: str | None = None,
    fields: dict[str, str] | None = None,
) -> tuple[Response | str, int]:
    """Answer an error as JSON for API callers and as a page for people."""
    title, explanation = _messages().get(status, (_("Error"), ""))
    message = message or explanation
    if wants_json():
        return json_error(status, message, code, fields)
    refilled = _refilled(message) if 400 <= status < 500 else None
    if refilled is not None:
        return refilled, status
    return render_template("errors/error.html", status=status, title=title, message=message), status


def _api_error_details(error: HTTPException) -> tuple[str | None, str | None, dict[str, str]]:
    """Message, code and per-field reasons that webargs/flask-smorest attach to an abort."""
    data = getattr(error, "data", None) or {}
    fields = flatten_field_errors(data.get("errors") or data.get("messages") or {})
    message, code = data.get("message"), None
    if error.code == 400 and any("JSON" in reason for reason in fields.values()):
        code, message, fields = "malformed_json", _("The request body is not valid JSON."), {}
    elif error.code == 422 and not message:
        message = _('Some fields are missing or invalid; see "fields" for each one.')
    return message, code, fields


def init_app(app: Flask) -> None:
    @app.errorhandler(Refusal)
    def _refused(refusal: Refusal) -> tuple[Response | str, int]:
        session.rollback()
        return render_error(refusal.status, refusal.message, refusal.code, refusal.fields)

    @app.errorhandler(CSRFError)
    def _csrf_refused(_error: CSRFError) -> tuple[Response | str, int]:
        if _form_refill() is not None:
            return render_error(
                400, _("This form has expired; what you typed is kept below. Please send it again.")
            )
        return render_error(
            400,
            _(
                "This form has expired or did not come from Redress. Please "
                "reload the page and send it again."
            ),
        )

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> tuple[Response, int] | HTTPException:
        if error.code is None or error.code < 400:
            return error
        message, code, fields = _api_error_details(error)
        headers = dict((getattr(error, "data", None) or {}).get("headers") or {})
        if error.code == 429:  # the limiter's own text ("20 per 1 hour") is not for people
            wait = _seconds_to_wait()
            message, headers["Retry-After"] = _try_again_message(wait), str(wait)
        elif message is None and error.description != type(error).description:
            message = error.description  # our own abort(..., "why"): meant for the user
        answer, status = render_error(error.code, message, code, fields)
        response = make_response(answer, status)
        response.headers.update(headers)
        return response, status

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> tuple[Response | str, int]:
        if isinstance(error, HTTPException):
            return _http_error(error)  # type: ignore[return-value]
        log.exception("unhandled error on %s %s", request.method, request.endpoint)
        session.rollback()
        return render_error(InternalServerError.code)
