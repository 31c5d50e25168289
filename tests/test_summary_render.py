"""The summary embeds from a typed summary: counts, quotes with links, keywords, limits, escaping."""

from __future__ import annotations

from dataclasses import replace

import discord

from bot.analysis.arguments import Argument
from bot.analysis.keywords import Keyword
from bot.analysis.model import Discussion, Reply
from bot.analysis.polis.result import GroupsResult, OpinionGroup, RepresentativeReply
from bot.analysis.summarize import with_groups
from bot.analysis.summary import DiscussionSummary, StanceCounts
from bot.analysis.themes.result import Theme, ThemeQuote, ThemesResult
from bot.charts.summary_charts import SummaryCharts
from bot.discord_render.summary import summary_messages

LINKS = {rid: f"https://discord.com/channels/10/20/{rid}" for rid in ("11", "12")}


def _summary(**changes: object) -> DiscussionSummary:
    base = DiscussionSummary(
        id="1",
        question="Faut-il ?",
        options=("Oui", "Non"),
        language="fr",
        participant_count=3,
        reply_count=4,
        stances=StanceCounts(
            declared={"Oui": 2, "Non": 1},
            inferred={"Oui": 0, "Non": 1},
            combined={"Oui": 2, "Non": 2},
        ),
        reply_stances=(),
        arguments={"Oui": (Argument("11", "**Oui** @everyone, c'est l'avenir", 1.0),)},
        keywords=(
            Keyword("avenir", "Oui", 3, 1.0),
            Keyword("âme", "Non", 2, 1.0),
            Keyword("cinéma", None, 5, 1.0),
        ),
    )
    return replace(base, **changes)


def render(
    summary: DiscussionSummary, language: str
) -> tuple[list[discord.Embed], list[discord.File]]:
    messages = summary_messages(summary, links=LINKS, language=language)
    return [e for m in messages for e in m.embeds], [f for m in messages for f in m.files()]


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


def test_themes_replace_every_keyword_line_and_french_counts_agree_in_number() -> None:
    theme = Theme(
        id="t1",
        label="emploi, doublage",
        words=("emploi", "doublage"),
        reply_ids=("11", "12"),
        stances={"Oui": 1, "Non": 1},
        declared={"Oui": 1},
        quotes=(
            ThemeQuote("11", "**Oui** @everyone, c'est l'avenir"),
            ThemeQuote("12", "Les doubleurs"),
        ),
        stability=0.9,
    )
    summary = _summary(
        themes=ThemesResult("themes", themes=(theme,)),
        stances=StanceCounts(
            declared={"Oui": 1, "Non": 0},
            inferred={"Oui": 0, "Non": 2},
            combined={"Oui": 1, "Non": 2},
        ),
    )
    embeds, _ = render(summary, "fr")
    fields = {f.name: f.value for f in embeds[0].fields}
    assert fields["Oui"].startswith("**1** au total (1 déclaré, 0 déduit des textes)")
    assert fields["Non"].startswith("**2** au total (0 déclaré, 2 déduits des textes)")
    assert not any("distinguent" in value or "âme" in value for value in fields.values())
    assert "Mots-clés" not in fields
    [theme_field] = [value for name, value in fields.items() if "emploi, doublage" in name]
    assert "Les doubleurs" in theme_field
    assert "avenir" not in theme_field  # shown under "Oui" already: not repeated


def test_huge_reports_stay_within_discord_limits() -> None:
    quotes = tuple(Argument(str(i), "x" * 500, 1.0) for i in range(5))
    summary = _summary(arguments={"Oui": quotes, "Non": quotes}, question="Q" * 5000)
    embeds, _ = render(summary, "fr")
    for embed in embeds:
        assert len(embed) <= 6000
        assert all(len(f.value) <= 1024 for f in embed.fields)


def _rep(reply_id: str, direction: str, agree: float, disagree: float) -> RepresentativeReply:
    return RepresentativeReply(reply_id, direction, agree, disagree, z=2.0, n_votes=3)


def _grouped(
    *,
    stable: bool = True,
    votes_needed: int = 0,
    profile_replies: tuple[str, ...] = (),
    group_b: tuple[RepresentativeReply, ...] = (_rep("11", "disagree", 0.0, 1.0),),
) -> DiscussionSummary:
    polis = GroupsResult(
        groups=(
            OpinionGroup(0, ("1", "2", "3"), (_rep("11", "agree", 1.0, 0.0),), 1.0),
            OpinionGroup(1, ("4", "5"), group_b, 1.0),
        ),
        consensus=({"reply_id": "12", "agree_rate": 0.9, "consensus": 0.8},),
        divisive=({"reply_id": "11", "spread": 0.6, "agree_rates": [1.0, 0.0]},),
        stable=stable,
        votes_needed=votes_needed,
        profile_replies=profile_replies,
    )
    replies = (Reply("11", "a", "Le cinéma @here a une âme"), Reply("12", "b", "Il faut en parler"))
    discussion = Discussion("1", "Faut-il ?", ("Oui", "Non"), replies=replies)
    return with_groups(_summary(), polis, discussion)


def test_groups_embed_names_each_group_and_what_unites_and_divides() -> None:
    embeds, _ = render(_grouped(profile_replies=("13", "14")), "fr")
    groups = embeds[-1]
    fields = {f.name: f.value for f in groups.fields}
    assert groups.title == "Groupes d’opinion"
    # the quote, then the bot's link after it: never a quote inside a link (issue 12)
    assert "d’accord avec «\u202fLe cinéma" in fields["Groupe A (3 membres)"]
    assert "» [↗](https://discord.com/channels/10/20/11)" in fields["Groupe A (3 membres)"]
    assert "pas d’accord avec" in fields["Groupe B (2 membres)"]
    assert "\\@here" in fields["Groupe A (3 membres)"]
    assert "Il faut en parler" in fields["Ce qui rassemble"]
    assert "Le cinéma" in fields["Ce qui divise"]
    assert groups.footer.text is not None
    assert groups.footer.text.startswith("2 réponses qui décrivent leur auteur")


