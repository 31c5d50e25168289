"""``/setup`` and ``/schedule``."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import permissions
from bot.cron import never_changes_for_summer
from bot.discord_text import safe
from bot.factory import EtVousBot
from bot.i18n import t
from bot.interactions import app_of, language
from bot.services import setup as setup_service
from cogs import _setup_checks as checks
from cogs._common import L, actor_name, guild_id, require, say
from cogs._schedule_embed import schedule_embed


class Setup(commands.Cog):
    def __init__(self, bot: EtVousBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=L("setup", "cmd-setup"), description=L("Configure the discussions", "cmd-setup-desc")
    )
    @app_commands.rename(
        channel=L("channel", "opt-channel"),
        duration_hours=L("duration_hours", "opt-duration"),
        language_=L("language", "opt-language"),
        timezone=L("timezone", "opt-timezone"),
        retention_days=L("retention_days", "opt-retention"),
        review_channel=L("review_channel", "opt-review-channel"),
        credit_suggesters=L("credit_suggesters", "opt-credit"),
        reminder_hours=L("reminder_hours", "opt-reminder-hours"),
        reminder_role=L("reminder_role", "opt-reminder-role"),
        question_role=L("question_role", "opt-question-role"),
        leaderboard=L("leaderboard", "opt-leaderboard"),
        hide_counts=L("hide_counts", "opt-hide-counts"),
        categories=L("categories", "opt-categories"),
        clear=L("clear", "opt-clear"),
    )
    @app_commands.describe(
        channel=L("Forum (one post per question) or text channel", "opt-channel-desc"),
        cron=L("When to post, cron with 5 fields (default: Mondays 18:00)", "opt-cron-desc"),
        timezone=L("IANA time zone, e.g. Europe/Paris", "opt-timezone-desc"),
        duration_hours=L("How long a discussion stays open (1–720 hours)", "opt-duration-desc"),
        language_=L("Language of the posts", "opt-language-desc"),
        retention_days=L("Erase reply texts after this many days (0: never)", "opt-retention-desc"),
        review_channel=L(
            "Staff channel or thread where suggestions are reviewed", "opt-review-channel-desc"
        ),
        credit_suggesters=L(
            "Name the member who suggested a question on its post", "opt-credit-desc"
        ),
        reminder_hours=L(
            "Remind this many hours before a discussion closes (0: off)", "opt-reminder-hours-desc"
        ),
        reminder_role=L(
            "A role to mention in the reminder (default: nobody)", "opt-reminder-role-desc"
        ),
        question_role=L(
            "A role to mention on each new question (default: nobody)", "opt-question-role-desc"
        ),
        leaderboard=L("Monthly participation leaderboard", "opt-leaderboard-desc"),
        hide_counts=L("Hide stance counts until the discussion closes", "opt-hide-counts-desc"),
        categories=L(
            "Categories posted, in rotation order, comma-separated (* for all)",
            "opt-categories-desc",
        ),
        clear=L("Turn one option off", "opt-clear-desc"),
    )
    @app_commands.choices(
        language_=[
            app_commands.Choice(name="Français", value="fr"),
            app_commands.Choice(name="English", value="en"),
        ],
        clear=[
            app_commands.Choice(
                name=L("review channel", "clear-review-channel"), value="review_channel"
            ),
            app_commands.Choice(
                name=L("reminder role", "clear-reminder-role"), value="reminder_role"
            ),
            app_commands.Choice(
                name=L("question role", "clear-question-role"), value="question_role"
            ),
        ],
    )
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    @app_commands.allowed_installs(guilds=True, users=False)
    async def setup_command(
        self,
        interaction: discord.Interaction[Any],
        channel: app_commands.Transform[app_commands.AppCommandChannel, checks.DISCUSSION_CHANNEL]
        | None = None,
        cron: str | None = None,
        timezone: str | None = None,
        duration_hours: int | None = None,
        language_: str | None = None,
        retention_days: int | None = None,
        review_channel: app_commands.Transform[
            app_commands.AppCommandChannel | app_commands.AppCommandThread, checks.REVIEW_CHANNEL
        ]
        | None = None,
        credit_suggesters: bool | None = None,
        reminder_hours: int | None = None,
        reminder_role: discord.Role | None = None,
        question_role: discord.Role | None = None,
        leaderboard: bool | None = None,
        hide_counts: bool | None = None,
        categories: str | None = None,
        clear: str | None = None,
    ) -> None:
        require(interaction, "manage_guild")
        gid = guild_id(interaction)
        setup_service.validate(cron, timezone, duration_hours, language_, retention_days)
        community = setup_service.Community(
            review_channel_id=await checks.review_channel(interaction, review_channel),
            credit_suggesters=credit_suggesters,
            reminder_hours=reminder_hours,
            reminder_role_id=checks.mentioned_role(reminder_role),
            question_role_id=checks.mentioned_role(question_role),
            leaderboard=leaderboard,
            hide_counts=hide_counts,
            categories=categories,
            clear=clear,
        )
        resolved, kind = checks.discussion_channel(interaction, channel)
        view = await setup_service.configure(
            app_of(interaction),
            gid,
            actor_id=interaction.user.id,
            actor_name=actor_name(interaction),
            channel_id=resolved,
            channel_kind=kind,
            cron=cron,
            timezone=timezone,
            duration_hours=duration_hours,
            language=language_,
            retention_days=retention_days,
            community=community,
            server_locale=interaction.guild_locale.value if interaction.guild_locale else None,
            server_name=interaction.guild.name if interaction.guild else None,
        )
        if hide_counts is not None or credit_suggesters is not None:
            self.bot.refresher.mark_guild(gid)  # the open posts show them: drawn again
        lang = language(interaction)
        silent = permissions.silent_roles(
            interaction.guild, view.guild.question_role_id, view.guild.reminder_role_id
        )
        lacking = checks.review_lacking(interaction, view.guild.review_channel_id)
        embed = schedule_embed(
            view,
            lang,
            silent,
            lacking,
            checks.channel_lacking(interaction, view.guild.channel_id),
            tag_lacking=checks.tag_lacking(interaction, view.guild.channel_id),
        )
        notes = []
        if view.language_from is not None:  # the first setup chose it: which, and how to change
            chosen = t(f"language-{view.guild.language}", lang)
            notes.append(t(f"setup-language-{view.language_from}", lang, chosen=chosen))
        if timezone is not None and never_changes_for_summer(view.guild.timezone):
            notes.append(t("setup-zone-fixed", lang, timezone=safe(view.guild.timezone, 64)))
        embed.description = "\n\n".join(notes) or None
        await say(interaction, "setup-done", embed=embed)

    @setup_command.autocomplete("timezone")
    async def timezone_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        from bot.cron import timezone_suggestions, utc_offset

        # Each zone named with its offset now: « Etc/GMT+1 » is an hour *behind* UTC, and a
        # moderator who typed « GMT+1 » for Paris in winter had no way to see it.
        now = app_of(interaction).clock.now()
        return [
            app_commands.Choice(name=f"{z} ({utc_offset(z, now)})", value=z)
            for z in timezone_suggestions(current, now)
        ]


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
            if not paused:  # a resume whose next post Discord would refuse says why instead
                current = await setup_service.show(app, gid)
                guild = interaction.guild
                channel = guild.get_channel(current.guild.channel_id or 0) if guild else None
                problem = checks.posting_problem(channel)
                if problem is not None:
                    raise problem
            view = await setup_service.set_paused(
                app, gid, paused, actor_id=interaction.user.id, actor_name=actor_name(interaction)
            )
        silent = permissions.silent_roles(
            interaction.guild, view.guild.question_role_id, view.guild.reminder_role_id
        )
        lacking = checks.review_lacking(interaction, view.guild.review_channel_id)
        channel_lacking = checks.channel_lacking(interaction, view.guild.channel_id)
        tag_lacking = checks.tag_lacking(interaction, view.guild.channel_id)
        embed = schedule_embed(
            view, language(interaction), silent, lacking, channel_lacking, tag_lacking=tag_lacking
        )
        await say(interaction, key, embed=embed)

    @app_commands.command(
        name=L("show", "cmd-show"), description=L("Next posts and status", "cmd-schedule-show-desc")
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
