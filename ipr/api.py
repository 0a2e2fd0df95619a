"""IP notices as JSON (DESIGN.md section 8), for a rights holder's API token with the scope
"ipr:notices": `GET /api/v1/ipr/rights`, `GET` and `POST /api/v1/ipr/notices`,
`GET /api/v1/ipr/notices/<reference>`, `POST /api/v1/ipr/notices/<reference>/evidence`,
`POST /api/v1/ipr/notices/<reference>/listings/<reference>/evidence`,
`POST /api/v1/ipr/listings/extract` (the addresses in a pasted text, before filing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import marshmallow as ma
from flask.views import MethodView
from flask_babel import gettext as _
from flask_smorest import abort
from flask_smorest.fields import Upload
from sqlalchemy import select

from core.api import (
    BEARER,
    ApiSchema,
    ErrorSchema,
    PageArgsSchema,
    api_blueprint,
    api_user,
    keyset_page,
    token_required,
)
from core.converters import MAX_ID
from core.uploads import EVIDENCE_MAX_FILES, CheckedFile, UploadError, check_uploads
from ipr.models import MAX_LISTINGS, Channel, IpRight, Notice, Verification
from ipr.services import add_evidence, file_notice, holder_notice, holder_of
from ipr.services.filing import (
    DESCRIPTION_MAX,
    NewNotice,
    add_listing_evidence,
    notice_problems,
    platform_name,
)
from ipr.services.listing_input import LIMITS, SKIPPED, Parsed, parse_lines, url_problem
from ipr.services.refusals import IprError
from ipr.services.tracking import notice_view, notices_of
from ipr.workflow import ListingState

NOTICES_SCOPE = "ipr:notices"
RIGHTS_MAX = 50  # rights named by one notice
NOT_FOUND = "unknown reference, or a notice of another rights holder"

blp = api_blueprint(
    "ipr_api",
    __name__,
    "/ipr",
    "IP notices: report listings that infringe your verified rights and follow "
    "each one's state. Needs a rights holder's token with the scope ipr:notices.",
)


def _not_blank(value: str) -> None:
    if not value.strip():
        raise ma.ValidationError(_("This field may not be blank."))


def _listing_url(value: str) -> None:
    problem = url_problem(value)
    if problem:
        raise ma.ValidationError(problem)


class Flag(ma.fields.Boolean):
    """JSON true or false only."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


def _optional(limit: int, **metadata: Any) -> ma.fields.String:
    return ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=ma.validate.Length(max=limit),
        metadata=metadata,
    )


class ListingInSchema(ApiSchema):
    url = ma.fields.String(
        required=True,
        validate=_listing_url,
        metadata={
            "description": "the listing's full address, https:// or http://",
            "format": "uri",
            "maxLength": LIMITS["url"],
        },
    )
    platform = _optional(
        LIMITS["platform"],
        description="e.g. Temu; may be left out when the address is on a known platform",
    )
    seller = _optional(LIMITS["seller"], description="the seller's shop name, if known")
    listing_id = _optional(LIMITS["listing_id"], description="the platform's id of the listing")
    seller_id = _optional(
        LIMITS["seller_id"],
        description="the platform's id of the seller or store; read from the address where the "
        "platform's pattern allows",
    )
    store_url = _optional(LIMITS["store_url"], description="the address of the seller's store")
    jurisdiction = _optional(
        LIMITS["jurisdiction"],
        description="two-letter code of the country whose law applies; default: the platform's",
    )
    explanation = ma.fields.String(
        required=True,
        validate=[ma.validate.Length(min=1, max=LIMITS["explanation"]), _not_blank],
        metadata={"description": "why this listing infringes"},
    )


def _as_sent(body: dict[str, Any]) -> NewNotice:
    """The notice as far as the body can be read: values of the wrong type left out."""
    rights, rows = body.get("rights"), body.get("listings")
    rights = rights if isinstance(rights, list) else []
    rows = rows if isinstance(rows, list) else []
    return NewNotice.from_mapping(
        {
            "rights": [_right_id(value) for value in rights[:RIGHTS_MAX]],
            "description": _text(body.get("description")),
            "listings": [
                {k: _text(v) or None for k, v in row.items()} if isinstance(row, dict) else {}
                for row in rows[: MAX_LISTINGS + 1]  # one more: "too many" is said
            ],
            "good_faith": body.get("good_faith"),
            "accurate": body.get("accurate"),
            "signature": _text(body.get("signature")),
        }
    )


