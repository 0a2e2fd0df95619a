"""Insight's own tables: facts kept per case and per move, daily rollups, alerts, narratives.

Facts are written as cases move (insight.services.recording, a flush hook on the casework
timeline), so the figures never need a case loaded again; rollups are what the pages read,
recomputed by a job with INSERT ... SELECT ... GROUP BY. Dimensions use "" rather than NULL so
that groups compare.
"""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core import clock
from core.db import Base
from core.models import enum_column


class CaseFacts(Base):
    """What insight knows of one case: its dimensions, decision, outcome and timeliness."""

    __tablename__ = "insight_case_facts"
    __table_args__ = (
        Index("ix_insight_case_facts_filed_day", "filed_day"),
        Index("ix_insight_case_facts_outcome_day", "outcome_day"),
    )

    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    kind: Mapped[str] = mapped_column(String(40))
    filed_day: Mapped[date]
    queue_id: Mapped[int | None]
    platform: Mapped[str] = mapped_column(String(80), default="")
    category: Mapped[str] = mapped_column(String(40), default="")
    language: Mapped[str] = mapped_column(String(8), default="")
    seller_id: Mapped[int | None] = mapped_column(index=True)
    brand: Mapped[str] = mapped_column(String(120), default="")
    product: Mapped[str] = mapped_column(String(200), default="")
    analysed: Mapped[bool] = mapped_column(default=False)  # the NLP suggested a category
    triaged: Mapped[bool] = mapped_column(default=False)  # its confidence sent it to triage
    corrected: Mapped[bool] = mapped_column(default=False)  # an officer corrected the NLP
    decision: Mapped[str | None] = mapped_column(String(40))  # accepted, taken_down, rejected...
    decision_at: Mapped[datetime | None]
    decision_day: Mapped[date | None] = mapped_column(index=True)
    decision_working_days: Mapped[int | None]
    outcome: Mapped[str | None] = mapped_column(String(40))  # the first final state
    outcome_at: Mapped[datetime | None]
    outcome_day: Mapped[date | None]
    outcome_working_days: Mapped[int | None]
    seller_response: Mapped[str] = mapped_column(String(20), default="")  # see services.recording
    stages_timed: Mapped[int] = mapped_column(default=0)  # stages left that had a deadline
    stages_late: Mapped[int] = mapped_column(default=0)  # ... and were left after it


class MoveType(enum.StrEnum):
    EXIT = "exit"  # the case left a stage
    ESCALATED = "escalated"
    CORRECTION = "correction"  # an officer corrected the NLP result


class CaseMove(Base):
    """One thing that happened to a case that the figures count, with its dimensions then."""

    __tablename__ = "insight_case_moves"
    __table_args__ = (Index("ix_insight_case_moves_day", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    type: Mapped[MoveType] = mapped_column(enum_column(MoveType, 12))
    at: Mapped[datetime]
    day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(40))
    queue_id: Mapped[int | None]
    platform: Mapped[str] = mapped_column(String(80), default="")
    category: Mapped[str] = mapped_column(String(40), default="")
    language: Mapped[str] = mapped_column(String(8), default="")
    stage: Mapped[str] = mapped_column(String(40), default="")  # the stage left or escalated
    target: Mapped[str] = mapped_column(String(40), default="")  # new state, level, category
    due_at: Mapped[datetime | None]  # the stage's deadline in force when it was left
    within: Mapped[bool | None]  # left by its deadline (None: the stage had none)
    working_days: Mapped[int | None]  # working days spent in the stage


DIMENSIONS = ("kind", "queue_id", "platform", "category", "language")


class DailyIntake(Base):
    """Cases filed per day and dimension, with how many the NLP analysed, triaged, corrected."""

    __tablename__ = "insight_daily_intake"
    __table_args__ = (Index("ix_insight_daily_intake_day", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(40))
    queue_id: Mapped[int | None]
    platform: Mapped[str] = mapped_column(String(80))
    category: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8))
    filed: Mapped[int]
    analysed: Mapped[int]
    triaged: Mapped[int]
    corrected: Mapped[int]


class DailyMoves(Base):
    """Stage exits, escalations and corrections per day, stage and target, with deadlines met."""

    __tablename__ = "insight_daily_moves"
    __table_args__ = (Index("ix_insight_daily_moves_day", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(40))
    queue_id: Mapped[int | None]
    platform: Mapped[str] = mapped_column(String(80))
    category: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8))
    type: Mapped[str] = mapped_column(String(12))
    stage: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(40))
    moves: Mapped[int]
    timed: Mapped[int]  # of them, stages that had a deadline
    within: Mapped[int]  # ... left by it


