"""Public credit records as JSON: `GET /api/v1/sellers?q=` and `GET /api/v1/sellers/<id>`.

Name, platform, tier and counts only: never an e-mail, phone, address or person's name.
"""

from __future__ import annotations

import re
from typing import Any

import marshmallow as ma
from flask.views import MethodView
from flask_babel import gettext as _
from flask_smorest import abort

from core import clock
from core.api import ApiSchema, PageArgsSchema, api_blueprint, keyset_page
from core.db import session
from sellers.models import POINTS, Seller, Tier
from sellers.services.records import public_records
from sellers.services.registry import canonical, search_sellers

blp = api_blueprint(
    "sellers_api",
    __name__,
    "/sellers",
    "Public seller credit records: tier and what counted against each seller.",
)
NO_CONTROL_CHARACTERS = r"^[^\x00-\x1f\x7f]*$"
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")


def printable(value: str) -> None:
    if CONTROL_CHARACTER.search(value):
        raise ma.ValidationError(_("Control characters are not allowed."))


class SellerSearchArgsSchema(PageArgsSchema):
    q = ma.fields.String(
        load_default=None,
        validate=[ma.validate.Length(max=200), printable],
        metadata={
            "description": "part of the seller's name or alias",
            "pattern": NO_CONTROL_CHARACTERS,
        },
    )


CountsSchema = ApiSchema.from_dict(
    {kind.value: ma.fields.Integer(required=True) for kind in POINTS}, name="CreditCountsSchema"
)


class PublicSellerSchema(ApiSchema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    platform = ma.fields.String(allow_none=True, required=True)
    tier = ma.fields.String(required=True, validate=ma.validate.OneOf([t.value for t in Tier]))
    counts = ma.fields.Nested(
        CountsSchema,
        required=True,
        metadata={
            "description": "events of each kind that count now (the last 365 days, not reversed)"
        },
    )


class PublicSellerPageSchema(ApiSchema):
    items = ma.fields.List(ma.fields.Nested(PublicSellerSchema), required=True)
    next = ma.fields.String(allow_none=True, required=True)


@blp.route("")
class Sellers(MethodView):
    @blp.arguments(SellerSearchArgsSchema, location="query")
    @blp.response(200, PublicSellerPageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Sellers whose name or alias contains `q` (all without it), by id: only sellers an
        officer decided a case about or that claimed their record; a person's name is shown as
        "a seller on <platform>" and never found by search."""
        page = keyset_page(
            search_sellers(args["q"], public=True), Seller.id, args["after"], args["limit"]
        )
        return {"items": public_records(page["items"], clock.now()), "next": page["next"]}


@blp.route("/<id:seller_id>")
class SellerById(MethodView):
    @blp.response(200, PublicSellerSchema)
    def get(self, seller_id: int) -> Any:
        """One seller's public credit record (a merged seller answers with the one standing for
        it)."""
        seller = session.get(Seller, seller_id)
        if seller is not None and canonical(seller).public_since is not None:
            return public_records([canonical(seller)], clock.now())[0]
        abort(404, message=_("There is no such seller."))
