"""Complaint intake and tracking (flushes, never commits).

`file_complaint` analyses the description, fills what the consumer left empty from it (marked as
suggested), finds the seller, opens the case with its checked evidence files, flags a likely
duplicate, and mails the consumer a secret tracking link. What the consumer does afterwards is in
`complaints.services.tracking`, `consumer_moves`, `evidence` and `feedback`.
"""

from __future__ import annotations

import logging
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy.exc import IntegrityError

import nlp
from casework.filing import open_case
from casework.models import Priority
from complaints.models import Complaint, ComplaintSubmission, Resolution
from complaints.services.accounts import link_owner
from complaints.services.duplicates import flag_duplicates
from complaints.services.evidence import store_evidence
from complaints.services.settlement import start_odr_lane
from complaints.services.tracking import issue_tracking_token, tracking_url
from core.db import session
from core.mail import queue_mail
from core.models import LANGUAGES
from core.uploads import CheckedFile
from sellers.services import SellerError, resolve_seller

log = logging.getLogger(__name__)

_CURRENCIES = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "CNY", "￥": "CNY", "元": "CNY",
               "块": "CNY", "rmb": "CNY", "yuan": "CNY", "euro": "EUR", "euros": "EUR",
               "dollar": "USD", "dollars": "USD"}
_CODE = re.compile(r"\b([A-Z]{3})\b")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d{1,2})?")
_ENTITY_FIELDS = {"PRODUCT": ("product", 200), "PLATFORM": ("platform_name", 80),
                  "ORDER_ID": ("order_number", 100), "SELLER": ("seller_name", 200)}


FILING_LIMIT = "20 per hour"  # per address, for the form and the API: anyone may file, robots too

CATEGORY_PRIORITY = {"safety": Priority.URGENT, "fraud": Priority.HIGH,
                     "counterfeit": Priority.HIGH}

def _analyse(description: str) -> nlp.Analysis | None:
    try:
        return nlp.analyze(description, kind="consumer")
    except Exception:  # the NLP helps; a complaint is filed without it
        log.exception("NLP analysis failed; the complaint is filed without it")
        return None


def parse_money(text: str) -> tuple[Decimal, str | None] | None:
    """The amount and ISO currency of a MONEY entity, e.g. "49.99 EUR" or "299元"; else None."""
    number = _NUMBER.search(text)
    if number is None:
        return None
    try:
        amount = Decimal(number.group().replace(",", ""))
    except InvalidOperation:
        return None
    if not Decimal(0) < amount < Decimal("10000000000"):
        return None
    code = _CODE.search(text.upper())
    currency = code.group(1) if code else None
    if currency is None:
        lowered = text.lower()
        currency = next((iso for sign, iso in _CURRENCIES.items() if sign in lowered), None)
    return amount, currency


def _fill_from_entities(complaint: Complaint, analysis: nlp.Analysis) -> list[str]:
    """Fill the empty fields the entities answer; return the names of those filled."""
    filled: list[str] = []
    for entity in analysis.entities:
        if entity.label in _ENTITY_FIELDS:
            name, limit = _ENTITY_FIELDS[entity.label]
            value = entity.text.strip()[:limit]
            if value and not getattr(complaint, name):
                setattr(complaint, name, value)
                filled.append(name)
        elif entity.label == "MONEY" and complaint.amount is None:
            money = parse_money(entity.text)
            if money is not None:
                complaint.amount = money[0]
                filled.append("amount")
                if money[1] and not complaint.currency:
                    complaint.currency = money[1]
                    filled.append("currency")
    return filled


class AlreadyFiled(Exception):
    """The same filing form was sent before: its complaint is `reference`."""

    def __init__(self, reference: str) -> None:
        super().__init__(reference)
        self.reference = reference


def already_filed(submission: str | None) -> str | None:
    """The reference of the complaint an earlier send of this form filed, if any."""
    found = session.get(ComplaintSubmission, submission) if submission else None
    return found.complaint.reference if found is not None else None


def file_complaint(data: dict[str, Any], evidence: list[CheckedFile] | None = None,
                   submission: str | None = None, owner: Any = None) -> tuple[Complaint, str]:
    """File a complaint from validated input (the API schema's shape) with its checked evidence
    files; return it and the secret tracking token, which is stored only as a digest and shown
    this once. A form sent twice (`submission` seen before) raises AlreadyFiled."""
    earlier = already_filed(submission)
    if earlier is not None:
        raise AlreadyFiled(earlier)
    consumer = data["consumer"]
    seller = data.get("seller") or {}
    description = data["description"].strip()
    complaint = Complaint(
        consumer_name=consumer["name"].strip(), consumer_email=consumer["email"].strip(),
        consumer_phone=(consumer.get("phone") or "").strip() or None,
        consumer_country=consumer["country"].upper(),
        platform_name=(data.get("platform") or "").strip() or None,
        seller_name=(seller.get("name") or "").strip() or None,
        seller_shop_url=(seller.get("shop_url") or "").strip() or None,
        seller_platform_id=(seller.get("platform_seller_id") or "").strip() or None,
        product=(data.get("product") or "").strip() or None,
        order_number=(data.get("order_number") or "").strip() or None,
        purchase_date=data.get("purchase_date"), amount=data.get("amount"),
        currency=(data.get("currency") or "").upper() or None,
        description=description, desired_resolution=Resolution(data["desired_resolution"]),
        consent_forward_to_seller=data["consent_forward_to_seller"],
        seller_first=bool(data.get("seller_first")),
        consent_publish_narrative=bool(data.get("consent_publish_narrative")),
        consent_share_with_rights_holder=bool(data.get("consent_share_with_rights_holder")),
        language=data.get("language"), suggested=[],
    )
    analysis = _analyse(description)
    suggested: list[str] = []
    if analysis is not None:
        suggested = ["category", *_fill_from_entities(complaint, analysis)]
        complaint.category = analysis.category
        if complaint.language is None and analysis.language in LANGUAGES:
            complaint.language = analysis.language
    # TAXONOMY.md: safety is urgent; fraud and counterfeit are high.
    complaint.priority = CATEGORY_PRIORITY.get(complaint.category or "", Priority.NORMAL)
    complaint.language = complaint.language or "en"
    complaint.suggested = suggested
    try:
        complaint.seller = resolve_seller(complaint.seller_name, complaint.seller_shop_url,
                                          complaint.platform_name, complaint.seller_platform_id)
    except SellerError:  # only a platform was named: an officer finds the seller
        complaint.seller = None
    secret = issue_tracking_token(complaint)
    open_case(complaint, analysis=analysis.to_dict() if analysis is not None else None)
    _claim_submission(complaint, submission)
    store_evidence(complaint, evidence or [])
    link_owner(complaint, owner)
    flag_duplicates(complaint)
    queue_mail(complaint.consumer_email, "complaints/filed", complaint.language,
               complaint=complaint, tracking_url=tracking_url(complaint.reference, secret))
    start_odr_lane(complaint)  # "let the seller settle first": straight to the seller
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
