"""a server remembers which schedule problem staff were last told of in the review channel

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable, no default: no batch copy of the table on SQLite (see 0004).
    op.add_column("guilds", sa.Column("problem_notice", sa.String(length=64), nullable=True))
    # A server paused before this version is not told of it now, long after: its pause
    # counts as told (``/schedule show`` says it, as it did).
    op.execute(
        "UPDATE guilds SET problem_notice = pause_reason "
        "WHERE paused AND pause_reason IS NOT NULL AND pause_reason <> 'staff'"
    )


def downgrade() -> None:
    with op.batch_alter_table("guilds") as batch:
        batch.drop_column("problem_notice")
