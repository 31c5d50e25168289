"""A typed discussion summary as Discord messages: ``/summary`` and the closing post.

Two drafts (the overview: counts, arguments and keywords per option; the
opinion groups) are measured and packed by :func:`.messages.pack`, so the
whole summary is posted whatever the number of options, quotes or groups and
whatever their length, over as many messages as it takes.

Every echoed text (question, options, keywords, member quotes) is made inert
(:func:`.inert.inert`) and the bot's jump links are written after the quotes,
never around them: no quote can open, close or redirect a link.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import discord

from bot.charts.summary_charts import MAP_FILE, STANCES_FILE
from bot.discord_render import limits
from bot.discord_render.inert import inert
from bot.discord_render.limits import size
from bot.discord_render.messages import EMPTY, EmbedDraft, OutgoingMessage, pack
from bot.i18n import t

if TYPE_CHECKING:
    from bot.analysis.summary import DiscussionSummary
    from bot.charts.summary_charts import SummaryCharts

QUESTION_CHARS = 1500
QUOTES_PER_OPTION = 3
ARGUMENT_CHARS = 220
"""At most this much of an argument's quote is shown."""
GROUP_QUOTE_CHARS = 150
REPLIES_PER_GROUP = 3
LISTED = 3
"""Consensus, divisive and bridging replies shown."""
MIN_QUOTE = 24
"""A quote with less room than this is left out rather than shown as a stub."""
THEME_LABEL_CHARS = 80
THEME_QUOTE_CHARS = 180
"""At most this much of a theme's quote is shown."""
OPTION_KEYWORDS = 6
OVERALL_KEYWORDS = 12
OVERVIEW_COLOUR = discord.Colour.gold()
GROUPS_COLOUR = discord.Colour.teal()


def summary_messages(
    summary: DiscussionSummary,
    *,
    links: Mapping[str, str],
    charts: SummaryCharts | None = None,
    language: str | None = None,
    content: str | None = None,
) -> list[OutgoingMessage]:
    """The messages that post ``summary``; ``links`` gives each cited reply's jump link."""
    lang = language or summary.language
    files = charts.files() if charts is not None else {}
    drafts = [_overview(summary, links, lang)]
    groups = _groups(summary, links, lang)
    if groups is not None:
        drafts.append(groups)
    for draft in drafts:
        if draft.image not in files:
            draft.image = None
    alt = {STANCES_FILE: t("chart-alt-stances", lang), MAP_FILE: t("chart-alt-map", lang)}
    return pack(drafts, content=content, attachments=files, descriptions=alt)


def _overview(summary: DiscussionSummary, links: Mapping[str, str], lang: str) -> EmbedDraft:
    counts = t(
        "summary-counts",
        lang,
        participants=summary.participant_count,
        replies=summary.reply_count,
    )
    leanings = summary.leanings()
    if leanings:
        items = [
            t("summary-leaning-item", lang, option=inert(o, limits.FIELD_NAME), n=n)
            for o, n in leanings.items()
        ]
        counts += "\n" + t("summary-leanings", lang, counts=", ".join(items))
    draft = EmbedDraft(
        colour=OVERVIEW_COLOUR,
        title=t("summary-title", lang, id=summary.id),
        description=inert(summary.question, QUESTION_CHARS) + "\n\n" + counts,
        image=STANCES_FILE,
    )
    for option in summary.options:
        draft.fields.append(
            (inert(option, limits.FIELD_NAME), _option(summary, option, links, lang))
        )
    if summary.themes is not None:
        draft.fields.extend(_themes(summary, links, lang))
        return draft
    overall = summary.overall_keywords()[:OVERALL_KEYWORDS]
    if overall:
        value = inert(", ".join(overall), limits.FIELD_VALUE)
        draft.fields.append((t("summary-keywords", lang), value))
    return draft


def _themes(
    summary: DiscussionSummary, links: Mapping[str, str], lang: str
) -> list[tuple[str, str]]:
    """A field per theme (label, size and stance mix; its quotes), in place of the keywords.

    Themes say what the replies talk about, which the keyword line only hinted at.
    A quote already shown under a side is not repeated under a theme that has
    another one to show.
    """
    assert summary.themes is not None
    if not summary.themes.themes:
        unclear = t("summary-themes-unclear", lang, closed="yes" if summary.closed else "no")
        return [(t("summary-themes", lang), unclear)]
    quoted = {
        a.reply_id
        for option in summary.options
        for a in summary.arguments.get(option, ())[:QUOTES_PER_OPTION]
    }
    fields = []
    for theme in summary.themes.themes:
        parts = [f"{inert(o, 40)} {n}" for o, n in theme.stances.items()]
        if theme.unclear:  # so the mix adds up to the theme's size
            parts.append(t("summary-theme-unclear", lang, n=theme.unclear))
        mix = " / ".join(parts)
        name = t(
            "summary-theme",
            lang,
            label=inert(theme.label, THEME_LABEL_CHARS),
            n=theme.size,
            mix=f" · {mix}" if mix else "",
        )
        fresh = [q for q in theme.quotes if q.reply_id not in quoted] or list(theme.quotes[:1])
        quotes = [_quoted(q.quote, links, q.reply_id, lang) for q in fresh]
        fields.append(
            (limits.fit(name, limits.FIELD_NAME), quote_lines("", quotes, "", THEME_QUOTE_CHARS))
        )
    return fields


