"""What the consumer sees of their complaint: status, deadline, public timeline, the messages
and questions meant for them, their files, and the steps open to them."""

from __future__ import annotations

from typing import Any

from casework.models import CaseEvent, Visibility
from casework.services.timeline import timeline
from casework.workflow import STAFF
from complaints.consumer import ended_at, feedback_of, feedback_open
from complaints.evidence import consumer_evidence
from complaints.models import Complaint
from complaints.workflow import COMPLAINT_WORKFLOW, CONSUMER, FINAL, SELLER

# What the seller said and offered is the consumer's business: they decide on it.
SELLER_STEPS = ("seller_answer", "seller_dispute", "settlement_proposed", "settlement_rejected")


def _for_consumer(event: CaseEvent) -> bool:
    if event.visibility == Visibility.PUBLIC:
        return True
    if event.type == "message":  # officers' messages name whom they went to
        return CONSUMER in (event.data or {}).get("to", [])
    return event.type in ("transition", *SELLER_STEPS) or (
        event.type == "attachment" and _told(event))


def _told(event: CaseEvent) -> bool:
    """Whether the consumer may read the event's text: their own, the officers', or the
    seller's answer to them (a seller's file stays with the officers)."""
    return (event.actor_label == CONSUMER or event.actor_label in STAFF
            or (event.type in SELLER_STEPS and event.type != "attachment"))


def public_timeline(complaint: Complaint) -> list[dict[str, Any]]:
    """What the consumer may see of the case's history."""
    workflow = COMPLAINT_WORKFLOW
    entries = []
    for event in timeline(complaint, {Visibility.PUBLIC, Visibility.PARTIES}):
        if not _for_consumer(event) or event.case_id != complaint.id:
            continue
        status = event.after if event.type in ("filed", "transition") else None
        entries.append({"at": event.at, "type": event.type, "status": status,
                        "label": workflow.label(status) if status else "",
                        "by": (event.actor_label if event.actor_label in (CONSUMER, SELLER)
                               else "redress"),
                        "body": event.body if event.type != "attachment" and _told(event)
                        else None,
                        "file": event.after if event.type == "attachment" else None})
    return entries


def question(complaint: Complaint, entries: list[dict[str, Any]]) -> str | None:
    """The officers' question the consumer is asked to answer now, if any."""
    if complaint.status != "awaiting_consumer":
        return None
    asked = [e for e in entries if e["status"] == "awaiting_consumer"]
    return asked[-1]["body"] if asked else None


def tracking_view(complaint: Complaint) -> dict[str, Any]:
    """Everything the tracking page and API show of a complaint its consumer opened."""
    entries = public_timeline(complaint)
    final = complaint.status in FINAL or complaint.status == "closed"
    feedback = feedback_of(complaint)
    return {
        "reference": complaint.reference, "status": complaint.status,
        "status_label": COMPLAINT_WORKFLOW.label(complaint.status),
        "due_at": complaint.due_at, "timeline": entries,
        "messages": [e for e in entries if e["type"] == "message"],
        "question": question(complaint, entries),
        "evidence": [{"id": a.id, "filename": a.filename, "size": a.size,
                      "content_type": a.content_type} for a in consumer_evidence(complaint)],
        "can_add_evidence": not final, "can_withdraw": not final,
        "can_answer": complaint.status == "awaiting_consumer",
        "ended_at": ended_at(complaint), "can_give_feedback": feedback_open(complaint),
        "feedback": ({"rating": feedback.rating, "comment": feedback.comment}
                     if feedback else None),
    }
