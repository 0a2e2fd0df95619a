"""Merging a duplicate into the case that goes on: the duplicate ends as `merged`."""

from __future__ import annotations

from flask_babel import gettext as _

from casework.kinds import case_kind
from casework.models import Case, Visibility
from casework.services.access import can_see
from casework.services.timeline import record_event
from casework.services.transitions import TransitionError, transition
from core.mail import queue_mail
from core.models import User

MERGED = "merged"


def merge_cases(duplicate: Case, survivor: Case, actor: User, reason: str | None = None) -> None:
    """End `duplicate` as merged into `survivor`; its parties are told, its events stay readable
    from the survivor's timeline."""
    if duplicate.id == survivor.id:
        raise TransitionError(_("A case cannot be merged into itself."))
    if not (can_see(actor, duplicate) and can_see(actor, survivor)):
        raise TransitionError(_("You do not work on both cases."), "forbidden")
    if duplicate.kind != survivor.kind:
        raise TransitionError(_("Only cases of the same kind can be merged."))
    if not survivor.is_open or survivor.merged_into_id is not None:
        raise TransitionError(_("The case %(reference)s is closed.", reference=survivor.reference))
    transition(duplicate, MERGED, actor, reason, data={"into": survivor.reference})
    duplicate.merged_into_id = survivor.id
    record_event(
        survivor,
        actor,
        "merged",
        after=duplicate.reference,
        visibility=Visibility.PARTIES,
        data={"duplicate": duplicate.reference},
    )
    for party in case_kind(duplicate.kind).parties(duplicate):
        if party.email:
            queue_mail(
                party.email,
                "casework/merged",
                party.language,
                duplicate=duplicate,
                survivor=survivor,
                party=party,
            )
