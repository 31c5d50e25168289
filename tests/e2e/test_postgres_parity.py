"""What moderators and members meet is the same on SQLite and PostgreSQL.

Each test runs on both backends (PostgreSQL skips with a reason when no
server answers) and drives the bot as people would, where the two databases
were seen to part: pattern characters in a search, text PostgreSQL refuses.
"""

from __future__ import annotations

from db.models import Discussion, Question
from tests.harness import World, world

QUESTION = "L'Éthique de l'IA : 100% utile_ ou C:\\ dangereuse ?"
OTHERS = ("Le cinéma muet est-il mort ?", "Faut-il 100 séances par an ?")


async def _post_all(w: World, *texts: str) -> dict[str, int]:
    """Add and post each question; returns each one's discussion id."""
    for text in texts:
        await w.mod.slash(w.forum, "question add", text=text)
    ids = {q.text: q.id for q in await w.rows(Question)}
    for text in texts:
        posted = await w.mod.slash(w.forum, "question post", id=ids[text])
        assert posted.response is not None
    return {d.question_text: d.id for d in await w.rows(Discussion)}


async def _offered(w: World, typed: str) -> list[int]:
    choices = await w.mod.autocomplete(w.forum, "discussion close", "discussion", typed)
    return [c["value"] for c in choices]


async def test_discussion_autocomplete_folds_and_takes_pattern_characters_literally(
    database_url: str,
) -> None:
    """A moderator finds a discussion by a word of its question however she types it:
    accents and case folded as in the web room's search, and ``%``, ``_``, ``\\``
    taken as the characters she typed (PostgreSQL's ``LIKE`` reads ``\\`` as an
    escape, and refused a pattern ending in one)."""
    async with world(database_url) as w:
        posted = await _post_all(w, QUESTION, *OTHERS)
        wanted = [posted[QUESTION]]
        for typed in ("éthique", "ETHIQUE", "ethiq", "100%", "utile_", "C:\\", "\\", "%", "_"):
            assert await _offered(w, typed) == wanted, typed
        assert await _offered(w, "u_ile") == []
        assert await _offered(w, "100") == sorted(
            [posted[QUESTION], posted[OTHERS[1]]], reverse=True
        )
        assert await _offered(w, str(posted[OTHERS[0]])) == [posted[OTHERS[0]]]
        assert await _offered(w, f"#{posted[OTHERS[0]]}") == [posted[OTHERS[0]]]
