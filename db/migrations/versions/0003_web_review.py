"""web review room: login links, sessions, published reports, discussion versions

Revision ID: 0003
Revises: 0001
Create Date: 2026-12-04 18:32:42.518539

``discussion_versions`` holds one counter per discussion that triggers bump
whenever the discussion, its replies, votes or stances change (any writer,
any process): what the web room caches about a discussion (its summary) is
kept until that counter moves. SQLite has only row triggers; PostgreSQL
uses statement triggers over transition tables, so a batch of 500 replies
bumps a discussion once, locking the counters in id order.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHILD_TABLES = ("replies", "votes", "stances")
EVENTS = ("INSERT", "UPDATE", "DELETE")


def _sqlite_triggers() -> list[str]:
    statements = [
        "CREATE TRIGGER trg_discussion_version_new AFTER INSERT ON discussions BEGIN "
        "INSERT INTO discussion_versions (discussion_id, version) VALUES (NEW.id, 0); END",
        "CREATE TRIGGER trg_discussion_version_discussions AFTER UPDATE ON discussions BEGIN "
        "UPDATE discussion_versions SET version = version + 1 "
        "WHERE discussion_id = NEW.id; END",
    ]
    for table in CHILD_TABLES:
        for event in EVENTS:
            row = "OLD" if event == "DELETE" else "NEW"
            statements.append(
                f"CREATE TRIGGER trg_discussion_version_{table}_{event.lower()} "
                f"AFTER {event} ON {table} BEGIN "
                "UPDATE discussion_versions SET version = version + 1 "
                f"WHERE discussion_id = {row}.discussion_id; END"
            )
    return statements


def _bump_function(name: str, column: str) -> str:
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM discussion_versions
        WHERE discussion_id IN (SELECT DISTINCT {column} FROM changed)
        ORDER BY discussion_id FOR UPDATE;
    UPDATE discussion_versions SET version = version + 1
        WHERE discussion_id IN (SELECT DISTINCT {column} FROM changed);
    RETURN NULL;
END $$"""


def _postgresql_triggers() -> list[str]:
    statements = [
        """
CREATE FUNCTION etvous_discussion_version_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO discussion_versions (discussion_id, version) VALUES (NEW.id, 0);
    RETURN NULL;
END $$""",
        "CREATE TRIGGER trg_discussion_version_new AFTER INSERT ON discussions "
        "FOR EACH ROW EXECUTE FUNCTION etvous_discussion_version_new()",
        _bump_function("etvous_bump_discussion_version", "discussion_id"),
        _bump_function("etvous_bump_own_version", "id"),
        "CREATE TRIGGER trg_discussion_version_discussions AFTER UPDATE ON discussions "
        "REFERENCING NEW TABLE AS changed FOR EACH STATEMENT "
        "EXECUTE FUNCTION etvous_bump_own_version()",
    ]
    for table in CHILD_TABLES:
        for event in EVENTS:
            side = "OLD" if event == "DELETE" else "NEW"
            statements.append(
                f"CREATE TRIGGER trg_discussion_version_{table}_{event.lower()} "
                f"AFTER {event} ON {table} REFERENCING {side} TABLE AS changed "
                "FOR EACH STATEMENT EXECUTE FUNCTION etvous_bump_discussion_version()"
            )
    return statements


def _trigger_names() -> list[tuple[str, str]]:
    names = [("trg_discussion_version_new", "discussions")]
    names.append(("trg_discussion_version_discussions", "discussions"))
    for table in CHILD_TABLES:
        for event in EVENTS:
            names.append((f"trg_discussion_version_{table}_{event.lower()}", table))
    return names


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
        "discussion_versions",
        sa.Column(
            "discussion_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=False,
            nullable=False,
        ),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["discussion_id"],
            ["discussions.id"],
            name=op.f("fk_discussion_versions_discussion_id_discussions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("discussion_id", name=op.f("pk_discussion_versions")),
    )
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
    op.execute(
        "INSERT INTO discussion_versions (discussion_id, version) SELECT id, 0 FROM discussions"
    )
    dialect = op.get_bind().dialect.name
    for statement in _postgresql_triggers() if dialect == "postgresql" else _sqlite_triggers():
        op.execute(statement)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for name, table in _trigger_names():
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + (f" ON {table}" if postgresql else ""))
    if postgresql:
        for function in (
            "etvous_discussion_version_new",
            "etvous_bump_discussion_version",
            "etvous_bump_own_version",
        ):
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
        op.drop_column("guilds", "report_names")
    else:
        # Not a batch copy: re-creating ``guilds`` with foreign keys on would
        # cascade into every table that refers to it.
        op.execute("ALTER TABLE guilds DROP COLUMN report_names")
    op.drop_table("published_reports")
    op.drop_table("discussion_versions")
    op.drop_index("ix_web_sessions_expires_at", table_name="web_sessions")
    op.drop_table("web_sessions")
    op.drop_index("ix_web_logins_expires_at", table_name="web_logins")
    op.drop_table("web_logins")
