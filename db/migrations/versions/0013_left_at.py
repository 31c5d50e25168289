"""a server remembers when the bot was removed from it, so its data can be forgotten later

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 23:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable, no default: no batch copy of the table on SQLite (see 0004).
    op.add_column("guilds", sa.Column("left_at", sa.DateTime(timezone=True), nullable=True))
    # A server the bot was removed from before this version: its last change is the
    # latest the removal can be, so it is forgotten no earlier than it would have been.
    op.execute("UPDATE guilds SET left_at = updated_at WHERE NOT present")


def downgrade() -> None:
    with op.batch_alter_table("guilds") as batch:
        batch.drop_column("left_at")
