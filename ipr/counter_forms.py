"""Forms of the steps after a takedown: the seller's counter-notice, the officer's checks, the
holder's proof, misuse measures, the holder's dashboard filters (CSRF-protected, Flask-WTF).

Lengths are checked here; what a step needs (a declaration, an identity, a window still open)
is checked by the services, which name the field, so that API and pages refuse alike.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from core.forms import LANGUAGE_CHOICES
from ipr.counter_notices import DECLARATION_MAX, IDENTITY_LIMITS, REASONS_MAX
from ipr.forms import UPLOAD_ACCEPT
from ipr.misuse import MAX_SUSPENSION_DAYS
from ipr.models import MisuseKind, ProofKind
from ipr.windows import MAX_EXTENSION_WORKING_DAYS


def _limit(name: str) -> list:
    return [Optional(), Length(max=IDENTITY_LIMITS[name])]


class CounterNoticeForm(FlaskForm):
    declaration = TextAreaField(
        _l("Why the listing does not infringe"), validators=[Length(max=DECLARATION_MAX)],
        description=_l("E.g. you are the brand's authorised distributor, the goods are genuine, "
                       "or the work is your own."))
    evidence = MultipleFileField(_l("Preliminary evidence (PDF or images, up to 10 files)"),
                                 render_kw={"accept": UPLOAD_ACCEPT})
    identity_name = StringField(_l("Your full legal name (or your representative's)"),
                                validators=_limit("identity_name"))
    identity_organisation = StringField(_l("Business name, if a business"),
                                        validators=_limit("identity_organisation"))
    identity_registration = StringField(_l("Business registration number (e.g. USCC)"),
                                        validators=_limit("identity_registration"))
    identity_address = TextAreaField(_l("Address"), validators=_limit("identity_address"))
    identity_country = StringField(_l("Country (two letters)"),
                                   validators=[Optional(), Length(max=2)])
    identity_email = EmailField(_l("E-mail"), validators=_limit("identity_email"))
    identity_phone = StringField(_l("Phone"), validators=_limit("identity_phone"))
    language = SelectField(_l("Language of our mails"), choices=LANGUAGE_CHOICES)
    good_faith = BooleanField(_l("I declare in good faith that the listing was removed by "
                                 "mistake or misidentification and does not infringe."))
    consent_to_jurisdiction = BooleanField(_l("I consent to the jurisdiction of the court "
                                              "where the rights holder may sue (required under "
                                              "US law)."))
    signature = StringField(_l("Signature: your name"), validators=_limit("signature"))


class ReasonsForm(FlaskForm):
    reasons = TextAreaField(_l("Reasons"), validators=[Length(max=REASONS_MAX)])


class ExtensionForm(FlaskForm):
    working_days = IntegerField(_l("Working days to add"), validators=[
        InputRequired(), NumberRange(min=1, max=MAX_EXTENSION_WORKING_DAYS)])
    reasons = TextAreaField(_l("Reasons (notarisation or authentication of foreign evidence)"),
                            validators=[Length(max=REASONS_MAX)])


class ProofForm(FlaskForm):
    kind = SelectField(_l("What you filed"), choices=[
        SelectChoice(ProofKind.COMPLAINT.value, _l("A complaint to a competent authority")),
        SelectChoice(ProofKind.LAWSUIT.value, _l("A lawsuit with a people's court")),
        SelectChoice(ProofKind.COURT_ACTION.value,
                     _l("A court action against the seller (US)"))])
    authority = StringField(_l("Authority or court"), validators=[Length(max=200)])
    case_number = StringField(_l("Case or file number"), validators=[Optional(),
                                                                      Length(max=100)])
    filed_on = DateField(_l("Filed on"), validators=[Optional()])
    description = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=REASONS_MAX)])
    files = MultipleFileField(_l("The filing or its receipt (PDF or images)"),
                              render_kw={"accept": UPLOAD_ACCEPT})


class ProofCheckForm(FlaskForm):
    decision = RadioField(_l("Decision"), choices=[
        SelectChoice("accept", _l("Accept: the takedown is upheld")),
        SelectChoice("refuse", _l("Refuse: the window keeps running"))],
        validators=[InputRequired()])
    reasons = TextAreaField(_l("Reasons"), validators=[Length(max=REASONS_MAX)])


class MisuseForm(FlaskForm):
    kind = RadioField(_l("Measure"), choices=[
        SelectChoice(MisuseKind.WARNING.value, _l("Warning")),
        SelectChoice(MisuseKind.SUSPENSION.value, _l("Suspension from reporting"))],
        validators=[InputRequired()])
    days = IntegerField(_l("Days of suspension"), validators=[
        Optional(), NumberRange(min=1, max=MAX_SUSPENSION_DAYS)])
    reasons = TextAreaField(_l("Reasons, told to the organisation"),
                            validators=[Length(max=REASONS_MAX)])


class DashboardFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that only narrows a list

    state = SelectField(_l("State"), validators=[Optional()])
    since = DateField(_l("Notices from"), validators=[Optional()])
    until = DateField(_l("Notices until"), validators=[Optional()])
    platform = SelectField(_l("Platform"), validators=[Optional()])
