"""A server forgotten (it removed the bot ``FORGET_REMOVED_SERVERS_DAYS`` ago) leaves
nothing in the web room's memory either: the summaries built for its pages, members'
words quoted in them, go with its rows, not whenever the cache would have evicted them."""

from __future__ import annotations

from datetime import timedelta

from bot.services import lifecycle, retention
from db.repositories import guilds
from tests.web.conftest import HOME, OTHER, Room


async def test_a_forgotten_server_s_summaries_leave_the_cache(room: Room) -> None:
    home, other = room.seeded.home_discussion, room.seeded.other_discussion
    await room.sign_in(HOME)
    page = await room.html(f"/discussions/{home}")
    assert "Je pense que l" in page
    await room.sign_in(OTHER)
    await room.html(f"/discussions/{other}")
    cache = room.context.summaries
    assert sorted(cache.kept()) == sorted([home, other])

    now = room.clock.now()
    async with room.app.sessions.begin() as session:  # removed 31 days ago
        await guilds.update_guild(
            session, HOME, now, present=False, left_at=now - timedelta(days=31)
        )
    assert await retention.forget_removed_servers(room.app) == 1
    assert cache.kept() == [other]

    builds = cache.builds
    await room.html(f"/discussions/{other}")  # the other server's is still served as kept
    assert cache.builds == builds


async def test_a_server_erased_at_its_staffs_request_leaves_the_cache(room: Room) -> None:
    """``/erase-and-leave`` (its erasure, as the command and each retry run it)."""
    home, other = room.seeded.home_discussion, room.seeded.other_discussion
    await room.sign_in(HOME)
    await room.html(f"/discussions/{home}")
    await room.sign_in(OTHER)
    await room.html(f"/discussions/{other}")
    cache = room.context.summaries
    assert sorted(cache.kept()) == sorted([home, other])

    await lifecycle.erase_now(room.app, HOME)
    assert cache.kept() == [other]


async def test_a_forgotten_server_s_name_leaves_the_room(room: Room) -> None:
    """Its stored name goes with its row, and the room's copy of its settings and name
    with it (not a few seconds later)."""
    from bot.services import server_names

    room.app.guild_names = None  # the room alone: the stored name
    await server_names.named(room.app, {HOME: "Cinéphiles"})
    assert (await room.context.room.server(HOME)).name == "Cinéphiles"
    now = room.clock.now()
    async with room.app.sessions.begin() as session:  # removed 31 days ago
        await guilds.update_guild(
            session, HOME, now, present=False, left_at=now - timedelta(days=31)
        )
    assert (await room.context.room.server(HOME)).name == "Cinéphiles"  # until forgotten
    assert await retention.forget_removed_servers(room.app) == 1
    assert (await room.context.room.server(HOME)).name == str(HOME)
