"""The audit log's « Who » names a moderator who never replied: names came only from
replies, so the column showed her raw id. An entry keeps the name its actor went by
when she acted (on Discord, or in the room under the name her link was asked with),
shown escaped; erasing a member takes her name off the log. On SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select

from bot.services import audit_log, mydata, web_auth
from db.models import AuditEntry
from db.repositories import audit
from tests.web.conftest import HOME, NOW, Room

NEVER_REPLIED = 900_000_000_000_000_042
NAME = "Zoé <b>&</b>"


def _who(page: str) -> list[str]:
    cells = page.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    return [row.split("</td>")[1] for row in cells]


async def test_an_action_in_the_room_is_logged_under_the_name_her_link_was_asked_with(
    room: Room,
) -> None:
    login = await web_auth.issue_login(
        room.app, room.context.secret, HOME, NEVER_REPLIED, user_name=NAME
    )
    assert (await room.press_sign_in(login.path)).status == 303
    done = await room.client.post(
        "/settings", data={"csrf": await room.csrf(), "report_names": "on"}
    )
    assert done.status in (200, 303), await done.text()
    page = await room.html("/audit")
    (newest, *_) = _who(page)
    assert f'<a href="/members/{NEVER_REPLIED}">' in newest
    assert "Zoé &lt;b&gt;&amp;&lt;/b&gt;" in newest
    assert f">{NEVER_REPLIED}<" not in newest
    assert NAME not in page  # escaped


async def test_an_entry_without_a_name_takes_the_one_she_last_acted_under(room: Room) -> None:
    async with room.app.sessions.begin() as session:
        await audit.record(session, HOME, "setup", actor_id=NEVER_REPLIED, now=NOW)
        await audit.record(
            session, HOME, "pause", actor_id=NEVER_REPLIED, actor_name="Zoé", now=NOW
        )
        await audit.record(
            session, HOME, "resume", actor_id=NEVER_REPLIED, actor_name="Zoé B.", now=NOW
        )
    log = await audit_log.page(room.app, HOME, before=None)
    names = {line.action: line.actor_name for line in log.lines if line.actor_id}
    assert names["setup"] == "Zoé B."  # logged before names were kept
    assert names["pause"] == "Zoé"  # the name she went by then


async def test_erasing_a_member_takes_her_name_off_the_log(room: Room) -> None:
    async with room.app.sessions.begin() as session:
        await audit.record(
            session, HOME, "setup", actor_id=NEVER_REPLIED, actor_name="Zoé", now=NOW
        )
        await audit.record(
            session, HOME, "suggestion_add", actor_id=NEVER_REPLIED, actor_name="Zoé", now=NOW
        )
    login = await web_auth.issue_login(
        room.app, room.context.secret, HOME, NEVER_REPLIED, user_name="Zoé"
    )
    await mydata.erase_member(room.app, HOME, NEVER_REPLIED)
    async with room.app.sessions() as session:
        rows = list(await session.scalars(select(AuditEntry)))
    assert [(r.action, r.actor_name) for r in rows if r.actor_name] == []
    assert [r.actor_id for r in rows if r.action == "setup"] == [NEVER_REPLIED]  # as before
    assert (await room.press_sign_in(login.path)).status == 303
    await room.client.post("/settings", data={"csrf": await room.csrf()})
    log = await audit_log.page(room.app, HOME, before=None)
    assert "Zoé" not in {line.actor_name for line in log.lines}


async def test_a_member_erased_from_the_command_line_says_so_in_words(room: Room) -> None:
    """``python -m bot forget`` logs ``member_data_erased`` with no actor and the target
    ``cli``: the page showed « — » as who and the code « cli » as what, untranslated."""
    from bot.services import cli_ops
    from tests.web.conftest import ALICE

    await cli_ops.forget(room.app.sessions, HOME, ALICE)
    await room.sign_in()
    page = await room.html("/audit")
    (newest, *_) = page.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    cells = [cell.split(">", 1)[1] for cell in newest.split("</td>")[:4]]
    assert cells[1:] == ["ligne de commande", "données d’un membre effacées", ""], cells
