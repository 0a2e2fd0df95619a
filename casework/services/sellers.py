"""How cases follow sellers: the link from a case reference on a seller's pages to the case, and
the case's seller when an officer moves its credit events to another seller."""

from __future__ import annotations

from flask import url_for
from sqlalchemy import select

from casework.models import Case, Visibility
from casework.services.access import SYSTEM_ACTOR, Actor
from casework.services.timeline import record_event
from core.db import session
from core.models import User


def case_link(reference: str) -> str | None:
    """The officer's page of the case `reference`, if there is one."""
    case_id = session.scalar(select(Case.id).where(Case.reference == reference))
    return url_for("casework_officer.case", case_id=case_id) if case_id is not None else None


def follow_seller(reference: str, source_id: int, target_id: int, actor: User | None) -> None:
    """The case's events count on `target_id` now: so is the case about it."""
    case = session.scalar(select(Case).where(Case.reference == reference))
    if case is None or case.seller_id == target_id:
        return
    before = case.seller_id
    case.seller_id = target_id
    session.flush()
    session.expire(case, ["seller"])
    record_event(
        case,
        Actor.of(actor) if actor is not None else SYSTEM_ACTOR,
        "seller_changed",
        before=str(before or source_id),
        after=str(target_id),
        visibility=Visibility.INTERNAL,
    )
