"""/question edit: staff correct a question of the bank (a typo, better options, another
category) without losing its place; what was already discussed keeps its words."""

from __future__ import annotations

import discord

from db.models import AuditEntry, Discussion, Question
from tests.harness import world


async def _bank(w: object) -> list[Question]:
    rows = await w.rows(Question, Question.status != "removed")  # type: ignore[attr-defined]
    return sorted(rows, key=lambda q: q.position)


async def test_staff_correct_a_question_and_the_post_shows_it(sqlite_url: str) -> None:
    async with world(sqlite_url, members=0) as w:
        first = (await _bank(w))[0]
        result = await w.mod.slash(
            w.text,
            "question edit",
            id=first.id,
            text="  Le cinéma   sans acteurs a-t-il un avenir ?\u0007",
            options="Pour|Contre",
        )
        assert result.ephemeral
        assert result.response.content == (  # set with French spacing, as the bank is
            f"Question #{first.id} edited: Le cinéma sans acteurs a-t-il un avenir\u202f?\n"
            "(options: Pour / Contre; no category). Discussions already posted keep the question"
            " as it was posted."
        )
        edited = (await _bank(w))[0]
        assert (edited.id, edited.position) == (first.id, first.position)  # its place kept
        assert edited.text == "Le cinéma sans acteurs a-t-il un avenir\u202f?"
        assert edited.options == ["Pour", "Contre"] and edited.category == first.category
        (entry,) = await w.rows(AuditEntry, AuditEntry.action == "question_edit")
        assert (entry.actor_id, entry.target) == (w.mod.id, str(first.id))

        _, discussion = await w.post()
        assert discussion.question_text == edited.text
        post = w.post_message(discussion)
        labels = [c.label for row in post.components for c in row.children]
        assert labels[:2] == ["Pour", "Contre"]

        await w.mod.slash(w.text, "question edit", id=first.id, text="Et après ?")
        (held,) = await w.rows(Discussion)
        assert (
            held.question_text == "Le cinéma sans acteurs a-t-il un avenir\u202f?"
        )  # as discussed
        assert not w.env.errors


async def test_refused_edits_change_nothing(sqlite_url: str) -> None:
    async with world(sqlite_url, members=0) as w:
        w.speaks(w.mod, "fr")
        first, second = (await _bank(w))[:2]
        repeat = second.text.upper().replace("É", "E")  # the same question, shouted
        refused = await w.mod.slash(w.text, "question edit", id=first.id, text=repeat)
        assert refused.response.content == (
            f"Cette question est déjà dans la banque (question n°\u00a0{second.id})."
        )
        own = await w.mod.slash(w.text, "question edit", id=first.id, text=first.text.upper())
        assert own.response.content.startswith(f"Question n°\u00a0{first.id} modifiée")
        assert own.response.content.endswith(
            "\u202f; sans catégorie). Les discussions déjà publiées gardent la question telle"
            " qu’elle a été publiée."
        )
        nothing = await w.mod.slash(w.text, "question edit", id=second.id)
        assert nothing.response.content == (
            "Indiquez ce qui change\u00a0: le texte, les options ou la catégorie."
        )
        invisible = await w.mod.slash(w.text, "question edit", id=second.id, text="\u200b\u3164")
        one_option = await w.mod.slash(w.text, "question edit", id=second.id, options="Seul")
        unknown = await w.mod.slash(w.text, "question edit", id=999_999, text="Une autre ?")
        for answer in (invisible, one_option, unknown):
            assert answer.ephemeral and "modifiée" not in answer.response.content
        await w.mod.slash(w.text, "question remove", id=second.id)
        removed = await w.mod.slash(w.text, "question edit", id=second.id, text="Revenue ?")
        assert removed.response.content == unknown.response.content
        (still,) = await w.rows(Question, Question.id == second.id)
        assert still.text == second.text and still.options == second.options
        edits = await w.rows(AuditEntry, AuditEntry.action == "question_edit")
        assert len(edits) == 1  # only her own question, upper-cased
        assert not w.env.errors


async def test_another_servers_question_is_not_found(sqlite_url: str) -> None:
    async with world(sqlite_url, members=0) as w:
        theirs = (await _bank(w))[0]
        other = w.env.create_guild("Autre serveur")
        forum = other.create_forum_channel("debats")
        staff = other.create_role(
            "staff", permissions=discord.Permissions(manage_guild=True, manage_messages=True)
        )
        admin = other.add_member(w.env.create_user("admin2"), roles=[staff])
        await admin.slash(forum, "setup", channel=forum)
        answer = await admin.slash(forum, "question edit", id=theirs.id, text="Piratée ?")
        assert "edited" not in answer.response.content
        (kept,) = await w.rows(Question, Question.id == theirs.id)
        assert kept.text == theirs.text


def _category(post: discord.Message) -> str | None:
    """The category a post shows (the server speaks French)."""
    shown = [f.value for f in post.embeds[0].fields if f.name == "Catégorie"]
    return shown[0] if shown else None


async def test_a_post_keeps_the_category_it_was_posted_with(sqlite_url: str) -> None:
    """The question moved to another category: its old post, redrawn when a member takes
    a stance, still shows the category it was posted with; a new post shows the new one."""
    from bot import custom_ids
    from tests.e2e.test_live_counts import REFRESH

    async with world(sqlite_url, members=1) as w:
        await w.mod.slash(w.text, "question add", text="Faut-il un ciné-club ?", category="cinéma")
        (asked,) = await w.rows(Question, Question.text == "Faut-il un ciné-club\u202f?")
        _, old = await w.post(id=asked.id)
        assert _category(w.post_message(old)) == "cinéma"

        edited = await w.mod.slash(w.text, "question edit", id=asked.id, category="société")
        assert "; category: société). Discussions already posted keep" in edited.response.content
        await w.members[0].click(w.post_message(old), custom_id=custom_ids.stance(old.id, 0))
        await w.env.advance_time(REFRESH)
        await w.settle()
        redrawn = w.post_message(old)
        assert redrawn.embeds[0].fields[0].value.splitlines()[0].endswith("— 1")  # redrawn
        assert _category(redrawn) == "cinéma"

        _, new = await w.post(id=asked.id)
        assert _category(w.post_message(new)) == "société"
        assert not w.env.errors
