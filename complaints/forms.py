"""The complaint's forms: the consumer's filing form (the same fields as the API) and tracking-page
steps, the officer's panel, the seller's page. Every form carries a CSRF token.

Amounts of settlements are text here: complaints.services.checked_input checks them once for
pages and API alike, with a message that says what is wrong.
"""

from __future__ import annotations

import re
import secrets
from typing import Any, TypeVar

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    HiddenField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from complaints.labels import (
    CATEGORIES,
    REJECTION_LABELS,
    RESOLUTIONS,
    SETTLEMENT_KINDS,
    country_choices,
    currency_choices,
)
from complaints.models import DESCRIPTION_MAX, DESCRIPTION_MIN, RejectionReason, Resolution
from complaints.services.evidence import received_files
from complaints.services.filing import NewComplaint
from complaints.services.validation import (
    LIMITATION_YEARS,
    amount_problem,
    country_problem,
    currency_problem,
    purchase_date_problem,
    purchase_is_old,
)
from core.uploads import (
    EVIDENCE_MAX_BYTES,
    EVIDENCE_MAX_FILES,
    CheckedFile,
    UploadError,
    check_uploads,
)

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # C0 and C1 controls
EVIDENCE_ACCEPT = "application/pdf,image/jpeg,image/png,image/webp,.pdf,.jpg,.jpeg,.png,.webp"
# For static/complaints/file_limit.js: a file over the limit is refused before it is sent.
FILE_LIMIT = {
    "data-max-bytes": str(EVIDENCE_MAX_BYTES),
    "data-too-large": _l("%(name)s is larger than %(mb)d MB."),
}


def _line(label: Any, max_length: int, *validators: Any, **kwargs: Any) -> StringField:
    return StringField(
        label,
        validators=[*validators, Length(max=max_length), _single_line],
        filters=[_strip],
        **kwargs,
    )


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _single_line(_form: Any, field: Any) -> None:
    if field.data and _CONTROL.search(field.data):
        raise ValidationError(_l("Control characters are not allowed."))


def _raise(problem: str | None) -> None:
    if problem:
        raise ValidationError(problem)


