"""the audit log keeps the name its actor went by, and web sessions the name to log under

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 15:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAMED = (("audit_log", "actor_name"), ("web_logins", "user_name"), ("web_sessions", "user_name"))


def upgrade() -> None:
    # Nullable columns without a default: no batch copy of the tables on SQLite (see 0004).
    # Entries logged before keep no name: the room shows the one a reply gives, or the id.
    for table, column in NAMED:
        op.add_column(table, sa.Column(column, sa.String(length=100), nullable=True))


def downgrade() -> None:
    for table, column in NAMED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)
