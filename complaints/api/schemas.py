"""The shapes of the complaints API (DESIGN.md section 8): a new complaint (loaded as the
`NewComplaint` the filing service takes), the tracking token header, what the consumer sees, their
steps, the seller's settlement proposal."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

import marshmallow as ma
from babel.numbers import list_currencies
from flask_babel import gettext as _
from flask_smorest.fields import Upload

from complaints.models import (
    DESCRIPTION_MAX,
    DESCRIPTION_MIN,
    Resolution,
    SettlementKind,
    SettlementStatus,
)
from complaints.services.consumer_moves import ANSWER_MAX
from complaints.services.feedback import COMMENT_MAX
from complaints.services.filing import NewComplaint
from complaints.services.validation import (
    AMOUNT_PATTERN,
    amount_problem,
    country_problem,
    currency_problem,
    purchase_date_problem,
)
from complaints.workflow import COMPLAINT_WORKFLOW
from core.api import ApiSchema, api
from core.countries import country_codes
from core.models import LANGUAGES
from nlp import CONSUMER_LABELS

SINGLE_LINE = r"^[^\x00-\x1f\x7f-\x9f]*$"
NOT_BLANK_LINE = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"
NOT_BLANK_TEXT = r"^[^\x00]*[^\s\x00\x85][^\x00]*$"  # \x85: blank to Python, not to ECMA
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # C0 and C1 controls (\x85 too)
MAX_AMOUNT = Decimal("9999999999.99")


def single_line(value: str) -> None:
    if CONTROL_CHARACTER.search(value):
        raise ma.ValidationError(_("Control characters are not allowed."))


def not_blank(value: str) -> None:
    if not value.strip():
        raise ma.ValidationError(_("This field may not be blank."))


DESCRIPTION = ma.fields.String(
    required=True,
    validate=[ma.validate.Length(min=DESCRIPTION_MIN, max=DESCRIPTION_MAX), not_blank],
    metadata={"description": "what happened", "pattern": NOT_BLANK_TEXT},
)


def _text(limit: int, required: bool = False, **metadata: Any) -> ma.fields.String:
    """A single-line text field of at most `limit` characters (optional ones may be null)."""
    validators: list[Callable[[str], object]] = [ma.validate.Length(max=limit), single_line]
    if required:
        return ma.fields.String(
            required=True,
            validate=[*validators, not_blank],
            metadata={"pattern": NOT_BLANK_LINE, **metadata},
        )
    return ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=validators,
        metadata={"pattern": SINGLE_LINE, **metadata},
    )


class Flag(ma.fields.Boolean):
    """JSON true or false only: not 1, "yes" or "on"."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


def _flag(**kwargs: Any) -> ma.fields.Boolean:
    return Flag(**kwargs)


def money(value: Decimal) -> None:
    try:
        in_range = Decimal(0) <= value <= MAX_AMOUNT
        exact = in_range and value == value.quantize(Decimal("0.01"))
    except InvalidOperation:
        in_range = exact = False
    if not in_range:
        raise ma.ValidationError(_("Give an amount from 0 to %(max)s.", max=MAX_AMOUNT))
    if not exact:
        raise ma.ValidationError(_("Give the amount with at most two decimals."))


def _check(problem_of: Callable[[Any], str | None]) -> Callable[[Any], None]:
    """A marshmallow validator from a check shared with the web form."""

    def check(value: Any) -> None:
        problem = problem_of(value)
        if problem:
            raise ma.ValidationError(problem)

    return check


def _either_case(codes: Iterable[str]) -> list[str]:
    return sorted({variant for code in codes for variant in (code.upper(), code.lower())})


