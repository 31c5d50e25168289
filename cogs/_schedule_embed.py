"""The answer of ``/setup`` and ``/schedule``: the schedule and the server's options."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import discord

from bot import cron_words, permissions
from bot.discord_text import safe
from bot.i18n import t
from bot.render import timestamp
from bot.services import setup as setup_service


def schedule_embed(
    view: setup_service.ScheduleView,
    lang: str,
    silent: Collection[int] = (),
    review_lacking: Sequence[str] = (),
    channel_lacking: Sequence[str] = (),
    *,
    tag_lacking: bool = False,
) -> discord.Embed:
    """``silent``: the roles the settings mention that Discord no longer lets the bot
    notify (each says so, and how to fix it); ``review_lacking``: the permissions the bot
    no longer has in the review channel (its cards fail there); ``channel_lacking``: those
    it no longer has in the discussion channel (its next post fails there); ``tag_lacking``:
    the forum now requires a tag the bot cannot give (the same)."""
    guild = view.guild
    embed = discord.Embed(title=t("schedule-title", lang), colour=discord.Colour.blurple())
    embed.add_field(name=t("schedule-channel", lang), value=f"<#{guild.channel_id}>")
    embed.add_field(name=t("schedule-cron", lang), value=_when(guild.cron, guild.timezone, lang))
    embed.add_field(
        name=t("schedule-duration", lang), value=t("hours", lang, n=guild.duration_hours)
    )
    embed.add_field(name=t("schedule-language", lang), value=t(f"language-{guild.language}", lang))
    if guild.paused:
        reason = t(f"pause-reason-{(guild.pause_reason or 'staff').replace('_', '-')}", lang)
        state = t("schedule-paused", lang, reason=reason)
    else:
        state = t("schedule-active", lang)
    if channel_lacking:
        key = "schedule-channel-still-lacking" if guild.paused else "schedule-channel-lacking"
        state += "\n" + t(key, lang, permissions=permissions.named(channel_lacking))
    elif tag_lacking and guild.pause_reason != "forum_tag":
        state += "\n" + t("schedule-forum-tag-lacking", lang)
    if view.unusable == "timezone":
        state += "\n" + t("schedule-zone-unusable", lang, timezone=safe(guild.timezone, 64))
    elif view.unusable:
        state += "\n" + t("schedule-cron-unusable", lang)
    if view.used_up and not guild.paused and not view.unusable:
        if guild.categories:
            names = ", ".join(safe(c, 40, one_line=True) for c in guild.categories)
            state += "\n" + t("schedule-rotation-used-up", lang, categories=names)
        else:
            state += "\n" + t("schedule-bank-used-up", lang)
    embed.add_field(name=t("schedule-state", lang), value=state, inline=False)
    upcoming = "\n".join(f"{timestamp(s, 'F')} ({timestamp(s)})" for s in view.next_slots)
    embed.add_field(
        name=t("schedule-next", lang), value=upcoming or t("schedule-none", lang), inline=False
    )
    embed.add_field(name=t("schedule-open", lang), value=str(view.open_discussions))
    retention = guild.retention_days
    embed.add_field(
        name=t("schedule-retention", lang),
        value=t("days", lang, n=retention) if retention else t("retention-off", lang),
    )
    storage = []
    if view.waiting:
        storage.append(t("schedule-storage-waiting", lang, n=view.waiting))
    if view.set_aside:
        storage.append(t("schedule-storage-set-aside", lang, n=view.set_aside))
    embed.add_field(
        name=t("schedule-storage", lang),
        value="\n".join(storage) or t("schedule-storage-ok", lang),
        inline=False,
    )
    _community_fields(embed, view, lang, silent, review_lacking)
    return embed


def _when(cron: str, timezone: str, lang: str) -> str:
    """The schedule in words, the cron beneath for those who read it; the cron alone
    when words would not say it well."""
    said = cron_words.describe(cron, timezone, lang)
    if cron_words.sentence(cron, lang) is None:
        return said
    return f"{said}\n" + t("schedule-cron-code", lang, cron=f"`{cron}`")


def _on_off(value: bool, lang: str) -> str:
    return t("setting-on", lang) if value else t("setting-off", lang)


def _community_fields(
    embed: discord.Embed,
    view: setup_service.ScheduleView,
    lang: str,
    silent: Collection[int],
    review_lacking: Sequence[str],
) -> None:
    guild = view.guild

    def warned(role_id: int) -> str:
        if role_id not in silent:
            return ""
        return "\n" + t("setting-role-silent", lang, role=f"<@&{role_id}>")

    review = (
        f"<#{guild.review_channel_id}>"
        if guild.review_channel_id
        else t("setting-review-silent", lang)
    )
    if guild.review_channel_id and review_lacking:
        lacking = permissions.named(review_lacking)
        review += "\n" + t("setting-review-lacking", lang, permissions=lacking)
    if guild.review_channel_id and view.unreviewed:
        review += "\n" + t("setting-review-unreviewed", lang, n=view.unreviewed)
    embed.add_field(
        name=t("setting-suggestions", lang),
        value=review
        + "\n"
        + t("setting-credit", lang, state=_on_off(guild.credit_suggesters, lang)),
    )
    if guild.reminder_hours:
        reminder = t(
            "setting-reminder-before", lang, hours=t("hours", lang, n=guild.reminder_hours)
        )
        if guild.reminder_role_id:
            reminder += " · " + t(
                "setting-reminder-role", lang, role=f"<@&{guild.reminder_role_id}>"
            )
            reminder += warned(guild.reminder_role_id)
    else:
        reminder = t("setting-off", lang)
        if guild.reminder_role_id:
            reminder += " · " + t(
                "setting-reminder-role-waiting",
                lang,
                role=f"<@&{guild.reminder_role_id}>",
                option=t("opt-reminder-hours", lang),
            )
    embed.add_field(name=t("setting-reminder", lang), value=reminder)
    embed.add_field(
        name=t("setting-question-role", lang),
        value=t("setting-question-role-on", lang, role=f"<@&{guild.question_role_id}>")
        + warned(guild.question_role_id)
        if guild.question_role_id
        else t("setting-question-role-off", lang),
    )
    embed.add_field(
        name=t("setting-counts", lang),
        value=t("setting-counts-hidden", lang)
        if guild.hide_counts
        else t("setting-counts-shown", lang),
    )
    embed.add_field(name=t("setting-leaderboard", lang), value=_on_off(guild.leaderboard, lang))
    rotation = " → ".join(safe(c, 40, one_line=True) for c in guild.categories or [])
    embed.add_field(
        name=t("setting-categories", lang),
        value=rotation or t("setting-categories-all", lang),
        inline=False,
    )
