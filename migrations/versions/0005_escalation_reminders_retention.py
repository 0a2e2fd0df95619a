"""escalation notices, deadline reminders, anonymisation time, the supervisors' queue

Revision ID: 0005
Revises: 0004
Created: 2026-11-28 19:53:20.248849
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import core.db

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "escalation_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.SmallInteger(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("created_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("mailed_at", core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_escalation_notices_case_id_cases")
        ),
        sa.ForeignKeyConstraint(
            ["recipient_id"], ["users.id"], name=op.f("fk_escalation_notices_recipient_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalation_notices")),
    )
    with op.batch_alter_table("escalation_notices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_escalation_notices_case_id"), ["case_id"], unique=False
        )
        batch_op.create_index(
            "ix_escalation_notices_pending", ["recipient_id", "mailed_at"], unique=False
        )

    op.create_table(
        "deadline_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("due_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("party", sa.String(length=20), nullable=False),
        sa.Column("sent_at", core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_deadline_reminders_case_id_cases")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deadline_reminders")),
        sa.UniqueConstraint(
            "case_id", "due_at", "party", name=op.f("uq_deadline_reminders_case_id")
        ),
    )
    # Not in batch mode: on SQLite that would rebuild `cases` and lose its search triggers.
    op.add_column(
        "cases", sa.Column("anonymised_at", core.db.UTCDateTime(timezone=True), nullable=True)
    )

    queues = sa.table(
        "queues",
        sa.column("code", sa.String),
        sa.column("name", sa.String),
        sa.column("calendar_id", sa.Integer),
        sa.column("triage", sa.Boolean),
        sa.column("auto_assign", sa.Boolean),
    )
    op.bulk_insert(
        queues,
        [
            {
                "code": "supervisors",
                "name": "Supervisors",
                "calendar_id": 1,
                "triage": False,
                "auto_assign": False,
            }
        ],
    )


def downgrade() -> None:
    op.execute(
        "UPDATE cases SET queue_id = NULL WHERE queue_id IN "
        "(SELECT id FROM queues WHERE code = 'supervisors')"
    )
    op.execute(
        "DELETE FROM queue_members WHERE queue_id IN "
        "(SELECT id FROM queues WHERE code = 'supervisors')"
    )
    op.execute("DELETE FROM queues WHERE code = 'supervisors'")
    op.drop_column("cases", "anonymised_at")
    op.drop_table("deadline_reminders")
    with op.batch_alter_table("escalation_notices", schema=None) as batch_op:
        batch_op.drop_index("ix_escalation_notices_pending")
        batch_op.drop_index(batch_op.f("ix_escalation_notices_case_id"))

    op.drop_table("escalation_notices")
