"""Forms of the officer's complaint panel, the seller's page and the consumer's settlement answer.

Amounts are text here: complaints.terms checks them once for pages and API alike, with a message
that says what is wrong.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from complaints.outcome_models import RejectionReason, SettlementKind

SETTLEMENT_KINDS = (
    SelectChoice(SettlementKind.REFUND.value, _l("Refund")),
    SelectChoice(SettlementKind.REPLACEMENT.value, _l("Replacement")),
    SelectChoice(SettlementKind.REPAIR.value, _l("Repair")),
    SelectChoice(SettlementKind.COMPENSATION.value, _l("Compensation")),
    SelectChoice(SettlementKind.APOLOGY.value, _l("Apology")),
)


class StepForm(FlaskForm):
    """A step with nothing to fill in: the CSRF token only."""


class RejectForm(FlaskForm):
    reason = SelectField(_l("Reason"), validate_choice=False,
                         choices=[SelectChoice(r.value, r.value) for r in RejectionReason])
    explanation = TextAreaField(_l("Explanation for the consumer"),
                                validators=[Optional(), Length(max=5000)])


class QuestionForm(FlaskForm):
    question = TextAreaField(_l("Your question to the consumer"), validators=[Length(max=5000)])


class ContactForm(FlaskForm):
    email = StringField(_l("Contact e-mail address"), validators=[Length(max=254)],
                        description=_l("Leave empty to use the address already on record."))
    via_platform = BooleanField(_l("This is the platform's address (forward through the "
                                   "platform)"))
    seller_name = StringField(_l("Seller's name (if the complaint has no seller yet)"),
                              validators=[Length(max=200)])


class TextForm(FlaskForm):
    text = TextAreaField(_l("Text"), validators=[Length(max=5000)])


class TermsForm(FlaskForm):
    kind = SelectField(_l("Settlement"), choices=SETTLEMENT_KINDS, validate_choice=False)
    amount = StringField(_l("Amount"), validators=[Length(max=40)])
    currency = StringField(_l("Currency"), validators=[Length(max=10)])
    text = TextAreaField(_l("Terms"), validators=[Length(max=5000)])


class FailureForm(FlaskForm):
    explanation = TextAreaField(_l("Why mediation failed"), validators=[Length(max=5000)])
    refused = BooleanField(_l("The seller refused to mediate"))


class FindingsForm(FlaskForm):
    substantiated = SelectField(_l("The complaint was"), validate_choice=False, choices=[
        SelectChoice("yes", _l("substantiated")), SelectChoice("no", _l("not substantiated"))])
    counterfeit = BooleanField(_l("Counterfeit goods confirmed"))
    unsafe = BooleanField(_l("Unsafe product confirmed"))
    fraud = BooleanField(_l("Fraud confirmed"))


class SettlementAnswerForm(FlaskForm):
    """The consumer's answer to a proposal, authenticated by the tracking token."""

    token = HiddenField()
    settlement = HiddenField()


def settlement_kind_label(kind: object) -> str:
    """A settlement kind in the reader's language."""
    value = getattr(kind, "value", kind)
    return next((str(c.label) for c in SETTLEMENT_KINDS if c.value == value), str(value))
