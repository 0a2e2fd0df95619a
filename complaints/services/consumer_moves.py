"""The consumer's own moves of their complaint: answer the officers' question, withdraw."""

from __future__ import annotations

from flask_babel import gettext as _

from casework.services.transitions import transition
from complaints.models import Complaint
from complaints.services.checked_input import field_refused, refuse_ended
from complaints.services.evidence import (
    CONSUMER_ACTOR,
    checked_evidence,
    consumer_file_count,
    store_evidence,
)
from complaints.services.notifications import tell_consumer
from complaints.workflow import ComplaintState
from core.errors import Refusal

ANSWER_MAX = 5000


def answer_question(
    complaint: Complaint,
    answer: str,
    files: list[tuple[str, bytes]] | None = None,
    files_field: str = "answer_files",
) -> None:
    """The consumer's answer to an officer's question, with any files, on the case's timeline;
    the complaint goes back to the officers. One refused file refuses the whole answer."""
    answer = (answer or "").strip()
    if complaint.status != ComplaintState.AWAITING_CONSUMER:
        raise Refusal(_("No question is waiting for your answer."), "conflict")
    if not answer:
        raise field_refused("answer", _("Write your answer first."), "invalid")
    if len(answer) > ANSWER_MAX:
        raise field_refused(
            "answer", _("At most %(n)d characters, please.", n=ANSWER_MAX), "invalid"
        )
    checked = (
        checked_evidence(files, files_field, already=consumer_file_count(complaint))
        if files
        else []
    )
    transition(complaint, ComplaintState.SUBMITTED, CONSUMER_ACTOR, answer)
    store_evidence(complaint, checked)


def withdraw(complaint: Complaint) -> None:
    """The consumer ends the complaint; a mail confirms it (and warns, should someone else
    have used their link)."""
    refuse_ended(complaint)
    transition(complaint, ComplaintState.WITHDRAWN, CONSUMER_ACTOR)
    tell_consumer(complaint, "withdrawn")