class DailyDurations(Base):
    """A histogram: decisions and outcomes per day by working days since filing.

    Percentiles are read from it (cumulative counts), which costs the same at any size and gives
    the same answer on every database.
    """

    __tablename__ = "insight_daily_durations"
    __table_args__ = (Index("ix_insight_daily_durations_day", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(40))
    queue_id: Mapped[int | None]
    platform: Mapped[str] = mapped_column(String(80))
    category: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8))
    milestone: Mapped[str] = mapped_column(String(12))  # decision, outcome
    target: Mapped[str] = mapped_column(String(40))
    working_days: Mapped[int]
    cases: Mapped[int]
    timely: Mapped[int]  # outcome only: no stage was left after its deadline


class DailySubjects(Base):
    """Cases filed per day about one seller, brand or product (the top lists)."""

    __tablename__ = "insight_daily_subjects"
    __table_args__ = (Index("ix_insight_daily_subjects_day", "day", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    kind: Mapped[str] = mapped_column(String(40))
    platform: Mapped[str] = mapped_column(String(80))
    subject: Mapped[str] = mapped_column(String(10))  # seller, brand, product
    key: Mapped[str] = mapped_column(String(200))
    cases: Mapped[int]


class OpenSnapshot(Base):
    """Open cases counted by every dimension the pages filter by, as of `taken_at`.

    Age bands and escalation levels are columns, not dimensions, so the table's size is bounded
    by the dimensions (kinds, states, queues, officers, platforms, categories, languages) and not
    by the number of open cases.
    """

    __tablename__ = "insight_open_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    taken_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(40))
    queue_id: Mapped[int | None]
    assignee_id: Mapped[int | None]
    platform: Mapped[str] = mapped_column(String(80))
    category: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(8))
    cases: Mapped[int]
    due_soon: Mapped[int]  # due within two days
    overdue: Mapped[int]  # past their deadline
    # by age (see insight.services.rollups.AGE_BANDS): under 2 days, 7, 30, 90, older
    age_0: Mapped[int]
    age_1: Mapped[int]
    age_2: Mapped[int]
    age_3: Mapped[int]
    age_4: Mapped[int]
    # by escalation level reached in the current stage
    level_1: Mapped[int]
    level_2: Mapped[int]
    level_3: Mapped[int]


class RollupState(Base):
    """When the rollups were last refreshed (one row)."""

    __tablename__ = "insight_rollup_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    refreshed_at: Mapped[datetime]
    snapshot_at: Mapped[datetime | None]


class AlertRules(Base):
    """The thresholds of the systemic alerts, set by admins (one row; defaults when absent)."""

    __tablename__ = "insight_alert_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_threshold: Mapped[int] = mapped_column(default=10)  # complaints about one seller...
    window_days: Mapped[int] = mapped_column(default=7)  # ... within this many days
    rise_factor: Mapped[int] = mapped_column(default=3)  # times the usual weekly level
    rise_minimum: Mapped[int] = mapped_column(default=5)  # and at least this many
    baseline_weeks: Mapped[int] = mapped_column(default=8)
    updated_at: Mapped[datetime] = mapped_column(default=clock.now)


class AlertKind(enum.StrEnum):
    SELLER_VOLUME = "seller_volume"
    BRAND_RISE = "brand_rise"
    PRODUCT_RISE = "product_rise"


class Alert(Base):
    """One episode of a systemic pattern: open while it lasts, ended when it no longer holds."""

    __tablename__ = "insight_alerts"
    __table_args__ = (Index("ix_insight_alerts_subject", "kind", "key", "ended_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[AlertKind] = mapped_column(enum_column(AlertKind, 20))
    key: Mapped[str] = mapped_column(String(200))  # seller id, brand or product
    label: Mapped[str] = mapped_column(String(200))  # what the supervisor reads
    count: Mapped[int]  # cases in the window when last seen
    baseline: Mapped[int] = mapped_column(default=0)  # usual weekly level (rises)
    started_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class AlertCase(Base):
    __tablename__ = "insight_alert_cases"

    alert_id: Mapped[int] = mapped_column(
        ForeignKey("insight_alerts.id", ondelete="CASCADE"), primary_key=True
    )
    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class NarrativeStatus(enum.StrEnum):
    APPROVED = "approved"
    WITHHELD = "withheld"


class Narrative(Base):
    """A consumer's narrative as redacted for publication, and the officer who approved it.

    `source_sha256` is the digest of the text that was redacted: if the text changes (or is
    anonymised), the approval no longer matches and nothing is published.
    """

    __tablename__ = "insight_narratives"
    __table_args__ = (UniqueConstraint("case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    redacted: Mapped[str] = mapped_column(Text)
    source_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[NarrativeStatus] = mapped_column(enum_column(NarrativeStatus, 10))
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime]