class ComplaintForm(FlaskForm):
    name = _line(_l("Your name"), 200, InputRequired())
    email = _line(
        _l("Your e-mail address"),
        254,
        InputRequired(),
        Email(check_deliverability=False, message=_l("Not an e-mail address.")),
        description=_l("We send the link to follow your complaint here."),
    )
    phone = _line(_l("Your phone number"), 40, Optional())
    # Pick-lists of CLDR's names; the codes are checked again by the services' own messages.
    country = SelectField(
        _l("Your country"),
        choices=country_choices,
        validate_choice=False,
        filters=[_strip],
        validators=[InputRequired(message=_l("Choose your country."))],
    )
    platform = _line(
        _l("Platform"),
        80,
        description=_l("Where you bought, e.g. AliExpress or Temu."),
        render_kw={"list": "platform-names"},  # the registry's names; free text still allowed
    )
    seller_name = _line(
        _l("Seller"), 200, Optional(), description=_l("The shop's name as the platform shows it.")
    )
    shop_url = _line(_l("Shop address (URL)"), 500, Optional())
    platform_seller_id = _line(
        _l("Store or seller id (if shown)"),
        100,
        Optional(),
        description=_l("If the platform shows one; read from the shop address where it can be."),
    )
    product = _line(_l("Product"), 200, Optional())
    order_number = _line(_l("Order number"), 100, Optional())
    purchase_date = DateField(
        _l("Date of purchase"),
        validators=[Optional()],
        render_kw={"data-old-years": LIMITATION_YEARS, "aria-controls": "old-purchase"},
    )
    amount = DecimalField(
        _l("Amount paid"), places=2, validators=[Optional(), NumberRange(min=0, max=9_999_999_999)]
    )
    currency = SelectField(
        _l("Currency"),
        choices=currency_choices,
        validate_choice=False,
        filters=[_strip],
        validators=[Optional()],
    )
    description = TextAreaField(
        _l("What happened?"),
        filters=[_strip],
        validators=[InputRequired(), Length(min=DESCRIPTION_MIN, max=DESCRIPTION_MAX)],
    )
    category = SelectField(
        _l("What kind of problem is it?"),
        choices=[
            SelectChoice("", _l("Not sure: Redress suggests one from your text")),
            *CATEGORIES,
        ],
        validators=[Optional()],
        description=_l("Your choice decides who handles the complaint and how fast."),
    )
    desired_resolution = SelectField(
        _l("What would put it right?"), choices=RESOLUTIONS, validators=[InputRequired()]
    )
    seller_first = BooleanField(_l("Let the seller try to settle it first"))
    consent_forward_to_seller = BooleanField(
        _l("Redress may forward my complaint, with my name and order, to the seller"),
        validators=[
            InputRequired(message=_l("We cannot handle a complaint the seller may not see."))
        ],
    )
    consent_publish_narrative = BooleanField(_l("My story may be published without my name"))
    consent_share_with_rights_holder = BooleanField(
        _l("If the product is counterfeit, the brand's owner may be told")
    )
    evidence = MultipleFileField(
        _l("Evidence files"),
        render_kw={"accept": EVIDENCE_ACCEPT, **FILE_LIMIT},
        description=_l(
            "Receipts, photos, chat screenshots: PDF, JPEG, PNG or WebP, at most "
            "%(n)d files of up to 10 MB each.",
            n=EVIDENCE_MAX_FILES,
        ),
    )
    website = StringField(_l("Leave this field empty"))  # a trap for robots, hidden from people
    # A one-time id per form shown: a second send of the same form files nothing new.
    submission = HiddenField(
        default=lambda: secrets.token_urlsafe(24),
        validators=[Optional(), Regexp(r"^[A-Za-z0-9_-]{16,64}$", message=_l("Reload the form."))],
    )
    checked_files: list[CheckedFile]
    files_sent = False

    def validate_evidence(self, field: MultipleFileField) -> None:
        files = received_files(field.data or [])
        self.files_sent = bool(files)
        try:
            self.checked_files = check_uploads(files)
        except UploadError as error:
            self.checked_files = []
            raise ValidationError(str(error)) from error

    def validate_platform(self, field: StringField) -> None:
        if not field.data and not self.seller_name.data:
            raise ValidationError(_l("Name the platform or the seller."))

    def validate_country(self, field: StringField) -> None:
        _raise(country_problem(field.data))

    def validate_currency(self, field: StringField) -> None:
        _raise(currency_problem(field.data))

    @property
    def purchase_is_old(self) -> bool:
        return purchase_is_old(self.purchase_date.data)

    def validate_purchase_date(self, field: DateField) -> None:
        _raise(purchase_date_problem(field.data))

    def validate_amount(self, field: DecimalField) -> None:
        _raise(amount_problem(field.raw_data[0] if field.raw_data else None, field.data))

    def validate_website(self, field: StringField) -> None:
        if field.data:
            raise ValidationError(_l("Leave this field empty."))

    def new_complaint(self, language: str) -> NewComplaint:
        """What the consumer sent, as the filing service takes it (as the API gives it too)."""
        return NewComplaint(
            consumer_name=self.name.data,
            consumer_email=self.email.data,
            consumer_phone=self.phone.data or None,
            consumer_country=self.country.data,
            platform=self.platform.data or None,
            seller_name=self.seller_name.data or None,
            seller_shop_url=self.shop_url.data or None,
            seller_platform_id=self.platform_seller_id.data or None,
            product=self.product.data or None,
            order_number=self.order_number.data or None,
            purchase_date=self.purchase_date.data,
            amount=self.amount.data,
            currency=self.currency.data or None,
            description=self.description.data,
            desired_resolution=Resolution(self.desired_resolution.data),
            consent_forward_to_seller=bool(self.consent_forward_to_seller.data),
            seller_first=bool(self.seller_first.data),
            consent_publish_narrative=bool(self.consent_publish_narrative.data),
            consent_share_with_rights_holder=bool(self.consent_share_with_rights_holder.data),
            language=language,
            category=self.category.data or None,
        )


class TokenForm(FlaskForm):
    """A step on the tracking page: the tracking token travels in the form, not only the URL."""

    token = HiddenField(validators=[Optional(), Length(max=100)])


class EvidenceForm(TokenForm):
    files = MultipleFileField(
        _l("Add evidence files"),
        render_kw={"accept": EVIDENCE_ACCEPT, **FILE_LIMIT},
        description=_l("PDF, JPEG, PNG or WebP, up to 10 MB each."),
    )


class AnswerForm(TokenForm):
    answer = TextAreaField(
        _l("Your answer"), filters=[_strip], validators=[InputRequired(), Length(max=5000)]
    )
    # Not "files": the evidence form on the same page has that id already.
    answer_files = MultipleFileField(
        _l("Files with your answer (optional)"),
        render_kw={"accept": EVIDENCE_ACCEPT, **FILE_LIMIT},
        description=_l("PDF, JPEG, PNG or WebP, up to 10 MB each."),
    )


class WithdrawForm(TokenForm):
    confirm = BooleanField(
        _l("Yes, withdraw my complaint. This cannot be undone."),
        validators=[
            InputRequired(message=_l("Tick the box to confirm that you withdraw the complaint."))
        ],
    )


