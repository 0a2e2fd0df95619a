"""What every complaint step checks of its input: the refusal types, required free text, the
terms of a settlement."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _

from complaints.models import Complaint, SettlementKind
from complaints.workflow import FINAL

MAX_AMOUNT = Decimal("9999999999.99")  # what Numeric(12, 2) holds
MAX_TERMS = 5000
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")


class StepError(ValueError):
    """A refused step; `code` is invalid (400), forbidden (403), gone (404) or conflict (409);
    `field` names the input at fault, if one is."""

    def __init__(self, message: str, code: str = "invalid", field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


STATUS_OF = {"invalid": 400, "forbidden": 403, "gone": 404, "conflict": 409}


class ConsumerError(ValueError):
    """A consumer's step that cannot be taken; the message says why, in their language."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Terms:
    kind: SettlementKind
    amount: Decimal | None
    currency: str | None
    text: str | None


def checked_terms(kind: str | None, amount: str | Decimal | None, currency: str | None,
                  text: str | None) -> Terms:
    """The terms of a settlement from raw input, or StepError naming the field at fault."""
    try:
        settlement_kind = SettlementKind((kind or "").strip())
    except ValueError:
        raise StepError(_("Choose refund, replacement, repair, compensation or apology."),
                        field="kind") from None
    value: Decimal | None = None
    raw = amount.strip() if isinstance(amount, str) else amount
    if raw not in (None, ""):
        try:
            value = Decimal(raw)
        except (InvalidOperation, TypeError, ValueError):
            raise StepError(_("The amount must be a number, e.g. 49.99."), field="amount") from None
        if not value.is_finite() or not Decimal(0) < value <= MAX_AMOUNT:
            raise StepError(_("Give an amount above 0 and at most %(max)s.", max=MAX_AMOUNT),
                            field="amount")
        if value != value.quantize(Decimal("0.01")):
            raise StepError(_("Give the amount with at most two decimals."), field="amount")
    code = (currency or "").strip().upper() or None
    if code is not None and not _CURRENCY.match(code):
        raise StepError(_("The currency is three letters, e.g. EUR or CNY."), field="currency")
    if value is not None and code is None:
        raise StepError(_("Say in which currency the amount is."), field="currency")
    if value is None and settlement_kind in (SettlementKind.REFUND, SettlementKind.COMPENSATION):
        raise StepError(_("A refund or compensation needs an amount."), field="amount")
    words = (text or "").strip() or None
    if words is not None and len(words) > MAX_TERMS:
        raise StepError(_("At most %(n)d characters, please.", n=MAX_TERMS), field="text")
    return Terms(settlement_kind, value, code if value is not None else None, words)


def checked_text(text: str | None, field: str = "text", limit: int = MAX_TERMS) -> str:
    """Required free text of at most `limit` characters."""
    words = (text or "").strip()
    if not words:
        raise StepError(_("Write something first."), field=field)
    if len(words) > limit:
        raise StepError(_("At most %(n)d characters, please.", n=limit), field=field)
    return words


def refuse_ended(complaint: Complaint) -> None:
    """The consumer's steps that change an ended complaint are refused."""
    if complaint.status in FINAL or complaint.status == "closed":
        raise ConsumerError(_("This complaint has ended; it cannot be changed any more."))


def expect_state(complaint: Complaint, *states: str) -> None:
    """An officer's step is refused outside the states it belongs to."""
    if complaint.status not in states:
        raise StepError(_("This step is not open in the complaint's present state."), "conflict")
