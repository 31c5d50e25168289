"""The text report of ``python -m bot analyze --format text`` (Markdown-ish).

Its words are the ``report-*`` messages of the Fluent catalogs
(``bot/locales/*/etvous.ftl``), in French, or English for ``language``
"en…". The summaries arrive with their groups' representative replies
already filtered: this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.analysis.summary import DiscussionSummary
from bot.discord_timestamps import readable
from bot.i18n import language_of, t

GROUP_REPLIES_SHOWN = 3
LISTED_SHOWN = 5
"""Consensus and divisive replies listed."""


def render_text(summaries: Sequence[DiscussionSummary], language: str = "fr") -> str:
    """The report of every summary, blocks separated by a blank line."""
    lang = language_of(language, default="fr")
    if not summaries:
        return t("report-empty", lang)
    return "\n\n".join("\n".join(_discussion(s, lang)) for s in summaries)


def _discussion(summary: DiscussionSummary, lang: str) -> list[str]:
    lines = [
        "## " + t("report-question", lang, question=summary.question),
        t(
            "report-counts",
            lang,
            participants=summary.participant_count,
            replies=summary.reply_count,
        ),
        "",
        "### " + t("report-stances", lang),
    ]
    counts = summary.stances
    for option, total in counts.combined.items():
        lines.append(
            "- "
            + t(
                "report-stance",
                lang,
                option=option,
                declared=counts.declared[option],
                inferred=counts.inferred[option],
                combined=total,
            )
        )
    leanings = summary.leanings()
    if leanings:
        items = [t("report-leaning-item", lang, option=o, n=n) for o, n in leanings.items()]
        lines.append(t("report-leanings", lang, counts=", ".join(items)))
    lines += ["", "### " + t("report-arguments", lang)]
    for option, arguments in summary.arguments.items():
        lines.append(f"**{option}**")
        if not arguments:
            lines.append("  " + t("report-no-argument", lang))
        lines.extend(f"  > {_dated(a.quote, lang)}" for a in arguments)
    lines += _keywords(summary, lang)
    lines += _themes(summary, lang)
    lines += _groups(summary, lang)
    return lines


def _themes(summary: DiscussionSummary, lang: str) -> list[str]:
    if summary.themes is None:
        return []
    lines = ["", "### " + t("report-themes", lang)]
    if not summary.themes.themes:
        closed = "yes" if summary.closed else "no"
        return [*lines, t("report-themes-unclear", lang, closed=closed)]
    for theme in summary.themes.themes:
        parts = [f"{option} {n}" for option, n in theme.stances.items()]
        if theme.unclear:  # so the mix adds up to the theme's size
            parts.append(t("summary-theme-unclear", lang, n=theme.unclear))
        mix = " / ".join(parts)
        line = t(
            "report-theme", lang, label=theme.label, n=theme.size, mix=f" ({mix})" if mix else ""
        )
        lines.append("- " + line)
        lines.extend(f"  > {_dated(q.quote, lang)}" for q in theme.quotes)
    return lines


def _keywords(summary: DiscussionSummary, lang: str) -> list[str]:
    """The keyword lines, only where no themes were sought (``--no-themes``, no vectors):
    themes replace them, as in Discord and the web room (beside the themes, each side's
    words were noise: « ans, bon, personne, peut-être, six », issue 18)."""
    overall = summary.overall_keywords()
    if not overall or summary.themes is not None:
        return []
    lines = ["", "### " + t("report-keywords", lang), ", ".join(overall)]
    for option in summary.stances.combined:
        words = summary.keywords_of(option)
        if words:
            lines.append(t("report-option-keywords", lang, option=option, words=", ".join(words)))
    return lines


def _groups(summary: DiscussionSummary, lang: str) -> list[str]:
    """The opinion groups as Discord and the web room show them: while the votes hold no
    clear groups, only the sentence saying why (no group, consensus nor bridging reply)."""
    if summary.polis is None:
        return []
    lines = ["", "### " + t("report-groups", lang)]
    if not summary.groups or not summary.stable:
        return [*lines, t(summary.missing_key, lang, **summary.missing_args)]
    lines.append(t("groups-from-votes", lang, n=summary.grouped))
    for group in summary.groups:
        lines.append("- " + t("report-group", lang, letter=group.letter, n=group.size))
        for rep in group.representative[:GROUP_REPLIES_SHOWN]:
            key = "report-agrees" if rep.direction == "agree" else "report-disagrees"
            quoted = t(key, lang, quote=_quote(summary, rep.reply_id, lang))
            lines.append("  - " + quoted + _edited(summary, rep.reply_id, lang))
    if summary.profile_replies:
        lines.append(t("report-profile", lang, n=len(summary.profile_replies)))
    # between the language's quotation marks, as the groups' quotes above
    opening, closing = t("summary-quote-open", lang), t("summary-quote-close", lang)
    for key, items in (
        ("report-consensus", summary.consensus),
        ("report-divisive", summary.divisive),
        ("report-bridging", summary.bridging),
    ):
        if items:
            lines += ["", "### " + t(key, lang)]
            lines.extend(
                f"- {opening}{_quote(summary, it.reply_id, lang)}{closing}"
                + _edited(summary, it.reply_id, lang)
                for it in items[:LISTED_SHOWN]
            )
    return lines


def _edited(summary: DiscussionSummary, reply_id: str, lang: str) -> str:
    """`` (edited after the votes)`` after a reply whose text changed after votes it counts."""
    return " " + t("summary-edited-after-votes", lang) if summary.edited(reply_id) else ""


def _quote(summary: DiscussionSummary, reply_id: str, lang: str) -> str:
    quote = summary.quote(reply_id)
    return f"#{reply_id}" if quote is None else _dated(quote, lang)


def _dated(quote: str, lang: str) -> str:
    """A quote whose Discord timestamps (``<t:1700000000:R>``, which only Discord draws)
    are written as dates in UTC, as ``lang`` writes them."""
    return readable(quote, lang, zone_name="UTC")
