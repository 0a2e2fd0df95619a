"""Forms of ipr's pages (CSRF-protected, Flask-WTF): the holder's organisation, rights, notices,
appeals, proofs and dashboard filters; the officer's checks and decisions; the seller's
counter-notice; misuse measures.

Lengths are checked here; what a step needs (a declaration, an identity, a window still open)
is checked by the services, which name the field, so that API and pages refuse alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    FieldList,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, Email, InputRequired, Length, NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from core.forms import LANGUAGE_CHOICES
from core.uploads import (
    EVIDENCE_TYPES,
    CheckedFile,
    UploadError,
    check_upload,
    check_uploads,
)
from ipr.models import Capacity, MisuseKind, PatentType, ProofKind, RightType, TrademarkOffice
from ipr.services.counter_notices import DECLARATION_MAX, IDENTITY_LIMITS, REASONS_MAX
from ipr.services.filing import NewNotice
from ipr.services.listing_input import LIMITS, Parsed, ReportedListing, parse_csv, parse_lines
from ipr.services.misuse import MAX_SUSPENSION_DAYS
from ipr.services.refusals import IprError
from ipr.services.windows import MAX_EXTENSION_WORKING_DAYS


def uploaded_file(field: FileField, allowed: frozenset[str] = EVIDENCE_TYPES) -> CheckedFile | None:
    """The file sent in `field`, checked by its content; None when none was chosen. Refused on
    the field when it cannot be accepted."""
    upload = field.data
    if upload is None or not getattr(upload, "filename", None):
        return None
    try:
        return check_upload(upload.filename, upload.read(), allowed=allowed)
    except UploadError as error:
        raise IprError(str(error), field=field.name) from error


def uploaded_files(field: MultipleFileField) -> list[CheckedFile]:
    """The files sent in `field`, each checked by its content; refused on the field when one
    cannot be accepted, or when there are too many."""
    try:
        return check_uploads(
            [(f.filename or "", f.read()) for f in field.data or [] if getattr(f, "filename", None)]
        )
    except UploadError as error:
        raise IprError(str(error), field=field.name) from error


COUNTRY = Regexp(r"^[A-Za-z]{2}$", message=_l("Give the two-letter country code, e.g. CN."))
UPLOAD_ACCEPT = ".pdf,.jpg,.jpeg,.png,.webp"
CSV_KEPT_MAX = 2_000_000  # characters of a CSV file carried from the preview to the filing
LISTING_ROWS = 3  # one-by-one rows on the form; more by pasting lines or a CSV file


class OrganisationForm(FlaskForm):
    legal_name = StringField(
        _l("Legal name of the organisation"), validators=[InputRequired(), Length(max=200)]
    )
    country = StringField(_l("Country (two letters)"), validators=[InputRequired(), COUNTRY])
    address = TextAreaField(_l("Address"), validators=[Optional(), Length(max=1000)])
    contact_name = StringField(_l("Contact person"), validators=[InputRequired(), Length(max=120)])
    contact_email = EmailField(
        _l("Contact e-mail"),
        validators=[InputRequired(), Length(max=254), Email(check_deliverability=False)],
    )
    contact_phone = StringField(_l("Contact phone"), validators=[Optional(), Length(max=40)])
    website = StringField(_l("Website"), validators=[Optional(), Length(max=500)])
    language = SelectField(_l("Language of our mails"), choices=LANGUAGE_CHOICES)
    capacity = RadioField(
        _l("You report"),
        choices=[
            SelectChoice(Capacity.OWNER.value, _l("for our own rights")),
            SelectChoice(Capacity.AGENT.value, _l("as an agent for a rights holder")),
        ],
        default=Capacity.OWNER.value,
    )
    principal_name = StringField(
        _l("Rights holder you act for (agents)"), validators=[Optional(), Length(max=200)]
    )
    power_of_attorney = FileField(
        _l("Power of attorney (agents; PDF or image)"), render_kw={"accept": UPLOAD_ACCEPT}
    )


class RightForm(FlaskForm):
    right_type = SelectField(
        _l("Type of right"),
        choices=[
            SelectChoice(RightType.TRADEMARK.value, _l("Trademark")),
            SelectChoice(RightType.COPYRIGHT.value, _l("Copyright")),
            SelectChoice(RightType.PATENT.value, _l("Patent")),
        ],
    )
    title = StringField(
        _l("Mark text, title of the work, or title of the invention"),
        validators=[InputRequired(), Length(max=300)],
    )
    registration_number = StringField(
        _l("Registration or patent number"), validators=[Optional(), Length(max=64)]
    )
    office = SelectField(
        _l("Trademark office"),
        choices=[SelectChoice("", "—")]
        + [
            SelectChoice(o.value, o.value if o != TrademarkOffice.OTHER else _l("another office"))
            for o in TrademarkOffice
        ],
        validators=[Optional()],
    )
    office_name = StringField(
        _l("Name of the other office"), validators=[Optional(), Length(max=120)]
    )
    nice_classes = StringField(
        _l("Nice classes (trademarks), e.g. 9, 35"), validators=[Optional(), Length(max=200)]
    )
    owner_name = StringField(
        _l("Registered owner or author (copyright)"), validators=[Optional(), Length(max=200)]
    )
    patent_type = SelectField(
        _l("Patent type"),
        choices=[
            SelectChoice("", "—"),
            SelectChoice(PatentType.INVENTION.value, _l("Invention")),
            SelectChoice(PatentType.UTILITY.value, _l("Utility model")),
            SelectChoice(PatentType.DESIGN.value, _l("Design")),
        ],
        validators=[Optional()],
    )
    country = StringField(
        _l("Country of registration (two letters, if national)"), validators=[Optional(), COUNTRY]
    )
    valid_from = DateField(_l("Valid from"), validators=[Optional()])
    valid_until = DateField(_l("Valid until"), validators=[Optional()])
    certificate = FileField(_l("Certificate (PDF or image)"), render_kw={"accept": UPLOAD_ACCEPT})
    mark_image = FileField(
        _l("Image of the mark (optional)"), render_kw={"accept": ".jpg,.jpeg,.png,.webp"}
    )


class ListingRowForm(FlaskForm):
    class Meta:
        csrf = False  # part of the notice form, which carries the token

    url = StringField(_l("Listing address"), validators=[Optional(), Length(max=LIMITS["url"])])
    platform = StringField(
        _l("Platform"),
        validators=[Optional(), Length(max=80)],
        render_kw={"list": "platform-names"},
    )
    seller = StringField(_l("Seller, if known"), validators=[Optional(), Length(max=200)])
    listing_id = StringField(_l("Listing id"), validators=[Optional(), Length(max=100)])
    seller_id = StringField(
        _l("Seller or store id on the platform, if known"),
        validators=[Optional(), Length(max=LIMITS["seller_id"])],
    )
    store_url = StringField(
        _l("Address of the seller's store, if known"),
        validators=[Optional(), Length(max=LIMITS["store_url"])],
    )
    explanation = TextAreaField(
        _l("Why it infringes"), validators=[Optional(), Length(max=LIMITS["explanation"])]
    )


class NoticeForm(FlaskForm):
    rights = SelectMultipleField(
        _l("Rights infringed"),
        coerce=int,
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
    )
    description = TextAreaField(
        _l("Why these listings infringe your rights"),
        validators=[InputRequired(), Length(max=10_000)],
    )
    listings = FieldList(
        FormField(ListingRowForm), min_entries=LISTING_ROWS, max_entries=LISTING_ROWS
    )
    pasted = TextAreaField(
        _l("More listings: paste their addresses"),
        description=_l(
            "Any text: numbered or bulleted lines, addresses inside sentences; help pages and "
            "repeated addresses are left out. A line “address | platform | seller | listing id "
            "| explanation” gives the other parts too."
        ),
        validators=[Optional(), Length(max=1_000_000)],
    )
    csv_kept = HiddenField(validators=[Optional(), Length(max=CSV_KEPT_MAX)])
    csv_name = HiddenField(validators=[Optional(), Length(max=200)])
    csv_file = FileField(
        _l("Or a CSV or Excel file"),
        description=_l(
            "A header row with url, and any of platform, seller, listing_id, explanation, "
            "seller_id, store_url, jurisdiction. CSV as Excel saves it (any separator and "
            "encoding) or .xlsx."
        ),
        render_kw={"accept": ".csv,.txt,.xlsx,text/csv"},
    )
    default_platform = StringField(
        _l("Platform, for listings that name none"),
        validators=[Optional(), Length(max=80)],
        render_kw={"list": "platform-names"},
    )
    default_explanation = TextAreaField(
        _l("Explanation, for listings that give none"), validators=[Optional(), Length(max=5000)]
    )
    default_jurisdiction = StringField(
        _l("Country whose law applies (two letters), if not the platform's"),
        description=_l("Leave empty for the platform's country, or China's if it has none."),
        validators=[Optional(), Length(max=2)],
        render_kw={"autocomplete": "off", "size": 2},
    )
    evidence = MultipleFileField(
        _l("Evidence: test buys, photos, comparisons"), render_kw={"accept": UPLOAD_ACCEPT}
    )
    good_faith = BooleanField(
        _l(
            "I believe in good faith that the use of the material is not "
            "authorised by the rights holder, its agent or the law."
        )
    )
    accurate = BooleanField(
        _l(
            "The information in this notice is accurate and, under penalty of perjury, I am "
            "the rights holder or authorised to act for it."
        )
    )
    signature = StringField(
        _l("Signature: your full name and capacity"), validators=[InputRequired(), Length(max=200)]
    )

    def reported_listings(self) -> Parsed:
        """Every listing of the form: the rows, then the pasted lines, then the CSV file."""
        defaults = {
            "platform": self.default_platform.data or "",
            "explanation": self.default_explanation.data or "",
            "jurisdiction": self.default_jurisdiction.data or "",
        }
        parsed = Parsed()
        for number, row in enumerate(self.listings.data, start=1):
            if any((value or "").strip() for value in row.values()):
                parsed.add(row, defaults, _("listing %(n)d of the form", n=number))
        parse_lines(self.pasted.data or "", defaults, parsed)
        upload = self.csv_file.data
        if upload is not None and upload.filename:
            self.csv_name.data = upload.filename[:200]
            self.csv_kept.data = parse_csv(upload.read(), defaults, parsed)
        elif self.csv_kept.data:  # the file read when the listings were shown before filing
            parse_csv(self.csv_kept.data.encode(), defaults, parsed)
        return parsed

    def new_notice(self, listings: Sequence[ReportedListing]) -> NewNotice:
        """The notice as sent, with the listings read from the form."""
        return NewNotice(
            rights=tuple(self.rights.data or ()),
            description=self.description.data or "",
            listings=tuple(listings),
            good_faith=self.good_faith.data is True,
            accurate=self.accurate.data is True,
            signature=self.signature.data or "",
        )


class WithdrawForm(FlaskForm):
    """The confirmation of a withdrawal: only the confirmation page sends `confirm`."""

    confirm = HiddenField(default="yes", validators=[InputRequired(), AnyOf(["yes"])])


class ListingEvidenceForm(FlaskForm):
    """Evidence about one listing of a notice: test buys, photos of the fake, comparisons."""

    files = MultipleFileField(
        _l("Evidence files about this listing (PDF or images, up to 10)"),
        render_kw={"accept": UPLOAD_ACCEPT},
    )


class CheckForm(FlaskForm):
    """An officer's check of an organisation or a right."""

    decision = RadioField(
        _l("Decision"),
        choices=[SelectChoice("verify", _l("Verified")), SelectChoice("refuse", _l("Refused"))],
        validators=[InputRequired()],
    )
    reasons = TextAreaField(
        _l("Reasons (required when refusing)"), validators=[Optional(), Length(max=5000)]
    )


