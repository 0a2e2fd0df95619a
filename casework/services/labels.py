"""The codes officers meet (categories, languages, timeline entries, escalation levels) in the
reader's language. Codes are a contract (TAXONOMY.md); a code with no label shows as itself."""

from __future__ import annotations

from datetime import datetime

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l

from casework.workflow import Workflow
from core.i18n import select_timezone

PRIORITY_LABELS = {0: _l("urgent"), 1: _l("high"), 2: _l("normal"), 3: _l("low")}

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
    "seller_changed": _l("Seller changed"),
    "reminded": _l("Reminder sent"),
    "anonymised": _l("Personal data removed"),
    # recorded by the kinds (complaints, ipr) on the shared timeline
    "possible_duplicate": _l("Possible duplicate"),
    "seller_contact_added": _l("Seller contact added"),
    "seller_answer": _l("Answer from the seller"),
    "seller_dispute": _l("The seller disputes the complaint"),
    "settlement_proposed": _l("Settlement proposed"),
    "settlement_rejected": _l("Settlement rejected"),
    "findings": _l("Findings recorded"),
    "window_extended": _l("Time limit extended"),
    "statement_of_reasons": _l("Statement of reasons"),
    "jurisdiction_changed": _l("Jurisdiction changed"),
    "proof_submitted": _l("Proof submitted"),
    "proof_refused": _l("Proof refused"),
}

ESCALATION_LABELS = {
    "none": _l("on time"),
    "warning": _l("warning"),
    "overdue": _l("overdue"),
    "very_overdue": _l("very overdue"),
}

ACTOR_LABELS = {
    "consumer": _l("the consumer"),
    "seller": _l("the seller"),
    "rights_holder": _l("the rights holder"),
    "system": _l("Redress (automatic)"),
    "officer": _l("an officer"),
    "supervisor": _l("a supervisor"),
    "admin": _l("an administrator"),
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


def actor_label(code: str | None) -> str:
    return _label(ACTOR_LABELS, code)


def recipients_label(roles: list[str]) -> str:
    """Whom a message went to, e.g. "the consumer, the seller"."""
    return ", ".join(actor_label(role) for role in roles)


def priority_label(value: int | str | None) -> str:
    text = str(value) if value is not None else ""
    if not text.isdigit() or int(text) not in PRIORITY_LABELS:
        return "—"
    return str(PRIORITY_LABELS[int(text)])


def event_value(type: str, value: str | None, workflow: Workflow) -> str:
    """What a timeline entry's before or after names, in the reader's language: a state, a
    level, a priority or a category; names, references and files as they are."""
    if value is None:
        return "—"
    if type in ("filed", "transition"):
        return workflow.label(value)
    if type == "escalated":
        return escalation_label(value)
    if type == "priority":
        return priority_label(value)
    if type == "nlp_correction":
        return category_label(value)
    return value


def local_time(moment: datetime | None, pattern: str = "yyyy-MM-dd HH:mm") -> str:
    """A moment in the viewer's time zone (their browser's, see core.i18n); pages name the zone
    once with `time_zone`."""
    return format_datetime(moment, pattern) if moment is not None else "—"


def page_labels() -> dict[str, object]:
    """Template context of casework's pages: the label of every code they show."""
    return {
        "category_label": category_label,
        "language_label": language_label,
        "event_label": event_label,
        "escalation_label": escalation_label,
        "visibility_label": visibility_label,
        "actor_label": actor_label,
        "recipients_label": recipients_label,
        "priority_label": priority_label,
        "event_value": event_value,
        "local_time": local_time,
        "time_zone": select_timezone,
    }
