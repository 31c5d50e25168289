"""A moderator new to cron reads the posting schedule in words: in the answer of
``/setup``, in ``/schedule show`` (``/programme voir``), and members in ``/help``; the
cron stays beneath, and is shown alone when words would not say it well."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from db.models import Guild
from tests.harness import world

PARIS = ZoneInfo("Europe/Paris")


def _fields(result: Any) -> list[tuple[str, str]]:
    return [(f.name, f.value) for f in result.response.embeds[0].fields]


def _field(result: Any, name: str) -> str:
    return dict(_fields(result))[name]


def _next_posts(value: str) -> list[datetime]:
    return [
        datetime.fromtimestamp(int(s), UTC).astimezone(PARIS)
        for s in re.findall(r"<t:(\d+):F>", value)
    ]


def _above(result: Any, first: str, second: str) -> bool:
    names = [name for name, _ in _fields(result)]
    return names.index(first) < names.index(second)


async def test_an_english_moderator_reads_the_schedule_in_words(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False) as w:
        answer = await w.setup(cron="0 9 * * 1-5", timezone="europe/paris")
        said = "Weekdays at 09:00 (Europe/Paris)\ncron: `0 9 * * 1-5`"
        assert _field(answer, "When") == said
        assert _above(answer, "When", "Next posts")
        shown = await w.mod.slash(w.forum, "schedule show")
        assert shown.ephemeral and _field(shown, "When") == said
        posts = _next_posts(_field(shown, "Next posts"))
        assert len(posts) == 3
        assert all(p.weekday() < 5 and (p.hour, p.minute) == (9, 0) for p in posts), posts

        # Too many times a day to say well: the cron itself, never a wrong sentence
        await w.setup(cron="0 */6 * * *")
        shown = await w.mod.slash(w.forum, "schedule show")
        assert _field(shown, "When") == "`0 */6 * * *` (Europe/Paris)"


async def test_a_french_moderator_reads_the_schedule_in_words(sqlite_url: str) -> None:
    """The first Monday of the month: a day of the month and a weekday both given must
    both match, and the words say so."""
    async with world(sqlite_url, setup=False) as w:
        w.speaks(w.mod, "fr")
        answer = await w.setup(cron="0 18 1-7 * 1")
        said = "Le lundi à 18\u00a0h, seulement du 1er au 7 du mois (Europe/Paris)\ncron\u00a0: `0 18 1-7 * 1`"
        assert _field(answer, "Quand") == said
        assert _above(answer, "Quand", "Prochaines publications")
        shown = await w.mod.slash(w.forum, "schedule show")  # /programme voir
        assert _field(shown, "Quand") == said
        posts = _next_posts(_field(shown, "Prochaines publications"))
        assert len(posts) == 3
        assert all(p.weekday() == 0 and p.day <= 7 and p.hour == 18 for p in posts), posts

        await w.setup(cron="30 8 * * sat,sun")
        shown = await w.mod.slash(w.forum, "schedule show")
        assert _field(shown, "Quand") == (
            "Le week-end à 8\u00a0h\u00a030 (Europe/Paris)\ncron\u00a0: `30 8 * * sat,sun`"
        )
        await w.setup(cron="0 8,12,18,21 * * *")  # four times a day: the cron alone
        shown = await w.mod.slash(w.forum, "schedule show")
        assert _field(shown, "Quand") == "`0 8,12,18,21 * * *` (Europe/Paris)"


async def test_members_read_the_rhythm_in_help(sqlite_url: str) -> None:
    async with world(sqlite_url, members=2) as w:
        alice, bob = w.members
        w.speaks(bob, "fr")
        here = _field(await alice.slash(w.text, "help"), "On this server")
        assert "Schedule: Mondays at 18:00 (Europe/Paris)." in here.splitlines(), here
        ici = _field(await bob.slash(w.text, "help"), "Sur ce serveur")
        assert "Rythme\u00a0: le lundi à 18\u00a0h (Europe/Paris)." in ici.splitlines(), ici

        await w.setup(cron="0 */6 * * *")  # no sentence: members are not shown a cron
        here = _field(await alice.slash(w.text, "help"), "On this server")
        assert "Next question <t:" in here and "Schedule" not in here, here


async def test_a_french_moderator_names_days_in_french(sqlite_url: str) -> None:
    """« lun-ven » was refused (mon–sun only) and « ０ １８ * * * » stored as typed: the
    days are read in French and stored as cron writes them, the digits as plain ones."""
    async with world(sqlite_url, setup=False) as w:
        w.speaks(w.mod, "fr")
        answer = await w.setup(cron="0 18 * * Lun-VEN")
        said = "Du lundi au vendredi à 18\u00a0h (Europe/Paris)\ncron\u00a0: `0 18 * * mon-fri`"
        assert _field(answer, "Quand") == said
        (guild,) = await w.rows(Guild)
        assert guild.cron == "0 18 * * mon-fri"
        posts = _next_posts(_field(answer, "Prochaines publications"))
        assert all(p.weekday() < 5 and p.hour == 18 for p in posts), posts

        await w.setup(cron="３０ ８ * * samedi,dimanche")
        (guild,) = await w.rows(Guild)
        assert guild.cron == "30 8 * * sat,sun"

        refused = await w.setup(cron="0 18 * * lundo")
        assert refused.ephemeral and "lun–dim" in refused.response.content
        assert "mon–sun" not in refused.response.content
        (guild,) = await w.rows(Guild)
        assert guild.cron == "30 8 * * sat,sun"
