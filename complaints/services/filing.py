"""Filing a complaint (flushes, never commits).

`file_complaint` takes a `NewComplaint` (built by the web form and by the API schema alike),
analyses the description, stores its suggestions beside what the consumer chose, finds
the seller, opens the case with its checked evidence files, flags a likely duplicate, and mails
the consumer a secret tracking link. What the consumer does afterwards is in
`complaints.services.tracking`, `consumer_moves`, `evidence` and `feedback`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from flask_login import AnonymousUserMixin
from sqlalchemy.exc import IntegrityError

import nlp
from casework.models import Priority
from casework.services.filing import open_case
from complaints.models import Complaint, ComplaintSubmission, Resolution
from complaints.services.accounts import link_owner
from complaints.services.duplicates import flag_duplicates
from complaints.services.evidence import store_evidence
from complaints.services.next_steps import mail_due
from complaints.services.settlement import start_odr_lane
from complaints.services.suggestions import analyse, record_suggestions, suggestions
from complaints.services.tracking import issue_tracking_token, tracking_url
from core.db import session
from core.errors import Refusal
from core.mail import queue_mail
from core.models import LANGUAGES, User
from core.uploads import CheckedFile
from sellers.services import SellerError, resolve_seller

log = logging.getLogger(__name__)

FILING_LIMIT = "20 per hour"  # per address, for the form and the API: anyone may file, robots too
# TAXONOMY.md: safety is urgent; fraud and counterfeit are high.
CATEGORY_PRIORITY = {
    "safety": Priority.URGENT,
    "fraud": Priority.HIGH,
    "counterfeit": Priority.HIGH,
}


@dataclass(frozen=True)
class NewComplaint:
    """A complaint as the consumer sent it, checked by the form or the API schema (DESIGN.md 8):
    lengths, formats and the required fields. Filing trims and normalises it."""

    consumer_name: str
    consumer_email: str
    consumer_country: str  # ISO 3166-1 alpha-2
    description: str
    desired_resolution: Resolution
    consent_forward_to_seller: bool
    consumer_phone: str | None = None
    platform: str | None = None
    seller_name: str | None = None
    seller_shop_url: str | None = None
    seller_platform_id: str | None = None
    product: str | None = None
    order_number: str | None = None
    purchase_date: date | None = None
    amount: Decimal | None = None
    currency: str | None = None  # ISO 4217
    seller_first: bool = False
    consent_publish_narrative: bool = False
    consent_share_with_rights_holder: bool = False
    language: str | None = None  # of the consumer; found from the text when None
    category: str | None = None  # the consumer's choice; the NLP's suggestion when None


class AlreadyFiled(Refusal):
    """The same filing form was sent before: its complaint is `reference`."""

    code = "conflict"

    def __init__(self, reference: str) -> None:
        super().__init__(
            _(
                "You sent this form before, so we did not file it a second time. "
                "Your complaint is %(reference)s; the link to follow it is in the "
                "e-mail we sent you.",
                reference=reference,
            )
        )
        self.reference = reference


def already_filed(submission: str | None) -> str | None:
    """The reference of the complaint an earlier send of this form filed, if any."""
    found = session.get(ComplaintSubmission, submission) if submission else None
    return found.complaint.reference if found is not None else None


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def _complaint_of(new: NewComplaint) -> Complaint:
    """The complaint's row from what the consumer sent, trimmed and normalised."""
    return Complaint(
        consumer_name=new.consumer_name.strip(),
        consumer_email=new.consumer_email.strip(),
        consumer_phone=_text(new.consumer_phone),
        consumer_country=new.consumer_country.upper(),
        platform_name=_text(new.platform),
        seller_name=_text(new.seller_name),
        seller_shop_url=_text(new.seller_shop_url),
        seller_platform_id=_text(new.seller_platform_id),
        product=_text(new.product),
        order_number=_text(new.order_number),
        purchase_date=new.purchase_date,
        amount=new.amount,
        currency=(new.currency or "").upper() or None,
        description=new.description.strip(),
        desired_resolution=Resolution(new.desired_resolution),
        consent_forward_to_seller=new.consent_forward_to_seller,
        seller_first=new.seller_first,
        consent_publish_narrative=new.consent_publish_narrative,
        consent_share_with_rights_holder=new.consent_share_with_rights_holder,
        language=new.language,
        suggested={},
    )


def _apply_analysis(
    complaint: Complaint, analysis: nlp.Analysis | None, chosen_category: str | None
) -> None:
    """The category the consumer chose (the NLP's only where they chose none) sets routing and
    priority; the NLP's answers are stored beside the consumer's, never written over them."""
    complaint.category = chosen_category
    guessed_unsure = False  # a category only guessed below the triage threshold raises nothing
    if analysis is not None:
        record_suggestions(complaint, suggestions(analysis), chosen_category)
        complaint.category = chosen_category or analysis.category
        if complaint.language is None and analysis.language in LANGUAGES:
            complaint.language = analysis.language
        threshold = nlp.triage_threshold("consumer", analysis.language)
        guessed_unsure = chosen_category is None and analysis.confidence < threshold
    category = "" if guessed_unsure else complaint.category or ""
    complaint.priority = CATEGORY_PRIORITY.get(category, Priority.NORMAL)
    complaint.language = complaint.language or "en"


def _find_seller(complaint: Complaint) -> None:
    try:
        complaint.seller = resolve_seller(
            complaint.seller_name,
            complaint.seller_shop_url,
            complaint.platform_name,
            complaint.seller_platform_id,
        )
    except SellerError:  # only a platform was named: an officer finds the seller
        complaint.seller = None


def file_complaint(
    new: NewComplaint,
    evidence: list[CheckedFile] | None = None,
    submission: str | None = None,
    owner: User | AnonymousUserMixin | None = None,
) -> tuple[Complaint, str]:
    """File a complaint with its checked evidence files; return it and the secret tracking token,
    which is stored only as a digest and shown this once. A form sent twice (`submission` seen
    before) raises AlreadyFiled."""
    earlier = already_filed(submission)
    if earlier is not None:
        raise AlreadyFiled(earlier)
    complaint = _complaint_of(new)
    analysis = analyse(complaint.description)
    _apply_analysis(complaint, analysis, new.category)
    _find_seller(complaint)
    secret = issue_tracking_token(complaint)
    open_case(complaint, analysis=analysis.to_record() if analysis is not None else None)
    _claim_submission(complaint, submission)
    store_evidence(complaint, evidence or [])
    link_owner(complaint, owner)
    flag_duplicates(complaint)
    # "Let the seller settle first": straight to the seller, and the first mail says so.
    to_seller = start_odr_lane(complaint)
    queue_mail(
        complaint.consumer_email,
        "complaints/filed",
        complaint.language,
        complaint=complaint,
        tracking_url=tracking_url(complaint.reference, secret),
        seller_first_days=complaint.sla_days,
        seller_first_due=mail_due(complaint.due_at) if to_seller and complaint.due_at else None,
    )
    return complaint, secret


def _claim_submission(complaint: Complaint, submission: str | None) -> None:
    """Keep the form's one-time id; a send of the same form racing this one fails here."""
    if not submission:
        return
    try:
        with session.begin_nested():
            session.add(ComplaintSubmission(id=submission, complaint_id=complaint.id))
    except IntegrityError as error:
        raise AlreadyFiled(already_filed(submission) or "") from error
