"""complaints: seller answers, settlements, findings

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "complaint_findings",
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("no_answer", sa.Boolean(), nullable=False),
        sa.Column("refused_mediation", sa.Boolean(), nullable=False),
        sa.Column("substantiated", sa.Boolean(), nullable=True),
        sa.Column("counterfeit", sa.Boolean(), nullable=False),
        sa.Column("unsafe", sa.Boolean(), nullable=False),
        sa.Column("fraud", sa.Boolean(), nullable=False),
        sa.Column(
            "rejection_reason",
            sa.Enum(
                "out_of_scope",
                "duplicate",
                "handled_elsewhere",
                "too_old",
                "not_consumer_dispute",
                "incomplete",
                name="rejectionreason",
                native_enum=False,
                length=30,
            ),
            nullable=True,
        ),
        sa.Column("decided_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_findings_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_complaint_findings_decided_by_id_users")
        ),
        sa.PrimaryKeyConstraint("complaint_id", name=op.f("pk_complaint_findings")),
    )
    op.create_table(
        "complaint_settlements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("proposed_by", sa.String(length=20), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "refund",
                "replacement",
                "repair",
                "compensation",
                "apology",
                name="settlementkind",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("terms", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "accepted",
                "rejected",
                "agreed",
                "superseded",
                name="settlementstatus",
                native_enum=False,
                length=12,
            ),
            nullable=False,
        ),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("decided_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_settlements_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["users.id"],
            name=op.f("fk_complaint_settlements_recorded_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_settlements")),
    )
    op.create_index(
        op.f("ix_complaint_settlements_complaint_id"),
        "complaint_settlements",
        ["complaint_id"],
        unique=False,
    )
    # Plain CREATE INDEX on cases: a batch (table copy) on SQLite would drop its FTS triggers.
    op.create_index(
        "ix_cases_kind_status_due",
        "cases",
        ["kind", "status", "due_at"],
        unique=False,
        postgresql_where=sa.text("closed_at IS NULL"),
        sqlite_where=sa.text("closed_at IS NULL"),
    )
    op.create_index(
        "ix_cases_kind_status_closed",
        "cases",
        ["kind", "status", "closed_at"],
        unique=False,
        postgresql_where=sa.text("closed_at IS NOT NULL"),
        sqlite_where=sa.text("closed_at IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_cases_kind_status_closed", table_name="cases")
    op.drop_index("ix_cases_kind_status_due", table_name="cases")
    op.drop_index(op.f("ix_complaint_settlements_complaint_id"), table_name="complaint_settlements")
    op.drop_table("complaint_settlements")
    op.drop_table("complaint_findings")
