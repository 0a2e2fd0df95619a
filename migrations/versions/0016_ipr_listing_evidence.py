"""ipr: evidence files about one listing of a notice, not only the whole notice

Revision ID: 0016
Revises: 0015

An `ipr_files` row may belong to a listing (`listing_id`); the check that a file has exactly one
owner counts it too.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OWNERS = ["holder_id", "right_id", "notice_id", "counter_notice_id", "proof_id"]


def _one_owner(columns: list[str]) -> str:
    return " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in columns) + " = 1"


def upgrade() -> None:
    with op.batch_alter_table("ipr_files", schema=None) as batch_op:
        batch_op.add_column(sa.Column("listing_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_ipr_files_listing_id"), ["listing_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_ipr_files_listing_id_ipr_listings"),
            "ipr_listings",
            ["listing_id"],
            ["id"],
        )
        batch_op.drop_constraint(batch_op.f("ck_ipr_files_one_owner"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_ipr_files_one_owner"), _one_owner([*OWNERS, "listing_id"])
        )


def downgrade() -> None:
    op.execute("DELETE FROM ipr_files WHERE listing_id IS NOT NULL")
    with op.batch_alter_table("ipr_files", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_ipr_files_one_owner"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_ipr_files_one_owner"), _one_owner(OWNERS))
        batch_op.drop_constraint(
            batch_op.f("fk_ipr_files_listing_id_ipr_listings"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_ipr_files_listing_id"))
        batch_op.drop_column("listing_id")
