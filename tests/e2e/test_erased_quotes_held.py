"""Words a member erased, still quoted in a closing summary the bot may no longer edit: a
moderator took Manage Threads from it in the forum (a closed discussion's thread is
locked, and only Manage Threads opens it).

She was told « Done: your data is erased »; the summary kept quoting her, the bot asked
Discord at every minute and was refused each time, and staff were never told what to give
back so that her words could go."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import discord
from simcord.backend.models.channel import Overwrite
from simcord.enums import OverwriteType

from db.models import ErasedDiscordText
from tests.e2e.test_summary_after_erasure import _closed, _no_longer_quoted, _posted
from tests.harness import World, world


def _take_manage_threads(w: World, thread: Any) -> None:
    """Manage Threads taken in the forum; Discord refuses then to open the locked thread
    (SimCord lets a thread's owner do it: the refusal is answered for it)."""
    w.env.backend.set_overwrite(
        w.forum.id,
        Overwrite(
            target_id=w.env.backend.bot_user.id,
            type=OverwriteType.MEMBER,
            deny=discord.Permissions(manage_threads=True).value,
        ),
    )
    w.env.inject_error("PATCH", f"/channels/{thread.id}", status=403, code=50013, times=None)


def _given_back(w: World) -> None:
    w.env.backend.delete_overwrite(w.forum.id, w.env.backend.bot_user.id)
    w.env.backend.faults.clear()


def _sent(w: World, channel_id: int) -> list[dict[str, Any]]:
    path = f"/channels/{channel_id}/messages"
    return [r.json for r in w.env.http_requests if r.method == "POST" and r.path.endswith(path)]


async def test_erased_words_the_bot_may_not_take_out_are_told_to_staff_once(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=2, setup=False) as w:
        staff = w.guild.create_text_channel("modération")
        await w.setup(cron="0 18 1 1 *", review_channel=staff)
        thread, _, hers = await _closed(w)
        _take_manage_threads(w, thread)
        await w.settle()
        asked = await w.members[0].slash(thread, "mydata delete")
        await w.members[0].click(asked.response.message, label="Yes, erase everything")
        await w.settle()
        sent = len(w.env.http_requests)
        for _ in range(3):
            await w.bot.scheduler.tick()
            await w.settle()
            w.clock.advance(timedelta(minutes=1))
        assert not [
            r for r in w.env.http_requests[sent:] if r.path.startswith(f"/channels/{thread.id}")
        ]
        (notice,) = _sent(w, staff.id)
        said = notice["content"]
        assert said == (
            f"⚠️ Des réponses effacées sont encore citées dans le résumé de <#{thread.id}>\u00a0: "
            "pour les retirer, il manque au bot\u00a0: Gérer les fils. Donnez-lui ces "
            "permissions dans le salon\u00a0: elles seront retirées à la minute suivante."
        ), said
        assert notice["allowed_mentions"] == {"parse": []}
        assert "Aliceword" in _posted(w, thread)
        assert len(await w.rows(ErasedDiscordText)) == 1  # still owed

        _given_back(w)
        await w.settle()
        await w.bot.scheduler.tick()
        await _no_longer_quoted(w, thread, hers)
        assert await w.rows(ErasedDiscordText) == []
        assert len(_sent(w, staff.id)) == 1
        assert not w.env.errors
