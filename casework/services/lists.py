"""Officer case lists: views, sorts, filters and keyset pagination that stay fast at any size.

Each list is read one queue at a time (or from the officer's own cases), every part by a
partial index whose columns match the sort, and the parts are merged here. A page therefore
reads about (queues x page size) index entries, whatever the number of cases. Numbered pages
(an offset) and the count behind them stop at COUNTED cases, so their cost is bounded too;
further on, "Next page" goes on by keyset.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, literal_column, or_, select
from sqlalchemy.orm import selectin_polymorphic, selectinload

from casework.kinds import case_kinds
from casework.models import Case, EscalationLevel, Queue
from casework.services.access import SUPERVISING, queue_ids_of
from core import clock
from core.db import session
from core.errors import Refusal
from core.models import User
from sellers.models import Seller

VIEWS = ("queue", "mine", "unassigned", "due_soon", "overdue", "escalated")
SORTS = ("urgency", "filed", "activity")
DUE_SOON = timedelta(days=2)
FAR_FUTURE = datetime.max.replace(year=9999)


class ListError(Refusal):
    """A list page asked for with a broken cursor or an unknown view."""


@dataclass(frozen=True)
class CaseFilter:
    view: str = "queue"
    sort: str = "urgency"
    queue_id: int | None = None
    kind: str | None = None
    status: str | None = None
    category: str | None = None
    language: str | None = None
    priority: int | None = None

    def conditions(self, user: User, now: datetime) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = [Case.closed_at.is_(None)]
        views = {
            "mine": Case.assignee_id == user.id,
            "unassigned": Case.assignee_id.is_(None),
            "due_soon": and_(Case.due_at >= now, Case.due_at < now + DUE_SOON),
            "overdue": Case.due_at < now,
            # a literal, so that PostgreSQL matches the partial index of escalated cases
            "escalated": Case.escalation_level >= literal_column(str(int(EscalationLevel.OVERDUE))),
        }
        if self.view in views:
            found.append(views[self.view])
        for name in ("kind", "status", "category", "language", "priority"):
            value = getattr(self, name)
            if value is not None:
                found.append(getattr(Case, name) == value)
        return found


@dataclass(frozen=True)
class CaseRow:
    """Who and what a listed case is about: its consumer (or rights holder), seller, subject."""

    party: str
    seller: str
    subject: str


PAGE_SIZES = (25, 50, 100)
COUNTED = 2000  # numbered pages reach this far; the count stops here


@dataclass
class Page:
    cases: list[Case]
    next_cursor: str | None
    queues: list[Queue] = field(default_factory=list)
    rows: dict[int, CaseRow] = field(default_factory=dict)
    total: int = 0  # the cases of the list, counted up to COUNTED
    size: int = 50

    @property
    def numbered(self) -> int:
        """How many numbered pages there are (the rest is reached with "Next page")."""
        return max(1, -(-min(self.total, COUNTED) // self.size))

    @property
    def counted_all(self) -> bool:
        return self.total <= COUNTED

    def page_links(self, current: int) -> list[int | None]:
        """The page numbers to link: the first, the last and two either side of the current
        one; None where two or more numbers are left out."""
        last = self.numbered
        shown = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
        links: list[int | None] = []
        for number in shown:
            gap = number - (links[-1] or 0) if links else 1
            if gap == 2:  # one number left out: show it rather than "…"
                links.append(number - 1)
            elif gap > 2:
                links.append(None)
            links.append(number)
        return links


SUBJECT_LENGTH = 80


def case_rows(cases: list[Case]) -> dict[int, CaseRow]:
    """The party, seller and subject of each listed case, read through its kind. The kinds'
    own columns and the sellers are loaded for the whole page at once, not case by case."""
    if not cases:
        return {}
    kinds = case_kinds()
    session.scalars(
        select(Case)
        .where(Case.id.in_([case.id for case in cases]))
        .options(
            selectin_polymorphic(Case, [m.class_ for m in Case.__mapper__.self_and_descendants]),
            selectinload(Case.seller).selectinload(Seller.platform),
        )
        .execution_options(populate_existing=True)
    ).all()
    rows = {}
    for case in cases:
        kind = kinds.get(case.kind)
        if kind is None:
            continue
        parties = kind.parties(case)
        party = next((p.name for p in parties if p.role != "seller"), "")
        seller = next((p.name for p in parties if p.role == "seller"), "")
        text = " ".join(kind.text(case).split())
        subject = text if len(text) <= SUBJECT_LENGTH else text[: SUBJECT_LENGTH - 1] + "…"
        rows[case.id] = CaseRow(party, seller, subject)
    return rows


def _sort_key(case: Case, sort: str) -> tuple[Any, ...]:
    if sort == "urgency":
        return (case.priority, case.due_at is None, case.due_at or FAR_FUTURE, case.id)
    if sort == "filed":
        return (case.created_at, case.id)
    return (-case.last_activity_at.timestamp(), -case.id)


def _order(sort: str) -> tuple[Any, ...]:
    if sort == "urgency":
        return (Case.priority, Case.due_at.asc().nulls_last(), Case.id)
    if sort == "filed":
        return (Case.created_at, Case.id)
    return (Case.last_activity_at.desc(), Case.id.desc())


def encode_cursor(case: Case, sort: str) -> str:
    if sort == "urgency":
        due = case.due_at.isoformat() if case.due_at else "-"
        return f"{case.priority}_{due}_{case.id}"
    moment = case.created_at if sort == "filed" else case.last_activity_at
    return f"{moment.isoformat()}_{case.id}"


def _after(cursor: str, sort: str) -> ColumnElement[bool]:
    """The keyset condition: rows after the cursor in the sort's order."""
    try:
        if sort == "urgency":
            priority_text, due_text, id_text = cursor.split("_")
            priority, case_id = int(priority_text), int(id_text)
            if due_text == "-":
                return or_(
                    Case.priority > priority,
                    and_(Case.priority == priority, Case.due_at.is_(None), Case.id > case_id),
                )
            due = datetime.fromisoformat(due_text)
            return and_(
                Case.priority >= priority,
                or_(
                    Case.priority > priority,
                    Case.due_at > due,
                    Case.due_at.is_(None),
                    and_(Case.due_at == due, Case.id > case_id),
                ),
            )
        moment_text, id_text = cursor.rsplit("_", 1)
        moment, case_id = datetime.fromisoformat(moment_text), int(id_text)
    except ValueError as error:
        raise ListError("bad cursor") from error
    if moment.tzinfo is None:
        raise ListError("bad cursor")
    if sort == "filed":
        return or_(Case.created_at > moment, and_(Case.created_at == moment, Case.id > case_id))
    return or_(
        Case.last_activity_at < moment, and_(Case.last_activity_at == moment, Case.id < case_id)
    )


