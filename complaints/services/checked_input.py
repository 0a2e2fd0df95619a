"""What the complaint's steps check before they act: the complaint's state, required free text,
the terms of a settlement. A step that cannot be taken raises core.errors.Refusal:

- an officer's or seller's step: "refused" (400), or "conflict" (409) when the complaint is not
  in a state for it;
- a consumer's step: "invalid" (422) naming the field at fault, or "conflict" (409); their pages
  show the refusal on the form again (400), the API answers with its status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _

from complaints.models import Complaint, SettlementKind
from complaints.workflow import ENDED, ComplaintState
from core.errors import Refusal

MAX_AMOUNT = Decimal("9999999999.99")  # what Numeric(12, 2) holds
MAX_TERMS = 5000
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")


def field_refused(field: str, message: str, code: str = "refused") -> Refusal:
    """A refusal that names the input at fault."""
    return Refusal(message, code, {field: message})


@dataclass(frozen=True)
class Terms:
    kind: SettlementKind
    amount: Decimal | None
    currency: str | None
    text: str | None


def _checked_amount(amount: str | Decimal | None) -> Decimal | None:
    raw = amount.strip() if isinstance(amount, str) else amount
    if raw in (None, ""):
        return None
    try:
        value = Decimal(raw)
    except (InvalidOperation, TypeError, ValueError):
        raise field_refused("amount", _("The amount must be a number, e.g. 49.99.")) from None
    if not value.is_finite() or not Decimal(0) < value <= MAX_AMOUNT:
        raise field_refused(
            "amount", _("Give an amount above 0 and at most %(max)s.", max=MAX_AMOUNT)
        )
    if value != value.quantize(Decimal("0.01")):
        raise field_refused("amount", _("Give the amount with at most two decimals."))
    return value


def _checked_currency(currency: str | None, amount: Decimal | None) -> str | None:
    code = (currency or "").strip().upper() or None
    if code is not None and not _CURRENCY.match(code):
        raise field_refused("currency", _("The currency is three letters, e.g. EUR or CNY."))
    if amount is not None and code is None:
        raise field_refused("currency", _("Say in which currency the amount is."))
    return code if amount is not None else None


def checked_terms(
    kind: str | None, amount: str | Decimal | None, currency: str | None, text: str | None
) -> Terms:
    """The terms of a settlement from raw input, or a Refusal naming the field at fault."""
    try:
        settlement_kind = SettlementKind((kind or "").strip())
    except ValueError:
        raise field_refused(
            "kind", _("Choose refund, replacement, repair, compensation or apology.")
        ) from None
    value = _checked_amount(amount)
    code = _checked_currency(currency, value)
    if value is None and settlement_kind in (SettlementKind.REFUND, SettlementKind.COMPENSATION):
        raise field_refused("amount", _("A refund or compensation needs an amount."))
    words = (text or "").strip() or None
    if words is not None and len(words) > MAX_TERMS:
        raise field_refused("text", _("At most %(n)d characters, please.", n=MAX_TERMS))
    return Terms(settlement_kind, value, code, words)


def checked_text(text: str | None, field: str = "text", limit: int = MAX_TERMS) -> str:
    """Required free text of at most `limit` characters."""
    words = (text or "").strip()
    if not words:
        raise field_refused(field, _("Write something first."))
    if len(words) > limit:
        raise field_refused(field, _("At most %(n)d characters, please.", n=limit))
    return words


def refuse_ended(complaint: Complaint) -> None:
    """The consumer's steps that change an ended complaint are refused."""
    if complaint.status in ENDED:
        raise Refusal(_("This complaint has ended; it cannot be changed any more."), "conflict")


def expect_state(complaint: Complaint, *states: ComplaintState) -> None:
    """An officer's step is refused outside the states it belongs to."""
    if complaint.status not in states:
        raise Refusal(_("This step is not open in the complaint's present state."), "conflict")
