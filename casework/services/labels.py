"""The codes officers meet (categories, languages, timeline entries, escalation levels) in the
reader's language. Codes are a contract (TAXONOMY.md); a code with no label shows as itself."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

CATEGORY_LABELS = {
    # consumer complaints
    "delivery": _l("Delivery"),
    "not_as_described": _l("Not as described"),
    "defective": _l("Defective"),
    "counterfeit": _l("Counterfeit"),
    "refund_return": _l("Refund or return"),
    "billing": _l("Billing"),
    "customs_tax": _l("Customs and tax"),
    "safety": _l("Safety"),
    "misleading_ad": _l("Misleading advertising"),
    "fraud": _l("Fraud"),
    "service": _l("Service"),
    "privacy": _l("Privacy"),
    "other": _l("Other"),
    # IP infringement types
    "trademark": _l("Trademark"),
    "copyright": _l("Copyright"),
    "patent": _l("Patent"),
}

LANGUAGE_LABELS = {
    "en": _l("English"),
    "zh": _l("Chinese"),
    "other": _l("Another language"),
}

EVENT_LABELS = {
    "filed": _l("Filed"),
    "transition": _l("Moved"),
    "note": _l("Internal note"),
    "message": _l("Message"),
    "attachment": _l("File added"),
    "assigned": _l("Assigned"),
    "priority": _l("Priority changed"),
    "queue": _l("Queue changed"),
    "escalated": _l("Escalated"),
    "merged": _l("Duplicate merged in"),
    "unmerged": _l("Merge undone"),
    "nlp_correction": _l("Analysis corrected"),
}

ESCALATION_LABELS = {
    "none": _l("on time"),
    "warning": _l("warning"),
    "overdue": _l("overdue"),
    "very_overdue": _l("very overdue"),
}

VISIBILITY_LABELS = {
    "internal": _l("staff only"),
    "parties": _l("seen by the parties"),
    "public": _l("public"),
}


def _label(labels: dict, code: str | None) -> str:
    if not code:
        return "—"
    return str(labels.get(code, code.replace("_", " ")))


def category_label(code: str | None) -> str:
    return _label(CATEGORY_LABELS, code)


def language_label(code: str | None) -> str:
    return _label(LANGUAGE_LABELS, code)


def event_label(code: str | None) -> str:
    return _label(EVENT_LABELS, code)


def escalation_label(code: str | None) -> str:
    return _label(ESCALATION_LABELS, code)


def visibility_label(code: str | None) -> str:
    return _label(VISIBILITY_LABELS, code)


def page_labels() -> dict[str, object]:
    """Template context of casework's pages: the label of every code they show."""
    return {
        "category_label": category_label,
        "language_label": language_label,
        "event_label": event_label,
        "escalation_label": escalation_label,
        "visibility_label": visibility_label,
    }
