"""a role mentioned on each new question's post (members who want to hear of every debate)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A nullable column without a default: no batch copy of the table on SQLite (see 0004).
    op.add_column("guilds", sa.Column("question_role_id", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("guilds") as batch:
        batch.drop_column("question_role_id")
