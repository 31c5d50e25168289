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
    assert "\\@everyone" in fields["Oui"]  # escaped: shown, never a mention
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


def _grouped(**extra: object) -> Summary:
    groups = [
        {
            "id": 0,
            "members": ["1", "2", "3"],
            "representative": [{"reply_id": "11", "direction": "agree"}],
        },
        {
            "id": 1,
            "members": ["4", "5"],
            "representative": [{"reply_id": "11", "direction": "disagree"}],
        },
    ]
    report: dict[str, object] = {
        "groups": groups,
        "stable": True,
        "consensus": [{"reply_id": "12"}],
        "divisive": [{"reply_id": "11"}],
        "_texts": {"11": "Le cinéma @here a une âme", "12": "Il faut en parler"},
    }
    report.update(extra)
    return _summary(**report)


def test_groups_embed_names_each_group_and_what_unites_and_divides() -> None:
    embeds, _ = render(_grouped(profile_replies=["13", "14"]), "fr")
    groups = embeds[-1]
    fields = {f.name: f.value for f in groups.fields}
    assert groups.title == "Groupes d’opinion"
    assert "d’accord avec « [Le cinéma" in fields["Groupe A (3 membres)"]
    assert "pas d’accord avec" in fields["Groupe B (2 membres)"]
    assert "\\@here" in fields["Groupe A (3 membres)"]
    assert "Il faut en parler" in fields["Ce qui rassemble"]
    assert "Le cinéma" in fields["Ce qui divise"]
    assert groups.footer.text is not None
    assert groups.footer.text.startswith("2 réponses qui décrivent leur auteur")


def test_groups_embed_has_no_profile_footer_when_none_was_left_out() -> None:
    embeds, _ = render(_grouped(), "en")
    assert embeds[-1].footer.text is None


def test_unstable_groups_say_how_many_votes_are_needed() -> None:
    embeds, _ = render(_grouped(stable=False, votes_needed=40), "en")
    assert embeds[-1].description is not None
    assert "about 40 more votes" in embeds[-1].description
    assert not embeds[-1].fields


def test_a_group_is_never_said_to_disagree_with_what_most_of_it_agrees_with() -> None:
    summary = _grouped()
    groups = summary.report["groups"]
    assert isinstance(groups, list)
    groups[1]["representative"] = [
        {"reply_id": "11", "direction": "disagree", "agree_rate": 0.67, "disagree_rate": 0.33},
        {"reply_id": "12", "direction": "disagree", "agree_rate": 0.0, "disagree_rate": 1.0},
    ]
    embeds, _ = render(summary, "fr")
    field = {f.name: f.value for f in embeds[-1].fields}["Groupe B (2 membres)"]
    assert "Il faut en parler" in field
    assert "Le cinéma" not in field
