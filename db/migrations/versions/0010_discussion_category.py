"""discussions keep the category their question had when posted (as they keep its words)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 11:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A nullable column without a default: no batch copy of the table on SQLite (see 0004).
    op.add_column("discussions", sa.Column("category", sa.String(length=40), nullable=True))
    # Discussions held before: their question's category now, the best that is known of
    # the one they were posted with (NULL where the question has none).
    op.execute(
        "UPDATE discussions SET category ="
        " (SELECT questions.category FROM questions WHERE questions.id = discussions.question_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("discussions") as batch:
        batch.drop_column("category")
