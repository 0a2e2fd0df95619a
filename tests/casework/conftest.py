"""A small case kind for testing casework, registered for a test and removed after it.

It adds no table of its own (a single-table subclass of Case), so it works on the migrated
databases every test runs on.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from casework.kinds import CaseKind, Party, register_case_kind, unregister_case_kind
from casework.models import Calendar, Case, Queue, QueueMember, QueueRule
from casework.services.filing import open_case
from casework.workflow import STAFF, State, Transition, Workflow
from core import clock
from core.db import session
from core.models import Role, User
from core.passwords import hash_password
from tests.conftest import PASSWORD

PASSWORD_HASH = hash_password(PASSWORD)

TEST_WORKFLOW = Workflow(
    kind="test_kind",
    initial="submitted",
    states=(
        State("submitted", sla_days=7),
        State("awaiting_consumer", paused=True),
        State("accepted", sla_days=10, waits_on="consumer"),
        State("mediation", sla_days=45, counted_from="accepted"),
        State("resolved", decided=True),
        State("rejected", decided=True),
        State("merged", decided=True),
    ),
    transitions=(
        Transition("submitted", "accepted"),
        Transition("submitted", "rejected", needs_reason=True),
        Transition("submitted", "awaiting_consumer"),
        Transition("awaiting_consumer", "submitted", by=STAFF | {"consumer"}),
        Transition("accepted", "mediation", by=STAFF | {"system"}),
        Transition("mediation", "resolved"),
        *(Transition(state, "merged") for state in ("submitted", "accepted", "mediation")),
    ),
)


class KindCase(Case):
    """A test case: the base table only."""

    __mapper_args__ = {"polymorphic_identity": "test_kind"}  # noqa: RUF012


TEXTS: dict[str, str] = {}  # reference -> the consumer's text
KEYS: dict[str, list[tuple[str, str]]] = {}


def _parties(case: Case) -> list[Party]:
    return [Party("consumer", "Anna Berg", f"anna-{case.reference.lower()}@example.org", "zh"),
            Party("seller", "Bright Store", None)]


TEST_KIND = CaseKind(
    name="test_kind", label="Test case", reference_prefix="T", nlp_kind="consumer",
    workflow=TEST_WORKFLOW, parties=_parties, text=lambda case: TEXTS.get(case.reference, ""),
    search_text=lambda case: TEXTS.get(case.reference, ""),
    relation_keys=lambda case: KEYS.get(case.reference, []),
    anonymise=lambda case: TEXTS.pop(case.reference, None),
)


@pytest.fixture
def test_kind(app: Flask) -> Iterator[CaseKind]:
    register_case_kind(app, TEST_KIND)
    try:
        yield TEST_KIND
    finally:
        unregister_case_kind(app, TEST_KIND.name)


def shanghai(text: str) -> datetime:
    """A moment given in Shanghai time, e.g. "2026-03-02 10:00"."""
    return datetime.fromisoformat(text + "+08:00")


def file_case(at: str | None = None, text: str = "", keys: list[tuple[str, str]] | None = None,
              analysis: dict[str, Any] | None = None, **fields: Any) -> KindCase:
    """File a test case (inside an app context), at a Shanghai time if given; committed."""
    if at:
        clock.set_now(shanghai(at))
    case = KindCase(**fields)
    case.reference = f"T-TEST-{uuid.uuid4().hex[:8].upper()}"
    TEXTS[case.reference] = text
    KEYS[case.reference] = keys or []
    open_case(case, analysis=analysis)
    session.commit()
    return case


def make_queue(code: str | None = None, members: list[User] = (), rule: dict | None = None,
               **fields: Any) -> Queue:
    """A queue on the mainland China calendar, with members and a routing rule."""
    calendar = session.scalars(select(Calendar).where(Calendar.code == "CN")).one()
    queue = Queue(code=code or f"q-{uuid.uuid4().hex[:6]}", name=fields.pop("name", "Queue"),
                  calendar_id=calendar.id, **fields)
    session.add(queue)
    session.flush()
    for member in members:
        session.add(QueueMember(queue_id=queue.id, user_id=member.id))
    if rule is not None:
        session.add(QueueRule(queue_id=queue.id, position=rule.pop("position", 10), **rule))
    session.commit()
    return queue


@pytest.fixture
def in_app(app: Flask, test_kind: CaseKind) -> Iterator[Callable[[], None]]:
    """The app context the services run in."""
    with app.app_context():
        yield lambda: None


def make_staff(role: Role, name: str | None = None) -> User:
    """A staff account (inside an app context), committed; password tests.conftest.PASSWORD."""
    user = User(email=f"{role.value}-{uuid.uuid4().hex[:6]}@example.org",
                name=name or f"Test {role.value}", password_hash=PASSWORD_HASH, role=role)
    session.add(user)
    session.commit()
    return user
