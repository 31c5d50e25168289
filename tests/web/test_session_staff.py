"""A web session ends once its member no longer manages the server.

The session lasts 12 hours after the link; a moderator demoted, removed from the
server, or whose server removed the bot, must not keep reading members' replies.
"""

from __future__ import annotations

from datetime import timedelta

from bot.services import web_auth
from tests.web.conftest import HOME, MOD, Room


class Staff:
    """Discord's answer about each member, and how often it was asked."""

    def __init__(self) -> None:
        self.answer: bool | None = True
        self.asked = 0

    async def __call__(self, guild_id: int, user_id: int) -> bool | None:
        assert (guild_id, user_id) == (HOME, MOD)
        self.asked += 1
        return self.answer


def watched(room: Room) -> Staff:
    staff = Staff()
    room.context.staff = web_auth.StaffRecheck(staff)
    return staff


async def _sessions(room: Room) -> int:
    async with room.app.sessions() as session:
        return len(await web_auth.repo.sessions_of(session, HOME))


async def test_a_demoted_moderator_loses_the_session_within_a_minute(room: Room) -> None:
    staff = watched(room)
    await room.sign_in()
    assert "scénaristes" in await room.html("/discussions")
    assert staff.asked == 1
    staff.answer = False  # Manage Server taken away (or removed from the server)
    room.clock.advance(web_auth.STAFF_RECHECK + timedelta(seconds=1))
    refused = await room.client.get("/discussions")
    text = await refused.text()
    assert refused.status == 403
    assert "ne gérez plus ce serveur" in text and "scénaristes" not in text
    assert await _sessions(room) == 0
    staff.answer = True  # given back: a new link is needed, the old cookie stays dead
    assert (await room.client.get("/discussions")).status == 403


async def test_the_permission_is_asked_again_only_every_minute(room: Room) -> None:
    staff = watched(room)
    await room.sign_in()
    for _ in range(5):
        await room.html("/discussions")
    assert staff.asked == 1
    room.clock.advance(web_auth.STAFF_RECHECK)
    await room.html("/discussions")
    assert staff.asked == 2


async def test_an_unknown_answer_keeps_the_session_and_asks_again(room: Room) -> None:
    staff = watched(room)
    staff.answer = None  # Discord does not answer now
    await room.sign_in()
    await room.html("/discussions")
    await room.html("/discussions")
    assert staff.asked == 2 and await _sessions(room) == 1


async def test_the_console_session_has_no_member_to_ask(room: Room) -> None:
    staff = watched(room)
    staff.answer = False
    await room.sign_in(user_id=web_auth.LOCAL_USER)
    assert "scénaristes" in await room.html("/discussions")
    assert staff.asked == 0


async def test_the_end_of_her_session_speaks_the_servers_language(room: Room) -> None:
    """The session names its server, so its end is said in that server's language, as
    every page of the session was: an English server's demoted moderator read « Vous ne
    gérez plus ce serveur » (her browser said no language, French the default)."""
    from sqlalchemy import update

    from db.models import Guild

    async with room.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language="en"))
    room.context.room.forget_server(HOME)
    staff = watched(room)
    await room.sign_in()
    assert "Discussions" in await room.html("/discussions")
    staff.answer = False
    room.clock.advance(web_auth.STAFF_RECHECK + timedelta(seconds=1))
    refused = await room.client.get("/discussions")
    text = await refused.text()
    assert refused.status == 403
    assert '<html lang="en">' in text
    assert "You no longer manage this server: your session has ended." in text
    assert "type /review in your Discord server" in text
