"""ipr: counter-notices, standing, misuse, leads

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The counter-notice, proof, standing, misuse, repeat-infringer and lead tables came with
    # 0009 (the whole IPR model); the second half of issue 9 needed no further schema.
    pass


def downgrade() -> None:
    pass