class TakedownForm(FlaskForm):
    facts = TextAreaField(
        _l("Facts and circumstances relied on"),
        description=_l(
            "Sent to the seller in the statement of reasons; "
            "empty: the rights holder's explanation."
        ),
        validators=[Optional(), Length(max=20_000)],
    )
    right_id = SelectField(_l("Right invoked"), coerce=int)
    counterfeit = BooleanField(_l("The listing offers counterfeit goods"))


class RejectForm(FlaskForm):
    reasons = TextAreaField(
        _l("Reasons for the rejection (sent to the rights holder)"),
        validators=[InputRequired(), Length(max=20_000)],
    )


class JurisdictionForm(FlaskForm):
    jurisdiction = StringField(
        _l("Country whose law applies (two letters)"),
        validators=[InputRequired(), Length(max=2)],
        render_kw={"autocomplete": "off", "size": 2},
    )
    reason = TextAreaField(
        _l("Why (the rights holder and the seller see it)"),
        validators=[InputRequired(), Length(max=2000)],
    )


class AppealDecisionForm(FlaskForm):
    decision = RadioField(
        _l("Decision on the appeal"),
        choices=[
            SelectChoice("grant", _l("Grant: take the listing down")),
            SelectChoice("dismiss", _l("Dismiss: the rejection stands")),
        ],
        validators=[InputRequired()],
    )
    reasons = TextAreaField(
        _l("Reasons (sent to the rights holder)"), validators=[InputRequired(), Length(max=20_000)]
    )
    counterfeit = BooleanField(_l("The listing offers counterfeit goods"))