def list_queues(user: User) -> list[Queue]:
    """The queues the user works in (every queue for supervisors and admins)."""
    query = select(Queue).order_by(Queue.name)
    if user.role not in SUPERVISING:
        query = query.where(Queue.id.in_(queue_ids_of(user)))
    return list(session.scalars(query))


def officer_cases(
    user: User, wanted: CaseFilter, cursor: str | None = None, limit: int = 50, number: int = 1
) -> Page:
    """One page of the open cases `user` may see, as the view, filters and sort ask: the one
    after `cursor`, else the numbered page `number` of `limit` cases."""
    if wanted.view not in VIEWS or wanted.sort not in SORTS:
        raise ListError("unknown view or sort")
    skip = 0 if cursor else (number - 1) * limit
    if skip >= COUNTED:
        raise ListError("page number beyond the numbered pages")
    queues = list_queues(user)
    now = clock.now()
    base = wanted.conditions(user, now)
    parts = _parts(user, wanted, queues)
    total = _count(parts, base)
    if cursor:
        base.append(_after(cursor, wanted.sort))
    found: list[Case] = []
    for part in parts:
        query = (
            select(Case).where(part, *base).order_by(*_order(wanted.sort)).limit(skip + limit + 1)
        )
        found.extend(session.scalars(query))
    found = list({case.id: case for case in found}.values())  # a case of both parts once
    ordered = heapq.nsmallest(
        skip + limit + 1, found, key=lambda case: _sort_key(case, wanted.sort)
    )[skip:]
    more = len(ordered) > limit
    page = ordered[:limit]
    next_cursor = encode_cursor(page[-1], wanted.sort) if more else None
    return Page(page, next_cursor, queues, case_rows(page), total=total, size=limit)


def _parts(user: User, wanted: CaseFilter, queues: list[Queue]) -> list[ColumnElement[bool]]:
    """The list read in parts, each by its own index: a queue each, or one's own cases."""
    if wanted.view == "mine":
        return [Case.assignee_id == user.id]
    chosen = [q.id for q in queues if wanted.queue_id in (None, q.id)]
    parts: list[ColumnElement[bool]] = [Case.queue_id == queue_id for queue_id in chosen]
    if wanted.queue_id is None and user.role not in SUPERVISING:
        parts.append(Case.assignee_id == user.id)  # one's own cases, whatever their queue
    return parts


def _count(parts: list[ColumnElement[bool]], base: list[ColumnElement[bool]]) -> int:
    """The cases of the list, counted no further than one past COUNTED."""
    if not parts:
        return 0
    found = select(Case.id).where(or_(*parts), *base).limit(COUNTED + 1).subquery()
    return session.scalar(select(func.count()).select_from(found)) or 0
