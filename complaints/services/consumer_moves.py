"""The consumer's own moves of their complaint: answer the officers' question, withdraw."""

from __future__ import annotations

from flask_babel import gettext as _

from casework.transitions import TransitionError, transition
from complaints.models import Complaint
from complaints.services.checked_input import ConsumerError, refuse_ended
from complaints.services.evidence import CONSUMER_ACTOR

ANSWER_MAX = 5000


def answer_question(complaint: Complaint, answer: str) -> None:
    """The consumer's answer to an officer's question; the complaint goes back to them."""
    answer = (answer or "").strip()
    if complaint.status != "awaiting_consumer":
        raise ConsumerError(_("No question is waiting for your answer."))
    if not answer:
        raise ConsumerError(_("Write your answer first."), "answer")
    if len(answer) > ANSWER_MAX:
        raise ConsumerError(_("At most %(n)d characters, please.", n=ANSWER_MAX), "answer")
    _move(complaint, "submitted", answer)


def withdraw(complaint: Complaint) -> None:
    """The consumer ends the complaint."""
    refuse_ended(complaint)
    _move(complaint, "withdrawn", None)


def _move(complaint: Complaint, to: str, body: str | None) -> None:
    try:
        transition(complaint, to, CONSUMER_ACTOR, body)
    except TransitionError as error:
        raise ConsumerError(error.message) from error
