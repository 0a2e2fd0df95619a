"""Cases of every kind, their timeline, queues and routing rules, calendars, SLA overrides.

`Case` is the base of joined-table inheritance: `kind` names the subclass, and each kind's own
table is keyed on `cases.id`. Open-case lists are served by partial indexes whose columns match
each sort, so a queue page costs the same with ten thousand cases as with a million.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core import clock
from core.db import Base
from core.models import User, enum_column
from sellers.models import Seller

OPEN = text("closed_at IS NULL")
OPEN_UNASSIGNED = text("closed_at IS NULL AND assignee_id IS NULL")
OPEN_ESCALATED = text("closed_at IS NULL AND escalation_level >= 2")


class Priority(enum.IntEnum):
    """Stored so that ascending order is most urgent first (index order = urgency order)."""

    URGENT = 0
    HIGH = 1
    NORMAL = 2
    LOW = 3


class EscalationLevel(enum.IntEnum):
    NONE = 0
    WARNING = 1  # 75% of the stage's working time
    OVERDUE = 2  # 100%
    VERY_OVERDUE = 3  # 200%


class Visibility(enum.StrEnum):
    INTERNAL = "internal"  # staff only
    PARTIES = "parties"  # staff and the case's parties
    PUBLIC = "public"  # also the public timeline


class DayKind(enum.StrEnum):
    HOLIDAY = "holiday"
    WORKDAY = "workday"  # a make-up working day on a weekend


def _open_index(name: str, *columns: str, where: Any = OPEN) -> Index:
    return Index(name, *columns, postgresql_where=where, sqlite_where=where)


class Calendar(Base):
    """Working days of one jurisdiction; days live in `calendar_days`, complete years in
    `calendar_years` (a year missing there falls back to weekends only)."""

    __tablename__ = "calendars"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    time_zone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    weekend: Mapped[str] = mapped_column(String(20), default="5,6")  # weekday numbers, Monday 0


class CalendarDay(Base):
    __tablename__ = "calendar_days"
    __table_args__ = (UniqueConstraint("calendar_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    calendar_id: Mapped[int] = mapped_column(ForeignKey("calendars.id", ondelete="CASCADE"))
    day: Mapped[date]
    kind: Mapped[DayKind] = mapped_column(enum_column(DayKind, 10))
    name: Mapped[str] = mapped_column(String(120))


class CalendarYear(Base):
    """A year whose holidays are complete in the calendar, and where they came from."""

    __tablename__ = "calendar_years"

    calendar_id: Mapped[int] = mapped_column(
        ForeignKey("calendars.id", ondelete="CASCADE"), primary_key=True
    )
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(String(80))


class Queue(Base):
    """Where cases wait for officers; its calendar counts the deadlines of the cases in it."""

    __tablename__ = "queues"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    calendar_id: Mapped[int] = mapped_column(ForeignKey("calendars.id"))
    triage: Mapped[bool] = mapped_column(default=False)  # where low-confidence cases go
    auto_assign: Mapped[bool] = mapped_column(default=False)  # load-balanced on arrival

    calendar: Mapped[Calendar] = relationship()
    rules: Mapped[list[QueueRule]] = relationship(
        order_by="QueueRule.position", cascade="all, delete-orphan", back_populates="queue"
    )


class QueueRule(Base):
    """Routes a new case matching every field given (None matches anything) to `queue`."""

    __tablename__ = "queue_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    queue_id: Mapped[int] = mapped_column(ForeignKey("queues.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(index=True)  # the first matching rule wins
    kind: Mapped[str | None] = mapped_column(String(40))
    category: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str | None] = mapped_column(String(8))
    priority: Mapped[int | None] = mapped_column(SmallInteger)
    jurisdiction: Mapped[str | None] = mapped_column(String(8))

    queue: Mapped[Queue] = relationship(back_populates="rules")


class QueueMember(Base):
    __tablename__ = "queue_members"

    queue_id: Mapped[int] = mapped_column(
        ForeignKey("queues.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    on_duty: Mapped[bool] = mapped_column(default=True)

    user: Mapped[User] = relationship()


class SlaPolicy(Base):
    """An admin's override of the working days a kind's workflow gives a state."""

    __tablename__ = "sla_policies"
    __table_args__ = (UniqueConstraint("kind", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(40))
    sla_days: Mapped[int]


class ReferenceCounter(Base):
    """The last number given per prefix and year; bumped by one conditional UPDATE."""

    __tablename__ = "reference_counters"

    prefix: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(default=0)


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        CheckConstraint("priority BETWEEN 0 AND 3", name="priority"),
        _open_index("ix_cases_queue_urgency", "queue_id", "priority", "due_at", "id"),
        _open_index("ix_cases_queue_filed", "queue_id", "created_at", "id"),
        _open_index("ix_cases_queue_activity", "queue_id", "last_activity_at", "id"),
        _open_index("ix_cases_assignee_urgency", "assignee_id", "priority", "due_at", "id"),
        _open_index("ix_cases_assignee_filed", "assignee_id", "created_at", "id"),
        _open_index("ix_cases_assignee_activity", "assignee_id", "last_activity_at", "id"),
        _open_index(
            "ix_cases_unassigned_urgency",
            "queue_id",
            "priority",
            "due_at",
            "id",
            where=OPEN_UNASSIGNED,
        ),
        _open_index(
            "ix_cases_escalated_urgency",
            "queue_id",
            "priority",
            "due_at",
            "id",
            where=OPEN_ESCALATED,
        ),
        _open_index(
            "ix_cases_queue_category_urgency", "queue_id", "category", "priority", "due_at", "id"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(40))
    category: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str | None] = mapped_column(String(8))
    jurisdiction: Mapped[str | None] = mapped_column(String(8))
    priority: Mapped[int] = mapped_column(SmallInteger, default=Priority.NORMAL)
    queue_id: Mapped[int | None] = mapped_column(ForeignKey("queues.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    seller_id: Mapped[int | None] = mapped_column(ForeignKey("sellers.id"), index=True)
    calendar_id: Mapped[int | None] = mapped_column(ForeignKey("calendars.id"), index=True)
    # The clock of the current stage: counted from stage_started_at, `sla_days` long, of which
    # `sla_days_used` were spent before a pause (see casework.services.deadlines).
    stage_started_at: Mapped[datetime]
    sla_days: Mapped[int | None]
    sla_days_used: Mapped[int] = mapped_column(default=0)
    paused_stage: Mapped[str | None] = mapped_column(String(40))
    due_at: Mapped[datetime | None]
    due_explanation: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    next_escalation_at: Mapped[datetime | None] = mapped_column(index=True)
    escalation_level: Mapped[int] = mapped_column(SmallInteger, default=EscalationLevel.NONE)
    created_at: Mapped[datetime] = mapped_column(default=clock.now)
    last_activity_at: Mapped[datetime] = mapped_column(default=clock.now)
    closed_at: Mapped[datetime | None]
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    anonymised_at: Mapped[datetime | None]  # personal data removed after the retention period
    nlp_analysis: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    nlp_confidence: Mapped[float | None] = mapped_column(Float)
    search_text: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(default=1)

    queue: Mapped[Queue | None] = relationship()
    assignee: Mapped[User | None] = relationship()
    seller: Mapped[Seller | None] = relationship()
    calendar: Mapped[Calendar | None] = relationship()

    __mapper_args__ = {  # noqa: RUF012 - SQLAlchemy's declarative attribute
        "polymorphic_on": "kind",
        "version_id_col": version,
    }

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class CaseEvent(Base):
    """One line of a case's timeline. Rows are only ever added."""

    __tablename__ = "case_events"
    __table_args__ = (Index("ix_case_events_case_at", "case_id", "at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    at: Mapped[datetime] = mapped_column(default=clock.now)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor_label: Mapped[str] = mapped_column(String(40))  # role or party: officer, consumer, system
    type: Mapped[str] = mapped_column(String(30))  # filed, transition, note, message, ...
    before: Mapped[str | None] = mapped_column(String(200))
    after: Mapped[str | None] = mapped_column(String(200))
    body: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    visibility: Mapped[Visibility] = mapped_column(enum_column(Visibility, 10))

    actor: Mapped[User | None] = relationship()


class CaseAttachment(Base):
    """A file added to a case; stored outside the web root under its SHA-256."""

    __tablename__ = "case_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("case_events.id"))
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))


class CaseKey(Base):
    """A key that relates cases and finds them: e-mail, order number, seller, listing, ..."""

    __tablename__ = "case_keys"
    __table_args__ = (Index("ix_case_keys_name_value", "name", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(500))


class DeadlineReminder(Base):
    """A reminder sent to a party for one deadline; the unique key makes it once only."""

    __tablename__ = "deadline_reminders"
    __table_args__ = (UniqueConstraint("case_id", "due_at", "party"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    due_at: Mapped[datetime]
    party: Mapped[str] = mapped_column(String(20))
    sent_at: Mapped[datetime]


class EscalationNotice(Base):
    """Someone to tell that a case reached an escalation level; mailed grouped, once."""

    __tablename__ = "escalation_notices"
    __table_args__ = (Index("ix_escalation_notices_pending", "recipient_id", "mailed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    level: Mapped[int] = mapped_column(SmallInteger)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]
    mailed_at: Mapped[datetime | None]