class AmountPaid(ma.fields.Decimal):
    """An amount as a JSON number, or as a string of digits: "1e3" and "4,99" are refused."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, str):
            problem = amount_problem(value, None)
            if problem:
                raise ma.ValidationError(problem)
        return super()._deserialize(value, attr, data, **kwargs)


class ComplaintConsumerSchema(ApiSchema):
    name = _text(200, required=True)
    email = ma.fields.Email(required=True, validate=ma.validate.Length(max=254))
    phone = _text(40)
    country = ma.fields.String(
        required=True,
        validate=[ma.validate.Regexp(r"^[A-Za-z]{2}\Z"), _check(country_problem)],
        metadata={
            "description": "ISO 3166-1 alpha-2 code, e.g. DE (either case)",
            "pattern": "^[A-Za-z]{2}$",
            "enum": _either_case(country_codes()),
        },
    )


class ComplaintSellerSchema(ApiSchema):
    name = _text(200)
    shop_url = _text(500, description="the address of the shop or listing")
    platform_seller_id = _text(100)


class NewComplaintSchema(ApiSchema):
    consumer = ma.fields.Nested(ComplaintConsumerSchema, required=True)
    platform = _text(80, description="the marketplace, e.g. AliExpress")
    seller = ma.fields.Nested(ComplaintSellerSchema, load_default=None, allow_none=True)
    product = _text(200)
    order_number = _text(100)
    purchase_date = ma.fields.Date(
        load_default=None,
        allow_none=True,
        validate=_check(purchase_date_problem),
        metadata={"description": "not in the future"},
    )
    amount = AmountPaid(
        load_default=None,
        allow_none=True,
        as_string=True,
        validate=[money, _check(lambda value: amount_problem(None, value))],
        metadata={
            "type": "string",
            "example": "49.99",
            "pattern": AMOUNT_PATTERN,
            "description": "more than 0, at most two decimals; a JSON number is accepted too",
        },
    )
    currency = ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=[ma.validate.Regexp(r"^[A-Za-z]{3}\Z"), _check(currency_problem)],
        metadata={
            "description": "ISO 4217 code, e.g. EUR (either case)",
            "pattern": "^[A-Za-z]{3}$",
            "enum": _either_case(list_currencies()),
        },
    )
    description = DESCRIPTION
    desired_resolution = ma.fields.String(
        required=True, validate=ma.validate.OneOf([r.value for r in Resolution])
    )
    consent_forward_to_seller = _flag(required=True)
    seller_first = _flag(load_default=False)
    consent_publish_narrative = _flag(load_default=False)
    consent_share_with_rights_holder = _flag(load_default=False)
    language = ma.fields.String(
        load_default=None, allow_none=True, validate=ma.validate.OneOf(LANGUAGES)
    )
    category = ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=ma.validate.OneOf(CONSUMER_LABELS),
        metadata={
            "description": "the caller's category (routing and priority follow it); "
            "when null, the one the NLP suggests"
        },
    )

    @ma.validates_schema
    def _platform_or_seller(self, data: dict[str, Any], **_kwargs: Any) -> None:
        seller = data.get("seller") or {}
        if not (data.get("platform") or "").strip() and not (seller.get("name") or "").strip():
            raise ma.ValidationError(_("Name the platform or the seller."), "platform")

    @ma.post_load
    def _new_complaint(self, data: dict[str, Any], **_kwargs: Any) -> NewComplaint:
        consumer, seller = data["consumer"], data.get("seller") or {}
        return NewComplaint(
            consumer_name=consumer["name"],
            consumer_email=consumer["email"],
            consumer_phone=consumer.get("phone"),
            consumer_country=consumer["country"],
            platform=data.get("platform"),
            seller_name=seller.get("name"),
            seller_shop_url=seller.get("shop_url"),
            seller_platform_id=seller.get("platform_seller_id"),
            product=data.get("product"),
            order_number=data.get("order_number"),
            purchase_date=data.get("purchase_date"),
            amount=data.get("amount"),
            currency=data.get("currency"),
            description=data["description"],
            desired_resolution=Resolution(data["desired_resolution"]),
            consent_forward_to_seller=data["consent_forward_to_seller"],
            seller_first=data["seller_first"],
            consent_publish_narrative=data["consent_publish_narrative"],
            consent_share_with_rights_holder=data["consent_share_with_rights_holder"],
            language=data.get("language"),
            category=data.get("category"),
        )


def document_platform_or_seller() -> None:
    """Say in the OpenAPI document what NewComplaintSchema._platform_or_seller checks: a platform
    or a seller's name, not blank."""
    schemas = api.spec.components.schemas
    # Inline, not by $ref: test generators merge the branches with the properties they see.
    schemas["NewComplaint"]["properties"]["seller"] = {
        **copy.deepcopy(schemas["ComplaintSeller"]),
        "nullable": True,
        "default": None,
    }
    seller = copy.deepcopy(schemas["ComplaintSeller"])
    seller["required"] = ["name"]
    seller["properties"]["name"] = {"type": "string", "maxLength": 200, "pattern": NOT_BLANK_LINE}
    schemas["NewComplaint"]["anyOf"] = [
        {
            "required": ["platform"],
            "properties": {
                "platform": {"type": "string", "maxLength": 80, "pattern": NOT_BLANK_LINE}
            },
        },
        {"required": ["seller"], "properties": {"seller": seller}},
    ]


class SuggestionRequestSchema(ApiSchema):
    description = DESCRIPTION


class SuggestionsSchema(ma.Schema):
    """What the NLP reads in a description; each key only where it found an answer."""

    category = ma.fields.String(validate=ma.validate.OneOf(CONSUMER_LABELS))
    confidence = ma.fields.Float()
    product = ma.fields.String()
    seller_name = ma.fields.String()
    platform = ma.fields.String()
    order_number = ma.fields.String()
    amount = ma.fields.String()
    currency = ma.fields.String()


class SuggestedPairSchema(ma.Schema):
    suggested = ma.fields.String(required=True)
    chosen = ma.fields.String(required=True, allow_none=True)


