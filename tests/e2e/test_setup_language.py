"""A first ``/setup`` without ``language`` takes the server's language on Discord (its
« preferred locale ») when the bot speaks it, else the bot's ``DEFAULT_LANGUAGE``, and
tells the moderator which, and how to change it."""

from __future__ import annotations

from db.models import Guild, Question
from tests.harness import world

SERVER = (
    "Language of the posts: English, your server's language on Discord. "
    "To change it: /setup language:"
)
DEFAULT = "Language of the posts: Français, the bot's default"


async def _language(w: object) -> str:
    (guild,) = await w.rows(Guild)  # type: ignore[attr-defined]
    return str(guild.language)


async def test_an_english_server_gets_english_posts_though_the_default_is_french(
    sqlite_url: str,
) -> None:
    """An en-US server, ``DEFAULT_LANGUAGE`` fr: its posts and shipped questions are in
    English (they were French, the moderator left to find /setup language: herself); the
    answer says so, once: a later /setup names nothing of it."""
    async with world(sqlite_url, setup=False, locale="en-US", default_language="fr") as w:
        first = await w.setup()
        (embed,) = first.response.embeds
        assert embed.description == SERVER, embed.description
        assert await _language(w) == "en"
        assert {q.language for q in await w.rows(Question)} == {"en"}
        _, discussion = await w.post()
        assert discussion.language == "en"
        again = await w.setup(duration_hours=48)
        assert not again.response.embeds[0].description
        assert await _language(w) == "en"
        assert not w.env.errors


async def test_a_server_in_another_language_gets_the_default_and_is_told(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False, locale="de", default_language="fr") as w:
        first = await w.setup()
        description = first.response.embeds[0].description or ""
        assert description.startswith(DEFAULT), description
        assert "/setup language:" in description
        assert await _language(w) == "fr"
        w.speaks(w.mod, "fr")  # her client in French: the same, in French
        shown = await w.mod.slash(w.forum, "schedule show")
        assert shown.response.embeds
        assert not w.env.errors


async def test_a_language_given_is_taken_and_nothing_is_said(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False, locale="en-GB") as w:
        w.speaks(w.mod, "fr")
        first = await w.setup(language="fr")
        assert not first.response.embeds[0].description
        assert await _language(w) == "fr"
        assert not w.env.errors


async def test_a_french_moderator_reads_it_in_french(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False, locale="en-GB", default_language="fr") as w:
        w.speaks(w.mod, "fr")
        first = await w.setup()
        assert first.response.embeds[0].description == (
            "Langue des publications\u00a0: English, celle de votre serveur sur Discord. "
            "Pour la changer\u00a0: /configurer langue:"
        )
        assert await _language(w) == "en"
