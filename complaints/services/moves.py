"""Every move of a complaint goes through casework's transition() (the workflow table, the
timeline, the deadline); here a move it refuses becomes the complaint's Refusal."""

from __future__ import annotations

from typing import Any

from casework.access import Actor
from casework.transitions import TransitionError, transition
from complaints.models import Complaint
from complaints.workflow import ComplaintState
from core.errors import Refusal
from core.models import User

# casework's codes of a refused move, as refusal codes with the same status as before.
_CODES = {"invalid": "refused", "forbidden": "forbidden", "conflict": "conflict"}


def move(complaint: Complaint, to: ComplaintState, actor: Actor | User,
         reason: str | None = None, *, data: dict[str, Any] | None = None) -> None:
    """Move the complaint to `to` as `actor`, or raise a Refusal saying why not."""
    try:
        transition(complaint, to, actor, reason, data=data)
    except TransitionError as error:
        if isinstance(error, Refusal):  # casework refuses in the one type already
            raise
        raise Refusal(error.message, _CODES.get(error.code, "refused")) from error
