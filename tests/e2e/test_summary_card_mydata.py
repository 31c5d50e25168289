"""Summaries, the voting card and a member's own data, as members see them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from bot import custom_ids
from db.models import (
    AuditEntry,
    MemberPreference,
    PrivacyInterval,
    Reply,
    ReplyRevision,
    Stance,
    StanceChange,
    Suggestion,
    Vote,
)
from tests.discord_checks import size
from tests.harness import world

ARGUMENTS = [
    ("Oui, l'IA va générer des films entiers, c'est inévitable et ça ouvre la création à tous.", 0),
    ("Non, un film sans acteurs humains n'a aucune âme, je refuse ce futur.", 1),
    ("Je pense que oui, les outils comme Sora progressent très vite.", 0),
    ("Non jamais, le public veut des vrais acteurs et des vraies émotions.", 1),
    ("Ça dépend : pour les effets spéciaux oui, pour les acteurs non.", 2),
]


async def _debate(w, thread, discussion):
    post = w.post_message(discussion)
    messages = []
    for member, (text, option) in zip(w.members, ARGUMENTS, strict=False):
        messages.append(await member.send(thread, text))
        await member.click(post, custom_id=custom_ids.stance(discussion.id, option))
    await w.settle()
    return messages


async def test_summary_shows_counts_quotes_and_chart(sqlite_url: str) -> None:
    async with world(sqlite_url, members=5) as w:
        thread, discussion = await w.post()
        await _debate(w, thread, discussion)
        result = await w.members[0].slash(thread, "summary show")
        assert result.ephemeral
        embed = result.response.embeds[0]
        assert embed.title == f"Summary of discussion #{discussion.id}"
        fields = {f.name: f.value for f in embed.fields}
        assert fields["Oui"].startswith("**2** in all (2 declared")
        assert fields["Non"].startswith("**2** in all")
        assert "discord.com/channels" in fields["Oui"]
        assert embed.image.url == "attachment://stances.png"
        png = await result.response.attachments[0].read()
        assert png.startswith(b"\x89PNG")


async def test_closing_posts_the_summary_in_the_thread_and_locks_it(sqlite_url: str) -> None:
    async with world(sqlite_url, members=5) as w:
        thread, discussion = await w.post()
        await _debate(w, thread, discussion)
        w.clock.advance(timedelta(hours=72, minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        closing = thread.last_message
        assert closing.content.startswith("🔒 La discussion est close")
        assert closing.embeds[0].title == f"Résumé de la discussion n°\u00a0{discussion.id}"
        assert any(a.filename == "stances.png" for a in closing.attachments)
        fetched = await w.bot.fetch_channel(thread.id)
        assert fetched.locked
        sent = [r for r in w.env.http_requests if r.method == "POST" and str(thread.id) in r.path]
        assert all(
            r.json is None or r.json.get("allowed_mentions", {}).get("parse") == []
            for r in sent
            if isinstance(r.json, dict)
        )


async def test_voting_card_order_no_self_no_double_and_end(sqlite_url: str) -> None:
    async with world(sqlite_url, members=4) as w:
        thread, discussion = await w.post()
        alice, bruno, chloe, david = w.members
        mine = await alice.send(thread, "Ma propre réponse.")
        others = [await m.send(thread, f"Avis de {m.name}") for m in (bruno, chloe, david)]
        await david.react(others[0], "👍")
        await w.settle()
        card = await alice.click(
            w.post_message(discussion), custom_id=custom_ids.card(discussion.id)
        )
        assert card.ephemeral
        seen, footers = [], []
        current = card
        for _ in range(3):
            description = current.response.embeds[0].description
            seen.append(description)
            footers.append(current.response.embeds[0].footer.text)
            assert "Ma propre réponse" not in description
            current = await alice.click(current.response.message, label="Agree")
        assert sorted(seen) == sorted(m.content for m in others)
        # the replies after the one shown: the last card says it is the last
        assert footers == ["2 more replies to see", "1 more reply to see", "The last reply to see"]
        assert "Nothing left to vote on" in current.response.content
        await w.settle()
        votes = await w.rows(Vote, Vote.voter_id == alice.id)
        assert sorted(v.reply_id for v in votes) == sorted(m.id for m in others)
        assert mine.id not in {v.reply_id for v in votes}
        again = await alice.click(
            w.post_message(discussion), custom_id=custom_ids.card(discussion.id)
        )
        assert "Nothing left" in again.response.content


async def test_card_votes_and_reactions_are_one_vote(sqlite_url: str) -> None:
    async with world(sqlite_url, members=2) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members
        reply = await alice.send(thread, "Un seul avis.")
        await bruno.react(reply, "👎")
        await w.settle()
        card = await bruno.click(
            w.post_message(discussion), custom_id=custom_ids.card(discussion.id)
        )
        assert "Nothing left" in card.response.content
        await bruno.unreact(reply, "👎")
        await w.settle()
        card = await bruno.click(
            w.post_message(discussion), custom_id=custom_ids.card(discussion.id)
        )
        await bruno.click(card.response.message, label="Agree")
        await w.settle()
        assert [(v.voter_id, v.value) for v in await w.rows(Vote)] == [(bruno.id, 1)]


async def test_card_after_the_discussion_closed(sqlite_url: str) -> None:
    async with world(sqlite_url, members=2) as w:
        thread, discussion = await w.post()
        await w.members[0].send(thread, "Avis.")
        await w.settle()
        card = await w.members[1].click(
            w.post_message(discussion), custom_id=custom_ids.card(discussion.id)
        )
        w.clock.advance(timedelta(hours=80))
        late = await w.members[1].click(card.response.message, label="Agree")
        assert "closed" in late.response.content
        await w.settle()
        assert await w.rows(Vote) == []


def _download(lines: bytes) -> dict[str, list[dict[str, Any]]]:
    by_type: dict[str, list[dict[str, Any]]] = {}
    for line in lines.decode().splitlines():
        record = json.loads(line)
        by_type.setdefault(record.pop("type"), []).append(record)
    return by_type


def _iso(when: datetime | None) -> str | None:
    return None if when is None else when.astimezone(UTC).isoformat().replace("+00:00", "Z")


async def test_mydata_download_holds_everything_stored_about_the_member(sqlite_url: str) -> None:
    async with world(sqlite_url, members=2) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members
        post = w.post_message(discussion)
        mine = await alice.send(thread, "Mon avis personnel.")
        await w.env.advance_time(1)
        await alice.edit(mine, "Mon avis personnel, corrigé.")
        await w.env.advance_time(1)
        await alice.edit(mine, "Mon avis personnel, corrigé deux fois.")
        await alice.click(post, custom_id=custom_ids.stance(discussion.id, 0))
        await alice.click(post, custom_id=custom_ids.stance(discussion.id, 2))
        theirs = await bruno.send(thread, "L'avis de Bruno.")
        await alice.react(theirs, "👎")
        await alice.slash(thread, "mydata optout")
        await w.env.advance_time(1)
        await alice.slash(thread, "mydata optin")
        await w.settle()

        shown = await alice.slash(thread, "mydata show", download=True)
        assert "1 reply · 1 stance · 1 vote · 0 suggested questions" in (
            shown.response.embeds[0].description
        )
        got = _download(await shown.response.attachments[0].read())
        assert set(got) == {
            "reply", "vote", "stance", "stance_change", "preference", "privacy_interval",
        }  # fmt: skip

        (stored,) = await w.rows(Reply, Reply.id == mine.id)
        revisions = sorted(await w.rows(ReplyRevision), key=lambda r: r.edited_at)
        assert got["reply"] == [
            {
                "id": str(mine.id),
                "discussion_id": str(discussion.id),
                "author_name": "alice",
                "text": "Mon avis personnel, corrigé deux fois.",
                "created_at": _iso(stored.created_at),
                "edited_at": _iso(stored.edited_at),
                "reply_to": None,
                "via_form": False,
                "revisions": [
                    {"text": "Mon avis personnel.", "replaced_at": _iso(revisions[0].edited_at)},
                    {
                        "text": "Mon avis personnel, corrigé.",
                        "replaced_at": _iso(revisions[1].edited_at),
                    },
                ],
            }
        ]
        (vote,) = await w.rows(Vote)
        assert got["vote"] == [
            {
                "reply_id": str(theirs.id),
                "discussion_id": str(discussion.id),
                "value": -1,
                "at": _iso(vote.at),
                "via_reaction": True,  # stored with it: cast by her 👎, not on the card
            }
        ]
        (stance,) = await w.rows(Stance)
        assert got["stance"] == [
            {"discussion_id": str(discussion.id), "option": "Nuancé", "at": _iso(stance.at)}
        ]
        changes = sorted(await w.rows(StanceChange), key=lambda c: c.id)
        assert got["stance_change"] == [
            {"discussion_id": str(discussion.id), "option": option, "at": _iso(change.at)}
            for option, change in zip(("Oui", "Nuancé"), changes, strict=True)
        ]
        (preference,) = await w.rows(MemberPreference)
        assert got["preference"] == [
            {
                "opted_out": False,
                "hidden_from_leaderboard": False,
                "updated_at": _iso(preference.updated_at),
            }
        ]
        (span,) = await w.rows(PrivacyInterval)
        assert got["privacy_interval"] == [
            {
                "reason": "opted_out",
                "starts_at": _iso(span.starts_at),
                "ends_at": _iso(span.ends_at),
            }
        ]
        assert span.starts_at is not None and span.ends_at is not None
        assert span.starts_at < span.ends_at
        # Bruno's data is his, not in her file.
        assert "L'avis de Bruno." not in (await shown.response.attachments[0].read()).decode()


async def test_mydata_download_holds_her_suggestions_and_leaderboard_choice(
    sqlite_url: str,
) -> None:
    """Issue 17's data about her: the questions she suggested (pending, approved into
    the bank, rejected with a reason) and her choice to leave the leaderboard."""
    async with world(sqlite_url, members=2) as w:
        staff = w.guild.create_text_channel("moderation")
        await w.setup(review_channel=staff)
        alice, bruno = w.members
        for kwargs in (
            {"text": "Faut-il des salles de cinéma sans écran ?", "options": "Oui|Non|Bof"},
            {"text": "Le doublage par IA vous gêne-t-il ?", "category": "Cinéma"},
            {"text": "Regardez-vous encore des films en salle ?"},
        ):
            sent = await alice.slash(w.text, "suggest", **kwargs)
            assert sent.ephemeral and "suggestion #" in sent.response.content
            await w.env.advance_time(1)
        await bruno.slash(w.text, "suggest", text="La question de Bruno sur les séries ?")
        await w.settle()
        first, second, _ = sorted(
            await w.rows(Suggestion, Suggestion.author_id == alice.id), key=lambda s: s.id
        )
        cards = {m.embeds[0].title: m for m in staff.history()}
        approved = await w.mod.click(
            cards[f"💡 Proposition n°\u00a0{first.id}"],
            custom_id=custom_ids.review(first.id, "approve"),
        )
        assert approved.response is not None
        shown = await w.mod.click(
            cards[f"💡 Proposition n°\u00a0{second.id}"],
            custom_id=custom_ids.review(second.id, "reject"),
        )
        field = shown.modal["components"][0]["components"][0]["custom_id"]
        await w.mod.submit_modal(shown, {field: "Déjà posée le mois dernier."})
        hidden = await alice.slash(w.text, "leaderboard hide")
        assert hidden.ephemeral
        await w.settle()

        shown = await alice.slash(w.text, "mydata show", download=True)
        assert "3 suggested questions" in shown.response.embeds[0].description
        raw = await shown.response.attachments[0].read()
        got = _download(raw)
        rows = sorted(
            await w.rows(Suggestion, Suggestion.author_id == alice.id), key=lambda s: s.id
        )
        assert [r.status for r in rows] == ["approved", "rejected", "pending"]
        assert rows[0].question_id is not None
        assert got["suggestion"] == [
            {
                "id": str(r.id),
                "text": text.removesuffix(" ?") + "\u202f?",  # French: stored with its spacing
                "options": options,
                "category": category,
                "author_name": "alice",
                "language": "en",
                "status": r.status,
                "reason": reason,
                "created_at": _iso(r.created_at),
                "decided_at": _iso(r.decided_at),
                "question_id": None if r.question_id is None else str(r.question_id),
            }
            for r, (text, options, category, reason) in zip(
                rows,
                (
                    (
                        "Faut-il des salles de cinéma sans écran ?",
                        ["Oui", "Non", "Bof"],
                        None,
                        None,
                    ),
                    (
                        "Le doublage par IA vous gêne-t-il ?",
                        ["Oui", "Non", "Nuancé"],
                        "cinéma",
                        "Déjà posée le mois dernier.",
                    ),
                    (
                        "Regardez-vous encore des films en salle ?",
                        ["Oui", "Non", "Nuancé"],
                        None,
                        None,
                    ),
                ),
                strict=True,
            )
        ]
        assert got["suggestion"][0]["decided_at"] is not None
        assert got["suggestion"][2]["decided_at"] is None
        (preference,) = await w.rows(MemberPreference, MemberPreference.user_id == alice.id)
        assert got["preference"] == [
            {
                "opted_out": False,
                "hidden_from_leaderboard": True,
                "updated_at": _iso(preference.updated_at),
            }
        ]
        assert "Bruno" not in raw.decode()  # his suggestion is his
        assert str(w.mod.id) not in raw.decode()  # who decided is staff's


async def test_mydata_delete_and_optout(sqlite_url: str) -> None:
    async with world(sqlite_url, members=2) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members
        mine = await alice.send(thread, "Mon avis personnel.")
        await alice.edit(mine, "Mon avis personnel, corrigé.")
        await alice.click(w.post_message(discussion), custom_id=custom_ids.stance(discussion.id, 0))
        theirs = await bruno.send(thread, "L'avis de Bruno.")
        await alice.react(theirs, "👍")
        await bruno.react(mine, "👍")
        await bruno.click(w.post_message(discussion), custom_id=custom_ids.stance(discussion.id, 1))
        await w.settle()
        assert len(await w.rows(ReplyRevision)) == 1
        assert len(await w.rows(StanceChange)) == 2 and len(await w.rows(Vote)) == 2

        asked = await alice.slash(thread, "mydata delete")
        confirmed = await alice.click(asked.response.message, label="Yes, erase everything")
        assert "erased" in confirmed.response.content
        await w.settle()
        reply = (await w.rows(Reply, Reply.id == mine.id))[0]
        assert (reply.text, reply.deleted, reply.author_id) == ("", True, 0)
        assert await w.rows(ReplyRevision) == []  # her earlier versions
        assert [(c.user_id, c.option) for c in await w.rows(StanceChange)] == [(bruno.id, 1)]
        assert [s.user_id for s in await w.rows(Stance)] == [bruno.id]
        assert await w.rows(Vote) == []  # hers, and Bruno's on her erased reply
        assert (await w.rows(Reply, Reply.id == theirs.id))[0].text == "L'avis de Bruno."
        audit = [a for a in await w.rows(AuditEntry) if a.action == "member_data_erased"]
        assert len(audit) == 1 and audit[0].actor_id is None and audit[0].target is None
        summary = await bruno.slash(thread, "summary show")
        assert "Mon avis personnel" not in str([e.to_dict() for e in summary.response.embeds])

        await alice.slash(thread, "mydata optout")
        await alice.send(thread, "Ne m'enregistrez pas.")
        refused = await alice.click(
            w.post_message(discussion), custom_id=custom_ids.stance(discussion.id, 1)
        )
        assert "opted out" in refused.response.content
        await alice.react(theirs, "👎")
        await w.settle()
        assert not [r for r in await w.rows(Reply) if r.text == "Ne m'enregistrez pas."]
        assert await w.rows(Vote) == []
        assert (await w.rows(MemberPreference))[0].opted_out
        await alice.slash(thread, "mydata optin")
        await alice.send(thread, "De retour.")
        await w.settle()
        assert [
            r.text
            for r in await w.rows(Reply, Reply.author_id == alice.id, Reply.deleted.is_(False))
        ] == ["De retour."]


async def test_opted_out_members_replies_are_not_on_the_card(sqlite_url: str) -> None:
    async with world(sqlite_url, members=2) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members
        await alice.send(thread, "Avant mon refus.")
        await w.settle()
        await alice.slash(thread, "mydata optout")
        card = await bruno.click(
            w.post_message(discussion), custom_id=custom_ids.card(discussion.id)
        )
        assert "No reply from other members" in card.response.content


async def test_summary_shows_opinion_groups_and_leaves_profile_replies_out(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url, members=8) as w:
        thread, _ = await w.post()
        author, voters = w.mod, w.members
        statements = [
            await author.send(thread, text)
            for text in (
                "Les studios doivent payer les acteurs dont l'image entraîne un modèle.",
                "Un film généré doit être signalé au public.",
                "Laissons le marché décider, sans règles.",
                "Les festivals devraient accepter les films 100 % IA.",
            )
        ]
        profile = await author.send(thread, "J'ai entre 18 et 25 ans.")
        for i, member in enumerate(voters):
            camp = i < 4
            for j, message in enumerate(statements):
                agrees = camp if j < 2 else not camp
                await member.react(message, "👍" if agrees else "👎")
            await member.react(profile, "👍" if i % 2 else "👎")
        await w.settle()
        result = await w.members[1].slash(thread, "summary show")
        groups = next(e for e in result.response.embeds if e.title == "Opinion groups")
        fields = {f.name: f.value for f in groups.fields}
        assert set(fields) >= {"Group A (4 members)", "Group B (4 members)"}
        assert len(await w.rows(Vote)) == 8 * 5
        shown = "\n".join(fields.values())
        assert "18 et 25 ans" not in shown
        assert groups.footer.text == (
            "One reply that describes its author (age, origin…) is left out of the groups."
        )
        assert groups.image.url == "attachment://map.png"
        names = [a.filename for a in result.response.attachments]
        assert "map.png" in names


async def test_an_opted_out_member_is_told_before_the_card_not_after_a_vote(
    sqlite_url: str,
) -> None:
    """The card showed her a reply to vote on, then refused the vote (the Reply button
    already refuses her before opening its form)."""
    async with world(sqlite_url, members=2) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members
        await alice.send(thread, "Un avis à voter.")
        await w.settle()
        await bruno.slash(thread, "mydata optout")
        card = await bruno.click(
            w.post_message(discussion), custom_id=custom_ids.card(discussion.id)
        )
        assert card.ephemeral and not card.response.embeds
        assert "You opted out" in card.response.content


async def test_card_before_anyone_else_replied_does_not_thank_for_votes(sqlite_url: str) -> None:
    """With no reply of others yet, the card said "you have given your opinion on
    every reply. Thank you!" to a member who had voted on nothing."""
    async with world(sqlite_url, members=2) as w:
        thread, discussion = await w.post()
        alice, bruno = w.members
        empty = await alice.click(
            w.post_message(discussion), custom_id=custom_ids.card(discussion.id)
        )
        assert empty.ephemeral and "No reply from other members" in empty.response.content
        await alice.send(thread, "Ma propre réponse.")
        await w.settle()
        own_only = await alice.click(
            w.post_message(discussion), custom_id=custom_ids.card(discussion.id)
        )
        assert "No reply from other members" in own_only.response.content
        card = await bruno.click(
            w.post_message(discussion), custom_id=custom_ids.card(discussion.id)
        )
        done = await bruno.click(card.response.message, label="Agree")
        assert "Nothing left to vote on" in done.response.content


