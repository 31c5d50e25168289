"""``/summary`` and the closing message: who stands where, and why.

The analysis runs in a worker thread so the event loop never blocks on it.
"""

from __future__ import annotations

import asyncio
import io
import logging
from dataclasses import dataclass, field
from typing import Any

import discord

from bot.analysis import model
from bot.app import App
from bot.discord_text import cut, safe
from bot.i18n import t
from bot.render import NO_MENTIONS
from bot.services import plain
from bot.write_behind import INTERACTIVE_WAIT
from db.models import Discussion

log = logging.getLogger(__name__)

MAX_QUOTES_SHOWN = 3


@dataclass
class Summary:
    discussion_id: int
    guild_id: int
    thread_id: int | None
    question: str
    options: list[str]
    language: str
    report: dict[str, Any]
    charts: dict[str, bytes] = field(default_factory=dict)


def analyse(
    target: model.Discussion, history: list[model.Discussion]
) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The report entry for ``target`` and its PNG charts (runs in a worker thread)."""
    from bot.analysis.report import summarize

    entry = summarize(target, history)
    entry["_texts"] = {reply.id: reply.text for reply in target.replies}
    charts: dict[str, bytes] = {}
    try:
        from bot.charts.stance_bars import stance_chart_png

        charts["stances.png"] = stance_chart_png(
            entry["stances"], title=target.question, language=target.language
        )
        groups = entry.get("groups") or []
        if groups and entry.get("stable") and entry.get("projection"):
            from bot.charts.opinion_map import opinion_map_png

            charts["map.png"] = opinion_map_png(entry["projection"], groups, target.language)
    except Exception:
        log.exception("chart for discussion %s failed", target.id)
    return entry, charts


async def build(app: App, discussion: Discussion) -> Summary:
    await app.buffer.drain(limit=INTERACTIVE_WAIT)
    loaded = await plain.load_with_history(app, discussion)
    entry, charts = await asyncio.to_thread(analyse, loaded[0], loaded[1:])
    return Summary(
        discussion_id=discussion.id,
        guild_id=discussion.guild_id,
        thread_id=discussion.thread_id,
        question=discussion.question_text,
        options=list(discussion.options),
        language=discussion.language,
        report=entry,
        charts=charts,
    )


def _jump(summary: Summary, reply_id: str) -> str:
    return f"https://discord.com/channels/{summary.guild_id}/{summary.thread_id}/{reply_id}"


def render(
    summary: Summary, language: str | None = None
) -> tuple[list[discord.Embed], list[discord.File]]:
    """Embeds and files of a summary, within Discord's limits."""
    lang = language or summary.language
    report = summary.report
    stances = report.get("stances", {})
    declared, inferred, combined = (
        stances.get("declared", {}),
        stances.get("inferred", {}),
        stances.get("combined", {}),
    )
    embed = discord.Embed(
        title=cut(t("summary-title", lang, id=summary.discussion_id), 256),
        description=cut(
            safe(summary.question, 1500)
            + "\n\n"
            + t(
                "summary-counts",
                lang,
                participants=report.get("participants", 0),
                replies=report.get("replies", 0),
            ),
            4000,
        ),
        colour=discord.Colour.gold(),
    )
    arguments = report.get("arguments", {})
    keywords = report.get("keywords") or []
    for option in summary.options[:10]:
        lines = [
            t(
                "summary-option",
                lang,
                combined=combined.get(option, 0),
                declared=declared.get(option, 0),
                inferred=inferred.get(option, 0),
            )
        ]
        for quote in arguments.get(option, [])[:MAX_QUOTES_SHOWN]:
            lines.append(
                f"> « {safe(quote['quote'], 220, one_line=True)} » [↗]({_jump(summary, quote['reply_id'])})"
            )
        own = [
            str(k["word"]) for k in keywords if isinstance(k, dict) and k.get("option") == option
        ]
        if own:
            lines.append(
                t(
                    "summary-option-keywords",
                    lang,
                    words=safe(", ".join(own[:6]), 200, one_line=True),
                )
            )
        embed.add_field(
            name=cut(safe(option, 200, one_line=True), 256),
            value=cut("\n".join(lines), 1024),
            inline=False,
        )
    if keywords:
        overall = [k for k in keywords if isinstance(k, str) or k.get("option") is None]
        words = [k if isinstance(k, str) else str(k.get("word", k)) for k in overall[:12]]
        embed.add_field(
            name=t("summary-keywords", lang),
            value=safe(", ".join(words), 1024, one_line=True),
            inline=False,
        )
    embeds = [embed]
    files = []
    if "stances.png" in summary.charts:
        files.append(
            discord.File(io.BytesIO(summary.charts["stances.png"]), filename="stances.png")
        )
        embed.set_image(url="attachment://stances.png")
    groups_embed = _groups_embed(summary, lang)
    if groups_embed is not None:
        embeds.append(groups_embed)
        if "map.png" in summary.charts:
            files.append(discord.File(io.BytesIO(summary.charts["map.png"]), filename="map.png"))
            groups_embed.set_image(url="attachment://map.png")
    return embeds, files


