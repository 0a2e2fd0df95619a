"""What the consumer reads about where their complaint stands: who must act next and by when (in
the viewer's time zone), why it was rejected (in the viewer's language), and, once Redress can do
no more, where else to turn, chosen from the consumer's country."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask_babel import force_locale, format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from complaints.labels import REJECTION_LABELS
from complaints.models import Complaint, ComplaintFinding
from complaints.workflow import ComplaintState as S
from core.db import session
from core.i18n import DEFAULT_TIMEZONE, LANGUAGE_NAMES, select_timezone

# EU member states with Iceland and Norway: the countries the European Consumer Centres serve.
ECC_NET_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "NO",
    ]
)


def due_text(moment: datetime) -> str:
    """A deadline as the viewer reads it: local date and time, and the zone it is in."""
    return f"{format_datetime(moment, 'yyyy-MM-dd HH:mm')} ({select_timezone()})"


def mail_due(moment: datetime) -> str:
    """A deadline in a mail, which has no browser to ask: in Redress's own time zone, named."""
    local = moment.astimezone(ZoneInfo(DEFAULT_TIMEZONE))
    return f"{local:%Y-%m-%d %H:%M} ({DEFAULT_TIMEZONE})"


def who_acts(complaint: Complaint, settlement_waiting: bool) -> str | None:
    """Who must act next and by when, or None once the complaint has ended."""
    due = due_text(complaint.due_at) if complaint.due_at else None
    status = complaint.status
    if status == S.AWAITING_CONSUMER:
        return _("It is your turn: answer the officers' question below. The clock waits for you.")
    if settlement_waiting:
        return _("It is your turn: accept or turn down the seller's proposal below.")
    if status == S.SUBMITTED and due:
        return _("Redress decides whether to take up your complaint by %(due)s.", due=due)
    if status == S.WITH_SELLER and due:
        return _("The seller has until %(due)s to settle with you.", due=due)
    if status == S.AWAITING_SELLER and due:
        return _("The seller must answer by %(due)s.", due=due)
    if status == S.MEDIATION and due:
        return _("Redress mediates between you and the seller until %(due)s.", due=due)
    if status in (S.ACCEPTED, S.SELLER_CONTACT_NEEDED):
        return _("Redress is forwarding your complaint to the seller.")
    return None


def rejection(complaint: Complaint, explanation: str | None) -> dict[str, str] | None:
    """Why the complaint was rejected, in the viewer's language, with the officer's own words
    when they wrote any (the timeline keeps the reason as the officer read it)."""
    finding = session.get(ComplaintFinding, complaint.id)
    if complaint.status not in (S.REJECTED, S.CLOSED) or not finding:
        return None
    if finding.rejection_reason is None:
        return None
    label = REJECTION_LABELS[finding.rejection_reason]
    as_read = set()
    for language in LANGUAGE_NAMES:
        with force_locale(language):
            as_read.add(str(label))
    words = explanation if explanation and explanation not in as_read else None
    return {"reason": str(label), "explanation": words or ""}


WAYS_ON = {
    "CN": _l(
        "Complain to China's national consumer platform 12315 (www.12315.cn, or call 12315), "
        "which passes complaints to the market regulator of the seller's place."
    ),
    "ECC": _l(
        "Ask the European Consumer Centre of your country (ECC-Net): it helps consumers in the EU, "
        "Iceland and Norway with disputes with sellers abroad, free of charge."
    ),
    "OTHER": _l(
        "Ask your country's consumer protection authority; for a seller abroad you can also "
        "report it at econsumer.gov."
    ),
}


def ways_on(complaint: Complaint, ended_without_remedy: bool) -> list[str]:
    """Where else the consumer can turn, once Redress can do no more for them."""
    if not ended_without_remedy:
        return []
    country = (complaint.consumer_country or "").upper()
    key = "CN" if country == "CN" else "ECC" if country in ECC_NET_COUNTRIES else "OTHER"
    return [
        str(WAYS_ON[key]),
        _(
            "If you paid by card or through a payment service, ask it to reverse the payment "
            "(a chargeback or the platform's buyer protection)."
        ),
        _(
            "Take the seller to court. A court is not bound by what Redress decided; check the "
            "time limits that apply to you."
        ),
    ]