def test_consensus_and_divisive_replies_are_quoted_as_the_groups_quotes() -> None:
    """They read « • Il faut en parler » bare, under quotes between « »."""
    for language, consensus, divisive in (
        ("fr", "Ce qui rassemble", "Ce qui divise"),
        ("en", "What brings people together", "What divides"),
    ):
        embeds, _ = render(_grouped(), language)
        fields = {f.name: f.value for f in embeds[-1].fields}
        opening, closing = ("«\u202f", "\u202f»") if language == "fr" else ("“", "”")
        assert fields[consensus].startswith(f"• {opening}Il faut en parler{closing} [↗]("), fields
        assert fields[divisive].startswith(f"• {opening}Le cinéma"), fields
        assert f"âme{closing} [↗](" in fields[divisive]


def test_groups_embed_has_no_profile_footer_when_none_was_left_out() -> None:
    embeds, _ = render(_grouped(), "en")
    assert embeds[-1].footer.text is None


def test_unstable_groups_say_how_many_votes_are_needed() -> None:
    embeds, _ = render(_grouped(stable=False, votes_needed=40), "en")
    assert embeds[-1].description is not None
    assert "about 40 more votes" in embeds[-1].description
    assert not embeds[-1].fields


def test_a_group_is_never_said_to_disagree_with_what_most_of_it_agrees_with() -> None:
    summary = _grouped(
        group_b=(_rep("11", "disagree", 0.67, 0.33), _rep("12", "disagree", 0.0, 1.0))
    )
    embeds, _ = render(summary, "fr")
    field = {f.name: f.value for f in embeds[-1].fields}["Groupe B (2 membres)"]
    assert "Il faut en parler" in field
    assert "Le cinéma" not in field


def test_hostile_quotes_cannot_redirect_the_bots_links_nor_ping() -> None:
    from tests.discord_checks import check_inert, embed_texts

    hostile = {
        "11": "Bon argument, vraiment bien tourné ](https://evil.example/login) (",
        "12": "Allez [connectez-vous ici](https://evil.example/login) et "
        "[là](https://evil.example/2) @everyone <@123> \u202eevil",
    }
    summary = _summary(
        arguments={
            "Oui": (Argument("11", hostile["11"], 1.0),),
            "Non": (Argument("12", hostile["12"], 1.0),),
        }
    )
    polis = GroupsResult(
        groups=(OpinionGroup(0, ("1", "2", "3"), (_rep("11", "agree", 1.0, 0.0),), 1.0),),
        consensus=({"reply_id": "12", "agree_rate": 0.9, "consensus": 0.8},),
        divisive=({"reply_id": "11", "spread": 0.6, "agree_rates": [1.0, 0.0]},),
        stable=True,
    )
    replies = tuple(Reply(rid, "a", text) for rid, text in hostile.items())
    grouped = with_groups(summary, polis, Discussion("1", "Q", ("Oui", "Non"), replies=replies))
    # the quotes as they are stored, not only as cut_quote leaves them (it drops URLs)
    grouped = replace(grouped, quotes=hostile)
    for language in ("fr", "en"):
        embeds, _ = render(grouped, language)
        shown = [text for embed in embeds for text in embed_texts(embed)]
        for text in shown:
            check_inert(text, set(LINKS.values()))
        assert sum(text.count("[↗](https://discord.com/channels/10/20/11)") for text in shown) == 3
        assert sum(text.count("[↗](https://discord.com/channels/10/20/12)") for text in shown) == 2
        assert any("connectez-vous ici" in text for text in shown), "the words stay readable"


def test_a_summary_whose_groups_failed_has_no_groups_embed() -> None:
    embeds, _ = render(_summary(), "fr")
    assert [e.title for e in embeds] == ["Résumé de la discussion n°\u00a01"]


def test_the_charts_carry_their_alt_text_in_the_summarys_language() -> None:
    """The web room's charts had alt text; Discord's attachments had none (a screen reader
    read "stances.png")."""
    charts = SummaryCharts(stances=b"\x89PNG stances", opinion_map=b"\x89PNG map")
    for language, stances in (
        ("fr", "Positions par option\u00a0: déclarées et déduites des textes"),
        ("en", "Stances per option: declared and inferred from the texts"),
    ):
        messages = summary_messages(_summary(), links=LINKS, charts=charts, language=language)
        files = {f.filename: f.description for m in messages for f in m.files()}
        assert files["stances.png"] == stances, files


def test_english_groups_quote_members_between_the_summarys_quotation_marks() -> None:
    """Arguments and themes read “…” in English; the groups read "…"."""
    embeds, _ = render(_grouped(), "en")
    values = [f.value for e in embeds for f in e.fields]
    groups = [v for v in values if v.startswith(("agrees with", "disagrees with"))]
    assert groups and all("“Le cinéma" in v and '"' not in v for v in groups), groups
    assert any("“**Oui**" in v or "“\\*\\*Oui" in v for v in values), values


def test_french_quotes_hold_their_guillemets_with_no_break_spaces() -> None:
    """A member's long quote wraps in Discord: at a narrow no-break space it never leaves « at the
    end of one line or » alone at the start of the next."""
    embeds, _ = render(_summary(), "fr")
    lines = [line for f in embeds[0].fields for line in (f.value or "").splitlines()]
    quotes = [line for line in lines if line.startswith("> «")]
    assert quotes and all(line.startswith("> «\u202f") for line in quotes), quotes
    assert all("\u202f» [↗](" in line for line in quotes), quotes