def _right_id(value: Any) -> int:
    """The id as sent, or 0 (no right) when it is no id: the schema says what is wrong."""
    is_id = isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID
    return value if is_id else 0


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


class NewNoticeSchema(ApiSchema):
    rights = ma.fields.List(
        ma.fields.Integer(strict=True, validate=ma.validate.Range(min=1, max=MAX_ID)),
        required=True,
        validate=ma.validate.Length(min=1, max=RIGHTS_MAX),
        metadata={"description": "ids of your verified rights in force (GET /ipr/rights)"},
    )
    description = ma.fields.String(
        required=True, validate=[ma.validate.Length(min=1, max=DESCRIPTION_MAX), _not_blank]
    )
    listings = ma.fields.List(
        ma.fields.Nested(ListingInSchema),
        required=True,
        validate=ma.validate.Length(min=1, max=MAX_LISTINGS),
    )
    good_faith = Flag(
        required=True,
        validate=ma.validate.Equal(True),
        metadata={"description": "true: you believe in good faith that the use is not authorised"},
    )
    accurate = Flag(
        required=True,
        validate=ma.validate.Equal(True),
        metadata={
            "description": "true: the notice is accurate and, under penalty of perjury, you "
            "are the rights holder or authorised to act for it"
        },
    )
    signature = ma.fields.String(
        required=True,
        validate=[ma.validate.Length(min=1, max=200), _not_blank],
        metadata={"example": "Jane Doe, counsel"},
    )

    @ma.validates_schema(pass_original=True, skip_on_field_errors=False)
    def _every_problem(self, _data: Any, original: Any, **_kwargs: Any) -> None:
        """The filing checks (rights in force, known platforms, ...) run on the body as sent
        even when a field is malformed, so that one answer names every problem."""
        if not isinstance(original, dict):
            return
        problems = notice_problems(api_user(), _as_sent(original))
        if problems:
            raise ma.ValidationError(problems)

    @ma.post_load
    def _new_notice(self, data: dict[str, Any], **_kwargs: Any) -> NewNotice:
        return NewNotice.from_mapping(data)


class ListingOutSchema(ApiSchema):
    reference = ma.fields.String(required=True, metadata={"example": "IP-2026-000045-001"})
    url = ma.fields.String(required=True)
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(list(ListingState)))
    status_label = ma.fields.String(required=True)
    due_at = ma.fields.AwareDateTime(required=True, allow_none=True)
    decision_reasons = ma.fields.String(required=True, allow_none=True)


class FlaggedSchema(ApiSchema):
    position = ma.fields.Integer(
        required=True, metadata={"description": "the index of the listing in the request (from 0)"}
    )
    url = ma.fields.String(required=True)
    case = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "your case about this listing, if it is yours"},
    )
    reason = ma.fields.String(
        required=True, validate=ma.validate.OneOf(["already_reported", "repeated_in_notice"])
    )


class WarningSchema(ApiSchema):
    code = ma.fields.String(required=True)
    text = ma.fields.String(required=True)


class NoticeOutSchema(ApiSchema):
    reference = ma.fields.String(required=True, metadata={"example": "IP-2026-000045"})
    created_at = ma.fields.AwareDateTime(required=True)
    rights = ma.fields.List(ma.fields.Integer(), required=True)
    infringement_type = ma.fields.String(required=True, allow_none=True)
    listings = ma.fields.List(ma.fields.Nested(ListingOutSchema), required=True)
    flagged = ma.fields.List(
        ma.fields.Nested(FlaggedSchema),
        required=True,
        metadata={"description": "listings already under an open notice: not reported again"},
    )
    warnings = ma.fields.List(ma.fields.Nested(WarningSchema), required=True)
    evidence = ma.fields.Integer(required=True, metadata={"description": "files kept"})


