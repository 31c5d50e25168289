"""Retention, the token kept out of logs, and commands refused outside servers."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from bot.config import Settings
from bot.logs import RedactingFilter
from db.models import Reply
from tests.harness import world

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB"


async def test_retention_erases_old_reply_texts_daily(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False) as w:
        result = await w.setup(retention_days=7)
        assert "7 days" in str(result.response.embeds[0].to_dict())
        thread, _ = await w.post()
        old = await w.members[0].send(thread, "Un vieux message.")
        await w.settle()
        w.clock.set(old.created_at + timedelta(days=3))  # SimCord stamps messages by its own clock
        await w.bot.scheduler.erase_expired()
        assert (await w.rows(Reply, Reply.id == old.id))[0].text == "Un vieux message."
        w.clock.advance(timedelta(days=30))
        await w.bot.scheduler.erase_expired()
        (erased,) = await w.rows(Reply, Reply.id == old.id)
        assert erased.text == "" and erased.deleted


async def test_retention_is_off_by_default(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        thread, _ = await w.post()
        await w.members[0].send(thread, "Gardé.")
        await w.settle()
        w.clock.advance(timedelta(days=3650))
        await w.bot.scheduler.erase_expired()
        assert [r.text for r in await w.rows(Reply)] == ["Gardé."]


async def test_the_token_never_reaches_the_logs(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    handler_filter = RedactingFilter([TOKEN])
    logging.getLogger().addFilter(handler_filter)
    for handler in logging.getLogger().handlers:
        handler.addFilter(handler_filter)
    try:
        settings = Settings(discord_token=TOKEN, database_url=sqlite_url)
        logging.getLogger("etvous.test").info("settings: %r %s", settings, settings.discord_token)
        async with world(sqlite_url) as w:
            thread, _ = await w.post()
            await w.members[0].send(thread, f"voici un token {TOKEN}")
            await w.settle()
        assert TOKEN not in repr(settings) and TOKEN not in str(settings)
        assert TOKEN not in caplog.text
        assert "**********" in caplog.text
    finally:
        for handler in logging.getLogger().handlers:
            handler.removeFilter(handler_filter)
        logging.getLogger().removeFilter(handler_filter)


async def test_commands_are_guild_only_and_not_user_installable(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False) as w:
        for command in w.bot.tree.get_commands():
            payload = command.to_dict(w.bot.tree)
            assert payload["contexts"] == [0], command.name
            assert payload["integration_types"] == [0], command.name
