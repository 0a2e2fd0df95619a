"""Complaint intake and tracking (flushes, never commits).

`file_complaint` analyses the description, fills what the consumer left empty from it (marked as
suggested), finds the seller, opens the case, and mails the consumer a secret tracking link.
"""

from __future__ import annotations

import logging
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from flask import current_app
from sqlalchemy import select

import nlp
from casework.filing import open_case
from casework.models import Priority, Visibility
from casework.timeline import timeline
from complaints.models import Complaint, Resolution
from complaints.workflow import COMPLAINT_WORKFLOW
from core.db import session
from core.mail import queue_mail
from core.models import LANGUAGES
from core.tokens import digest, new_secret
from sellers.services import SellerError, resolve_seller

log = logging.getLogger(__name__)

TRACKING_PREFIX = "rdc_"  # makes a leaked token recognisable
MAX_SECRET = 100
_CURRENCIES = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "CNY", "￥": "CNY", "元": "CNY",
               "块": "CNY", "rmb": "CNY", "yuan": "CNY", "euro": "EUR", "euros": "EUR",
               "dollar": "USD", "dollars": "USD"}
_CODE = re.compile(r"\b([A-Z]{3})\b")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d{1,2})?")
_ENTITY_FIELDS = {"PRODUCT": ("product", 200), "PLATFORM": ("platform_name", 80),
                  "ORDER_ID": ("order_number", 100), "SELLER": ("seller_name", 200)}


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


def tracking_url(reference: str, secret: str) -> str:
    """The consumer's tracking page, from the configured base (mail may be sent from jobs)."""
    base = current_app.extensions["redress.config"].public_base_url.rstrip("/")
    return f"{base}/complaints/{reference}?token={secret}"


def file_complaint(data: dict[str, Any]) -> tuple[Complaint, str]:
    """File a complaint from validated input (the API schema's shape); return it and the secret
    tracking token, which is stored only as a digest and shown this once."""
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
    secret = new_secret(TRACKING_PREFIX)
    complaint.tracking_token_hash = digest(secret)
    open_case(complaint, analysis=analysis.to_dict() if analysis is not None else None)
    queue_mail(complaint.consumer_email, "complaints/filed", complaint.language,
               complaint=complaint, tracking_url=tracking_url(complaint.reference, secret))
    return complaint, secret


def find_tracked(reference: str, secret: str | None) -> Complaint | None:
    """The complaint with this reference whose tracking token is `secret`; None otherwise, the
    same for an unknown reference as for a wrong token."""
    if not secret or not secret.startswith(TRACKING_PREFIX) or len(secret) > MAX_SECRET:
        return None
    if len(reference) > 40:
        return None
    return session.scalar(select(Complaint).where(Complaint.reference == reference,
                                                  Complaint.tracking_token_hash == digest(secret)))


def public_timeline(complaint: Complaint) -> list[dict[str, Any]]:
    """What the consumer may see of the case's history."""
    workflow = COMPLAINT_WORKFLOW
    return [{"at": event.at, "type": event.type, "status": event.after,
             "label": workflow.label(event.after) if event.after else ""}
            for event in timeline(complaint, {Visibility.PUBLIC, Visibility.PARTIES})
            if event.visibility == Visibility.PUBLIC or event.type == "transition"]


def tracking_view(reference: str, secret: str | None) -> dict[str, Any] | None:
    """What the consumer sees of their complaint, or None (unknown reference or wrong token)."""
    complaint = find_tracked(reference, secret)
    if complaint is None:
        return None
    return {"reference": complaint.reference, "status": complaint.status,
            "status_label": COMPLAINT_WORKFLOW.label(complaint.status),
            "due_at": complaint.due_at, "timeline": public_timeline(complaint)}
