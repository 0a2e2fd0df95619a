"""The complaint's enums in the reader's language: desired resolutions, settlement kinds,
rejection reasons (the states' labels are in the workflow table)."""

from __future__ import annotations

from functools import cache
from types import SimpleNamespace

from babel import Locale
from babel.numbers import get_territory_currencies
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

from complaints.models import RejectionReason, Resolution, SettlementKind, SettlementStatus
from core.countries import country_codes

RESOLUTIONS = (
    SelectChoice(Resolution.REFUND.value, _l("A refund")),
    SelectChoice(Resolution.REPLACEMENT.value, _l("A replacement")),
    SelectChoice(Resolution.REPAIR.value, _l("A repair")),
    SelectChoice(Resolution.COMPENSATION.value, _l("Compensation")),
    SelectChoice(Resolution.APOLOGY.value, _l("An apology")),
    SelectChoice(Resolution.OTHER.value, _l("Something else")),
)

SETTLEMENT_KINDS = (
    SelectChoice(SettlementKind.REFUND.value, _l("Refund")),
    SelectChoice(SettlementKind.REPLACEMENT.value, _l("Replacement")),
    SelectChoice(SettlementKind.REPAIR.value, _l("Repair")),
    SelectChoice(SettlementKind.COMPENSATION.value, _l("Compensation")),
    SelectChoice(SettlementKind.APOLOGY.value, _l("Apology")),
)

# The consumer categories of TAXONOMY.md, as a consumer would pick one.
CATEGORIES = (
    SelectChoice("delivery", _l("Delivery: late, lost or never arrived")),
    SelectChoice("not_as_described", _l("Not as described or pictured")),
    SelectChoice("defective", _l("Defective or broken")),
    SelectChoice("counterfeit", _l("Counterfeit: not the genuine brand")),
    SelectChoice("refund_return", _l("Refund or return refused")),
    SelectChoice("billing", _l("Charged wrongly or twice")),
    SelectChoice("customs_tax", _l("Customs duties or taxes")),
    SelectChoice("safety", _l("Dangerous product")),
    SelectChoice("misleading_ad", _l("Misleading advertising")),
    SelectChoice("fraud", _l("Fraud or scam")),
    SelectChoice("service", _l("Customer service")),
    SelectChoice("privacy", _l("Misuse of my personal data")),
    SelectChoice("other", _l("Something else")),
)

REJECTION_LABELS = {
    RejectionReason.OUT_OF_SCOPE: _l("Out of scope"),
    RejectionReason.DUPLICATE: _l("Duplicate of another complaint"),
    RejectionReason.HANDLED_ELSEWHERE: _l(
        "Handled elsewhere (court, arbitration or another authority)"
    ),
    RejectionReason.TOO_OLD: _l("More than 3 years since you knew of the harm"),
    RejectionReason.NOT_CONSUMER_DISPUTE: _l("Not a consumer dispute"),
    RejectionReason.INCOMPLETE: _l("Incomplete: the information needed is missing"),
}


# Where a proposal stands, as its seller reads it next to the proposal.
SETTLEMENT_STATUS_LABELS = {
    SettlementStatus.PROPOSED: _l("waiting for the consumer's answer"),
    SettlementStatus.ACCEPTED: _l("accepted by the consumer"),
    SettlementStatus.REJECTED: _l("turned down by the consumer"),
    SettlementStatus.AGREED: _l("agreed in mediation"),
    SettlementStatus.SUPERSEDED: _l("replaced by a later proposal"),
}


def resolution_label(resolution: object) -> str:
    """What the consumer asks for, in the reader's language (the code itself if unknown)."""
    value = getattr(resolution, "value", resolution)
    return next((str(c.label) for c in RESOLUTIONS if c.value == value), str(value or ""))


def settlement_status_label(status: object) -> str:
    """Where a proposal stands, in the reader's language."""
    value = getattr(status, "value", status)
    found = {key.value: label for key, label in SETTLEMENT_STATUS_LABELS.items()}.get(str(value))
    return str(found) if found is not None else str(value)


def category_label(category: str | None) -> str:
    """A consumer category in the reader's language (the code itself if unknown)."""
    return next((str(c.label) for c in CATEGORIES if c.value == category), category or "")


def settlement_kind_label(kind: object) -> str:
    """A settlement kind in the reader's language."""
    value = getattr(kind, "value", kind)
    return next((str(c.label) for c in SETTLEMENT_KINDS if c.value == value), str(value))


# The fields the NLP suggests, and how a suggested category reads, for the officer's panel.
SUGGESTION_LABELS = SimpleNamespace(
    fields={
        "category": _l("Category"),
        "product": _l("Product"),
        "seller_name": _l("Seller"),
        "platform": _l("Platform"),
        "order_number": _l("Order number"),
        "amount": _l("Amount paid"),
        "currency": _l("Currency"),
    },
    category=category_label,
)


# The filing form's pick-lists, from CLDR (Babel): names in the page's language, codes as values.
@cache
def _currencies_in_use() -> frozenset[str]:
    """The currencies legal tender somewhere today, not the historical ones CLDR also names."""
    return frozenset(
        code for country in country_codes() for code in get_territory_currencies(country)
    )


def _locale() -> Locale:
    return get_locale() or Locale.parse("en")


def country_choices() -> list[SelectChoice]:
    names = _locale().territories
    picks = sorted((str(names.get(code, code)), code) for code in country_codes())
    return [SelectChoice("", _l("Choose your country")), *(SelectChoice(c, n) for n, c in picks)]


def currency_choices() -> list[SelectChoice]:
    names = _locale().currencies
    picks = sorted((str(names.get(code, code)), code) for code in _currencies_in_use())
    return [
        SelectChoice("", _l("Choose the currency")),
        *(SelectChoice(code, f"{name} ({code})") for name, code in picks),
    ]
