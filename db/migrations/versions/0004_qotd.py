"""question of the day: suggestions, reminders, categories, hidden counts, leaderboard

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Columns are added in place (recreate="never"): SQLite would otherwise copy
    # and drop "guilds", and its foreign keys would cascade the drop into every
    # discussion and reply. Defaults are plain literals for the same reason.
    with op.batch_alter_table("guilds", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("review_channel_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(
            sa.Column("credit_suggesters", sa.Boolean(), server_default="1", nullable=False)
        )
        batch_op.add_column(sa.Column("reminder_hours", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reminder_role_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(
            sa.Column("leaderboard", sa.Boolean(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("hide_counts", sa.Boolean(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("categories", sa.JSON(), nullable=True))

    with op.batch_alter_table("questions", schema=None, recreate="never") as batch_op:
        batch_op.add_column(sa.Column("category", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("suggested_by", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("up_next", sa.Boolean(), server_default="0", nullable=False))

    with op.batch_alter_table("member_preferences", schema=None, recreate="never") as batch_op:
        batch_op.add_column(
            sa.Column("hidden_from_leaderboard", sa.Boolean(), server_default="0", nullable=False)
        )

    op.create_table(
        "suggestions",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("author_id", sa.BigInteger(), nullable=False),
        sa.Column("author_name", sa.String(length=100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("review_channel_id", sa.BigInteger(), nullable=True),
        sa.Column("review_message_id", sa.BigInteger(), nullable=True),
        sa.Column("decided_by", sa.BigInteger(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("question_id", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["guild_id"],
            ["guilds.id"],
            name=op.f("fk_suggestions_guild_id_guilds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestions")),
    )
    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_suggestions_guild_status", ["guild_id", "status", "id"], unique=False
        )
        batch_op.create_index(
            "ix_suggestions_guild_author", ["guild_id", "author_id", "created_at"], unique=False
        )

    op.create_table(
        "reminders",
        sa.Column(
            "discussion_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=False,
            nullable=False,
        ),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["discussion_id"],
            ["discussions.id"],
            name=op.f("fk_reminders_discussion_id_discussions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("discussion_id", "closes_at", name=op.f("pk_reminders")),
    )


def downgrade() -> None:
    op.drop_table("reminders")
    with op.batch_alter_table("suggestions", schema=None) as batch_op:
        batch_op.drop_index("ix_suggestions_guild_author")
        batch_op.drop_index("ix_suggestions_guild_status")
    op.drop_table("suggestions")
    with op.batch_alter_table("member_preferences", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("hidden_from_leaderboard")
    with op.batch_alter_table("questions", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("up_next")
        batch_op.drop_column("suggested_by")
        batch_op.drop_column("category")
    with op.batch_alter_table("guilds", schema=None, recreate="never") as batch_op:
        batch_op.drop_column("categories")
        batch_op.drop_column("hide_counts")
        batch_op.drop_column("leaderboard")
        batch_op.drop_column("reminder_role_id")
        batch_op.drop_column("reminder_hours")
        batch_op.drop_column("credit_suggesters")
        batch_op.drop_column("review_channel_id")
