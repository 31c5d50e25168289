"""discussion and suggestion ids are never given twice on SQLite

A forgotten server's rows are deleted (``db.repositories.servers.forget_server``), and
SQLite without AUTOINCREMENT gives a new row the largest id left plus one: the server
invited again got its forgotten ids back, and the buttons Discord keeps on its old posts
and review cards (each naming a discussion's or a suggestion's id) acted on the new ones.
PostgreSQL's sequences never go back: nothing to do there.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 01:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("discussions", "suggestions")


def _recreate(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # Copied into a new table (foreign keys off, see db.migrate): both are small, one row
    # per discussion or suggestion; the copy's sequence starts at the largest id stored.
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass


def upgrade() -> None:
    _recreate(True)


def downgrade() -> None:
    _recreate(False)