class AppealForm(FlaskForm):
    grounds = TextAreaField(
        _l("Why the rejection is wrong"), validators=[InputRequired(), Length(max=20_000)]
    )


class BulkDecisionForm(FlaskForm):
    listings = SelectMultipleField(_l("Listings"), coerce=int, validators=[InputRequired()])
    action = RadioField(
        _l("Decision"),
        choices=[
            SelectChoice("take_down", _l("Take the selected listings down")),
            SelectChoice("reject", _l("Reject the selected listings")),
        ],
        validators=[InputRequired()],
    )
    reasons = TextAreaField(
        _l("Facts (takedown) or reasons (rejection)"), validators=[Optional(), Length(max=20_000)]
    )
    counterfeit = BooleanField(_l("The listings offer counterfeit goods"))


# After a takedown


def _limit(name: str) -> list:
    return [Optional(), Length(max=IDENTITY_LIMITS[name])]


class CounterNoticeForm(FlaskForm):
    declaration = TextAreaField(
        _l("Why the listing does not infringe"),
        validators=[Length(max=DECLARATION_MAX)],
        description=_l(
            "E.g. you are the brand's authorised distributor, the goods are genuine, "
            "or the work is your own."
        ),
    )
    evidence = MultipleFileField(
        _l("Preliminary evidence (PDF or images, up to 10 files)"),
        render_kw={"accept": UPLOAD_ACCEPT},
    )
    identity_name = StringField(
        _l("Your full legal name (or your representative's)"), validators=_limit("identity_name")
    )
    identity_organisation = StringField(
        _l("Business name, if a business"), validators=_limit("identity_organisation")
    )
    identity_registration = StringField(
        _l("Business registration number (e.g. USCC)"), validators=_limit("identity_registration")
    )
    identity_address = TextAreaField(_l("Address"), validators=_limit("identity_address"))
    identity_country = StringField(
        _l("Country (two letters)"), validators=[Optional(), Length(max=2)]
    )
    identity_email = EmailField(_l("E-mail"), validators=_limit("identity_email"))
    identity_phone = StringField(
        _l("Phone (required under US law)"), validators=_limit("identity_phone")
    )
    language = SelectField(_l("Language of our mails"), choices=LANGUAGE_CHOICES)
    good_faith = BooleanField(
        _l(
            "I declare under penalty of perjury that I believe in good faith that the "
            "listing was removed by mistake or misidentification and does not infringe."
        )
    )
    consent_to_jurisdiction = BooleanField(
        _l(
            "I consent to the jurisdiction of the court "
            "where the rights holder may sue (required under "
            "US law)."
        )
    )
    signature = StringField(_l("Signature: your name"), validators=_limit("signature"))


