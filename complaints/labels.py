"""The complaint's enums in the reader's language: desired resolutions, settlement kinds,
rejection reasons (the states' labels are in the workflow table)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice

from complaints.models import RejectionReason, Resolution, SettlementKind

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


def settlement_kind_label(kind: object) -> str:
    """A settlement kind in the reader's language."""
    value = getattr(kind, "value", kind)
    return next((str(c.label) for c in SETTLEMENT_KINDS if c.value == value), str(value))
