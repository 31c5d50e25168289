"""Discord's timestamp markup and links in members' quoted replies.

``<t:1700000000:R>`` is drawn as a date by Discord only: the text report showed it as
typed (Discord's summary too, escaped). A link was dropped from a quote, and with it
what the sentence said (« Lisez , tout y est. »): its host stays, as text.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.analysis._text import cut_quote
from bot.analysis.arguments import Argument
from bot.analysis.summary import DiscussionSummary, StanceCounts
from bot.analysis.text_report import render_text
from bot.discord_render.summary import summary_messages
from bot.discord_text import safe, typed_back
from bot.discord_timestamps import readable
from tests.discord_checks import check_inert, embed_texts

STAMPED = "On vote <t:1700000000:R>, le <t:1700000000:D> à <t:1700000000:t>."
SUMMARY = DiscussionSummary(
    id="1",
    question="Faut-il ?",
    options=("Oui", "Non"),
    language="fr",
    participant_count=1,
    reply_count=1,
    stances=StanceCounts(declared={"Oui": 1}, inferred={"Oui": 0}, combined={"Oui": 1}),
    reply_stances=(),
    arguments={"Oui": (Argument("11", STAMPED, 1.0),)},
    keywords=(),
)


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("fr", "On vote 14/11/2023 22:13 UTC, le 14/11/2023 à 22:13 UTC."),
        ("en", "On vote 2023-11-14 22:13 UTC, le 2023-11-14 à 22:13 UTC."),
    ],
)
def test_the_text_report_writes_a_timestamp_as_a_date(language: str, shown: str) -> None:
    report = render_text([replace(SUMMARY, language=language)], language)
    assert f"  > {shown}" in report
    assert "<t:" not in report


def test_discord_draws_the_timestamp_itself_in_a_fields_value() -> None:
    """Escaped (« \\<t:… »), Discord showed it as typed; whole, it draws it in each
    reader's zone, and it neither pings nor links."""
    for language in ("fr", "en"):
        messages = summary_messages(SUMMARY, links={}, language=language)
        values = [f.value for m in messages for e in m.embeds for f in e.fields]
        (quoted,) = [v for v in values if "On vote" in v]
        assert "<t:1700000000:R>" in quoted and "\\<t:" not in quoted, quoted
        for m in messages:
            for embed in m.embeds:
                for text in embed_texts(embed):
                    check_inert(text, set())


def test_a_timestamp_cut_in_half_or_to_type_back_stays_escaped() -> None:
    assert safe("rendez-vous <t:17", 100) == "rendez-vous \\<t:17"
    assert safe("x" * 30 + " <t:1700000000:R>", 35) == "x" * 30 + "…"  # never cut inside
    assert typed_back("<t:1700000000:R>", 100) == "\\<t:1700000000:R>"


def test_a_date_past_what_can_be_written_stays_as_typed() -> None:
    assert readable("<t:9999999999999:R>", "fr") == "<t:9999999999999:R>"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("Lisez https://www.lemonde.fr/a/b?c=1, tout y est.", "Lisez (lemonde.fr), tout y est."),
        (
            "Voir <https://example.org/x> pour les chiffres.",
            "Voir (example.org) pour les chiffres.",
        ),
        ("Le rapport est là : https://insee.fr/stat.", "Le rapport est là : (insee.fr)."),
    ],
)
def test_a_link_keeps_its_place_as_its_host_in_plain_text(text: str, quote: str) -> None:
    assert cut_quote(text) == quote
    shown = safe(cut_quote(text))
    assert "http" not in shown and "//" not in shown
    check_inert(shown, set())