class RightOutSchema(ApiSchema):
    id = ma.fields.Integer(required=True)
    right_type = ma.fields.String(required=True)
    title = ma.fields.String(required=True)
    registration_number = ma.fields.String(required=True, allow_none=True)
    office = ma.fields.String(required=True, allow_none=True)
    nice_classes = ma.fields.List(ma.fields.Integer(), required=True)
    valid_from = ma.fields.Date(required=True, allow_none=True)
    valid_until = ma.fields.Date(required=True, allow_none=True)
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(list(Verification)))


class RightPageSchema(ApiSchema):
    items = ma.fields.List(ma.fields.Nested(RightOutSchema), required=True)
    next = ma.fields.String(allow_none=True, required=True)


class NoticeEvidenceUploadSchema(ma.Schema):
    files = ma.fields.List(
        Upload(),
        required=True,
        validate=ma.validate.Length(min=1),
        metadata={
            "description": "PDF, JPEG, PNG or WebP, each at most 10 MB; "
            f"at most {EVIDENCE_MAX_FILES} per notice"
        },
    )


class ExtractInSchema(ApiSchema):
    text = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=1_000_000),
        metadata={"description": "any text: numbered or bulleted lines, addresses in sentences"},
    )


class FoundListingSchema(ApiSchema):
    url = ma.fields.String(required=True)
    platform = ma.fields.String(
        required=True, allow_none=True, metadata={"description": "null: name it when filing"}
    )


class SkippedSchema(ApiSchema):
    url = ma.fields.String(required=True)
    reason = ma.fields.String(required=True, validate=ma.validate.OneOf(list(SKIPPED)))
    text = ma.fields.String(required=True)


class ExtractOutSchema(ApiSchema):
    listings = ma.fields.List(ma.fields.Nested(FoundListingSchema), required=True)
    skipped = ma.fields.List(ma.fields.Nested(SkippedSchema), required=True)
    problems = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.String(),
        required=True,
        metadata={"description": "lines meant as an address that are none, e.g. lines.4"},
    )


class NoticeArgsSchema(PageArgsSchema):
    status = ma.fields.String(
        load_default=None,
        validate=ma.validate.OneOf(list(ListingState)),
        metadata={"description": "only notices with a listing in this state"},
    )
    since = ma.fields.Date(
        load_default=None, metadata={"description": "only notices sent from this day (UTC)"}
    )


class NoticePageSchema(ApiSchema):
    items = ma.fields.List(ma.fields.Nested(NoticeOutSchema), required=True)
    next = ma.fields.String(allow_none=True, required=True)


def _holder_token(view: Callable[..., Any]) -> Callable[..., Any]:
    """A valid token with the scope first (401, 403), before the request body is read."""
    return token_required(NOTICES_SCOPE)(view)


def _notice(reference: str) -> Notice:
    notice = holder_notice(api_user(), reference)
    if notice is None:
        abort(404, message=_("You have no notice with this reference."))
    return notice  # type: ignore[return-value]  # abort() raises


@blp.route("/rights")
class Rights(MethodView):
    decorators = [_holder_token]  # noqa: RUF012

    @blp.doc(security=[BEARER])
    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, RightPageSchema)
    def get(self, page: dict[str, Any]) -> Any:
        """The rights in your vault; a notice may name the verified ones in force."""
        holder = holder_of(api_user())
        query = select(IpRight).where(IpRight.holder_id == (holder.id if holder else 0))
        return keyset_page(query, IpRight.id, page["after"], page["limit"])


@blp.route("/notices")
class Notices(MethodView):
    decorators = [_holder_token]  # noqa: RUF012

    @blp.doc(security=[BEARER])
    @blp.arguments(NoticeArgsSchema, location="query")
    @blp.response(200, NoticePageSchema)
    def get(self, args: dict[str, Any]) -> Any:
        """Your notices, oldest first, a page at a time (`after`: the `next` of the previous
        page), each with the state of its listings."""
        holder = holder_of(api_user())
        query = notices_of(holder.id if holder else 0, args["status"], args["since"])
        page = keyset_page(query, Notice.id, args["after"], args["limit"])
        return {"items": [notice_view(notice) for notice in page["items"]], "next": page["next"]}

    @blp.doc(security=[BEARER])
    @blp.arguments(NewNoticeSchema)
    @blp.response(201, NoticeOutSchema)
    @blp.alt_response(
        403,
        schema=ErrorSchema,
        description="organisation not verified, or suspended from notifying",
    )
    @blp.alt_response(
        409, schema=ErrorSchema, description="every listing is already under an open notice"
    )
    @blp.alt_response(
        422,
        schema=ErrorSchema,
        description="the notice is incomplete or "
        "invalid; `fields` names each problem, e.g. listings.17.url",
    )
    def post(self, new: NewNotice) -> Any:
        """File a notice: one case per listing, decided within 2 working days (1 for holders
        in good standing). Refused whole, with every problem named, or stored whole."""
        return notice_view(file_notice(api_user(), new, Channel.API))


