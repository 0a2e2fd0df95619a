"""complaints: what the NLP suggested is stored beside what the consumer chose

Revision ID: 0015
Revises: 0014

Until now `complaints.suggested` listed the fields the NLP had filled in; the filled value was
both the suggestion and the complaint's value, and no consumer had chosen it. Each becomes
{"suggested": that value, "chosen": null} (the column keeps the value: it cannot be told apart).
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = {
    "product": "product",
    "seller_name": "seller_name",
    "platform": "platform_name",
    "platform_name": "platform_name",
    "order_number": "order_number",
    "amount": "amount",
    "currency": "currency",
}
complaints = sa.table(
    "complaints",
    sa.column("id", sa.Integer),
    sa.column("suggested", sa.JSON),
    *(sa.column(name) for name in set(COLUMNS.values())),
)
cases = sa.table("cases", sa.column("id", sa.Integer), sa.column("category", sa.String))


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(complaints, cases.c.category).join(cases, cases.c.id == complaints.c.id)
    ).mappings()
    for row in list(rows):
        if not isinstance(row["suggested"], list):
            continue
        record: dict[str, Any] = {}
        for field in row["suggested"]:
            value = row["category"] if field == "category" else row.get(COLUMNS.get(field, ""))
            if value is not None:
                name = "platform" if field == "platform_name" else field
                record[name] = {"suggested": str(value), "chosen": None}
        bind.execute(
            complaints.update().where(complaints.c.id == row["id"]).values(suggested=record)
        )


def downgrade() -> None:
    bind = op.get_bind()
    for row in list(bind.execute(sa.select(complaints.c.id, complaints.c.suggested)).mappings()):
        if isinstance(row["suggested"], dict):
            fields = ["platform_name" if f == "platform" else f for f in row["suggested"]]
            bind.execute(
                complaints.update().where(complaints.c.id == row["id"]).values(suggested=fields)
            )
