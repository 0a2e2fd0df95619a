"""outbox: sealed links, a stable Message-ID, the request id; complaints: a pending tracking link

Revision ID: 0014
Revises: 0013
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Mail already sent keeps no readable link (the same rule as core.mail_secrets.without_links);
# mail still waiting is sent as it was queued, and loses its links once sent.
LINK = re.compile(r"https?://[^\s<>\"']+")


def upgrade() -> None:
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_id", sa.String(length=250), nullable=True))
        batch_op.add_column(sa.Column("request_id", sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column("sealed_links", sa.Text(), nullable=True))
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("pending_tracking_token_hash", sa.String(length=64), nullable=True)
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_complaints_pending_tracking_token_hash"),
            ["pending_tracking_token_hash"],
        )
    outbox = sa.table(
        "outbox_messages",
        sa.column("id", sa.Integer),
        sa.column("body", sa.Text),
        sa.column("status", sa.String),
    )
    connection = op.get_bind()
    sent = connection.execute(
        sa.select(outbox.c.id, outbox.c.body).where(outbox.c.status.in_(("sent", "failed")))
    )
    for message_id, body in sent.all():
        if LINK.search(body or ""):
            connection.execute(
                outbox.update()
                .where(outbox.c.id == message_id)
                .values(body=LINK.sub("[link removed]", body))
            )


def downgrade() -> None:
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_complaints_pending_tracking_token_hash"), type_="unique"
        )
        batch_op.drop_column("pending_tracking_token_hash")
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_column("sealed_links")
        batch_op.drop_column("request_id")
        batch_op.drop_column("message_id")