@blp.route(
    "/notices/<string(maxlength=40):reference>/listings/<string(maxlength=40):listing>/evidence"
)
class ListingEvidence(MethodView):
    decorators = [_holder_token]  # noqa: RUF012

    @blp.doc(security=[BEARER])
    @blp.arguments(NoticeEvidenceUploadSchema, location="files")
    @blp.response(201, NoticeOutSchema)
    @blp.alt_response(404, schema=ErrorSchema, description=NOT_FOUND)
    @blp.alt_response(422, schema=ErrorSchema, description="a file refused, or too many")
    def post(self, files: dict[str, Any], reference: str, listing: str) -> Any:
        """Add evidence files about one listing of the notice (multipart field `files`,
        repeated): the officer sees them beside that listing. One refused file refuses all."""
        notice = _notice(reference)
        found = next((item for item in notice.listings if item.reference == listing), None)
        if found is None:
            abort(404, message=_("The notice has no listing with this reference."))
        add_listing_evidence(found, api_user(), _checked(files))  # type: ignore[arg-type]
        return notice_view(notice)


@blp.route("/listings/extract")
class ListingExtract(MethodView):
    decorators = [_holder_token]  # noqa: RUF012

    @blp.doc(security=[BEARER])
    @blp.arguments(ExtractInSchema)
    @blp.response(200, ExtractOutSchema)
    def post(self, body: dict[str, Any]) -> Any:
        """The listing addresses in a text as the notice form reads them, without filing:
        help pages and repeated addresses left out, each with the reason."""
        parsed = Parsed()
        parse_lines(body["text"], {}, parsed)
        return {
            "listings": [{"url": row.url, "platform": platform_name(row)} for row in parsed.rows],
            "skipped": [
                {"url": url, "reason": code, "text": str(SKIPPED[code])}
                for url, code in parsed.skipped
            ],
            "problems": parsed.errors,
        }


@blp.route("/notices/<string(maxlength=40):reference>")
class NoticeByReference(MethodView):
    decorators = [_holder_token]  # noqa: RUF012

    @blp.doc(security=[BEARER])
    @blp.response(200, NoticeOutSchema)
    @blp.alt_response(404, schema=ErrorSchema, description=NOT_FOUND)
    def get(self, reference: str) -> Any:
        """Your notice and the state of each of its listings."""
        return notice_view(_notice(reference))


@blp.route("/notices/<string(maxlength=40):reference>/evidence")
class NoticeEvidence(MethodView):
    decorators = [_holder_token]  # noqa: RUF012

    @blp.doc(security=[BEARER])
    @blp.arguments(NoticeEvidenceUploadSchema, location="files")
    @blp.response(201, NoticeOutSchema)
    @blp.alt_response(404, schema=ErrorSchema, description=NOT_FOUND)
    @blp.alt_response(422, schema=ErrorSchema, description="a file refused, or too many")
    def post(self, files: dict[str, Any], reference: str) -> Any:
        """Add evidence files (multipart field `files`, repeated): test buys, photos,
        comparisons. Each is judged by its content; one refused file refuses them all."""
        notice = _notice(reference)
        add_evidence(notice, api_user(), _checked(files))
        return notice_view(notice)


def _checked(files: dict[str, Any]) -> list[CheckedFile]:
    try:
        return check_uploads([(f.filename or "", f.read()) for f in files["files"]])
    except UploadError as error:
        raise IprError(str(error), "invalid", field="files") from error