class ReasonsForm(FlaskForm):
    reasons = TextAreaField(_l("Reasons"), validators=[Length(max=REASONS_MAX)])


class ExtensionForm(FlaskForm):
    working_days = IntegerField(
        _l("Working days to add"),
        validators=[InputRequired(), NumberRange(min=1, max=MAX_EXTENSION_WORKING_DAYS)],
    )
    reasons = TextAreaField(
        _l("Reasons (notarisation or authentication of foreign evidence)"),
        validators=[Length(max=REASONS_MAX)],
    )


class ProofForm(FlaskForm):
    kind = SelectField(
        _l("What you filed"),
        choices=[
            SelectChoice(ProofKind.COMPLAINT.value, _l("A complaint to a competent authority")),
            SelectChoice(ProofKind.LAWSUIT.value, _l("A lawsuit with a people's court")),
            SelectChoice(
                ProofKind.COURT_ACTION.value, _l("A court action against the seller (US)")
            ),
        ],
    )
    authority = StringField(_l("Authority or court"), validators=[Length(max=200)])
    case_number = StringField(_l("Case or file number"), validators=[Optional(), Length(max=100)])
    filed_on = DateField(_l("Filed on"), validators=[Optional()])
    description = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=REASONS_MAX)])
    files = MultipleFileField(
        _l("The filing or its receipt (PDF or images)"), render_kw={"accept": UPLOAD_ACCEPT}
    )


class ProofCheckForm(FlaskForm):
    decision = RadioField(
        _l("Decision"),
        choices=[
            SelectChoice("accept", _l("Accept: the takedown is upheld")),
            SelectChoice("refuse", _l("Refuse: the window keeps running")),
        ],
        validators=[InputRequired()],
    )
    reasons = TextAreaField(_l("Reasons"), validators=[Length(max=REASONS_MAX)])


class MisuseForm(FlaskForm):
    kind = RadioField(
        _l("Measure"),
        choices=[
            SelectChoice(MisuseKind.WARNING.value, _l("Warning")),
            SelectChoice(MisuseKind.SUSPENSION.value, _l("Suspension from reporting")),
        ],
        validators=[InputRequired()],
    )
    days = IntegerField(
        _l("Days of suspension"),
        validators=[Optional(), NumberRange(min=1, max=MAX_SUSPENSION_DAYS)],
    )
    reasons = TextAreaField(
        _l("Reasons, told to the organisation"), validators=[Length(max=REASONS_MAX)]
    )


class DashboardFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form that only narrows a list

    state = SelectField(_l("State"), validators=[Optional()])
    since = DateField(_l("Notices from"), validators=[Optional()])
    until = DateField(_l("Notices until"), validators=[Optional()])
    platform = SelectField(_l("Platform"), validators=[Optional()])
