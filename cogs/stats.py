"""``/stats [member]`` and ``/leaderboard view|hide|unhide``: participation, privately."""

from __future__ import annotations

import asyncio
import io
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_text import safe, title
from bot.factory import EtVousBot
from bot.i18n import t
from bot.interactions import app_of, language
from bot.render import NO_MENTIONS
from bot.services import stats
from cogs._common import L, guild_id, readable_by, say


def _hours(hours: list[int], lang: str) -> str:
    return ", ".join(t("stats-hour", lang, hour=h) for h in hours) or "—"


def server_embed(figures: stats.ServerStats, lang: str) -> discord.Embed:
    embed = discord.Embed(title=t("stats-server-title", lang), colour=discord.Colour.blurple())
    lines = []
    for d in reversed(figures.discussions):  # newest first
        share = t("stats-share", lang, percent=round(d.share * 100)) if d.share is not None else ""
        lines.append(
            t(
                "stats-discussion-line",
                lang,
                id=d.id,
                question=safe(title(d.question, 60), 80, one_line=True),
                participants=d.participants,
                replies=d.replies,
                share=share,
            )
        )
    embed.description = "\n".join(lines) or t("stats-no-discussion", lang)
    embed.add_field(
        name=t("stats-busiest", lang, zone=figures.timezone),
        value=_hours(figures.busiest, lang),
        inline=False,
    )
    if figures.chart is not None:
        embed.set_image(url="attachment://participation.png")
    return embed


def member_embed(figures: stats.MemberStats, lang: str) -> discord.Embed:
    embed = discord.Embed(
        title=t("stats-member-title", lang),
        description=t(
            "stats-member",
            lang,
            member=f"<@{figures.user_id}>",
            answered=figures.streak.answered,
            discussions=figures.discussions,
            replies=figures.replies,
        ),
        colour=discord.Colour.blurple(),
    )
    for name, kind, n in (
        ("stats-current-streak", "current", figures.streak.current),
        ("stats-best-streak", "best", figures.streak.best),
    ):
        embed.add_field(name=t(name, lang), value=t("stats-streak", lang, n=n, kind=kind))
    return embed


def _line(standing: stats.Standing, lang: str, *, yours: bool = False) -> str:
    return t(
        "leaderboard-line-yours" if yours else "leaderboard-line",
        lang,
        rank=standing.rank,
        member=f"<@{standing.user_id}>",
        discussions=standing.discussions,
        replies=standing.replies,
    )


def leaderboard_embed(board: stats.Leaderboard, lang: str) -> discord.Embed:
    """The month's lines, the viewer's marked as hers; her place below only when the
    lines do not show it, or, when she hid herself or opted out, that she did and how to
    come back."""
    year, month = board.month.split("-")
    when = t("month-in-year", lang, month=t(f"month-{int(month)}", lang), year=year)
    embed = discord.Embed(
        title=t("leaderboard-title", lang, month=when), colour=discord.Colour.gold()
    )
    own = board.own
    lines = [
        _line(s, lang, yours=own is not None and s.user_id == own.user_id) for s in board.standings
    ]
    if board.more:
        lines.append(t("leaderboard-more", lang, n=board.more))
    embed.description = "\n".join(lines) or t("leaderboard-empty", lang)
    if board.opted_out:  # first: /leaderboard unhide alone would not count her
        embed.add_field(name=t("leaderboard-you", lang), value=t("leaderboard-you-opted-out", lang))
    elif board.hidden:
        embed.add_field(name=t("leaderboard-you", lang), value=t("leaderboard-you-hidden", lang))
    elif own is not None and own not in board.standings:
        embed.add_field(name=t("leaderboard-you", lang), value=_line(own, lang))
    embed.set_footer(
        text=t(
            "leaderboard-footer-hidden"
            if board.hidden or board.opted_out
            else "leaderboard-footer",
            lang,
        )
    )
    return embed


