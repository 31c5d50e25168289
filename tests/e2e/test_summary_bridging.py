"""The summary shows what brings people together across the divide (issue 14), through the
bot's listeners: members reply and react in a thread, then ask for /summary. A reply every
camp agrees with is consensus as well as bridging: it is shown once, under consensus, and
the bridging section shows the next one."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.harness import world

SPLIT_A = "Les studios doivent payer les acteurs dont l'image entraîne un modèle."
SPLIT_B = "Un film généré doit être signalé au public."
SPLIT_OTHER = "Laissons le marché décider, sans aucune règle."
BRIDGE = "Les spectateurs doivent pouvoir choisir en connaissance de cause."
NOBODY = "Interdisons les caméras, tout simplement."
NEAR = "Un label « fait par des humains » aiderait les salles indépendantes."
"""Three of camp A agree and two of camp B: no consensus (half of B), yet agreed with
across the divide."""


async def _debate(w: Any) -> tuple[Any, list[Any]]:
    """Two camps of four split on three replies; everybody agrees with BRIDGE, nobody with
    NOBODY, most of both camps with NEAR. The replies are the moderator's; the members
    react."""
    thread, _ = await w.post()
    texts = (SPLIT_A, SPLIT_B, SPLIT_OTHER, BRIDGE, NOBODY, NEAR)
    messages = [await w.mod.send(thread, text) for text in texts]
    for i, member in enumerate(w.members):
        camp = i < 4
        for message, text in zip(messages, texts, strict=True):
            if text in (SPLIT_A, SPLIT_B):
                agrees = camp
            elif text == SPLIT_OTHER:
                agrees = not camp
            elif text == NEAR:
                agrees = i % 4 < (3 if camp else 2)
            else:
                agrees = text == BRIDGE
            await member.react(message, "👍" if agrees else "👎")
    await w.settle()
    return thread, messages


async def test_summary_lists_what_both_camps_agree_with_each_reply_once(sqlite_url: str) -> None:
    async with world(sqlite_url, members=8) as w:
        thread, messages = await _debate(w)
        result = await w.members[0].slash(thread, "summary show")
        groups = next(e for e in result.response.embeds if e.title == "Opinion groups")
        fields = {f.name: f.value for f in groups.fields}
        assert {"Group A (4 members)", "Group B (4 members)"} <= set(fields)
        consensus = fields["What brings people together"]
        bridging = fields["What brings people together across the divide"]
        assert "choisir en connaissance de cause" in consensus
        assert "choisir en connaissance de cause" not in bridging  # listed once
        link = f"https://discord.com/channels/{w.guild.id}/{thread.id}/{messages[5].id}"
        assert "fait par des humains" in bridging and f"[↗]({link})" in bridging
        for text in (SPLIT_A, SPLIT_B, SPLIT_OTHER, NOBODY):
            assert text[:30] not in bridging


async def test_the_closing_summary_in_french_names_the_bridging_section(sqlite_url: str) -> None:
    async with world(sqlite_url, members=8) as w:
        thread, _ = await _debate(w)
        w.clock.advance(timedelta(hours=72, minutes=1))
        await w.bot.scheduler.tick()
        await w.settle()
        closing = [m for m in thread.history() if m.author.id == w.bot.user.id]
        fields = {f.name: f.value for m in closing for e in m.embeds for f in e.fields}
        assert "choisir en connaissance de cause" in fields["Ce qui rassemble"]
        bridging = fields["Ce qui rassemble au-delà des camps"]
        assert "fait par des humains" in bridging
        assert "choisir en connaissance de cause" not in bridging


EVERYONE = (
    "Il faut le consentement des acteurs avant toute copie de leur voix.",
    "Le public a le droit de savoir ce qu'il regarde.",
    "Les doubleurs méritent une rémunération juste.",
    "Les festivals devraient publier leurs règles sur l'IA.",
    "Les écoles de cinéma doivent enseigner ces outils avec esprit critique.",
)


async def test_consensus_replies_discord_has_no_room_for_are_listed_as_bridging(
    sqlite_url: str,
) -> None:
    """Five replies everybody agrees with: Discord shows three under consensus, and the two
    others, which bridge the camps as well, were in neither section (the summary had taken
    every consensus reply out of bridging, the ones Discord leaves out included)."""
    async with world(sqlite_url, members=8) as w:
        thread, _ = await w.post()
        texts = (SPLIT_A, SPLIT_B, SPLIT_OTHER, *EVERYONE, NOBODY)
        messages = [await w.mod.send(thread, text) for text in texts]
        for i, member in enumerate(w.members):
            camp = i < 4
            for message, text in zip(messages, texts, strict=True):
                if text in (SPLIT_A, SPLIT_B):
                    agrees = camp
                elif text == SPLIT_OTHER:
                    agrees = not camp
                else:
                    agrees = text in EVERYONE
                await member.react(message, "👍" if agrees else "👎")
        await w.settle()
        result = await w.members[0].slash(thread, "summary show")
        groups = next(e for e in result.response.embeds if e.title == "Opinion groups")
        fields = {f.name: f.value for f in groups.fields}
        consensus = fields["What brings people together"]
        bridging = fields.get("What brings people together across the divide", "")
        in_consensus = [text for text in EVERYONE if text[:40] in consensus]
        in_bridging = [text for text in EVERYONE if text[:40] in bridging]
        assert len(in_consensus) == 3
        assert sorted(in_consensus + in_bridging) == sorted(EVERYONE)  # each once, none lost
