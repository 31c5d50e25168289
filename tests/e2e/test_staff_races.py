"""Two moderators (or one double click) acting on the same thing at the same moment.

SimCord plays one member action at a time, so the two arrive here as the cogs
would pass them on, through the services, at once (as in test_bank_duplicates)."""

from __future__ import annotations

import asyncio

from bot.errors import UserError
from bot.services import bank, discussions, opening, reports
from bot.services import setup as setup_service
from db.models import AuditEntry, Discussion, Guild, PublishedReport, Question
from tests.harness import world


async def test_a_discussion_reopened_twice_at_once_is_reopened_once(sqlite_url: str) -> None:
    async with world(sqlite_url, members=1) as w:
        thread, discussion = await w.post()
        await w.mod.slash(w.forum, "discussion close", discussion=discussion.id)
        await w.settle()
        before = len(w.env.http_requests)
        # Each moderator's command read the discussion, closed, before either reopened it.
        seen = [await discussions.get_scoped(w.app, w.guild.id, discussion.id) for _ in range(2)]
        outcomes = await asyncio.gather(
            *(discussions.reopen(w.app, w.bot, found, actor_id=w.mod.id) for found in seen),
            return_exceptions=True,
        )
        await w.settle()
        refused = [o for o in outcomes if isinstance(o, UserError)]
        assert [r.key for r in refused] == ["error-not-closed"], outcomes
        notices = [
            r
            for r in w.env.http_requests[before:]
            if r.method == "POST" and r.path == f"/channels/{thread.id}/messages"
        ]
        assert len(notices) == 1, [n.json for n in notices]
        actions = [a.action for a in await w.rows(AuditEntry)]
        assert actions.count("reopen") == 1
        (row,) = await w.rows(Discussion, Discussion.id == discussion.id)
        assert row.closed_at is None


async def test_a_summary_published_several_times_at_once_is_published_once(
    database_url: str,
) -> None:
    """A double click on the web room's Publish, or /summary publish by two moderators:
    one link, one entry in the audit log, no error for the second."""
    async with world(database_url, members=1) as w:
        _, discussion = await w.post()
        await w.mod.slash(w.forum, "discussion close", discussion=discussion.id)
        await w.settle()
        published = await asyncio.gather(
            *(
                reports.publish(w.app, w.guild.id, discussion.id, actor_id=w.mod.id)
                for _ in range(6)
            )
        )
        assert len({p.path for p in published}) == 1
        actions = [a.action for a in await w.rows(AuditEntry)]
        assert actions.count("report_publish") == 1, actions
        assert len(await w.rows(PublishedReport)) == 1


async def test_the_first_setup_run_twice_at_once_sets_the_server_up_once(
    database_url: str,
) -> None:
    """A double submit of a server's first /setup (or two admins at once): both are told
    the schedule, not 'something went wrong' for the server's row created by the other;
    the bank is seeded once."""
    async with world(database_url, members=1, setup=False) as w:
        shown = await asyncio.gather(
            *(
                setup_service.configure(
                    w.app,
                    w.guild.id,
                    actor_id=w.mod.id,
                    channel_id=w.forum.id,
                    channel_kind="forum",
                )
                for _ in range(4)
            ),
            return_exceptions=True,
        )
        assert all(isinstance(s, setup_service.ScheduleView) for s in shown), shown
        assert len(await w.rows(Guild)) == 1
        assert len(await w.rows(Question)) == 9


async def test_a_discussion_reopened_while_its_closing_summary_is_written_stays_open(
    sqlite_url: str,
) -> None:
    """'Wrong discussion!': a moderator reopens it while the close still writes its summary
    (seconds of analysis). The close then locked and archived the thread of a discussion
    the database held open: members could no longer answer it."""
    async with world(sqlite_url, members=2) as w:
        thread, discussion = await w.post()
        for member in w.members:
            await member.send(thread, f"{member.name} : je pense que oui, pour plusieurs raisons.")
        await w.settle()
        found = await discussions.get_scoped(w.app, w.guild.id, discussion.id)
        closing = asyncio.create_task(discussions.close(w.app, w.bot, found, actor_id=w.mod.id))
        for _ in range(10_000):  # yield until the close is recorded (no clock involved)
            if w.app.open.get(discussion.id) is None:
                break
            await asyncio.sleep(0)
        assert not closing.done()  # still writing the closing summary
        closed = await discussions.get_scoped(w.app, w.guild.id, discussion.id)
        await discussions.reopen(w.app, w.bot, closed, actor_id=w.mod.id)
        assert await closing
        await w.settle()
        (row,) = await w.rows(Discussion, Discussion.id == discussion.id)
        assert row.closed_at is None and w.app.open.get(discussion.id) is not None
        state = await w.bot.fetch_channel(thread.id)
        assert not state.locked and not state.archived


async def test_a_question_removed_twice_at_once_is_removed_once(database_url: str) -> None:
    """A double submit of /question remove: the second is told the question is not there
    (as it is after the first), not 'removed' with a second entry in the audit log."""
    async with world(database_url, members=1) as w:
        question = min(await w.rows(Question), key=lambda q: q.position)
        outcomes = await asyncio.gather(
            *(bank.remove(w.app, w.guild.id, question.id, actor_id=w.mod.id) for _ in range(4)),
            return_exceptions=True,
        )
        refused = [o for o in outcomes if isinstance(o, UserError)]
        assert [r.key for r in refused] == ["error-not-found-question"] * 3, outcomes
        actions = [a.action for a in await w.rows(AuditEntry)]
        assert actions.count("question_remove") == 1, actions


async def test_a_question_removed_while_staff_post_it_stays_removed(database_url: str) -> None:
    """/question post id:… and /question remove of the same question at once: whichever
    goes first, a removal staff were told of is not undone by the post."""
    async with world(database_url, members=1) as w:
        question = max(await w.rows(Question), key=lambda q: q.position)
        posted, removed = await asyncio.gather(
            opening.post_by_staff(
                w.app, w.bot, w.guild.id, question_id=question.id, actor_id=w.mod.id
            ),
            bank.remove(w.app, w.guild.id, question.id, actor_id=w.mod.id),
            return_exceptions=True,
        )
        await w.settle()
        assert not isinstance(removed, Exception), removed
        (row,) = await w.rows(Question, Question.id == question.id)
        assert row.status == "removed", (posted, row.status)


async def test_a_question_removed_while_its_refused_post_is_undone_stays_removed(
    database_url: str,
) -> None:
    """The next question is claimed for a post Discord then refuses (the channel gone);
    staff removed it in between: undoing the post gave it back to the bank, 'ready'."""
    async with world(database_url, members=1) as w:
        first = min(await w.rows(Question), key=lambda q: q.position)
        w.env.inject_error("POST", "/channels/*/threads", status=404, code=10003, times=1)
        posted, removed = await asyncio.gather(
            opening.post_by_staff(w.app, w.bot, w.guild.id, question_id=None, actor_id=w.mod.id),
            bank.remove(w.app, w.guild.id, first.id, actor_id=w.mod.id),
            return_exceptions=True,
        )
        await w.settle()
        assert isinstance(posted, UserError) and not isinstance(removed, Exception)
        (row,) = await w.rows(Question, Question.id == first.id)
        assert row.status == "removed"
        assert await w.rows(Discussion) == []