class Stats(commands.Cog):
    def __init__(self, bot: EtVousBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=L("stats", "cmd-stats"),
        description=L("Participation in the discussions", "cmd-stats-desc"),
    )
    @app_commands.rename(member=L("member", "opt-member"))
    @app_commands.describe(
        member=L("A member (default: the whole server)", "opt-stats-member-desc")
    )
    @app_commands.guild_only()
    @app_commands.allowed_installs(guilds=True, users=False)
    async def stats_command(
        self, interaction: discord.Interaction[Any], member: discord.User | None = None
    ) -> None:
        app, gid, lang = app_of(interaction), guild_id(interaction), language(interaction)
        if member is not None:
            granted = interaction.permissions
            figures = await stats.member(
                app,
                gid,
                member.id,
                viewer_id=interaction.user.id,
                viewer_is_staff=granted.manage_guild or granted.administrator,
                readable=readable_by(interaction),
            )
            await say(interaction, "stats-shown", embed=member_embed(figures, lang))
            return
        # Asked of Discord while the answer is deferred: no wait of its own, most times.
        # Without the members who opted out and are still members (one who left is out of
        # Discord's count already).
        counting = asyncio.ensure_future(
            self.bot.member_counts.besides(gid, app.optouts.in_guild(gid))
        )
        await interaction.response.defer(ephemeral=True, thinking=True)
        members = await counting
        server = await stats.server(
            app,
            gid,
            members=members,
            language=lang,
            readable=readable_by(interaction),
        )
        kwargs: dict[str, Any] = {"embed": server_embed(server, lang)}
        if server.chart is not None:
            kwargs["file"] = discord.File(
                io.BytesIO(server.chart),
                filename="participation.png",
                description=t("chart-alt-participation", lang, zone=server.timezone),
            )
        await interaction.followup.send(ephemeral=True, allowed_mentions=NO_MENTIONS, **kwargs)


@app_commands.guild_only()
@app_commands.allowed_installs(guilds=True, users=False)
class LeaderboardCommands(
    commands.GroupCog,
    group_name=L("leaderboard", "cmd-leaderboard"),
    group_description=L("The month's most regular participants", "cmd-leaderboard-desc"),
):
    def __init__(self, bot: EtVousBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=L("view", "cmd-view"),
        description=L("The month's leaderboard", "cmd-leaderboard-view-desc"),
    )
    @app_commands.rename(month=L("month", "opt-month"))
    @app_commands.describe(month=L("YYYY-MM (default: this month)", "opt-month-desc"))
    async def view(self, interaction: discord.Interaction[Any], month: str | None = None) -> None:
        board = await stats.leaderboard(
            app_of(interaction),
            guild_id(interaction),
            month=month,
            viewer_id=interaction.user.id,
            readable=readable_by(interaction),
        )
        await say(
            interaction, "leaderboard-shown", embed=leaderboard_embed(board, language(interaction))
        )

    @app_commands.command(
        name=L("hide", "cmd-hide"),
        description=L("Leave the leaderboard", "cmd-leaderboard-hide-desc"),
    )
    async def hide(self, interaction: discord.Interaction[Any]) -> None:
        await stats.set_hidden(
            app_of(interaction), guild_id(interaction), interaction.user.id, True
        )
        await say(interaction, "leaderboard-hidden")

    @app_commands.command(
        name=L("unhide", "cmd-unhide"),
        description=L("Appear on the leaderboard again", "cmd-leaderboard-unhide-desc"),
    )
    async def unhide(self, interaction: discord.Interaction[Any]) -> None:
        await stats.set_hidden(
            app_of(interaction), guild_id(interaction), interaction.user.id, False
        )
        await say(interaction, "leaderboard-unhidden")


async def setup(bot: EtVousBot) -> None:
    await bot.add_cog(Stats(bot))
    await bot.add_cog(LeaderboardCommands(bot))
