"""Demo data: a general queue worked by the demo officers."""

from __future__ import annotations

from sqlalchemy import select

from casework.models import Queue, QueueMember, QueueRule
from casework.services.calendar_store import default_calendar
from core.db import session
from core.models import Role, User


def load_demo_queues() -> list[str]:
    """A "general" queue taking every case that triage does not, with every demo officer in it."""
    queue = session.scalar(select(Queue).where(Queue.code == "general"))
    if queue is None:
        queue = Queue(code="general", name="General", calendar_id=default_calendar().id)
        session.add(queue)
        session.flush()
        session.add(QueueRule(queue_id=queue.id, position=1000))
    triage = session.scalar(select(Queue).where(Queue.triage).order_by(Queue.id).limit(1))
    staff = session.scalars(
        select(User).where(
            User.role.in_((Role.OFFICER, Role.SUPERVISOR)),
            User.email.like("%@demo.redress.example"),
        )
    )
    for user in staff:
        for target in (queue, triage):
            if target is not None and session.get(QueueMember, (target.id, user.id)) is None:
                session.add(QueueMember(queue_id=target.id, user_id=user.id))
    session.flush()
    return ["Queues: general and triage, worked by the demo officers and supervisor."]
