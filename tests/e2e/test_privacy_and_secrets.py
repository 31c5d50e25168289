"""Retention, the token kept out of logs, and commands refused outside servers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot import runner
from bot.cli import main
from bot.config import Settings
from db.models import Reply, Vote
from tests.harness import world

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB"
WEB_SECRET = "a-web-secret-of-forty-characters-exactly"
OTHER_TOKEN = "OTk4NzY1NDMyMTA5ODc2NTQz.Xy-z_1.ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zz"


async def test_retention_erases_old_reply_texts_daily(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False) as w:
        result = await w.setup(retention_days=7)
        assert "7 days" in str(result.response.embeds[0].to_dict())
        thread, discussion = await w.post()
        old = await w.members[0].send(thread, "Un vieux message.")
        await w.settle()
        w.clock.set(old.created_at + timedelta(days=3))  # SimCord stamps messages by its own clock
        await w.bot.scheduler.erase_expired()
        assert (await w.rows(Reply, Reply.id == old.id))[0].text == "Un vieux message."
        w.clock.set(discussion.closes_at + timedelta(days=30))
        await w.bot.scheduler.tick()  # the discussion closes: its summary is written
        await w.settle()
        await w.bot.scheduler.erase_expired()
        (erased,) = await w.rows(Reply, Reply.id == old.id)
        assert erased.text == "" and erased.deleted


async def test_retention_shorter_than_a_discussion_waits_for_its_close(sqlite_url: str) -> None:
    """Retention of 1 day with discussions lasting 72 h: the daily job erased the first two
    days' replies of the open discussion, and every vote on them, before its summary was
    written. A reply is erased once it is older than the retention and its discussion closed."""
    async with world(sqlite_url, setup=False, members=2) as w:
        await w.setup(retention_days=1)
        thread, discussion = await w.post()
        alice, bruno = w.members
        early = await alice.send(thread, "Les doubleurs vont perdre leur métier, c'est certain.")
        await w.settle()
        await bruno.react(thread.history()[-1], "👍")
        await w.settle()
        w.clock.set(early.created_at + timedelta(days=2))
        await w.bot.scheduler.erase_expired()
        (kept,) = await w.rows(Reply, Reply.id == early.id)
        assert kept.text.startswith("Les doubleurs") and not kept.deleted
        assert len(await w.rows(Vote)) == 1

        w.clock.set(discussion.closes_at + timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        summary = "\n".join(
            str(e.to_dict()) for m in thread.history() for e in m.embeds if "Résumé" in str(e.title)
        )
        assert "1 participant · 1 réponse" in summary, summary
        await w.bot.scheduler.erase_expired()
        (erased,) = await w.rows(Reply, Reply.id == early.id)
        assert erased.text == "" and erased.deleted


async def test_retention_is_off_by_default(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        thread, _ = await w.post()
        await w.members[0].send(thread, "Gardé.")
        await w.settle()
        w.clock.advance(timedelta(days=3650))
        await w.bot.scheduler.erase_expired()
        assert [r.text for r in await w.rows(Reply)] == ["Gardé."]


@pytest.fixture
def root_restored() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    http_level = logging.getLogger("discord.http").level
    try:
        yield
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)
        logging.getLogger("discord.http").setLevel(http_level)


def test_the_token_never_reaches_the_logs(
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    root_restored: None,
) -> None:
    """``python -m bot run`` sets up logging as in production; the bot then runs (on
    SimCord instead of Discord) and logs what could carry the token: its settings, a
    member's message quoting it, an error whose text holds it, discord.py at DEBUG."""
    log_file = tmp_path / "etvous.log"
    for name, value in {
        "DISCORD_TOKEN": TOKEN, "DATABASE_URL": sqlite_url, "LOG_FILE": str(log_file),
        "LOG_LEVEL": "DEBUG", "WEB_SECRET": WEB_SECRET,
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)

    def run_on_simcord(settings: Settings) -> int:
        async def session() -> None:
            async with world(settings.database_url, discord_token=settings.discord_token) as w:
                logging.getLogger("bot.test").info("started with %r", settings)
                thread, _ = await w.post()
                await w.members[0].send(thread, f"voici un token {TOKEN} et {OTHER_TOKEN}")
                logging.getLogger("bot.test").info("signing with %s", WEB_SECRET)
                await w.settle()
                try:
                    raise ConnectionError(f"Discord refused {TOKEN}")
                except ConnectionError:
                    logging.getLogger("discord.client").exception("connection lost")

        asyncio.run(session())
        return 0

    monkeypatch.setattr(runner, "run_bot", run_on_simcord)
    assert main(["run", "--env-file", str(tmp_path / "none.env")]) == 1  # no such file
    assert main(["run"]) == 0
    written = log_file.read_text(encoding="utf-8") + capsys.readouterr().err
    assert "connection lost" in written and "Traceback" in written
    assert "started with Settings(discord_token=Secret('**********')" in written
    assert TOKEN not in written and TOKEN.split(".")[0] not in written
    assert OTHER_TOKEN not in written
    assert WEB_SECRET not in written and "signing with **********" in written
    assert "**********" in written


async def test_commands_are_guild_only_and_not_user_installable(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False) as w:
        for command in w.bot.tree.get_commands():
            payload = command.to_dict(w.bot.tree)
            assert payload["contexts"] == [0], command.name
            assert payload["integration_types"] == [0], command.name
