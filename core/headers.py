"""Response headers that keep pages out of caches and browsers on HTTPS.

- `keep_out_of_caches(bp)`: every page of a blueprint that shows a case answers
  `Cache-Control: no-store`, so no shared computer's browser, proxy or back button keeps it.
- In production every answer carries Strict-Transport-Security: after one visit the browser
  never again sends a cookie or a secret link over plain HTTP.
- A 405 answer says in `Allow` which methods the address does take (RFC 9110 15.5.6): the
  error pages replace werkzeug's answer, and with it the header it would have sent.
"""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, request
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

HSTS = "max-age=31536000; includeSubDomains"


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response


def keep_out_of_caches(blueprint: Blueprint) -> Blueprint:
    """Mark every answer of `blueprint` no-store (its pages show cases); returns it."""
    blueprint.after_request(_no_store)
    return blueprint


def _allowed_methods() -> list[str]:
    adapter = current_app.url_map.bind_to_environ(request.environ)
    try:
        return sorted(adapter.allowed_methods())
    except HTTPException:
        return []


def _add_headers(response: Response) -> Response:
    if current_app.extensions["redress.config"].redress_env == "production":
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if response.status_code == 405 and "Allow" not in response.headers:
        allowed = _allowed_methods()
        if allowed:
            response.headers["Allow"] = ", ".join(allowed)
    return response


def init_app(app: Flask) -> None:
    app.after_request(_add_headers)
