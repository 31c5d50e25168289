"""The web room's summary says what Discord's says: why there are no groups yet, and
every reply Discord's quotes (groups, consensus, divisive, bridging)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest

from bot.discord_render.summary import summary_messages
from db.models import Discussion, Reply, Vote
from tests.web.conftest import HOME, NOW, Room, _discussion, _reply, snowflake

VOTER = 950_000_000_000_000_000


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


async def _seeded(room: Room, question: str, thread: int, texts: list[str]) -> Discussion:
    async with room.app.sessions.begin() as session:
        discussion = await _discussion(session, HOME, question, thread)
        session.add_all(
            _reply(discussion, snowflake(300 + n, 9), VOTER + 100 + n, f"m{n}", text)
            for n, text in enumerate(texts)
        )
    return discussion


def _two_camps(discussion: Discussion, replies: int, at: datetime) -> list[Vote]:
    """Votes on the ``replies`` replies of :func:`_seeded` by two camps of seven: the first
    two replies one camp's, the next two the other's, the rest agreed by all, but for the
    sixth, which three of the second camp reject (bridging, not consensus)."""
    votes = []
    for u in range(14):
        camp = 1 if u < 7 else -1
        for n in range(replies):
            value = camp if n < 2 else -camp if n < 4 else 1
            if n == 5 and camp < 0 and u % 7 >= 3:
                value = -1
            votes.append(
                Vote(
                    reply_id=snowflake(300 + n, 9),
                    voter_id=VOTER + u,
                    discussion_id=discussion.id,
                    guild_id=HOME,
                    value=value,
                    at=at,
                )
            )
    return votes


def _discord_links(summary: Any) -> set[str]:
    messages = summary_messages(summary.analysis, links=summary.jump_links, language="fr")
    shown = [
        text
        for message in messages
        for embed in message.embeds
        for text in [embed.description or "", *(f.value or "" for f in embed.fields)]
    ]
    return set(re.findall(r"\(<?(https://discord\.com/channels/[\d/]+)", "\n".join(shown)))


async def test_one_reply_says_replies_are_missing_not_votes(room: Room) -> None:
    discussion = await _seeded(
        room, "Une seule réponse ?", 55_555, ["Oui, c'est évident pour moi."]
    )
    await room.sign_in()
    page = await room.html(f"/discussions/{discussion.id}")
    summary = await room.context.summaries.get(HOME, discussion.id)
    assert summary.analysis.missing == "too_few_replies"
    assert "il faut au moins deux réponses sur lesquelles voter" in page
    assert "votes de plus" not in page and "vote de plus" not in page
    async with room.app.sessions.begin() as session:
        closing = await session.get(Discussion, discussion.id)
        assert closing is not None
        closing.closed_at = NOW + timedelta(hours=72)
    page = await room.html(f"/discussions/{discussion.id}")
    assert "Pas de groupes\u00a0: il fallait au moins deux réponses sur lesquelles voter." in page


async def test_the_web_room_quotes_every_reply_discord_quotes_bridging_included(
    room: Room,
) -> None:
    texts = [
        "Oui, les écrans aident les élèves en difficulté à suivre le cours.",
        "Oui, les manuels numériques coûtent moins cher aux familles.",
        "Non, les écrans dispersent l'attention des enfants en classe.",
        "Non, rien ne remplace le cahier et le stylo pour apprendre.",
        "Il faut former les enseignants avant tout achat de matériel.",
        "Les parents doivent être consultés sur ces choix.",
    ]
    discussion = await _seeded(room, "Des écrans en classe ?", 66_666, texts)
    async with room.app.sessions.begin() as session:
        session.add_all(_two_camps(discussion, len(texts), NOW))
    await room.sign_in()
    page = await room.html(f"/discussions/{discussion.id}")
    summary = await room.context.summaries.get(HOME, discussion.id)
    a = summary.analysis
    assert a.stable and a.groups and a.bridging, (a.missing, a.bridging)
    assert not {c.reply_id for c in a.consensus} & {b.reply_id for b in a.bridging}
    assert "Ce qui rassemble au-delà des camps" in page
    links = _discord_links(summary)
    assert links, "Discord's summary quotes replies"
    missing = {link for link in links if link not in page}
    assert not missing, missing


async def test_the_web_room_marks_a_reply_edited_after_its_votes(room: Room) -> None:
    """Quoted as what brings people together, a reply whose text changed after the votes
    it counts says so; one corrected before any vote does not."""
    texts = [
        "Oui, les écrans aident les élèves en difficulté à suivre le cours.",
        "Oui, les manuels numériques coûtent moins cher aux familles.",
        "Non, les écrans dispersent l'attention des enfants en classe.",
        "Non, rien ne remplace le cahier et le stylo pour apprendre.",
        "Il faut supprimer l'école et tout apprendre sur YouTube.",
        "Les parents doivent être consultés sur ces choix.",
    ]
    discussion = await _seeded(room, "Des écrans en classe ?", 77_777, texts)
    voted = NOW + timedelta(days=1)
    async with room.app.sessions.begin() as session:
        for n, edited in ((4, voted + timedelta(hours=1)), (5, voted - timedelta(hours=1))):
            reply = await session.get(Reply, snowflake(300 + n, 9))
            assert reply is not None
            reply.edited_at = edited
        session.add_all(_two_camps(discussion, len(texts), voted))
    await room.sign_in()
    page = await room.html(f"/discussions/{discussion.id}")
    summary = await room.context.summaries.get(HOME, discussion.id)
    assert summary.analysis.stable and summary.analysis.consensus
    quotes = re.findall(r"<blockquote>.*?</blockquote>", page, flags=re.S)
    marked = [q for q in quotes if "(modifiée après les votes)" in q]
    assert marked and all("supprimer l&#39;école" in q for q in marked), marked
    assert any("consultés sur ces choix" in q for q in quotes)
    assert all("modifiée" not in q for q in quotes if "consultés sur ces choix" in q)
