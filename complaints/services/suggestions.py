"""What the NLP suggests for a complaint, and what the consumer chose: never a silent fact.

The NLP reads the description and suggests a category, the product, the seller and the platform.
The consumer sees the suggestions on the form (or asks the API for them first) and keeps or
changes each; nothing the consumer typed is replaced, and a field left empty stays empty. Both
sides are stored: `complaint.suggested` maps each field the NLP had an answer for to
{"suggested": its answer, "chosen": what the complaint holds}, so the officer sees which is which.
"""

from __future__ import annotations

import logging
import re
import time
from decimal import Decimal, InvalidOperation
from typing import Any

import nlp
from complaints.models import Complaint
from core.metrics import observe_nlp

log = logging.getLogger(__name__)

SUGGESTION_LIMIT = "60 per hour"  # per address: one reading of each description a consumer writes

# Entity label -> (field as the form and the API name it, column of the complaint, length).
ENTITY_FIELDS = {
    "PRODUCT": ("product", "product", 200),
    "SELLER": ("seller_name", "seller_name", 200),
    "PLATFORM": ("platform", "platform_name", 80),
    "ORDER_ID": ("order_number", "order_number", 100),
}
COLUMNS = {
    **{field: column for field, column, _ in ENTITY_FIELDS.values()},
    "amount": "amount",
    "currency": "currency",
}
_CURRENCIES = {
    "€": "EUR",
    "$": "USD",
    "£": "GBP",
    "¥": "CNY",
    "￥": "CNY",
    "元": "CNY",
    "块": "CNY",
    "rmb": "CNY",
    "yuan": "CNY",
    "euro": "EUR",
    "euros": "EUR",
    "dollar": "USD",
    "dollars": "USD",
}
_CODE = re.compile(r"\b([A-Z]{3})\b")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d{1,2})?")


def analyse(description: str) -> nlp.Analysis | None:
    """The NLP's reading of a description; None when it fails (a complaint is filed without)."""
    started = time.perf_counter()
    try:
        analysis = nlp.analyze(description, kind="consumer")
    except Exception:  # the NLP helps; nothing waits for it
        log.exception("NLP analysis failed; the complaint is filed without it")
        observe_nlp("consumer", "failed", time.perf_counter() - started)
        return None
    below = analysis.confidence < nlp.triage_threshold("consumer", analysis.language)
    observe_nlp("consumer", "triage" if below else "routed", time.perf_counter() - started)
    return analysis


def suggestions(analysis: nlp.Analysis | None) -> dict[str, Any]:
    """The answers of an analysis, by field: category (with its confidence) and the first
    product, seller and platform named in the text."""
    if analysis is None:
        return {}
    found: dict[str, Any] = {
        "category": analysis.category,
        "confidence": round(analysis.confidence, 2),
    }
    for entity in analysis.entities:
        if entity.label in ENTITY_FIELDS:
            field, _, limit = ENTITY_FIELDS[entity.label]
            value = entity.text.strip()[:limit]
            if value and field not in found:
                found[field] = value
        elif entity.label == "MONEY" and "amount" not in found:
            money = parse_money(entity.text)
            if money is not None:
                found["amount"] = str(money[0])
                if money[1]:
                    found["currency"] = money[1]
    return found


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


def record_suggestions(
    complaint: Complaint, suggested: dict[str, Any], chosen_category: str | None
) -> None:
    """Store what was suggested beside what the consumer chose (None: left empty)."""
    record: dict[str, dict[str, Any]] = {}
    if "category" in suggested:
        record["category"] = {"suggested": suggested["category"], "chosen": chosen_category}
    for field, column in COLUMNS.items():
        if field in suggested:
            chosen = getattr(complaint, column)
            record[field] = {
                "suggested": suggested[field],
                "chosen": None if chosen is None else str(chosen),
            }
    complaint.suggested = record


def disagreements(complaint: Complaint) -> dict[str, str]:
    """The fields where the consumer chose otherwise than the NLP suggested: field -> suggestion.
    A field the consumer left empty is not a disagreement: the suggestion was simply not taken."""
    return {
        field: pair["suggested"]
        for field, pair in (complaint.suggested or {}).items()
        if pair.get("chosen") and pair["chosen"] != pair["suggested"]
    }


def suggestion_rows(complaint: Complaint) -> list[dict[str, Any]]:
    """For the officer: each field the NLP answered, its suggestion, the consumer's value, and
    whether the consumer kept it ("kept"), chose otherwise ("changed") or left it ("not taken")."""
    rows = []
    for field, pair in (complaint.suggested or {}).items():
        chosen, suggested = pair.get("chosen"), pair.get("suggested")
        state = "not taken" if not chosen else "kept" if chosen == suggested else "changed"
        rows.append({"field": field, "suggested": suggested, "chosen": chosen, "state": state})
    return rows
