"""The public's pages (blueprint `ipr_public`): the notice log (E-Commerce Law art. 44), as a
page and as JSON; no account needed."""

from __future__ import annotations

from flask import Blueprint, abort, jsonify, render_template, request
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from ipr.services.public_log import MAX_PAGE_SIZE, PAGE_SIZE, public_log_page

bp = Blueprint("ipr_public", __name__, url_prefix="/ipr")


def _page_args() -> tuple[int | None, int]:
    before, limit = request.args.get("before"), request.args.get("limit", str(PAGE_SIZE))
    if (
        (before is not None and not (before.isdigit() and 0 < len(before) <= 18))
        or not limit.isdigit()
        or not 1 <= int(limit) <= MAX_PAGE_SIZE
    ):
        abort(
            400,
            _(
                "“before” must be a notice number from the log and “limit” 1 to %(n)d.",
                n=MAX_PAGE_SIZE,
            ),
        )
    return (int(before) if before is not None else None), int(limit)


@bp.get("/public-log")
def public_log() -> str:
    before, limit = _page_args()
    return render_template("ipr/public_log.html", log=public_log_page(before, limit), limit=limit)


@bp.get("/public-log.json")
def public_log_json() -> Response:
    before, limit = _page_args()
    return jsonify(public_log_page(before, limit))
