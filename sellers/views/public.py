"""Public lookup: anyone can find a seller and read its tier and counts (no personal data)."""

from __future__ import annotations

import re

from flask import Blueprint, abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from core import clock
from core.db import session
from sellers.models import Seller
from sellers.services.records import public_records
from sellers.services.registry import canonical, platforms, search_sellers

bp = Blueprint("sellers_public", __name__)

PAGE_SIZE = 50
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@bp.get("/sellers")
def lookup() -> str:
    text = _CONTROL.sub("", request.args.get("q", ""))[:200]
    platform_id = request.args.get("platform", type=int)
    after = request.args.get("after", type=int)
    query = search_sellers(text, platform_id, public=True)
    if after:
        query = query.where(Seller.id > after)
    found = session.scalars(query.order_by(Seller.id).limit(PAGE_SIZE + 1)).all()
    more = len(found) > PAGE_SIZE
    shown = found[:PAGE_SIZE]
    return render_template(
        "sellers/lookup.html",
        records=public_records(shown, clock.now()),
        q=text,
        platform_id=platform_id,
        platforms=platforms(),
        more=more,
        after=shown[-1].id if shown else None,
        searched="q" in request.args,
    )


@bp.get("/sellers/<id:seller_id>")
def record(seller_id: int) -> str | Response:
    seller = session.get(Seller, seller_id)
    if seller is None or canonical(seller).public_since is None:
        abort(404)  # not decided about yet: not public
    if seller.merged_into_id:
        return redirect(url_for("sellers_public.record", seller_id=seller.merged_into_id))
    return render_template("sellers/record.html", record=public_records([seller], clock.now())[0])
