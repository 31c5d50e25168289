"""Any typed summary, in French and English, renders to messages Discord accepts,
shows all of itself, and echoes member text inert (issue 12, items 3 and 4)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis.arguments import Argument
from bot.analysis.keywords import Keyword
from bot.analysis.model import Discussion, Reply
from bot.analysis.polis.result import (
    BridgingReply,
    GroupsResult,
    OpinionGroup,
    RepresentativeReply,
)
from bot.analysis.stance import ReplyStance
from bot.analysis.summarize import with_groups
from bot.analysis.summary import DiscussionSummary, StanceCounts
from bot.analysis.summary_json import summary_json
from bot.analysis.themes import Theme, ThemeQuote, ThemesResult
from bot.charts.summary_charts import SummaryCharts
from bot.discord_render.messages import OutgoingMessage
from bot.discord_render.summary import LISTED, QUOTES_PER_OPTION, summary_messages
from tests.discord_checks import check_inert, check_limits, embed_texts

HOSTILE = [
    "](https://evil.example/login) (",
    "[connectez-vous ici](https://evil.example/login)",
    "[x](<https://evil.example>)",
    "@everyone",
    "@here",
    "<@123456789012345678>",
    "<#123>",
    "<t:0:R>",
    "\u202egnp.exe",
    "a\u200bb\u2066c",
    "**gras** __souligné__ ~~barré~~ ||spoiler||",
    "`code` ```bloc```",
    "# titre",
    "> citation",
    "-# petit",
    "https://bare.example/x",
    "_https://glued.example/x",
    "\\",
    "😀🎬",
    "\n\n",
]

text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40)), max_size=12).map("".join)
long_text = st.one_of(text, st.integers(0, 3000).map(lambda n: ("mot " * n)[:n] + "😀"))
reply_id = st.integers(1, 2**63).map(str)


@st.composite
def summaries(draw: st.DrawFn) -> tuple[DiscussionSummary, dict[str, str]]:
    options = draw(st.lists(long_text, min_size=1, max_size=25, unique=True))
    count = st.integers(0, 10**7)
    declared = {o: draw(count) for o in options}
    inferred = {o: draw(count) for o in options}
    arguments = {
        o: tuple(
            Argument(draw(reply_id), draw(long_text), 1.0) for _ in range(draw(st.integers(0, 5)))
        )
        for o in options
    }
    words = st.text(alphabet="abcdéèçœ-", min_size=3, max_size=30)
    keywords = tuple(
        Keyword(draw(words), draw(st.sampled_from([None, *options])), 2, 1.0)
        for _ in range(draw(st.integers(0, 40)))
    )
    polis = draw(st.none() | groups_results())
    themes = draw(st.none() | themes_results(options))
    named = [a.reply_id for items in arguments.values() for a in items]
    if themes is not None:
        named += [q.reply_id for t in themes.themes for q in t.quotes]
    quotes: dict[str, str] = {}
    if polis is not None:
        cited = [r.reply_id for g in polis.groups for r in g.representative]
        cited += [c["reply_id"] for c in polis.consensus] + [d["reply_id"] for d in polis.divisive]
        cited += [b.reply_id for b in polis.bridging]
        quotes = {rid: draw(long_text) for rid in cited}
        named += cited
    summary = DiscussionSummary(
        id=str(draw(st.integers(1, 2**53))),
        question=draw(long_text),
        options=tuple(options),
        language="fr",
        participant_count=draw(count),
        reply_count=draw(count),
        stances=StanceCounts(declared, inferred, {o: declared[o] + inferred[o] for o in options}),
        reply_stances=draw(leanings(options)),
        arguments=arguments,
        keywords=keywords,
        themes=themes,
    )
    if polis is not None:
        replies = tuple(Reply(rid, "a", text) for rid, text in quotes.items())
        # the group views and quotes as the analysis builds them
        summary = with_groups(summary, polis, Discussion(summary.id, "", (), replies=replies))
        edited = draw(st.lists(st.sampled_from(cited))) if cited else []
        summary = replace(summary, edited_after_votes=frozenset(edited))
    links = {rid: f"https://discord.com/channels/1/2/{rid}" for rid in named}
    return summary, links


@st.composite
def leanings(draw: st.DrawFn, options: list[str]) -> tuple[ReplyStance, ...]:
    """Inferred replies under the threshold, each leaning to an option (issue 15's line)."""
    return tuple(
        ReplyStance(str(i), None, 0.55, "inferred", draw(st.sampled_from(options)), True)
        for i in range(draw(st.integers(0, 60)))
    )


@st.composite
def themes_results(draw: st.DrawFn, options: list[str]) -> ThemesResult:
    """Themes with hostile labels, options and quotes (what the analysis never makes worse)."""
    n = draw(st.integers(0, 6))
    themes = tuple(
        Theme(
            id=f"t{i + 1}",
            label=draw(long_text),
            words=("w",),
            reply_ids=tuple(draw(st.lists(reply_id, min_size=1, max_size=5))),
            stances={o: draw(st.integers(0, 10**6)) for o in options},
            declared={},
            quotes=tuple(
                ThemeQuote(draw(reply_id), draw(long_text)) for _ in range(draw(st.integers(0, 2)))
            ),
            stability=1.0,
        )
        for i in range(n)
    )
    return ThemesResult("themes" if n >= 2 else "unclear", themes=themes)


@st.composite
def groups_results(draw: st.DrawFn) -> GroupsResult:
    rate = st.floats(0, 1)

    def rep() -> RepresentativeReply:
        direction = draw(st.sampled_from(["agree", "disagree"]))
        return RepresentativeReply(draw(reply_id), direction, draw(rate), draw(rate), 2.0, 5)

    groups = tuple(
        OpinionGroup(
            i,
            tuple(str(m) for m in range(draw(st.integers(1, 10_000)))),
            tuple(rep() for _ in range(draw(st.integers(0, 6)))),
            1.0,
        )
        for i in range(draw(st.integers(0, 8)))
    )
    consensus = tuple(
        {"reply_id": draw(reply_id), "agree_rate": 0.9, "consensus": 0.8}
        for _ in range(draw(st.integers(0, 6)))
    )
    divisive = tuple(
        {"reply_id": draw(reply_id), "spread": 0.7, "agree_rates": [0.9, 0.1]}
        for _ in range(draw(st.integers(0, 6)))
    )
    bridging = tuple(
        BridgingReply(draw(reply_id), 0.5, 0.0, 8) for _ in range(draw(st.integers(0, 6)))
    )
    return GroupsResult(
        groups=groups,
        consensus=consensus,  # type: ignore[arg-type]
        divisive=divisive,  # type: ignore[arg-type]
        bridging=bridging,
        stable=draw(st.booleans()),
        votes_needed=draw(st.integers(0, 10**6)),
        profile_replies=tuple(str(i) for i in range(draw(st.integers(0, 3)))),
    )


def _shown(messages: list[OutgoingMessage]) -> str:
    parts = [m.content or "" for m in messages]
    parts += [text for m in messages for e in m.embeds for text in embed_texts(e)]
    return "\n".join(parts)


def _must_show(summary: DiscussionSummary) -> list[str]:
    """Reply ids whose link the summary must carry: every quote the renderer promises."""
    ids = [a.reply_id for items in summary.arguments.values() for a in items[:QUOTES_PER_OPTION]]
    if summary.themes is not None:
        ids += [q.reply_id for t in summary.themes.themes for q in t.quotes]
    if summary.groups and summary.stable:
        ids += [r.reply_id for g in summary.groups for r in g.representative[:3]]
        ids += [c.reply_id for c in summary.consensus[:LISTED]]
        ids += [d.reply_id for d in summary.divisive[:LISTED]]
        ids += [b.reply_id for b in summary.bridging_beside(LISTED, LISTED)]
    return ids


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    summaries(),
    st.sampled_from(["fr", "en"]),
    st.booleans(),
    st.sampled_from([None, "🔒 La discussion est close. Voici le résumé\u00a0:", "x" * 3000]),
)
def test_any_summary_fits_discord_shows_everything_and_stays_inert(
    drawn: tuple[DiscussionSummary, Mapping[str, str]],
    language: str,
    with_charts: bool,
    content: str | None,
) -> None:
    summary, links = drawn
    charts = SummaryCharts(b"png", b"png") if with_charts else None
    messages = summary_messages(
        summary, links=links, charts=charts, language=language, content=content
    )
    for message in messages:
        check_limits(message.content, message.embeds, len(message.attachments))
        attached = {name for name, _ in message.attachments}
        for embed in message.embeds:
            if embed.image.url:
                assert embed.image.url.removeprefix("attachment://") in attached
        for markdown in [
            message.content or "",
            *(t for e in message.embeds for t in embed_texts(e)),
        ]:
            check_inert(markdown, set(links.values()))
    shown = _shown(messages)
    for rid in _must_show(summary):
        assert links[rid] in shown, f"reply {rid} is missing"
    if summary.leanings():  # every option that has leaning replies, with its count
        lean = "Réponses qui penchent" if language == "fr" else "Replies that lean"
        line = next(line for line in shown.splitlines() if lean in line)
        assert line.count(" ") >= len(summary.leanings()), line
    fields = [f for m in messages for e in m.embeds for f in e.fields]
    n_groups = len(summary.groups) if summary.stable else 0
    listed = (summary.consensus, summary.divisive, summary.bridging_beside(LISTED, LISTED))
    n_listed = sum(bool(items) for items in listed) if n_groups else 0
    n_keywords = 1 if summary.overall_keywords() else 0
    if summary.themes is not None:  # themes replace the keyword line
        n_keywords = max(1, len(summary.themes.themes))
    assert len(fields) == len(summary.options) + n_keywords + n_groups + n_listed
    summary_json(summary)  # the same object serialises too