class FeedbackForm(TokenForm):
    rating = SelectField(
        _l("How satisfied are you with the outcome?"),
        choices=[
            SelectChoice("5", _l("5 - very satisfied")),
            SelectChoice("4", _l("4 - satisfied")),
            SelectChoice("3", _l("3 - neither")),
            SelectChoice("2", _l("2 - dissatisfied")),
            SelectChoice("1", _l("1 - very dissatisfied")),
        ],
        validators=[InputRequired()],
    )
    comment = TextAreaField(
        _l("Anything you want to tell us (optional)"),
        filters=[_strip],
        validators=[Optional(), Length(max=2000)],
    )


class LostLinkForm(FlaskForm):
    email = _line(
        _l("Your e-mail address"),
        254,
        InputRequired(),
        Email(check_deliverability=False, message=_l("Not an e-mail address.")),
    )
    reference = _line(
        _l("Reference of the complaint"),
        40,
        InputRequired(),
        Regexp(
            r"^\s*[A-Za-z]+-\d{4}-\d{6,}\s*$", message=_l("A reference looks like C-2026-000123.")
        ),
        description=_l("It is in the e-mail we sent when you filed, e.g. C-2026-000123."),
    )


class VerifyEmailForm(FlaskForm):
    """Ask for the link that proves the account's address."""


# The officer's panel, the seller's page, the consumer's answer to a settlement.


class StepForm(FlaskForm):
    """A step with nothing to fill in: the CSRF token only."""


class RejectForm(FlaskForm):
    reason = SelectField(
        _l("Reason"),
        validate_choice=False,
        choices=[SelectChoice(r.value, r.value) for r in RejectionReason],
    )
    explanation = TextAreaField(
        _l("Explanation for the consumer"), validators=[Optional(), Length(max=5000)]
    )


class QuestionForm(FlaskForm):
    question = TextAreaField(_l("Your question to the consumer"), validators=[Length(max=5000)])


class ContactForm(FlaskForm):
    email = StringField(
        _l("Contact e-mail address"),
        validators=[Length(max=254)],
        description=_l("Leave empty to use the address already on record."),
    )
    via_platform = BooleanField(_l("This is the platform's address (forward through the platform)"))
    seller_name = StringField(
        _l("Seller's name (if the complaint has no seller yet)"), validators=[Length(max=200)]
    )


AnyForm = TypeVar("AnyForm", bound=FlaskForm)


class TextForm(FlaskForm):
    text = TextAreaField(_l("Text"), validators=[Length(max=5000)])


class SellerAnswerForm(TextForm):
    files = MultipleFileField(
        _l("Your files"),
        render_kw={"accept": EVIDENCE_ACCEPT, **FILE_LIMIT},
        description=_l(
            "Shipping proof, photos, chats: PDF, JPEG, PNG or WebP, up to 10 MB each. The "
            "consumer and the officers see them."
        ),
    )


class TermsForm(FlaskForm):
    kind = SelectField(_l("Settlement"), choices=SETTLEMENT_KINDS, validate_choice=False)
    amount = StringField(_l("Amount"), validators=[Length(max=40)])
    currency = StringField(_l("Currency"), validators=[Length(max=10)])
    text = TextAreaField(_l("Terms"), validators=[Length(max=5000)])


def own_ids(form: AnyForm, prefix: str) -> AnyForm:
    """Give the fields of `form` ids of their own: the seller's page holds three forms whose
    fields share names (`text`), and each label must point at its own field."""
    for item in form:
        item.id = f"{prefix}-{item.id}"
        item.label.field_id = item.id
    return form


class FailureForm(FlaskForm):
    explanation = TextAreaField(_l("Why mediation failed"), validators=[Length(max=5000)])
    refused = BooleanField(_l("The seller refused to mediate"))


class FindingsForm(FlaskForm):
    substantiated = SelectField(
        _l("The complaint was"),
        validate_choice=False,
        choices=[
            SelectChoice("yes", _l("substantiated")),
            SelectChoice("no", _l("not substantiated")),
        ],
    )
    counterfeit = BooleanField(_l("Counterfeit goods confirmed"))
    unsafe = BooleanField(_l("Unsafe product confirmed"))
    fraud = BooleanField(_l("Fraud confirmed"))


class SettlementAnswerForm(FlaskForm):
    """The consumer's answer to a proposal, authenticated by the tracking token."""

    token = HiddenField()
    settlement = HiddenField()


def panel_forms() -> dict[str, FlaskForm]:
    """The forms of the officer's panel, by name; the reasons for rejecting in the reader's
    language."""
    reject = RejectForm()
    reject.reason.choices = [
        SelectChoice(code.value, label) for code, label in REJECTION_LABELS.items()
    ]
    return {
        "step": StepForm(),
        "reject": reject,
        "question": QuestionForm(),
        "contact": ContactForm(),
        "text": TextForm(),
        "terms": TermsForm(),
        "failure": FailureForm(),
        "findings": FindingsForm(),
    }
