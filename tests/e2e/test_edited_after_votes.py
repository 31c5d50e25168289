"""A reply edited after it collected votes is shown as such (QA: a member posted what
everybody agrees with, collected the agrees, then edited it into something else; the
summary then quoted the new text as what brings people together, and the voting card
kept the old votes).

Discord cannot forbid edits (Pol.is forbids editing a statement for this reason): the
summary marks the reply wherever it is quoted as agreed or disagreed with, and the card
shows it again to each member who voted on the earlier text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot import custom_ids
from db.models import Reply, Vote
from tests.cli_run import cli
from tests.harness import World, world

SPLIT_A = "Les studios doivent payer les acteurs dont l'image entraîne un modèle."
SPLIT_B = "Un film généré doit être signalé au public."
SPLIT_OTHER = "Laissons le marché décider, sans aucune règle."
BRIDGE = "Les spectateurs doivent pouvoir choisir en connaissance de cause."
NOBODY = "Interdisons les caméras, tout simplement."
SWAPPED = "Il faut fermer toutes les salles de cinéma dès demain."
MARK_EN = "(edited after the votes)"
MARK_FR = "(modifiée après les votes)"


async def _later(w: World, seconds: float = 60) -> None:
    """Time passes, for Discord (an edit's time) and the bot's clock (a vote's) alike."""
    await w.env.advance_time(seconds)
    w.clock.set(w.env.now())


async def _debate(w: World) -> tuple[Any, Any, list[Any]]:
    """Two camps of four split on three replies; everybody agrees with BRIDGE. SPLIT_A
    was corrected by its author before anybody voted."""
    w.clock.set(w.env.now())
    thread, discussion = await w.post()
    texts = (SPLIT_A, SPLIT_B, SPLIT_OTHER, BRIDGE, NOBODY)
    messages = [await w.mod.send(thread, text) for text in texts]
    await _later(w)
    await w.mod.edit(messages[0], SPLIT_A)  # same text: not an edit the bot stores
    await w.mod.edit(messages[0], SPLIT_A.replace("doivent", "devront"))
    await w.settle()
    await _later(w)
    for i, member in enumerate(w.members):
        camp = i < 4
        for message, text in zip(messages, texts, strict=True):
            if text in (SPLIT_A, SPLIT_B):
                agrees = camp
            elif text == SPLIT_OTHER:
                agrees = not camp
            else:
                agrees = text == BRIDGE
            await member.react(message, "👍" if agrees else "👎")
    await w.settle()
    return thread, discussion, messages


def _groups_lines(result: Any, title: str) -> list[str]:
    groups = next(e for e in result.response.embeds if e.title == title)
    return [line for f in groups.fields for line in f.value.splitlines()]


async def test_the_summary_marks_a_reply_edited_after_its_votes(
    sqlite_url: str, tmp_path: Path
) -> None:
    async with world(sqlite_url, members=8) as w:
        thread, _, messages = await _debate(w)
        before = _groups_lines(await w.members[0].slash(thread, "summary show"), "Opinion groups")
        assert not [line for line in before if MARK_EN in line]
        await _later(w)
        await w.mod.edit(messages[3], SWAPPED)
        await w.settle()

        english = _groups_lines(await w.members[0].slash(thread, "summary show"), "Opinion groups")
        marked = [line for line in english if MARK_EN in line]
        assert marked, english
        assert all("fermer toutes les salles" in line for line in marked)
        assert all(MARK_EN in line for line in english if "fermer toutes les salles" in line), (
            english
        )
        # corrected before any vote: not marked, though quoted
        assert any("devront payer les acteurs" in line for line in english), english

        w.speaks(w.members[1], "fr")
        french = _groups_lines(
            await w.members[1].slash(thread, "summary show"), "Groupes d’opinion"
        )
        marked = [line for line in french if MARK_FR in line]
        assert marked and all("fermer toutes les salles" in line for line in marked), french

        # « Où je me situe »: what bridges the groups, with her vote beside it
        standing = await w.members[2].slash(thread, "summary position")
        (embed,) = standing.response.embeds
        lines = [line for f in embed.fields for line in f.value.splitlines()]
        marked = [line for line in lines if MARK_EN in line]
        assert marked and all("fermer toutes les salles" in line for line in marked), lines

        # the export carries it, and the text report of ``analyze`` says it
        export = tmp_path / "export.jsonl"
        guild = str(w.guild.id)
        done = cli("export", "--database-url", sqlite_url, "--guild", guild, "--output",
                   str(export), cwd=tmp_path)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert export.read_text().count('"edited_after_votes": true') == 1
        report = cli("analyze", str(export), "--jobs", "1", "--no-cache", cwd=tmp_path).stdout
        lines = report.splitlines()
        marked = [line for line in lines if MARK_FR in line]
        assert marked and all("fermer toutes les salles" in line for line in marked), report
        assert any("devront payer les acteurs" in line for line in lines), report
        assert not w.env.errors


async def test_the_card_shows_again_a_reply_edited_since_her_vote(sqlite_url: str) -> None:
    async with world(sqlite_url, members=2) as w:
        alice, bruno = w.members
        w.clock.set(w.env.now())
        thread, discussion = await w.post()
        reply = await alice.send(thread, BRIDGE)
        await w.settle()
        post = w.post_message(discussion)
        card = await bruno.click(post, custom_id=custom_ids.card(discussion.id))
        (shown,) = card.response.embeds
        assert shown.description == BRIDGE and shown.title is None
        await bruno.click(
            card.response.message, custom_id=custom_ids.vote(discussion.id, reply.id, 1)
        )
        await w.settle()
        done = await bruno.click(post, custom_id=custom_ids.card(discussion.id))
        assert not done.response.embeds  # nothing left to vote on

        await _later(w)
        await alice.edit(reply, SWAPPED)
        await w.settle()
        again = await bruno.click(post, custom_id=custom_ids.card(discussion.id))
        (shown,) = again.response.embeds
        assert shown.description == SWAPPED
        assert shown.title is not None and shown.title.startswith("✏️ Edited since your vote")
        # her earlier vote stays counted until she votes on the new text
        assert [(v.voter_id, v.value) for v in await w.rows(Vote)] == [(bruno.id, 1)]

        await _later(w)
        await bruno.click(
            again.response.message, custom_id=custom_ids.vote(discussion.id, reply.id, -1)
        )
        await w.settle()
        assert [(v.voter_id, v.value) for v in await w.rows(Vote)] == [(bruno.id, -1)]
        after = await bruno.click(post, custom_id=custom_ids.card(discussion.id))
        assert not after.response.embeds  # voted on the new text: not shown again
        assert not w.env.errors


async def test_a_reply_edited_while_her_card_showed_it_is_shown_to_her_again(
    sqlite_url: str,
) -> None:
    """The card shows a reply as it was when it was drawn. Its author edited it while
    bruno read it; his Agree, clicked after the edit, was stored as a vote on the new
    text, unmarked: the summary quoted what he never read as agreed by him, and the card
    never showed him the new text. His vote is on the text he saw: the card shows the
    new one to him again at once, said edited since his vote."""
    async with world(sqlite_url, members=2) as w:
        alice, bruno = w.members
        w.speaks(bruno, "fr")
        w.clock.set(w.env.now())
        thread, discussion = await w.post()
        reply = await alice.send(thread, BRIDGE)
        await w.settle()
        post = w.post_message(discussion)
        card = await bruno.click(post, custom_id=custom_ids.card(discussion.id))
        (shown,) = card.response.embeds
        assert shown.description == BRIDGE

        await _later(w)
        await alice.edit(reply, SWAPPED)  # while bruno reads the card
        await w.settle()
        await _later(w)
        voted = await bruno.click(
            card.response.message, custom_id=custom_ids.vote(discussion.id, reply.id, 1)
        )
        (shown,) = voted.response.embeds
        assert shown.description == SWAPPED
        assert shown.title is not None and shown.title.startswith("✏️ Modifiée depuis votre vote")
        await w.settle()
        (vote,) = await w.rows(Vote)
        assert (vote.voter_id, vote.value) == (bruno.id, 1)
        (stored,) = await w.rows(Reply)
        assert stored.edited_at > vote.at  # on the earlier text: the summary marks it

        await _later(w)
        again = await bruno.click(
            voted.response.message, custom_id=custom_ids.vote(discussion.id, reply.id, -1)
        )
        assert not again.response.embeds  # he voted on the text he now sees
        assert [(v.voter_id, v.value) for v in await w.rows(Vote)] == [(bruno.id, -1)]
        assert not w.env.errors
