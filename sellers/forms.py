"""Forms of the seller pages. Every form carries a CSRF token (Flask-WTF)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    URL,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from core.converters import MAX_ID
from sellers.services.identity import is_valid_uscc

COUNTRY = Regexp(r"^[A-Za-z]{2}$", message=_l("Two letters, e.g. CN or DE."))


def _optional(label: str, max_length: int, *validators: object, **kwargs: object) -> StringField:
    return StringField(
        label, validators=[Optional(), Length(max=max_length), *validators], **kwargs
    )


class SellerForm(FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=200)])
    platform_id = SelectField(_l("Platform"), coerce=int, validators=[Optional()])
    shop_url = _optional(_l("Shop address (URL)"), 500, URL(message=_l("Not a web address.")))
    platform_seller_id = _optional(_l("Platform seller id"), 100)
    country = _optional(_l("Country"), 2, COUNTRY)
    registration_number = _optional(
        _l("Business registration number"),
        64,
        description=_l("For sellers in China: the 18-character unified social credit code."),
    )
    contact_email = _optional(
        _l("Contact e-mail for forwarded cases"), 254, Email(check_deliverability=False)
    )
    contact_person = _optional(_l("Contact person"), 120)
    trader_address = TextAreaField(
        _l("Trader's address"), validators=[Optional(), Length(max=1000)]
    )
    trader_phone = _optional(
        _l("Trader's phone"),
        40,
        Regexp(r"^[0-9+()./ -]{4,40}$", message=_l("Digits, spaces and + ( ) - . / only.")),
    )
    trade_register = _optional(_l("Trade register and number"), 200)

    def validate_registration_number(self, field: StringField) -> None:
        if (
            field.data
            and (self.country.data or "").upper() == "CN"
            and not is_valid_uscc(field.data)
        ):
            raise ValidationError(
                _l(
                    "This is not a valid unified social credit code (18 "
                    "characters with a check character)."
                )
            )


class PlatformForm(FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(), Length(max=80)])
    name_zh = _optional(_l("Chinese name"), 80)
    aliases = TextAreaField(
        _l("Other names"),
        validators=[Optional(), Length(max=2000)],
        description=_l("One a line, in any language, e.g. 淘宝网 or Taobao.com"),
    )
    domains = StringField(
        _l("Domains"),
        validators=[
            Optional(),
            Length(max=1000),
            Regexp(r"^[A-Za-z0-9.,\s-]*$", message=_l("Domain names separated by commas.")),
        ],
        description=_l("Separated by commas, e.g. aliexpress.com, aliexpress.us"),
    )
    country = _optional(
        _l("Jurisdiction"), 2, COUNTRY, description=_l("The country whose law it answers to.")
    )
    counter_notice_rule = SelectField(
        _l("Counter-notice rule"),
        choices=[
            SelectChoice("prc", _l("PRC E-Commerce Law")),
            SelectChoice("dmca", _l("US DMCA (copyright)")),
        ],
        default="prc",
    )
    url_patterns = TextAreaField(
        _l("Address patterns"),
        validators=[Optional(), Length(max=4000)],
        description=_l(
            "One regular expression a line over host/path?query, with a group named store "
            "and/or listing, e.g. shop(?P<store>\\d+)\\.taobao\\.com"
        ),
    )
    contact_email = _optional(
        _l("Contact e-mail for complaints and takedown requests"),
        254,
        Email(check_deliverability=False),
    )
    contact_url = _optional(
        _l("Web form for complaints and takedown requests"),
        500,
        URL(message=_l("Not a web address.")),
    )


class AliasForm(FlaskForm):
    alias = StringField(_l("Another name"), validators=[InputRequired(), Length(max=200)])


class MergeForm(FlaskForm):
    other_id = IntegerField(
        _l("Number of the seller to merge into this one"),
        validators=[InputRequired(), NumberRange(min=1, max=MAX_ID)],
    )


class MoveForm(FlaskForm):
    case_reference = StringField(_l("Case reference"), validators=[InputRequired(), Length(max=40)])
    target_id = IntegerField(
        _l("Number of the seller the case is really about"),
        validators=[InputRequired(), NumberRange(min=1, max=MAX_ID)],
    )


class AppealForm(FlaskForm):
    event_id = IntegerField(validators=[InputRequired(), NumberRange(min=1, max=MAX_ID)])
    reasons = TextAreaField(
        _l("Why this event is wrong"), validators=[InputRequired(), Length(min=10, max=5000)]
    )
    evidence = TextAreaField(
        _l("Evidence"),
        validators=[Optional(), Length(max=5000)],
        description=_l("Order numbers, links, what your documents show."),
    )


class DecisionForm(FlaskForm):
    decision = RadioField(
        _l("Decision"),
        validators=[InputRequired()],
        choices=[
            SelectChoice("uphold", _l("Uphold the appeal: reverse the event")),
            SelectChoice("reject", _l("Reject the appeal")),
        ],
    )
    reasons = TextAreaField(
        _l("Reasons (sent to the seller)"), validators=[InputRequired(), Length(min=10, max=5000)]
    )


class ClaimDecisionForm(FlaskForm):
    decision = RadioField(
        _l("Decision"),
        validators=[InputRequired()],
        choices=[SelectChoice("confirm", _l("Confirm")), SelectChoice("refuse", _l("Refuse"))],
    )
