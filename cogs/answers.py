"""``/answers list|export|delete`` (Manage Server)."""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import NotFound
from bot.export_format import DEFAULT_CSV_DIALECT
from bot.factory import EtVousBot
from bot.interactions import app_of
from bot.services import answers, mydata
from bot.services import export as export_service
from bot.services import summary as summary_service
from cogs._answers_list import (
    AnswersFilter,
    AnswersPageButton,
    AnswersSearchPageButton,
    answers_listing,
)
from cogs._common import (
    L,
    actor_name,
    discussion_autocomplete,
    guild_id,
    require,
    say,
)

log = logging.getLogger(__name__)

DiscussionId = app_commands.Range[int, 1, 2**53]
_EXPORT_CHOICES = {"csv-excel": ("csv", "excel")}
"""The format option's values naming a file format and a CSV variant (any other value
is a format, a CSV in the default variant)."""
_MESSAGE_LINK = re.compile(
    r"https?://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/channels/(\d{1,20})/\d{1,20}/(\d{1,20})/?"
)


def _message_id(typed: str, guild: int) -> int:
    """A message id as typed, or the one a message link of this server names (Discord's
    "Copy Message Link"); anything else, a link into another server included, is not
    an answer of this server."""
    typed = typed.strip()
    link = _MESSAGE_LINK.fullmatch(typed)
    if link is not None:
        if int(link[1]) != guild:
            raise NotFound("reply")
        typed = link[2]
    if not typed.isdigit() or not 0 < int(typed) < 2**63:
        raise NotFound("reply")
    return int(typed)


@app_commands.default_permissions(manage_guild=True)
@app_commands.guild_only()
@app_commands.allowed_installs(guilds=True, users=False)
class Answers(
    commands.GroupCog,
    group_name=L("answers", "cmd-answers"),
    group_description=L("Stored replies", "cmd-answers-desc"),
):
    def __init__(self, bot: EtVousBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=L("list", "cmd-list"), description=L("Browse stored replies", "cmd-answers-list-desc")
    )
    @app_commands.rename(
        discussion=L("discussion", "opt-discussion"),
        member=L("member", "opt-member"),
        search=L("search", "opt-search"),
    )
    @app_commands.describe(
        discussion=L("Only this discussion (default: all of them)", "opt-answers-discussion-desc"),
        member=L("Only this member's replies", "opt-answers-member-desc"),
        search=L('Words or a "phrase" the replies contain', "opt-search-desc"),
    )
    @app_commands.autocomplete(discussion=discussion_autocomplete)
    async def list_(
        self,
        interaction: discord.Interaction[Any],
        discussion: DiscussionId | None = None,
        member: discord.User | None = None,
        search: app_commands.Range[str, 1, answers.SEARCH_CHARS] | None = None,
    ) -> None:
        require(interaction, "manage_guild")
        gid = guild_id(interaction)
        if discussion is not None:
            from bot.services.discussions import get_scoped

            await get_scoped(app_of(interaction), gid, discussion)
        asked = AnswersFilter(discussion, member.id if member else None, search)
        embed, view = await answers_listing(interaction, asked)
        await interaction.response.send_message(
            embed=embed, view=view, ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )
        view.stop()

    @app_commands.command(
        name=L("export", "cmd-export"),
        description=L("Export stored replies", "cmd-answers-export-desc"),
    )
    @app_commands.rename(
        discussion=L("discussion", "opt-discussion"), format_=L("format", "opt-format")
    )
    @app_commands.describe(
        discussion=L("Only this discussion (default: all of them)", "opt-answers-discussion-desc"),
        format_=L("The file's format (default: JSONL)", "opt-format-desc"),
    )
    @app_commands.choices(
        format_=[
            app_commands.Choice(name="JSONL", value="jsonl"),
            app_commands.Choice(name="CSV", value="csv"),
            app_commands.Choice(
                name=L("CSV for Excel in French (semicolons)", "choice-format-csv-excel"),
                value="csv-excel",
            ),
        ]
    )
    @app_commands.autocomplete(discussion=discussion_autocomplete)
    async def export(
        self,
        interaction: discord.Interaction[Any],
        discussion: DiscussionId | None = None,
        format_: str = "jsonl",
    ) -> None:
        require(interaction, "manage_guild")
        gid = guild_id(interaction)
        app = app_of(interaction)
        if discussion is not None:
            from bot.services.discussions import get_scoped

            await get_scoped(app, gid, discussion)
        fmt, dialect = _EXPORT_CHOICES.get(format_, (format_, DEFAULT_CSV_DIALECT))
        await interaction.response.defer(ephemeral=True, thinking=True)
        data = await answers.export_file(
            app,
            gid,
            discussion,
            fmt,
            dialect,
            actor_id=interaction.user.id,
            actor_name=actor_name(interaction),
        )
        name = export_service.file_name(gid, discussion, fmt, dialect)
        await say(interaction, "answers-exported", file=discord.File(data, filename=name))

    @app_commands.command(
        name=L("delete", "cmd-delete"),
        description=L("Erase a stored reply's text", "cmd-answers-delete-desc"),
    )
    @app_commands.rename(message_id=L("message_id", "opt-message-id"))
    @app_commands.describe(
        message_id=L(
            "The reply's message id, or its link (Copy Message Link)", "opt-message-id-desc"
        )
    )
    async def delete(self, interaction: discord.Interaction[Any], message_id: str) -> None:
        require(interaction, "manage_guild")
        gid = guild_id(interaction)
        reply_id = _message_id(message_id, gid)
        erased = await answers.erase_answer(
            app_of(interaction),
            gid,
            reply_id,
            actor_id=interaction.user.id,
            actor_name=actor_name(interaction),
        )
        await say(interaction, "answers-deleted", id=reply_id)
        client = interaction.client
        reached = await answers.remove_traces_now(
            app_of(interaction),
            erased,
            remove_posts=lambda posts: mydata.remove_form_posts(client, posts),
            remove_quotes=lambda quoted: summary_service.remove_erased_quotes(client, quoted),
        )
        if not reached:
            await _say_left_to_scheduler(interaction)


async def _say_left_to_scheduler(interaction: discord.Interaction[Any]) -> None:
    """Tell her Discord's copy goes shortly; Discord may be as unreachable for this."""
    try:
        await say(interaction, "answers-deleted-discord-later")
    except Exception:
        log.info("could not say that erasure %s is left to the scheduler", interaction.id)


async def setup(bot: EtVousBot) -> None:
    await bot.add_cog(Answers(bot))
    bot.add_dynamic_items(AnswersPageButton, AnswersSearchPageButton)
