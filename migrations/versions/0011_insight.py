"""insight: rollups, alerts, open data

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "insight_alert_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seller_threshold", sa.Integer(), nullable=False),
        sa.Column("window_days", sa.Integer(), nullable=False),
        sa.Column("rise_factor", sa.Integer(), nullable=False),
        sa.Column("rise_minimum", sa.Integer(), nullable=False),
        sa.Column("baseline_weeks", sa.Integer(), nullable=False),
        sa.Column("updated_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insight_alert_rules")),
    )
    op.create_table(
        "insight_daily_durations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("queue_id", sa.Integer(), nullable=True),
        sa.Column("platform", sa.String(length=80), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("milestone", sa.String(length=12), nullable=False),
        sa.Column("target", sa.String(length=40), nullable=False),
        sa.Column("working_days", sa.Integer(), nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.Column("timely", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insight_daily_durations")),
    )
    with op.batch_alter_table("insight_daily_durations", schema=None) as batch_op:
        batch_op.create_index("ix_insight_daily_durations_day", ["day"], unique=False)
    op.create_table(
        "insight_daily_intake",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("queue_id", sa.Integer(), nullable=True),
        sa.Column("platform", sa.String(length=80), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("filed", sa.Integer(), nullable=False),
        sa.Column("analysed", sa.Integer(), nullable=False),
        sa.Column("triaged", sa.Integer(), nullable=False),
        sa.Column("corrected", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insight_daily_intake")),
    )
    with op.batch_alter_table("insight_daily_intake", schema=None) as batch_op:
        batch_op.create_index("ix_insight_daily_intake_day", ["day"], unique=False)
    op.create_table(
        "insight_daily_moves",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("queue_id", sa.Integer(), nullable=True),
        sa.Column("platform", sa.String(length=80), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("type", sa.String(length=12), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=40), nullable=False),
        sa.Column("moves", sa.Integer(), nullable=False),
        sa.Column("timed", sa.Integer(), nullable=False),
        sa.Column("within", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insight_daily_moves")),
    )
    with op.batch_alter_table("insight_daily_moves", schema=None) as batch_op:
        batch_op.create_index("ix_insight_daily_moves_day", ["day"], unique=False)
    op.create_table(
        "insight_daily_subjects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("platform", sa.String(length=80), nullable=False),
        sa.Column("subject", sa.String(length=10), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insight_daily_subjects")),
    )
    with op.batch_alter_table("insight_daily_subjects", schema=None) as batch_op:
        batch_op.create_index("ix_insight_daily_subjects_day", ["day", "subject"], unique=False)
    op.create_table(
        "insight_open_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("taken_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("queue_id", sa.Integer(), nullable=True),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.Column("platform", sa.String(length=80), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.Column("due_soon", sa.Integer(), nullable=False),
        sa.Column("overdue", sa.Integer(), nullable=False),
        sa.Column("age_0", sa.Integer(), nullable=False),
        sa.Column("age_1", sa.Integer(), nullable=False),
        sa.Column("age_2", sa.Integer(), nullable=False),
        sa.Column("age_3", sa.Integer(), nullable=False),
        sa.Column("age_4", sa.Integer(), nullable=False),
        sa.Column("level_1", sa.Integer(), nullable=False),
        sa.Column("level_2", sa.Integer(), nullable=False),
        sa.Column("level_3", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insight_open_snapshot")),
    )
    op.create_table(
        "insight_rollup_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("refreshed_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("snapshot_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insight_rollup_state")),
    )
    op.create_table(
        "insight_alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "seller_volume",
                "brand_rise",
                "product_rise",
                name="alertkind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("baseline", sa.Integer(), nullable=False),
        sa.Column("started_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["acknowledged_by_id"],
            ["users.id"],
            name=op.f("fk_insight_alerts_acknowledged_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insight_alerts")),
    )
    with op.batch_alter_table("insight_alerts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_insight_alerts_subject", ["kind", "key", "ended_at"], unique=False
        )
    op.create_table(
        "insight_alert_cases",
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"],
            ["insight_alerts.id"],
            name=op.f("fk_insight_alert_cases_alert_id_insight_alerts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_insight_alert_cases_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("alert_id", "case_id", name=op.f("pk_insight_alert_cases")),
    )
    with op.batch_alter_table("insight_alert_cases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_insight_alert_cases_case_id"), ["case_id"], unique=False
        )
    op.create_table(
        "insight_case_facts",
        sa.Column("case_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("filed_day", sa.Date(), nullable=False),
        sa.Column("queue_id", sa.Integer(), nullable=True),
        sa.Column("platform", sa.String(length=80), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("seller_id", sa.Integer(), nullable=True),
        sa.Column("brand", sa.String(length=120), nullable=False),
        sa.Column("product", sa.String(length=200), nullable=False),
        sa.Column("analysed", sa.Boolean(), nullable=False),
        sa.Column("triaged", sa.Boolean(), nullable=False),
        sa.Column("corrected", sa.Boolean(), nullable=False),
        sa.Column("decision", sa.String(length=40), nullable=True),
        sa.Column("decision_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decision_day", sa.Date(), nullable=True),
        sa.Column("decision_working_days", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=40), nullable=True),
        sa.Column("outcome_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("outcome_day", sa.Date(), nullable=True),
        sa.Column("outcome_working_days", sa.Integer(), nullable=True),
        sa.Column("seller_response", sa.String(length=20), nullable=False),
        sa.Column("stages_timed", sa.Integer(), nullable=False),
        sa.Column("stages_late", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_insight_case_facts_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_insight_case_facts")),
    )
    with op.batch_alter_table("insight_case_facts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_insight_case_facts_decision_day"), ["decision_day"], unique=False
        )
        batch_op.create_index("ix_insight_case_facts_filed_day", ["filed_day"], unique=False)
        batch_op.create_index("ix_insight_case_facts_outcome_day", ["outcome_day"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_insight_case_facts_seller_id"), ["seller_id"], unique=False
        )
    op.create_table(
        "insight_case_moves",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "exit", "escalated", "correction", name="movetype", native_enum=False, length=12
            ),
            nullable=False,
        ),
        sa.Column("at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("queue_id", sa.Integer(), nullable=True),
        sa.Column("platform", sa.String(length=80), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("target", sa.String(length=40), nullable=False),
        sa.Column("due_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("within", sa.Boolean(), nullable=True),
        sa.Column("working_days", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_insight_case_moves_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insight_case_moves")),
    )
    with op.batch_alter_table("insight_case_moves", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_insight_case_moves_case_id"), ["case_id"], unique=False
        )
        batch_op.create_index("ix_insight_case_moves_day", ["day"], unique=False)
    op.create_table(
        "insight_narratives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("redacted", sa.Text(), nullable=False),
        sa.Column("source_sha256", sa.String(length=64), nullable=False),
        sa.Column(
            "status",
            sa.Enum("approved", "withheld", name="narrativestatus", native_enum=False, length=10),
            nullable=False,
        ),
        sa.Column("decided_by_id", sa.Integer(), nullable=False),
        sa.Column("decided_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_insight_narratives_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_insight_narratives_decided_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_insight_narratives")),
        sa.UniqueConstraint("case_id", name=op.f("uq_insight_narratives_case_id")),
    )


def downgrade() -> None:
    op.drop_table("insight_narratives")
    with op.batch_alter_table("insight_case_moves", schema=None) as batch_op:
        batch_op.drop_index("ix_insight_case_moves_day")
        batch_op.drop_index(batch_op.f("ix_insight_case_moves_case_id"))
    op.drop_table("insight_case_moves")
    with op.batch_alter_table("insight_case_facts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_insight_case_facts_seller_id"))
        batch_op.drop_index("ix_insight_case_facts_outcome_day")
        batch_op.drop_index("ix_insight_case_facts_filed_day")
        batch_op.drop_index(batch_op.f("ix_insight_case_facts_decision_day"))
    op.drop_table("insight_case_facts")
    with op.batch_alter_table("insight_alert_cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_insight_alert_cases_case_id"))
    op.drop_table("insight_alert_cases")
    with op.batch_alter_table("insight_alerts", schema=None) as batch_op:
        batch_op.drop_index("ix_insight_alerts_subject")
    op.drop_table("insight_alerts")
    op.drop_table("insight_rollup_state")
    op.drop_table("insight_open_snapshot")
    with op.batch_alter_table("insight_daily_subjects", schema=None) as batch_op:
        batch_op.drop_index("ix_insight_daily_subjects_day")
    op.drop_table("insight_daily_subjects")
    with op.batch_alter_table("insight_daily_moves", schema=None) as batch_op:
        batch_op.drop_index("ix_insight_daily_moves_day")
    op.drop_table("insight_daily_moves")
    with op.batch_alter_table("insight_daily_intake", schema=None) as batch_op:
        batch_op.drop_index("ix_insight_daily_intake_day")
    op.drop_table("insight_daily_intake")
    with op.batch_alter_table("insight_daily_durations", schema=None) as batch_op:
        batch_op.drop_index("ix_insight_daily_durations_day")
    op.drop_table("insight_daily_durations")
    op.drop_table("insight_alert_rules")
