"""What credit events and tiers are called on pages and in mail, in the reader's language."""

from flask_babel import lazy_gettext as _l

from sellers.models import CreditEventKind, RequestStatus, Tier

KIND_LABELS = {
    CreditEventKind.COMPLAINT_UPHELD: _l("Complaint upheld"),
    CreditEventKind.NO_ANSWER: _l("Did not answer a forwarded complaint in time"),
    CreditEventKind.REFUSED_MEDIATION: _l("Mediation failed through the seller's refusal"),
    CreditEventKind.TAKEDOWN: _l("Listing taken down"),
    CreditEventKind.TAKEDOWN_COUNTERFEIT: _l("Listing taken down for counterfeit goods"),
    CreditEventKind.COUNTERFEIT_CONFIRMED: _l("Counterfeit confirmed in a complaint"),
    CreditEventKind.UNSAFE_CONFIRMED: _l("Unsafe product confirmed"),
    CreditEventKind.FRAUD_CONFIRMED: _l("Fraud confirmed"),
    CreditEventKind.TAKEDOWN_RESTORED: _l("Listing restored after a counter-notice"),
    CreditEventKind.APPEAL_UPHELD: _l("Appeal upheld"),
    CreditEventKind.APPEAL_REJECTED: _l("Appeal rejected"),
    CreditEventKind.ATTRIBUTION_MOVED: _l("Moved to another seller by an officer"),
}

TIER_LABELS = {
    Tier.A: _l("A: nothing against the seller"),
    Tier.B: _l("B: 1 to 11 points"),
    Tier.C: _l("C: 12 to 47 points"),
    Tier.D: _l("D: 48 points or more"),
}

STATUS_LABELS = {
    RequestStatus.PENDING: _l("awaiting a decision"),
    RequestStatus.GRANTED: _l("upheld"),
    RequestStatus.REFUSED: _l("rejected"),
}

TIER_CHANGE_REASONS = {
    "event": _l("new event"),
    "expiry": _l("events expired"),
    "merge": _l("sellers merged"),
    "unmerge": _l("merge undone"),
    "moved": _l("a case moved to or from this seller"),
}
