"""Measuring and packing embeds: any draft becomes messages Discord accepts."""

from __future__ import annotations

import discord

from bot.discord_render.limits import fit, size
from bot.discord_render.messages import EmbedDraft, pack
from tests.discord_checks import check_limits


def test_sizes_count_emoji_as_discord_does_and_cuts_never_exceed_them() -> None:
    assert size("é") == 1 and size("😀") == 2
    cut = fit("😀" * 300, 256)
    assert size(cut) <= 256 and cut.endswith("…")
    assert fit("court", 10) == "court"
    escaped = "\\*" * 200
    cut = fit(escaped, 101)
    body = cut.removesuffix("…")
    assert (len(body) - len(body.rstrip("\\"))) % 2 == 0, "no lone backslash escapes the …"


def test_a_draft_too_big_for_one_embed_continues_and_messages_stay_within_limits() -> None:
    colour = discord.Colour.gold()
    draft = EmbedDraft(
        colour=colour,
        title="T" * 300,
        description="D" * 5000,
        fields=[(f"champ {i}", "v" * 1100) for i in range(30)],
        footer="F" * 3000,
        image="stances.png",
    )
    other = EmbedDraft(colour=discord.Colour.teal(), title="Groupes", image="map.png")
    files = {"stances.png": b"1", "map.png": b"2"}
    messages = pack([draft, other], content="C" * 2500, attachments=files)
    embeds = [e for m in messages for e in m.embeds]
    assert [f.name for e in embeds for f in e.fields] == [f"champ {i}" for i in range(30)]
    assert all(e.colour == colour for e in embeds[:-1]) and embeds[-1].title == "Groupes"
    first, *rest, last_part, _groups = embeds
    assert first.title is not None and first.description is not None
    assert all(e.title is None and e.description is None for e in [*rest, last_part])
    assert [e.footer.text is not None for e in embeds] == [False] * (len(embeds) - 2) + [
        True,
        False,
    ]
    assert last_part.image.url == "attachment://stances.png" and first.image.url is None
    assert messages[0].content is not None and all(m.content is None for m in messages[1:])
    for message in messages:
        check_limits(message.content, message.embeds, len(message.attachments))
        shown = {e.image.url.removeprefix("attachment://") for e in message.embeds if e.image.url}
        assert shown == {name for name, _ in message.attachments}
        assert [f.filename for f in message.files()] == [n for n, _ in message.attachments]


def test_content_alone_is_one_message() -> None:
    (message,) = pack([], content="Rien d'autre.")
    assert message.content == "Rien d'autre." and message.embeds == ()
