"""A closed discussion's thread that Discord failed to lock (a 5xx that outlasted
discord.py's own retries): it stayed open for good, members replying under the posted
summary to a discussion that no longer stored a word of it."""

from __future__ import annotations

from datetime import timedelta

from tests.harness import world


async def test_a_thread_discord_failed_to_lock_at_the_close_is_locked_at_a_later_tick(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        await w.members[0].send(thread, "Oui, la technique avance vite.")
        await w.settle()
        w.env.inject_error("PATCH", f"/channels/{thread.id}", status=503, times=1)
        w.clock.set(discussion.closes_at + timedelta(seconds=5))
        await w.bot.scheduler.tick()
        await w.settle()
        fetched = await w.bot.fetch_channel(thread.id)
        assert not fetched.locked  # Discord's bad moment
        w.clock.advance(timedelta(minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        fetched = await w.bot.fetch_channel(thread.id)
        assert fetched.locked and fetched.archived
        w.clock.advance(timedelta(minutes=1))
        asked = len(w.env.http_requests)
        await w.bot.scheduler.tick()
        await w.settle()
        assert not [r for r in w.env.http_requests[asked:] if r.method == "PATCH"]  # done
        assert not w.env.errors


async def test_a_thread_a_moderator_opens_again_after_the_close_is_left_open(
    sqlite_url: str,
) -> None:
    """Staff unlocking a closed discussion's thread on purpose (to chat on) are not fought."""
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        w.clock.set(discussion.closes_at + timedelta(seconds=5))
        await w.bot.scheduler.tick()
        await w.settle()
        w.env.backend.edit_channel(
            thread.id, {}, thread_metadata={"archived": False, "locked": False}
        )
        await w.settle()
        for _ in range(2):
            w.clock.advance(timedelta(minutes=1))
            await w.bot.scheduler.tick()
            await w.settle()
        fetched = await w.bot.fetch_channel(thread.id)
        assert not fetched.locked and not fetched.archived
        assert not w.env.errors