async def test_erasure_confirmed_minutes_later_and_after_a_restart(sqlite_url: str) -> None:
    """The confirmation's buttons lived two minutes in one process: a member who
    read the warning slowly, or clicked after a restart, got "interaction failed"."""
    async with world(sqlite_url, members=2) as w:
        thread, _ = await w.post()
        alice, bruno = w.members
        await alice.send(thread, "À effacer plus tard.")
        await bruno.send(thread, "À garder.")
        await w.settle()
        asked = await alice.slash(thread, "mydata delete")
        kept = await bruno.slash(thread, "mydata delete")
        await w.env.advance_time(5 * 60)
        await w.restart()
        cancelled = await bruno.click(kept.response.message, label="Cancel")
        assert "Nothing was erased" in cancelled.response.content
        confirmed = await alice.click(asked.response.message, label="Yes, erase everything")
        assert "erased" in confirmed.response.content
        await w.settle()
        texts = sorted(r.text for r in await w.rows(Reply))
        assert texts == ["", "À garder."]


async def test_a_vote_on_a_reply_deleted_meanwhile_moves_the_card_on(sqlite_url: str) -> None:
    """The card showed a reply its author then deleted: the vote answered "Answer not
    found" and the card stayed on it, so every click failed the same way."""
    async with world(sqlite_url, members=3) as w:
        thread, discussion = await w.post()
        alice, bruno, chloe = w.members
        first = await alice.send(thread, "Bientôt effacée.")
        await w.env.advance_time(1)
        await bruno.send(thread, "Toujours là.")
        await w.settle()
        card = await chloe.click(
            w.post_message(discussion), custom_id=custom_ids.card(discussion.id)
        )
        shown = card.response.embeds[0].description
        doomed = first if shown == "Bientôt effacée." else None
        if doomed is None:  # the routing chose the other first: vote it, then the doomed one
            card = await chloe.click(card.response.message, label="Agree")
        assert card.response.embeds[0].description == "Bientôt effacée."
        await alice.delete(first)
        await w.settle()
        moved = await chloe.click(card.response.message, label="Agree")
        assert "not found" not in (moved.response.content or "")
        assert moved.response.embeds or "Nothing left" in moved.response.content
        await w.settle()
        assert first.id not in {v.reply_id for v in await w.rows(Vote)}


async def test_mydata_show_keeps_each_listed_reply_whole_within_discords_limit(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        thread, _ = await w.post()
        alice = w.members[0]
        for n in range(8):
            await alice.send(thread, f"Réponse {n} " + "😀" * 80)
        await w.settle()
        shown = await alice.slash(w.text, "mydata show")
        (replies,) = [f for f in shown.response.embeds[0].fields if f.name == "Your latest replies"]
        assert size(replies.value) <= 1024
        lines = replies.value.split("\n")
        assert 1 <= len(lines) < 8
        assert all(line.startswith("[#") and line.endswith("…") for line in lines)