def _reply_text(summary: Summary, reply_id: str) -> str:
    texts: dict[str, str] = summary.report.get("_texts", {})
    return texts.get(reply_id, f"#{reply_id}")


def _groups_embed(summary: Summary, lang: str) -> discord.Embed | None:
    from bot.analysis.groups import votes_agree_with_direction  # numpy: not at start-up

    report = summary.report
    if "groups" not in report:
        return None
    embed = discord.Embed(title=t("groups-title", lang), colour=discord.Colour.teal())
    groups = report.get("groups") or []
    if not groups or not report.get("stable", False):
        embed.description = t("groups-unclear", lang, votes=int(report.get("votes_needed", 0) or 0))
        return embed
    for group in groups[:6]:
        letter = chr(ord("A") + int(group["id"]))
        parts = []
        reps = [r for r in group.get("representative", []) if votes_agree_with_direction(r)]
        for rep in reps[:3]:
            key = "groups-agree" if rep["direction"] == "agree" else "groups-disagree"
            quote = safe(_reply_text(summary, rep["reply_id"]), 150, one_line=True)
            parts.append(t(key, lang, quote=f"[{quote}]({_jump(summary, rep['reply_id'])})"))
        embed.add_field(
            name=t("groups-group", lang, letter=letter, n=len(group.get("members", []))),
            value=cut("\n".join(parts) or "—", 1024),
            inline=False,
        )
    profile = report.get("profile_replies") or []
    if profile:
        embed.set_footer(text=t("groups-profile", lang, n=len(profile)))
    for key, title_key in (("consensus", "groups-consensus"), ("divisive", "groups-divisive")):
        items = report.get(key) or []
        if items:
            lines = [
                f"• [{safe(_reply_text(summary, item['reply_id']), 150, one_line=True)}]({_jump(summary, item['reply_id'])})"
                for item in items[:3]
            ]
            embed.add_field(
                name=t(title_key, lang), value=cut("\n".join(lines), 1024), inline=False
            )
    return embed


async def post_closing(app: App, client: discord.Client, discussion: Discussion) -> None:
    """The closing message in the thread: the summary, then the thread is locked."""
    if discussion.thread_id is None:
        return
    try:
        summary = await build(app, discussion)
    except Exception:
        log.exception("summary of discussion %s failed", discussion.id)
        return
    thread = client.get_channel(discussion.thread_id)
    try:
        if thread is None:
            thread = await client.fetch_channel(discussion.thread_id)
        if not isinstance(thread, discord.Thread):
            return
        if thread.archived:
            await thread.edit(archived=False)
        embeds, files = render(summary)
        await thread.send(
            t("discussion-closed", discussion.language),
            embeds=embeds,
            files=files,
            allowed_mentions=NO_MENTIONS,
        )
    except discord.HTTPException as error:
        log.warning("closing message of discussion %s failed: HTTP %s", discussion.id, error.status)
