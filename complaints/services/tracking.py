"""Following a complaint without an account: the secret tracking token (issued at filing, renewed
by "Lost your link?"), and what the consumer sees of their complaint: status, deadline, public
timeline, the messages and questions meant for them, their files, and the steps open to them."""

from __future__ import annotations

import hmac
from collections.abc import Callable
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from casework.models import CaseEvent, Visibility
from casework.services.timeline import timeline
from complaints.labels import RESOLUTIONS, category_label
from complaints.models import Complaint
from complaints.services.accounts import owns
from complaints.services.evidence import consumer_evidence
from complaints.services.feedback import ended_at, feedback_of, feedback_open
from complaints.services.next_steps import due_text, rejection, ways_on, who_acts
from complaints.services.settlement import pending_settlement
from complaints.workflow import COMPLAINT_WORKFLOW, CONSUMER, ENDED, SELLER, ComplaintState
from core.countries import country_name
from core.db import session
from core.mail import queue_mail
from core.models import STAFF_ROLES
from core.tokens import digest, new_secret

TRACKING_PREFIX = "rdc_"  # makes a leaked token recognisable
MAX_SECRET = 100
MAX_REFERENCE = 40
# What the seller said and offered is the consumer's business: they decide on it.
SELLER_STEPS = ("seller_answer", "seller_dispute", "settlement_proposed", "settlement_rejected")


def tracking_url(reference: str, secret: str) -> str:
    """The consumer's tracking page, from the configured base (mail may be sent from jobs)."""
    base = current_app.extensions["redress.config"].public_base_url.rstrip("/")
    return f"{base}/complaints/{reference}?token={secret}"


def find_tracked(reference: str, secret: str | None) -> Complaint | None:
    """The complaint with this reference whose tracking token is `secret`; None otherwise, the
    same for an unknown reference as for a wrong token."""
    if (
        not secret
        or not isinstance(secret, str)
        or len(secret) > MAX_SECRET
        or len(reference) > MAX_REFERENCE
    ):
        return None
    complaint = session.scalar(select(Complaint).where(Complaint.reference == reference))
    if complaint is None:
        return None
    given = digest(secret)
    if hmac.compare_digest(complaint.tracking_token_hash or "", given):
        return complaint
    if hmac.compare_digest(complaint.pending_tracking_token_hash or "", given):
        # The first use of a link from "Lost your link?": from now on only it works.
        complaint.tracking_token_hash, complaint.pending_tracking_token_hash = given, None
        return complaint
    return None


def consumer_complaint(reference: str, secret: str | None, user: Any = None) -> Complaint | None:
    """The complaint for its consumer: by tracking token, or the signed-in account it belongs
    to; None for anyone else (as for an unknown reference)."""
    complaint = find_tracked(reference, secret)
    if complaint is not None or user is None or len(reference) > MAX_REFERENCE:
        return complaint
    owned = session.scalar(select(Complaint).where(Complaint.reference == reference))
    return owned if owned is not None and owns(user, owned) else None


def issue_tracking_token(complaint: Complaint) -> str:
    """A fresh secret for the complaint; any earlier one stops working."""
    secret = new_secret(TRACKING_PREFIX)
    complaint.tracking_token_hash = digest(secret)
    return secret


def send_new_link(
    email: str, reference: str, link_for: Callable[[str, str], str] = tracking_url
) -> None:
    """When `email` filed complaint `reference`, mail it a fresh link, which replaces the old one
    once it is first used (whoever knows a reference and an address cannot cut the consumer
    off); else do nothing (the caller says the same either way)."""
    reference = (reference or "").strip().upper()[:MAX_REFERENCE]
    email = (email or "").strip().lower()
    complaint = session.scalar(select(Complaint).where(Complaint.reference == reference))
    if (
        complaint is None
        or not complaint.consumer_email
        or not hmac.compare_digest(complaint.consumer_email.lower().encode(), email.encode())
    ):
        return
    secret = new_secret(TRACKING_PREFIX)
    complaint.pending_tracking_token_hash = digest(secret)  # replaces any unused earlier one
    session.flush()
    queue_mail(
        complaint.consumer_email,
        "complaints/new_link",
        complaint.language or "en",
        complaint=complaint,
        tracking_url=link_for(complaint.reference, secret),
    )


def _for_consumer(event: CaseEvent) -> bool:
    if event.visibility == Visibility.PUBLIC:
        return True
    if event.type == "message":  # officers' messages name whom they went to
        return CONSUMER in (event.data or {}).get("to", [])
    return event.type in ("transition", *SELLER_STEPS) or (
        event.type == "attachment" and _told(event)
    )


def _told(event: CaseEvent) -> bool:
    """Whether the consumer may read the event's text: their own, the officers', or the
    seller's answer to them (a seller's file stays with the officers)."""
    return (
        event.actor_label == CONSUMER
        or event.actor_label in STAFF_ROLES
        or (event.type in SELLER_STEPS and event.type != "attachment")
    )


