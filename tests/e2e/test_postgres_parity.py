"""What moderators and members meet is the same on SQLite and PostgreSQL.

Each test runs on both backends (PostgreSQL skips with a reason when no
server answers) and drives the bot as people would, where the two databases
were seen to part: pattern characters in a search, text PostgreSQL refuses.
"""

from __future__ import annotations

from bot import custom_ids
from db.models import Discussion, Guild, Question, Suggestion
from tests.harness import World, world

QUESTION = "L'Éthique de l'IA : 100% utile_ ou C:\\ dangereuse ?"
OTHERS = ("Le cinéma muet est-il mort ?", "Faut-il 100 séances par an ?")


async def _post_all(w: World, *texts: str) -> dict[str, int]:
    """Add and post each question; returns each one's discussion id, by its text as typed
    (the bank stores a French one with French spacing)."""
    for text in texts:
        await w.mod.slash(w.forum, "question add", text=text)
    ids = {_typed(q.text): q.id for q in await w.rows(Question)}
    for text in texts:
        posted = await w.mod.slash(w.forum, "question post", id=ids[text])
        assert posted.response is not None
    return {_typed(d.question_text): d.id for d in await w.rows(Discussion)}


def _typed(text: str) -> str:
    """A stored question as typed: its no-break spaces as plain ones."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


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


async def test_text_postgresql_refuses_is_made_storable_in_suggestions(database_url: str) -> None:
    """A NUL pasted into a moderator's reason for turning a suggestion down (PostgreSQL
    refuses U+0000 in text), and lone surrogates a client sent in a suggestion, its
    options (PostgreSQL's JSON refuses them escaped, SQLite kept them to fail each echo)
    or a reason (neither backend encodes them in text): each is stored as U+FFFD, like
    the same characters in a reply, instead of failing the moderator's or member's click."""
    async with world(database_url) as w:
        staff = w.guild.create_text_channel("moderation")
        await w.setup(review_channel=staff)
        bruno = w.members[1]
        sent = await bruno.slash(
            w.text, "suggest", text="Le cinéma \ud83d muet ?", options="Oui|Non \udc00|Bof"
        )
        assert sent.ephemeral and "#1" in sent.response.content, sent.response.content
        await w.settle()
        (card,) = staff.history()
        shown = await w.mod.click(card, custom_id=custom_ids.review(1, "reject"))
        field = shown.modal["components"][0]["components"][0]["custom_id"]
        done = await w.mod.submit_modal(shown, {field: "Trop\x00proche \udc00 de la n° 3"})
        fields = {f.name: f.value for f in done.response.embeds[0].fields}
        assert fields["Décision"].startswith("✖️ Refusée par <@"), fields
        (suggestion,) = await w.rows(Suggestion)
        assert suggestion.text == "Le cinéma \ufffd muet\u202f?"
        assert suggestion.options == ["Oui", "Non \ufffd", "Bof"]
        assert (suggestion.status, suggestion.reason) == (
            "rejected",
            "Trop\ufffdproche \ufffd de la n° 3",
        )


LONG_CRON = (
    "0 18 " + ",".join(map(str, range(1, 29))) + " " + ",".join(map(str, range(1, 13))) + " *"
)


async def test_a_schedule_longer_than_its_column_is_refused_clearly(database_url: str) -> None:
    """A valid cron of 108 characters (each day 1–28 of each month, listed): SQLite kept
    it whatever the column's length, PostgreSQL refused it and the moderator read
    "something went wrong". It is refused on both, saying why, and nothing changes."""
    assert len(LONG_CRON) > 100
    async with world(database_url) as w:
        before = (await w.rows(Guild))[0].cron
        refused = await w.setup(cron=LONG_CRON)
        assert refused.ephemeral
        assert "is not valid" in refused.response.content, refused.response.content
        assert "100 characters" in refused.response.content, refused.response.content
        assert (await w.rows(Guild))[0].cron == before
        shorter = await w.setup(cron="0 18 1,8,15,22 1,2,3,4,5,6,7,8,9,10,11,12 *")
        assert shorter.ephemeral and "not valid" not in (shorter.response.content or "")
        assert (await w.rows(Guild))[0].cron == "0 18 1,8,15,22 1,2,3,4,5,6,7,8,9,10,11,12 *"
