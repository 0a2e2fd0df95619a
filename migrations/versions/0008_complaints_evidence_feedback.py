"""complaints: evidence, feedback, consumer accounts, duplicates

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "complaint_submissions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_submissions_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_submissions")),
    )
    op.create_index(
        op.f("ix_complaint_submissions_complaint_id"),
        "complaint_submissions",
        ["complaint_id"],
        unique=False,
    )
    op.create_table(
        "complaint_feedback",
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("rating", sa.SmallInteger(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name=op.f("ck_complaint_feedback_rating")),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_feedback_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("complaint_id", name=op.f("pk_complaint_feedback")),
    )
    op.create_table(
        "complaint_owners",
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_owners_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_complaint_owners_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("complaint_id", name=op.f("pk_complaint_owners")),
    )
    op.create_index(
        op.f("ix_complaint_owners_user_id"), "complaint_owners", ["user_id"], unique=False
    )
    op.create_table(
        "verified_consumer_emails",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_verified_consumer_emails_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_verified_consumer_emails")),
    )
    op.create_table(
        "complaint_duplicate_flags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("duplicate_of_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_duplicate_flags_complaint_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["duplicate_of_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_duplicate_flags_duplicate_of_id_complaints"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_duplicate_flags")),
    )
    op.create_index(
        op.f("ix_complaint_duplicate_flags_complaint_id"),
        "complaint_duplicate_flags",
        ["complaint_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_complaint_duplicate_flags_duplicate_of_id"),
        "complaint_duplicate_flags",
        ["duplicate_of_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_complaint_duplicate_flags_duplicate_of_id"), table_name="complaint_duplicate_flags"
    )
    op.drop_index(
        op.f("ix_complaint_duplicate_flags_complaint_id"), table_name="complaint_duplicate_flags"
    )
    op.drop_table("complaint_duplicate_flags")
    op.drop_table("verified_consumer_emails")
    op.drop_index(op.f("ix_complaint_owners_user_id"), table_name="complaint_owners")
    op.drop_table("complaint_owners")
    op.drop_table("complaint_feedback")
    op.drop_index(op.f("ix_complaint_submissions_complaint_id"), table_name="complaint_submissions")
    op.drop_table("complaint_submissions")