def public_timeline(complaint: Complaint) -> list[dict[str, Any]]:
    """What the consumer may see of the case's history."""
    workflow = COMPLAINT_WORKFLOW
    entries = []
    for event in timeline(complaint, {Visibility.PUBLIC, Visibility.PARTIES}):
        if not _for_consumer(event) or event.case_id != complaint.id:
            continue
        status = event.after if event.type in ("filed", "transition") else None
        entries.append(
            {
                "at": event.at,
                "type": event.type,
                "status": status,
                "label": workflow.label(status) if status else "",
                "by": (event.actor_label if event.actor_label in (CONSUMER, SELLER) else "redress"),
                "body": event.body if event.type != "attachment" and _told(event) else None,
                "file": event.after if event.type == "attachment" else None,
            }
        )
    return entries


def question(complaint: Complaint, entries: list[dict[str, Any]]) -> str | None:
    """The officers' question the consumer is asked to answer now, if any."""
    if complaint.status != ComplaintState.AWAITING_CONSUMER:
        return None
    asked = [e for e in entries if e["status"] == ComplaintState.AWAITING_CONSUMER]
    return asked[-1]["body"] if asked else None


def as_filed(complaint: Complaint) -> list[tuple[str, str]]:
    """What the consumer gave when filing, as (label, value) in the reader's language; the
    fields left empty are left out, and so are the e-mail address and phone number, which a
    forwarded link must not give away."""
    amount = f"{complaint.amount} {complaint.currency or ''}".strip() if complaint.amount else ""
    wanted = next(
        (str(c.label) for c in RESOLUTIONS if c.value == complaint.desired_resolution), ""
    )
    rows = [
        (_l("Your name"), complaint.consumer_name),
        (_l("Your country"), country_name(complaint.consumer_country)),
        (_l("Platform"), complaint.platform_name),
        (_l("Seller"), complaint.seller_name),
        (_l("Shop address (URL)"), complaint.seller_shop_url),
        (_l("Store or seller id (if shown)"), complaint.seller_platform_id),
        (_l("Product"), complaint.product),
        (_l("Order number"), complaint.order_number),
        (_l("Date of purchase"), complaint.purchase_date and complaint.purchase_date.isoformat()),
        (_l("Amount paid"), amount),
        (_l("What kind of problem is it?"), category_label(complaint.category)),
        (_l("What would put it right?"), wanted),
        (_l("What happened?"), complaint.description),
    ]
    return [(str(label), value) for label, value in rows if value]


def _with_reason_as_read(entries: list[dict[str, Any]], complaint: Complaint) -> Any:
    """The rejection, in the reader's language; its timeline entry keeps only the officer's
    own words (the stored text is the reason as the officer read it)."""
    rejected = [e for e in entries if e["status"] == ComplaintState.REJECTED]
    found = rejection(complaint, rejected[-1]["body"] if rejected else None)
    for entry in rejected:
        entry["body"] = found["explanation"] if found else None
    return found


def tracking_view(complaint: Complaint) -> dict[str, Any]:
    """Everything the tracking page and API show of a complaint its consumer opened."""
    entries = public_timeline(complaint)
    ended = complaint.status in ENDED
    feedback = feedback_of(complaint)
    waiting = pending_settlement(complaint)
    rejected = _with_reason_as_read(entries, complaint)
    no_remedy = {ComplaintState.REJECTED, ComplaintState.MEDIATION_FAILED}
    states = [e["status"] for e in entries if e["status"]]
    ended_as = states[-2] if complaint.status == ComplaintState.CLOSED and len(states) > 1 else None
    return {
        "filed_at": due_text(complaint.created_at),
        "as_filed": as_filed(complaint),
        "who_acts": who_acts(complaint, waiting is not None),
        "due_text": due_text(complaint.due_at) if complaint.due_at else None,
        "rejection": rejected,
        "ways_on": ways_on(complaint, complaint.status in no_remedy or ended_as in no_remedy),
        "reference": complaint.reference,
        "status": complaint.status,
        "status_label": COMPLAINT_WORKFLOW.label(complaint.status),
        "due_at": complaint.due_at,
        "timeline": entries,
        "messages": [e for e in entries if e["type"] == "message"],
        "question": question(complaint, entries),
        "evidence": [
            {"id": a.id, "filename": a.filename, "size": a.size, "content_type": a.content_type}
            for a in consumer_evidence(complaint)
        ],
        "can_add_evidence": not ended,
        "can_withdraw": not ended,
        "can_answer": complaint.status == ComplaintState.AWAITING_CONSUMER,
        "ended_at": ended_at(complaint),
        "can_give_feedback": feedback_open(complaint),
        "feedback": (
            {"rating": feedback.rating, "comment": feedback.comment} if feedback else None
        ),
        # For the page: the seller's proposal to answer, and whether accepting it ends the
        # complaint (the ODR lane) or resolves it in mediation.
        "settlement": waiting,
        "settling_first": complaint.status == ComplaintState.WITH_SELLER,
    }