class FiledComplaintSchema(ApiSchema):
    reference = ma.fields.String(required=True, metadata={"example": "C-2026-000123"})
    tracking_token = ma.fields.String(
        required=True,
        metadata={"description": "the secret for X-Tracking-Token; shown only in this answer"},
    )
    status = ma.fields.String(
        required=True, validate=ma.validate.OneOf([COMPLAINT_WORKFLOW.initial])
    )
    due_at = ma.fields.DateTime(required=True, allow_none=True)
    suggested = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.Nested(SuggestedPairSchema),
        required=True,
        metadata={"description": "per field the NLP answered: its suggestion and what was filed"},
    )


class TrackingHeadersSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE  # every other header of the request

    token = ma.fields.String(
        load_default=None,
        data_key="X-Tracking-Token",
        metadata={"description": "the tracking token given at filing"},
    )


class TimelineEntrySchema(ApiSchema):
    at = ma.fields.DateTime(required=True)
    type = ma.fields.String(required=True)
    status = ma.fields.String(required=True, allow_none=True)
    label = ma.fields.String(required=True)
    by = ma.fields.String(required=True, validate=ma.validate.OneOf(["consumer", "redress"]))
    body = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "a message, question, answer or reason"},
    )
    file = ma.fields.String(
        required=True, allow_none=True, metadata={"description": "the name of a file added"}
    )


class EvidenceFileSchema(ApiSchema):
    id = ma.fields.Integer(required=True)
    filename = ma.fields.String(required=True)
    size = ma.fields.Integer(required=True)
    content_type = ma.fields.String(required=True)


class FeedbackSchema(ApiSchema):
    rating = ma.fields.Integer(required=True, validate=ma.validate.Range(min=1, max=5))
    comment = ma.fields.String(required=True, allow_none=True)


class TrackedComplaintSchema(ApiSchema):
    reference = ma.fields.String(required=True)
    status = ma.fields.String(
        required=True, validate=ma.validate.OneOf([s.name for s in COMPLAINT_WORKFLOW.states])
    )
    status_label = ma.fields.String(required=True)
    due_at = ma.fields.DateTime(required=True, allow_none=True)
    timeline = ma.fields.List(ma.fields.Nested(TimelineEntrySchema), required=True)
    messages = ma.fields.List(
        ma.fields.Nested(TimelineEntrySchema),
        required=True,
        metadata={"description": "officers' messages to the consumer"},
    )
    question = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "the officers' question awaiting the consumer's answer"},
    )
    evidence = ma.fields.List(ma.fields.Nested(EvidenceFileSchema), required=True)
    can_add_evidence = ma.fields.Boolean(required=True)
    can_withdraw = ma.fields.Boolean(required=True)
    can_answer = ma.fields.Boolean(required=True)
    ended_at = ma.fields.DateTime(required=True, allow_none=True)
    can_give_feedback = ma.fields.Boolean(required=True)
    feedback = ma.fields.Nested(FeedbackSchema, required=True, allow_none=True)


# The consumer's steps.


class EvidenceUploadSchema(ma.Schema):
    evidence = ma.fields.List(
        Upload(),
        required=True,
        validate=ma.validate.Length(min=1),
        metadata={
            "description": "PDF, JPEG, PNG or WebP, each at most 10 MB; at most 10 per complaint"
        },
    )


class AddedEvidenceSchema(ApiSchema):
    added = ma.fields.Integer(required=True)
    evidence = ma.fields.List(ma.fields.Nested(EvidenceFileSchema), required=True)


class AnswerSchema(ApiSchema):
    answer = ma.fields.String(
        required=True,
        validate=ma.validate.Length(min=1, max=ANSWER_MAX),
        metadata={"pattern": NOT_BLANK_TEXT},
    )


class WithdrawSchema(ApiSchema):
    confirm = Flag(
        required=True,
        validate=ma.validate.Equal(True),
        metadata={"description": "must be true: withdrawing is final"},
    )


class NewFeedbackSchema(ApiSchema):
    rating = ma.fields.Integer(required=True, strict=True, validate=ma.validate.Range(1, 5))
    comment = ma.fields.String(
        load_default=None, allow_none=True, validate=[ma.validate.Length(max=COMMENT_MAX)]
    )


# The seller's settlement proposal.


class SettlementSchema(ApiSchema):
    id = ma.fields.Integer(required=True)
    kind = ma.fields.String(
        required=True, validate=ma.validate.OneOf([k.value for k in SettlementKind])
    )
    amount = ma.fields.Decimal(required=True, allow_none=True, as_string=True)
    currency = ma.fields.String(required=True, allow_none=True)
    terms = ma.fields.String(required=True, allow_none=True)
    status = ma.fields.String(
        required=True, validate=ma.validate.OneOf([s.value for s in SettlementStatus])
    )
    complaint_status = ma.fields.String(required=True)


class SettlementAnswerSchema(ApiSchema):
    settlement = ma.fields.Integer(
        load_default=None,
        allow_none=True,
        strict=True,
        metadata={"description": "the id of the proposal answered"},
    )
