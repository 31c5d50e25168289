"""Forgetting a whole server: every row stored about it, in every table; at once for one
that never ran ``/setup``."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Table, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Base, BotMeta, Guild
from db.repositories._dialect import insert_for


async def removed_before(session: AsyncSession, before: datetime) -> list[int]:
    """The servers that removed the bot at or before ``before`` and did not invite it back."""
    rows = await session.scalars(select(Guild.id).where(*_still_removed(before)).order_by(Guild.id))
    return list(rows)


async def forget_server(session: AsyncSession, guild_id: int, removed_by: datetime) -> bool:
    """Delete everything stored about the server, if it removed the bot at or before
    ``removed_by`` and has not invited it back since (checked under a lock on its row, so
    an invitation arriving meanwhile keeps it whole). ``False`` when it was kept.

    Every table holding a ``guild_id`` is emptied of the server's rows, then its own row
    goes, and with it what hangs from its questions, discussions and replies (the foreign
    keys cascade: earlier versions, vectors, reminders). A table added later with a
    ``guild_id`` is covered without a change here."""
    held = await session.scalar(
        select(Guild.id).where(Guild.id == guild_id, *_still_removed(removed_by)).with_for_update()
    )
    if held is None:
        return False
    await _delete_everything(session, guild_id)
    return True


async def erase_server(session: AsyncSession, guild_id: int) -> int:
    """Delete everything stored about the server now, whatever its state: its staff asked
    (``/erase-and-leave``). The same deletions as :func:`forget_server`, without its wait;
    a server never set up (no row of its own) loses the rows it has elsewhere (a member's
    opt-out, say). Returns how many rows were deleted (those the foreign keys take with
    them not counted), for the log."""
    await session.scalar(select(Guild.id).where(Guild.id == guild_id).with_for_update())
    return await _delete_everything(session, guild_id)


ERASURE_OWED = "erasure-owed:"
"""``bot_meta`` key of a server whose staff asked for its erasure, followed by its id: kept
until the erasure's transaction deletes it, so a process stopped before the database took
the erasure does it after its restart (not 30 days after the removal)."""


async def owe_erasure(session: AsyncSession, guild_id: int) -> None:
    """Record that the server's staff asked for its erasure (``/erase-and-leave``)."""
    statement = insert_for(session, BotMeta).values(key=f"{ERASURE_OWED}{guild_id}", value="")
    await session.execute(statement.on_conflict_do_nothing(index_elements=["key"]))


async def forgive_erasure(session: AsyncSession, guild_id: int) -> None:
    """The erasure asked is not owed any more (the bot could not leave: nothing erased)."""
    await session.execute(delete(BotMeta).where(BotMeta.key == f"{ERASURE_OWED}{guild_id}"))


async def erasures_owed(session: AsyncSession) -> list[int]:
    """The servers whose erasure was asked and not done yet."""
    keys = await session.scalars(
        select(BotMeta.key).where(BotMeta.key.startswith(ERASURE_OWED, autoescape=True))
    )
    return sorted(int(key.removeprefix(ERASURE_OWED)) for key in keys)


async def forget_never_set_up(session: AsyncSession, guild_id: int) -> int:
    """Delete every row stored under a server that has no row of its own (``/setup`` never
    ran there): what members may store before it, their opt-outs and erasures (and the
    erasure's audit line), and its staff's: an export's audit line, a ``/review`` login link
    or session. Returns how many rows went; 0, and
    nothing deleted, when the server has its row."""
    if await session.get(Guild, guild_id) is not None:
        return 0
    return await _delete_everything(session, guild_id)


def _without_a_parent() -> tuple[Table, ...]:
    """The tables whose rows may name a server that has no row of its own: a ``guild_id``
    and no foreign key (a member's opt-out or erasure, the audit line of an export, a
    ``/review`` login link or session: none needs ``/setup``). Read from the models, so a
    table added later is covered."""
    return tuple(
        table
        for table in Base.metadata.sorted_tables
        if table.name != Guild.__tablename__ and "guild_id" in table.c and not table.foreign_keys
    )


async def never_set_up(session: AsyncSession) -> list[int]:
    """The servers with a row stored somewhere (a member's opt-out or erasure, an export's
    audit line, a login link) but no row of their own."""
    found: set[int] = set()
    for table in _without_a_parent():
        column = table.c.guild_id
        rows = await session.scalars(
            select(column)
            .where(column.is_not(None), ~select(Guild.id).where(Guild.id == column).exists())
            .distinct()
        )
        found.update(int(g) for g in rows)
    return sorted(found)


async def _delete_everything(session: AsyncSession, guild_id: int) -> int:
    """Every table holding a ``guild_id`` emptied of the server's rows, then its own row."""
    deleted = 0
    for table in reversed(Base.metadata.sorted_tables):  # the dependent tables first
        if table.name != Guild.__tablename__ and "guild_id" in table.c:
            result = await session.execute(delete(table).where(table.c.guild_id == guild_id))
            deleted += getattr(result, "rowcount", 0) or 0
    result = await session.execute(delete(Guild).where(Guild.id == guild_id))
    await forgive_erasure(session, guild_id)  # done: owed no more, however it was forgotten
    return deleted + (getattr(result, "rowcount", 0) or 0)


def _still_removed(before: datetime) -> tuple[ColumnElement[bool], ...]:
    return (Guild.present.is_(False), Guild.left_at.is_not(None), Guild.left_at <= before)
