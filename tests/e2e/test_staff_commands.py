"""Moderators' commands: the bank, answers, summaries, and isolation between servers."""

from __future__ import annotations

import json

import discord
import pytest

from bot import custom_ids
from db.models import AuditEntry, Question, Reply
from tests.harness import world


def _labels(result) -> list[str]:
    return [c["label"] for row in result.response.components for c in row["components"]]


async def test_question_add_list_pages_and_remove(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        added = await w.mod.slash(
            w.forum, "question add", text="Le doublage par IA est-il acceptable ?"
        )
        assert added.ephemeral and "Oui / Non / Nuancé" in added.response.content
        custom = await w.mod.slash(
            w.forum,
            "question add",
            text="Quel film vous a marqué ?",
            options="Un vieux|Un récent|Aucun",
        )
        assert "Un vieux / Un récent / Aucun" in custom.response.content
        listed = await w.mod.slash(w.forum, "question list")
        first_page = listed.response.embeds[0].description
        assert "Envisagez-vous" in first_page and "Quel film" not in first_page
        assert "(11)" in listed.response.embeds[0].title
        page2 = await w.mod.click(listed.response.message, label="Next")
        assert "Quel film vous a marqué" in page2.response.embeds[0].description
        questions = {" ".join(q.text.split()): q for q in await w.rows(Question)}  # as typed
        removed = await w.mod.slash(
            w.forum, "question remove", id=questions["Quel film vous a marqué ?"].id
        )
        assert removed.ephemeral
        assert (await w.rows(Question, Question.status == "removed"))[
            0
        ].text == "Quel film vous a marqué\u202f?"  # French: stored with French spacing


@pytest.mark.parametrize(
    ("text", "options", "expected"),
    [
        ("   ", None, "empty"),
        ("\u200b\u2060\u3164", None, "empty"),  # nothing anyone can see
        ("Une question ?", "Oui|\u200b", "Invalid options"),
        ("x" * 1001, None, "1000"),
        ("Une question ?", "Seule", "Invalid options"),
        ("Une question ?", "A|a", "Invalid options"),
        (
            "Envisagez-vous un futur où les scénarios, les acteurs, les actrices et les paysages seront entièrement générés par IA ? Quelles en seraient les conséquences ?",
            None,
            "already",
        ),
    ],
)
async def test_question_add_rejects_bad_input(
    sqlite_url: str, text: str, options: str | None, expected: str
) -> None:
    async with world(sqlite_url) as w:
        before = len(await w.rows(Question))
        kwargs = {"text": text} | ({"options": options} if options else {})
        result = await w.mod.slash(w.forum, "question add", **kwargs)
        assert result.ephemeral and expected in result.response.content
        assert len(await w.rows(Question)) == before


async def test_question_import_from_attachment(sqlite_url: str) -> None:
    article = (
        b"Un article.\nAnd you?\n- Should studios label AI-generated scenes?\n"
        b"- How should actors be paid for digital doubles?\nSee also: more\n"
    )
    async with world(sqlite_url) as w:
        result = await w.mod.slash(w.forum, "question import", file=("article.txt", article))
        assert "2 questions imported" in result.response.content
        bad = await w.mod.slash(w.forum, "question import", file=("bad.txt", b"\xff\xfe\x00bad"))
        assert "UTF-8" in bad.response.content
        again = await w.mod.slash(w.forum, "question import", file=("article.txt", article))
        assert "0 questions imported, 2 duplicates skipped." in again.response.content
        texts = [q.text for q in await w.rows(Question)]
        assert "Should studios label AI-generated scenes?" in texts and len(texts) == 11


async def test_question_post_next_then_by_id_and_empty_bank(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        _, first = await w.post()
        assert first.question_text.startswith("Envisagez-vous")
        questions = sorted(await w.rows(Question), key=lambda q: q.position)
        _, chosen = await w.post(id=questions[5].id)
        assert chosen.question_id == questions[5].id
        for _ in range(7):
            await w.post()
        empty = await w.mod.slash(w.forum, "question post")
        assert "Every question in the bank has been posted" in empty.response.content


async def test_discussion_autocomplete_is_scoped_to_the_server(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        _, discussion = await w.post()
        choices = await w.mod.autocomplete(w.forum, "discussion close", "discussion", "")
        assert [c["value"] for c in choices] == [discussion.id]
        assert choices[0]["name"].startswith(f"#{discussion.id} Envisagez-vous")
        other = w.env.create_guild("Autre")
        forum = other.create_forum_channel("f")
        role = other.create_role(
            "staff", permissions=discord.Permissions(manage_guild=True, manage_messages=True)
        )
        stranger = other.add_member(w.env.create_user("stranger"), roles=[role])
        assert await stranger.autocomplete(forum, "discussion close", "discussion", "") == []


async def test_foreign_ids_answer_not_found_like_unknown_ids(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        reply = await w.members[0].send(thread, "Une réponse à protéger.")
        await w.settle()
        question_id = (await w.rows(Question))[0].id
        other = w.env.create_guild("Autre")
        forum = other.create_forum_channel("f")
        role = other.create_role(
            "staff", permissions=discord.Permissions(manage_guild=True, manage_messages=True)
        )
        stranger = other.add_member(w.env.create_user("stranger"), roles=[role])
        await stranger.slash(forum, "setup", channel=forum)
        attempts = [
            ("discussion close", {"discussion": discussion.id}, "Discussion not found"),
            ("discussion reopen", {"discussion": discussion.id}, "Discussion not found"),
            ("summary show", {"discussion": discussion.id}, "Discussion not found"),
            ("summary publish", {"discussion": discussion.id}, "Discussion not found"),
            ("summary unpublish", {"discussion": discussion.id}, "Discussion not found"),
            ("answers list", {"discussion": discussion.id}, "Discussion not found"),
            ("answers export", {"discussion": discussion.id}, "Discussion not found"),
            ("answers delete", {"message_id": str(reply.id)}, "Reply not found"),
            ("question remove", {"id": question_id}, "Question not found"),
            ("question post", {"id": question_id}, "Question not found"),
        ]
        for command, options, expected in attempts:
            foreign = await stranger.slash(forum, command, **options)
            unknown_options = {k: (999_999 if k != "message_id" else "999999") for k in options}
            unknown = await stranger.slash(forum, command, **unknown_options)
            assert foreign.ephemeral, command
            assert expected in foreign.response.content, command
            assert foreign.response.content == unknown.response.content, command
        stored = await w.rows(Reply)
        assert stored[0].text == "Une réponse à protéger." and not stored[0].deleted
        assert (await w.rows(Question, Question.id == question_id))[0].status == "posted"


async def test_answers_list_pages_export_and_delete(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members[:2]
        for i in range(7):
            await (alice if i % 2 else bruno).send(
                thread, f"Réponse numéro {i} **gras** <@{alice.id}>"
            )
        await alice.click(w.post_message(discussion), custom_id=custom_ids.stance(discussion.id, 1))
        await w.settle()
        listed = await w.mod.slash(w.forum, "answers list", discussion=discussion.id)
        page1 = listed.response.embeds[0].description
        assert "Réponse numéro 6" in page1 and "Réponse numéro 1" not in page1
        assert "\\*\\*gras\\*\\*" in page1
        assert f"https://discord.com/channels/{w.guild.id}/{thread.id}/" in page1
        page2 = await w.mod.click(listed.response.message, label="Next")
        assert "Réponse numéro 0" in page2.response.embeds[0].description
        by_member = await w.mod.slash(w.forum, "answers list", member=alice)
        assert "Réponse numéro 2" not in by_member.response.embeds[0].description
        exported = await w.mod.slash(w.forum, "answers export", discussion=discussion.id)
        attachment = exported.response.attachments[0]
        lines = [json.loads(line) for line in (await attachment.read()).decode().splitlines()]
        assert [line["type"] for line in lines].count("reply") == 7
        assert {line["option"] for line in lines if line["type"] == "stance"} == {"Non"}
        csv_export = await w.mod.slash(w.forum, "answers export", format="csv")
        data = await csv_export.response.attachments[0].read()
        assert data.startswith("\ufeff".encode()) and data.count(b"\n") == 8
        target = (await w.rows(Reply))[0]
        deleted = await w.mod.slash(w.forum, "answers delete", message_id=str(target.id))
        assert deleted.ephemeral
        assert (await w.rows(Reply, Reply.id == target.id))[0].text == ""
        actions = [a.action for a in await w.rows(AuditEntry)]
        assert "answer_delete" in actions and "export" in actions
        again = await w.mod.slash(w.forum, "answers delete", message_id=str(target.id))
        assert "not found" in again.response.content


async def test_answers_delete_validates_the_id(sqlite_url: str) -> None:
    async with world(sqlite_url) as w:
        for bad in ("abc", "-5", "99999999999999999999999"):
            result = await w.mod.slash(w.forum, "answers delete", message_id=bad)
            assert result.ephemeral and "not found" in result.response.content


async def test_questions_staff_removed_stay_removed_when_setup_changes_an_option(
    sqlite_url: str,
) -> None:
    """The shipped bank seeds a server once: a bank emptied by hand is not filled again by
    the next /setup (its removed questions would be posted at the next slot)."""
    async with world(sqlite_url) as w:
        for question in await w.rows(Question):
            removed = await w.mod.slash(w.forum, "question remove", id=question.id)
            assert removed.ephemeral and "removed" in removed.response.content
        changed = await w.mod.slash(w.forum, "setup", timezone="Europe/London")
        assert changed.response.embeds
        listed = await w.mod.slash(w.forum, "question list")
        assert listed.response.embeds[0].title == "Question bank (0)"
        assert await w.rows(Question, Question.status != "removed") == []
        empty = await w.mod.slash(w.forum, "question post")
        assert "Every question in the bank has been posted" in empty.response.content


async def test_answers_delete_takes_the_message_link_discord_copies(sqlite_url: str) -> None:
    """'Copy Message Link' is what a moderator has at hand ('Copy Message ID' needs
    developer mode): the link names the answer, if it is one of this server's."""
    async with world(sqlite_url) as w:
        thread, _ = await w.post()
        reply = await w.members[0].send(thread, "Un message à effacer.")
        await w.settle()
        elsewhere = f"https://discord.com/channels/{w.guild.id + 1}/{thread.id}/{reply.id}"
        refused = await w.mod.slash(w.forum, "answers delete", message_id=elsewhere)
        assert "not found" in refused.response.content
        assert (await w.rows(Reply, Reply.id == reply.id))[0].text == "Un message à effacer."
        link = f"https://discord.com/channels/{w.guild.id}/{thread.id}/{reply.id}"
        deleted = await w.mod.slash(w.forum, "answers delete", message_id=f" {link} ")
        assert deleted.ephemeral and "not found" not in deleted.response.content
        assert str(reply.id) in deleted.response.content
        assert (await w.rows(Reply, Reply.id == reply.id))[0].text == ""


async def test_an_export_too_large_for_discord_points_to_the_web_room(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A moderator has no shell on the bot's host: the answer named only
    'python -m bot export', not the web room's export she can use (/review)."""
    from bot.services import answers

    monkeypatch.setattr(answers, "MAX_ATTACHMENT", 200)  # a server's years of answers
    async with world(sqlite_url) as w:
        thread, _ = await w.post()
        await w.members[0].send(thread, "Une réponse parmi des milliers d'autres. " * 5)
        await w.settle()
        refused = await w.mod.slash(w.forum, "answers export")
        assert not refused.response.attachments
        assert "/review" in refused.response.content, refused.response.content
