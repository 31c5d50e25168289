"""a server keeps its name as Discord last gave it, for the web room running without the bot

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 10:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable, no default: no batch copy of the table on SQLite (see 0004). Servers stored
    # before this version get their name at the bot's next start (its READY lists them).
    op.add_column("guilds", sa.Column("name", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("guilds") as batch:
        batch.drop_column("name")
