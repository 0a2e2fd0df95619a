"""JSON API conventions (DESIGN.md section 8), on flask-smorest.

Packages declare endpoints on `api_blueprint(...)` with marshmallow schemas; validation, the
OpenAPI document at /api/openapi.json, the error shape, token auth, rate limits and pagination
come from here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, TypeVar

import marshmallow as ma
from flask import Flask, g, request
from flask_babel import gettext as _
from flask_smorest import Api, Blueprint, abort
from sqlalchemy import Select

from core import api_tokens
from core.converters import MAX_ID, IdConverter
from core.db import session
from core.extensions import csrf, limiter
from core.headers import keep_out_of_caches
from core.models import ApiToken, User
from core.tokens import digest

View = TypeVar("View", bound=Callable[..., Any])
BEARER: dict[str, list[str]] = {"BearerToken": []}


class ApiSchema(ma.Schema):
    """Base of every request and response schema: unknown fields are refused, not ignored."""

    class Meta:
        unknown = ma.RAISE


class ErrorDetailSchema(ApiSchema):
    code = ma.fields.String(required=True, metadata={"example": "invalid"})
    message = ma.fields.String(required=True)
    fields = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String(), required=True)  # type: ignore[assignment]  # the error shape names it so


class ErrorSchema(ApiSchema):
    error = ma.fields.Nested(ErrorDetailSchema, required=True)


class PageArgsSchema(ApiSchema):
    limit = ma.fields.Integer(load_default=20, validate=ma.validate.Range(min=1, max=100))
    after = ma.fields.String(
        load_default=None,
        validate=ma.validate.Regexp(r"^[0-9]{1,9}$"),
        metadata={"description": "the `next` value of the previous page"},
    )


NO_NUL = "^[^\\u0000]*$"


def _strings_refuse_nul(_converter: Any, field: ma.fields.Field, **_kwargs: Any) -> dict[str, str]:
    """Say in the document what core.input_guard enforces: no string holds a NUL character."""
    if (
        isinstance(field, ma.fields.String)
        and "pattern" not in field.metadata
        and not any(isinstance(check, ma.validate.Regexp) for check in field.validators)
    ):
        return {"pattern": NO_NUL}
    return {}


class RedressApi(Api):
    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self) -> None:
        """core.errors answers every error, of the API and of pages alike."""


api = RedressApi()


def api_blueprint(name: str, import_name: str, url_prefix: str, description: str) -> Blueprint:
    """A blueprint under /api/v1 whose endpoints are documented in the OpenAPI document; its
    answers are no-store (they carry cases, tokens and personal data)."""
    blueprint = Blueprint(
        name, import_name, url_prefix=f"/api/v1{url_prefix}", description=description
    )
    keep_out_of_caches(blueprint)
    return blueprint


def _token_or_address() -> str:
    token = api_tokens.bearer_secret(request.headers.get("Authorization"))
    return f"token:{digest(token)}" if token else f"addr:{request.remote_addr}"


def register_api(app: Flask, blueprint: Blueprint) -> None:
    """Serve `blueprint`, rate limited per token (or per address for anonymous callers)."""
    config = app.extensions["redress.config"]
    limiter.limit(config.api_rate_limit, key_func=_token_or_address)(blueprint)
    limiter.limit(config.api_address_rate_limit)(blueprint)
    # The API authenticates by bearer token, never by the session cookie, so there is no
    # cross-site request to forge: CSRF tokens are for the HTML forms.
    csrf.exempt(blueprint)
    api.register_blueprint(blueprint)


def token_required(scope: str | None = None) -> Callable[[View], View]:
    """Require `Authorization: Bearer <token>`, usable and (if given) holding `scope`."""

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            token = api_tokens.authenticate(request.headers.get("Authorization"))
            expired = (
                None if token else api_tokens.expired_token(request.headers.get("Authorization"))
            )
            if expired is not None and expired.expires_at is not None:
                abort(
                    401,
                    message=_(
                        "This API token expired on %(day)s. Create a new one on your account "
                        "page, or ask for one.",
                        day=expired.expires_at.date().isoformat(),
                    ),
                    headers={"WWW-Authenticate": 'Bearer realm="redress", error="invalid_token"'},
                )
            if token is None:
                abort(
                    401,
                    message=_(
                        'A valid API token is required: send it as "Authorization: Bearer <token>".'
                    ),
                    headers={"WWW-Authenticate": 'Bearer realm="redress"'},
                )
            assert token is not None  # abort() does not return
            if scope and scope not in token.scopes:
                abort(403, message=_("This token does not have the scope %(scope)s.", scope=scope))
            g.api_token = token
            session.commit()  # the token's last use
            return view(*args, **kwargs)

        return guarded  # type: ignore[return-value]

    return decorate


def api_user() -> User:
    """The account behind the token of this request."""
    token: ApiToken = g.api_token
    return token.user


def keyset_page(query: Select[Any], key: Any, after: str | None, limit: int) -> dict[str, Any]:
    """One page of `query` ordered by the integer column `key`: {"items", "next"}."""
    if after is not None:
        query = query.where(key > int(after))  # PageArgsSchema let only digits through
    rows: Sequence[Any] = session.scalars(query.order_by(key).limit(limit + 1)).all()
    more = len(rows) > limit
    items = list(rows[:limit])
    return {"items": items, "next": str(_key_value(items[-1], key)) if more else None}


def _key_value(row: Any, key: Any) -> Any:
    return getattr(row, key.key)


def init_app(app: Flask) -> None:
    app.config.update(
        {
            "API_TITLE": "Redress API",
            "API_VERSION": "v1",
            "OPENAPI_VERSION": "3.0.3",
            "OPENAPI_URL_PREFIX": "/api",
            "OPENAPI_JSON_PATH": "openapi.json",
            "API_SPEC_OPTIONS": {
                "info": {
                    "description": "Complaints, IP notices and seller credit records. Errors are "
                    '{"error": {"code", "message", "fields"}} with a 4xx '
                    "status, in the language of Accept-Language (en or zh)."
                },
                "components": {
                    "securitySchemes": {"BearerToken": {"type": "http", "scheme": "bearer"}}
                },
            },
        }
    )
    api.init_app(app)
    api.ma_plugin.converter.add_attribute_function(_strings_refuse_nul)
    api.register_converter(
        IdConverter, lambda _converter: {"type": "integer", "minimum": 1, "maximum": MAX_ID}
    )