def _option(summary: DiscussionSummary, option: str, links: Mapping[str, str], lang: str) -> str:
    """Counts, quotes (as many as fit) and, where no themes were found, the side's
    keywords, within a field value (themes replace every keyword line: a side's
    distinguishing words were mostly noise, such as "ans, bon, personne, six")."""
    stances = summary.stances
    head = t(
        "summary-option",
        lang,
        combined=stances.combined.get(option, 0),
        declared=stances.declared.get(option, 0),
        inferred=stances.inferred.get(option, 0),
    )
    own = summary.keywords_of(option)[:OPTION_KEYWORDS] if summary.themes is None else []
    tail = t("summary-option-keywords", lang, words=inert(", ".join(own), 200)) if own else ""
    arguments = summary.arguments.get(option, ())[:QUOTES_PER_OPTION]
    quotes = [_quoted(a.quote, links, a.reply_id, lang) for a in arguments]
    return quote_lines(head, quotes, tail, ARGUMENT_CHARS)


def _quoted(quote: str, links: Mapping[str, str], reply_id: str, lang: str) -> tuple[str, str, str]:
    """A member's quote between the language's quotation marks, then its jump link."""
    opening, closing = t("summary-quote-open", lang), t("summary-quote-close", lang)
    return ("> " + opening, quote, closing + jump(links, reply_id))


def quote_lines(
    head: str, quotes: Sequence[tuple[str, str, str]], tail: str, quote_chars: int
) -> str:
    """``head``, a line per ``(prefix, quote, suffix)``, then ``tail``, within a field value.

    The room left is shared evenly among the quotes still to place, each cut to
    its share (never through a link); a quote whose share is too small is left out.
    """
    lines = [head] if head else []
    budget = limits.FIELD_VALUE - size(head) - (size(tail) + 1 if tail else 0)
    frames = [size(prefix) + size(suffix) + 1 for prefix, _, suffix in quotes]
    for index, (prefix, quote, suffix) in enumerate(quotes):
        share = (budget - sum(frames[index:])) // (len(quotes) - index)
        room = min(quote_chars, share)
        if room < MIN_QUOTE:
            break
        line = prefix + inert(quote, room) + suffix
        lines.append(line)
        budget -= size(line) + 1
    if tail:
        lines.append(tail)
    return "\n".join(lines) or EMPTY


def jump(links: Mapping[str, str], reply_id: str) -> str:
    """`` [↗](link)`` to a reply, or nothing when the reply has no link."""
    link = links.get(reply_id)
    return f" [↗]({link})" if link else ""


def _groups(summary: DiscussionSummary, links: Mapping[str, str], lang: str) -> EmbedDraft | None:
    if summary.polis is None:
        return None
    draft = EmbedDraft(colour=GROUPS_COLOUR, title=t("groups-title", lang), image=MAP_FILE)
    if not summary.groups or not summary.stable:
        draft.description = t(summary.missing_key, lang, **summary.missing_args)
        draft.image = None
        return draft
    draft.description = t("groups-from-votes", lang, n=summary.grouped)
    for group in summary.groups:
        quotes = []
        for rep in group.representative[:REPLIES_PER_GROUP]:
            key = "groups-agree" if rep.direction == "agree" else "groups-disagree"
            # the catalog places the quote; it is measured and escaped here
            prefix, suffix = t(key, lang, quote="\0").split("\0")
            quotes.append(
                (
                    prefix,
                    _quote(summary, rep.reply_id),
                    suffix + _edited(summary, rep.reply_id, lang) + jump(links, rep.reply_id),
                )
            )
        name = t("groups-group", lang, letter=group.letter, n=group.size)
        draft.fields.append((name, quote_lines("", quotes, "", GROUP_QUOTE_CHARS)))
    if summary.profile_replies:
        draft.footer = t("groups-profile", lang, n=len(summary.profile_replies))
    listed = (
        ("groups-consensus", summary.consensus),
        ("groups-divisive", summary.divisive),
        ("groups-bridging", summary.bridging_beside(LISTED, LISTED)),
    )
    # between the language's quotation marks, as every other member's reply quoted here
    opening, closing = t("summary-quote-open", lang), t("summary-quote-close", lang)
    for title_key, items in listed:
        if items:
            quotes = [
                (
                    "• " + opening,
                    _quote(summary, it.reply_id),
                    closing + _edited(summary, it.reply_id, lang) + jump(links, it.reply_id),
                )
                for it in items[:LISTED]
            ]
            draft.fields.append(
                (t(title_key, lang), quote_lines("", quotes, "", GROUP_QUOTE_CHARS))
            )
    return draft


def _edited(summary: DiscussionSummary, reply_id: str, lang: str) -> str:
    """`` (edited after the votes)`` after the quote of a reply whose text changed after
    votes it still counts: what it is shown agreed or disagreed with was partly voted on
    as another text."""
    return " " + t("summary-edited-after-votes", lang) if summary.edited(reply_id) else ""


def _quote(summary: DiscussionSummary, reply_id: str) -> str:
    quote = summary.quote(reply_id)
    return f"#{reply_id}" if quote is None else quote
