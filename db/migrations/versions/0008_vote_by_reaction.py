"""votes remember whether a reaction cast them (catch-up compares reaction counts with those only)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # ADD COLUMN with a constant default: no batch copy of the table on SQLite (see 0004).
    # Votes stored before were cast either way: counted as the card's, so catch-up reads
    # the reacting members once when a reaction is there, and stores nobody twice.
    op.add_column(
        "votes",
        sa.Column("by_reaction", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("votes") as batch:
        batch.drop_column("by_reaction")
