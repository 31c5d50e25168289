"""The summary embed from a report: counts, quotes with links, keywords, limits, escaping."""

from __future__ import annotations

from bot.services.summary import Summary, render


def _summary(**report: object) -> Summary:
    base: dict[str, object] = {
        "participants": 3,
        "replies": 4,
        "stances": {
            "declared": {"Oui": 2, "Non": 1},
            "inferred": {"Oui": 0, "Non": 1},
            "combined": {"Oui": 2, "Non": 2},
        },
        "arguments": {"Oui": [{"reply_id": "11", "quote": "**Oui** @everyone, c'est l'avenir"}]},
        "keywords": [
            {"word": "avenir", "option": "Oui", "count": 3},
            {"word": "âme", "option": "Non", "count": 2},
            {"word": "cinéma", "option": None, "count": 5},
        ],
    }
    base.update(report)
    return Summary(1, 10, 20, "Faut-il ?", ["Oui", "Non"], "fr", base)


def test_option_fields_show_counts_quotes_links_and_their_keywords() -> None:
    embeds, files = render(_summary(), "en")
    fields = {f.name: f.value for f in embeds[0].fields}
    assert fields["Oui"].startswith("**2** in all (2 declared, 0 inferred")
    assert "\\*\\*Oui\\*\\*" in fields["Oui"]
    assert "@\u200beveryone" in fields["Oui"] or "@everyone" not in fields["Oui"]
    assert "https://discord.com/channels/10/20/11" in fields["Oui"]
    assert "Words that set this side apart: avenir" in fields["Oui"]
    assert "âme" in fields["Non"] and "avenir" not in fields["Non"]
    assert fields["Keywords"] == "cinéma"
    assert files == []


def test_huge_reports_stay_within_discord_limits() -> None:
    quotes = [{"reply_id": str(i), "quote": "x" * 500} for i in range(5)]
    summary = _summary(arguments={"Oui": quotes, "Non": quotes})
    summary.question = "Q" * 5000
    embeds, _ = render(summary, "fr")
    for embed in embeds:
        assert len(embed) <= 6000
        assert all(len(f.value) <= 1024 for f in embed.fields)
