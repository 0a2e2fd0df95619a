"""Who acts on a case, and who may see it: officers see the cases of their queues and their own."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, false, or_, select

from casework.models import Case, QueueMember
from casework.workflow import SYSTEM
from core.db import session
from core.models import Role, User

SUPERVISING = frozenset({Role.SUPERVISOR, Role.ADMIN})


@dataclass(frozen=True)
class Actor:
    """Who makes a change: a signed-in user, or a party or job without an account."""

    label: str  # a role value, or consumer / seller / rights_holder / system
    user: User | None = None

    @classmethod
    def of(cls, who: User | Actor) -> Actor:
        return who if isinstance(who, Actor) else cls(who.role.value, who)


SYSTEM_ACTOR = Actor(SYSTEM)


def queue_ids_of(user: User) -> list[int]:
    """The queues the user works in."""
    return list(session.scalars(select(QueueMember.queue_id).where(QueueMember.user_id == user.id)))


def visible_to(user: User) -> ColumnElement[bool]:
    """A condition on `Case` that keeps the cases `user` may see."""
    if user.role in SUPERVISING:
        return Case.id.is_not(None)
    if user.role != Role.OFFICER:
        return false()
    return or_(Case.assignee_id == user.id, Case.queue_id.in_(queue_ids_of(user)))


def can_see(user: User, case: Case) -> bool:
    if user.role in SUPERVISING:
        return True
    if user.role != Role.OFFICER:
        return False
    return case.assignee_id == user.id or case.queue_id in queue_ids_of(user)
