"""Playing the demo: the real bot on SimCord, the story, then what is left on disk."""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import shlex
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from bot.demo.printer import show_thread
from bot.demo.script import Dialogue, load_dialogue
from bot.demo.server import REFRESH_SECONDS, DemoServer
from bot.errors import CliError
from bot.i18n import os_reason, t

START = datetime(2026, 1, 1, tzinfo=UTC)
"""SimCord's own epoch, so the bot's clock and message timestamps agree.

A Thursday: the default schedule (Mondays 18:00) has no slot in the next
72 hours, so closing the discussion posts no second question.
"""


SETTLE_SECONDS = 120.0
"""How long the demo waits for the bot to be idle after each step before giving up."""


def run_demo(
    output: Path, *, members: int = 12, language: str = "fr", out: TextIO | None = None
) -> int:
    """Play the demo, told in ``language`` (the server and its members speak French);
    returns the exit code."""
    try:
        import simcord  # noqa: F401
    except ImportError:
        raise CliError("cli-demo-needs-simcord") from None
    stream = out or sys.stdout
    _quiet_logging()
    if output.exists() and not output.is_dir():
        raise CliError("cli-not-a-folder", path=str(output))
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CliError("cli-cannot-write", path=str(output), reason=os_reason(error)) from None
    if not os.access(output, os.W_OK | os.X_OK):  # there already, another user's
        raise CliError(
            "cli-cannot-write",
            path=str(output),
            reason=os_reason(errno.EACCES),
        )
    started = time.monotonic()
    code = asyncio.run(_run(output, members, language, stream))
    print(t("cli-demo-played", language, seconds=time.monotonic() - started), file=stream)
    return code


async def _run(output: Path, members: int, language: str, out: TextIO) -> int:
    import simcord

    from bot import create_bot
    from bot.clock import ManualClock
    from bot.config import Settings
    from bot.services.refresh import PostRefresher

    database = output / "demo.db"
    _remove_database(database)
    clock = ManualClock(START)
    bot = create_bot(
        Settings(database_url=f"sqlite+aiosqlite:///{database}"),
        clock=clock,
        timers=False,
        sync_commands=False,
    )
    # A wall-clock wait of production, changed: SimCord runs sleeps shorter than
    # its settle timeout in real time, and members here act one at a time. The
    # question post's live counts (redrawn at most every 5 s) are redrawn once a
    # virtual minute.
    bot.refresher = PostRefresher(bot.app, bot, interval=REFRESH_SECONDS)
    try:
        async with simcord.run(bot, shard_count=1) as env:
            # SimCord gives up on a bot busy for 5 s of real time; on a slow or busy
            # machine the encoder's first load and the closing summary take longer
            env.settle_timeout = max(env.settle_timeout, SETTLE_SECONDS)
            await bot.tree.sync()
            server = DemoServer(env, bot, clock, load_dialogue(), members)
            closing, files = await _play(server, output, language, out)
    finally:
        # SimCord does not close the bot: flush its writes and close the
        # database so demo.db is whole, with no -wal file beside it.
        bot.refresher.cancel()
        await bot.app.close()
    print("\n" + t("cli-demo-left", language, folder=str(output)), file=out)
    for path in [database, *files]:
        print(f"  {path}", file=out)
    # commands to paste into a shell: a folder named with a space stays one argument
    export = shlex.quote(str(output / "export.jsonl"))
    print("\n" + t("cli-demo-analyze", language, path=export), file=out)
    url = shlex.quote(f"sqlite+aiosqlite:///{database}")
    print(t("cli-demo-web", language, url=url, guild=server.guild.id), file=out)
    return 0 if closing else 1


async def _play(
    server: DemoServer, output: Path, language: str, out: TextIO
) -> tuple[Any, list[Path]]:
    """The story, from the empty server to the summary; returns the closing messages and files."""
    story: Dialogue = server.dialogue
    await server.build()
    print(
        t(
            "cli-demo-server",
            language,
            server=story.server,
            forum=story.forum,
            members=len(server.names),
            moderator=story.moderator,
        ),
        file=out,
    )
    print(t("cli-demo-setup", language, moderator=story.moderator, forum=story.forum), file=out)
    await server.open_discussion()
    sent = await server.converse()
    votes = await server.vote_on_cards(sent)
    activity = {"replies": len(sent), "reactions": server.reactions, "votes": votes}
    print(t("cli-demo-activity", language, **activity), file=out)
    print(t("cli-demo-later", language), file=out)
    await server.close()
    closing = show_thread(server.thread, server.discussion.message_id, story.forum, language, out)
    export = output / "export.jsonl"
    lines = await server.export(export)
    files = [export]
    for attachment in (a for message in closing for a in message.attachments):
        chart = output / attachment.filename
        chart.write_bytes(await attachment.read())
        files.append(chart)
    print("\n" + t("cli-demo-export", language, lines=lines), file=out)
    return closing, files


def _quiet_logging() -> None:
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.WARNING)
    for noisy in ("simcord", "apscheduler", "aiosqlite", "sqlalchemy", "alembic"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # discord.py's start-up notes (no voice support, intents) say nothing about the demo.
    logging.getLogger("discord").setLevel(logging.ERROR)


def _remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
