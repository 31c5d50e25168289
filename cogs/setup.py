"""``/setup`` and ``/schedule``."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import permissions
from bot.errors import UserError
from bot.factory import EtVousBot
from bot.i18n import t
from bot.interactions import app_of, language
from bot.render import timestamp
from bot.services import setup as setup_service
from cogs._common import L, guild_id, require, say


def schedule_embed(view: setup_service.ScheduleView, lang: str) -> discord.Embed:
    guild = view.guild
    embed = discord.Embed(title=t("schedule-title", lang), colour=discord.Colour.blurple())
    embed.add_field(name=t("schedule-channel", lang), value=f"<#{guild.channel_id}>")
    embed.add_field(name=t("schedule-cron", lang), value=f"`{guild.cron}` ({guild.timezone})")
    embed.add_field(
        name=t("schedule-duration", lang), value=t("hours", lang, n=guild.duration_hours)
    )
    if guild.paused:
        reason = t(f"pause-reason-{(guild.pause_reason or 'staff').replace('_', '-')}", lang)
        state = t("schedule-paused", lang, reason=reason)
    else:
        state = t("schedule-active", lang)
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
    return embed


class Setup(commands.Cog):
    def __init__(self, bot: EtVousBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=L("setup", "cmd-setup"), description=L("Configure the debates", "cmd-setup-desc")
    )
    @app_commands.rename(
        channel=L("channel", "opt-channel"),
        duration_hours=L("duration_hours", "opt-duration"),
        language_=L("language", "opt-language"),
        timezone=L("timezone", "opt-timezone"),
        retention_days=L("retention_days", "opt-retention"),
    )
    @app_commands.describe(
        channel=L("Forum (one post per question) or text channel", "opt-channel-desc"),
        cron=L("When to post, cron with 5 fields (default: Mondays 18:00)", "opt-cron-desc"),
        timezone=L("IANA time zone, e.g. Europe/Paris", "opt-timezone-desc"),
        duration_hours=L("How long a discussion stays open (1–720 h)", "opt-duration-desc"),
        language_=L("Language of the posts", "opt-language-desc"),
        retention_days=L("Erase reply texts after this many days (0: never)", "opt-retention-desc"),
    )
    @app_commands.choices(
        language_=[
            app_commands.Choice(name="Français", value="fr"),
            app_commands.Choice(name="English", value="en"),
        ]
    )
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @app_commands.allowed_installs(guilds=True, users=False)
    async def setup_command(
        self,
        interaction: discord.Interaction[Any],
        channel: app_commands.AppCommandChannel,
        cron: str | None = None,
        timezone: str | None = None,
        duration_hours: int | None = None,
        language_: str | None = None,
        retention_days: int | None = None,
    ) -> None:
        require(interaction, "manage_guild")
        gid = guild_id(interaction)
        app = app_of(interaction)
        setup_service.validate(cron, timezone, duration_hours, language_, retention_days)
        resolved = interaction.guild.get_channel(channel.id) if interaction.guild else None
        kind = permissions.channel_kind(resolved)
        if resolved is None or kind is None:
            raise UserError("error-channel-kind")
        me = resolved.guild.me
        lacking = permissions.missing(resolved, me) if me is not None else []
        if lacking:
            raise UserError("error-bot-permissions", permissions=", ".join(lacking))
        view = await setup_service.configure(
            app,
            gid,
            actor_id=interaction.user.id,
            channel_id=resolved.id,
            channel_kind=kind,
            cron=cron,
            timezone=timezone,
            duration_hours=duration_hours,
            language=language_,
            retention_days=retention_days,
        )
        lang = language(interaction)
        await say(interaction, "setup-done", embed=schedule_embed(view, lang))

    @setup_command.autocomplete("timezone")
    async def timezone_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        from bot.cron import timezone_suggestions

        return [app_commands.Choice(name=z, value=z) for z in timezone_suggestions(current)]


@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
@app_commands.allowed_installs(guilds=True, users=False)
class Schedule(
    commands.GroupCog,
    group_name=L("schedule", "cmd-schedule"),
    group_description=L("The posting schedule", "cmd-schedule-desc"),
):
    def __init__(self, bot: EtVousBot) -> None:
        self.bot = bot

    async def _show(
        self, interaction: discord.Interaction[Any], key: str, paused: bool | None
    ) -> None:
        require(interaction, "manage_guild")
        gid = guild_id(interaction)
        app = app_of(interaction)
        if paused is None:
            view = await setup_service.show(app, gid)
        else:
            view = await setup_service.set_paused(app, gid, paused, actor_id=interaction.user.id)
        await say(interaction, key, embed=schedule_embed(view, language(interaction)))

    @app_commands.command(
        name=L("show", "cmd-show"), description=L("Next posts and state", "cmd-schedule-show-desc")
    )
    async def show(self, interaction: discord.Interaction[Any]) -> None:
        await self._show(interaction, "schedule-shown", None)

    @app_commands.command(
        name=L("pause", "cmd-pause"),
        description=L("Stop posting questions", "cmd-schedule-pause-desc"),
    )
    async def pause(self, interaction: discord.Interaction[Any]) -> None:
        await self._show(interaction, "schedule-paused-now", True)

    @app_commands.command(
        name=L("resume", "cmd-resume"),
        description=L("Post questions again", "cmd-schedule-resume-desc"),
    )
    async def resume(self, interaction: discord.Interaction[Any]) -> None:
        await self._show(interaction, "schedule-resumed", False)


async def setup(bot: EtVousBot) -> None:
    await bot.add_cog(Setup(bot))
    await bot.add_cog(Schedule(bot))
