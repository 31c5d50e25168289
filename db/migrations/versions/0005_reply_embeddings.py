"""reply embeddings: a sentence vector per reply, for themes

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 19:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reply_embeddings",
        sa.Column("reply_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("encoder", sa.String(length=64), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reply_id"],
            ["replies.id"],
            name=op.f("fk_reply_embeddings_reply_id_replies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("reply_id", name=op.f("pk_reply_embeddings")),
    )


def downgrade() -> None:
    op.drop_table("reply_embeddings")
