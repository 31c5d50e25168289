"""hardening: dead letters, privacy intervals, who erased a reply

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dead_letters",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=True),
        sa.Column("discussion_id", sa.BigInteger(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("object_id", sa.BigInteger(), nullable=False),
        sa.Column("error", sa.String(length=100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dead_letters")),
        sa.UniqueConstraint("kind", "object_id", name=op.f("uq_dead_letters_kind")),
    )
    with op.batch_alter_table("dead_letters", schema=None) as batch_op:
        batch_op.create_index("ix_dead_letters_guild_id", ["guild_id"], unique=False)

    op.create_table(
        "privacy_intervals",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_privacy_intervals")),
    )
    with op.batch_alter_table("privacy_intervals", schema=None) as batch_op:
        batch_op.create_index(
            "ix_privacy_intervals_guild_user", ["guild_id", "user_id"], unique=False
        )

    # Members opted out before this revision: their span starts at their choice.
    op.execute(
        sa.text(
            "INSERT INTO privacy_intervals (guild_id, user_id, reason, starts_at, ends_at) "
            "SELECT guild_id, user_id, 'opted_out', updated_at, NULL "
            "FROM member_preferences WHERE opted_out"
        )
    )
    with op.batch_alter_table("replies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("erased_by", sa.String(length=16), nullable=True))
    # Replies erased before this revision kept their author's id: drop it.
    op.execute(sa.text("UPDATE replies SET author_id = 0, author_name = '' WHERE deleted"))


def downgrade() -> None:
    with op.batch_alter_table("replies", schema=None) as batch_op:
        batch_op.drop_column("erased_by")
    with op.batch_alter_table("privacy_intervals", schema=None) as batch_op:
        batch_op.drop_index("ix_privacy_intervals_guild_user")
    op.drop_table("privacy_intervals")
    with op.batch_alter_table("dead_letters", schema=None) as batch_op:
        batch_op.drop_index("ix_dead_letters_guild_id")
    op.drop_table("dead_letters")
