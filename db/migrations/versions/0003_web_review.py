"""web review room: login links, sessions, published reports, report names setting

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 18:32:42.518539
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "web_logins",
        sa.Column("nonce_hash", sa.String(length=64), nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("nonce_hash", name=op.f("pk_web_logins")),
    )
    op.create_index("ix_web_logins_expires_at", "web_logins", ["expires_at"], unique=False)
    op.create_table(
        "web_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_web_sessions")),
    )
    op.create_index("ix_web_sessions_expires_at", "web_sessions", ["expires_at"], unique=False)
    op.create_table(
        "published_reports",
        sa.Column("id", sa.String(length=43), nullable=False),
        sa.Column(
            "discussion_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("published_by", sa.BigInteger(), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["discussion_id"],
            ["discussions.id"],
            name=op.f("fk_published_reports_discussion_id_discussions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_published_reports")),
        sa.UniqueConstraint("discussion_id", name=op.f("uq_published_reports_discussion_id")),
    )
    op.add_column(
        "guilds",
        sa.Column("report_names", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_column("guilds", "report_names")
    else:
        # Not a batch copy: re-creating ``guilds`` with foreign keys on would
        # cascade into every table that refers to it.
        op.execute("ALTER TABLE guilds DROP COLUMN report_names")
    op.drop_table("published_reports")
    op.drop_index("ix_web_sessions_expires_at", table_name="web_sessions")
    op.drop_table("web_sessions")
    op.drop_index("ix_web_logins_expires_at", table_name="web_logins")
    op.drop_table("web_logins")
