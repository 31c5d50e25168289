"""Helpers every cog uses: command strings, checks, answering (paging: ``_paging``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot import permissions
from bot.errors import UserError
from bot.i18n import t
from bot.interactions import answer_error_keeping, app_of, language
from bot.stored_text import storable_name

if TYPE_CHECKING:
    pass


def L(text: str, key: str) -> app_commands.locale_str:
    """An English command string whose French text is catalog message ``key``."""
    return app_commands.locale_str(text, key=key)


async def guarded(
    interaction: discord.Interaction[Any], work: Any, *, kept: discord.Embed | None = None
) -> None:
    """Every click is answered: a member error as such, anything else (the
    database away, say) logged and answered with the polite catch-all, with
    ``kept`` (what she wrote in a form, given back) when the work fails.
    (Dynamic items' exceptions would otherwise only be logged by discord.py.)"""
    try:
        await work
    except Exception as error:
        await answer_error_keeping(interaction, error, kept)


@dataclass(frozen=True, slots=True)
class SubmittedForm:
    """A form (a modal) submitted: its custom id read by its pattern, and what she typed."""

    match: re.Match[str]
    values: dict[str, str]
    """Each text input's value, by the input's custom id."""


def submitted_form(interaction: discord.Interaction[Any], pattern: str) -> SubmittedForm | None:
    """The form whose custom id matches ``pattern``, if ``interaction`` submits one.

    The forms are recognised by their custom id alone (it carries their state), not by
    discord.py's store of the modals sent: a form opened before a restart still answers."""
    if interaction.type is not discord.InteractionType.modal_submit:
        return None
    data: Any = interaction.data or {}
    match = re.fullmatch(pattern, str(data.get("custom_id", "")))
    if match is None:
        return None
    return SubmittedForm(match, submitted_values(data.get("components")))


def submitted_values(data: Any) -> dict[str, str]:
    """Each text input's value in a modal submission's payload, by custom id
    (the inputs sit in action rows, or in labels on newer clients)."""
    found: dict[str, str] = {}
    if isinstance(data, list):
        for item in data:
            found |= submitted_values(item)
    elif isinstance(data, dict):
        if "custom_id" in data and "value" in data:
            found[str(data["custom_id"])] = str(data["value"] or "")
        found |= submitted_values(data.get("components"))
        found |= submitted_values(data.get("component"))
    return found


def guild_id(interaction: discord.Interaction[Any]) -> int:
    if interaction.guild_id is None:
        raise UserError("error-guild-only")
    return interaction.guild_id


def guild_of(interaction: discord.Interaction[Any]) -> discord.Guild:
    """The server the interaction came from, as the bot knows it (its name, to leave it)."""
    if interaction.guild is None:
        raise UserError("error-guild-only")
    return interaction.guild


def actor_name(interaction: discord.Interaction[Any]) -> str:
    """The name the member goes by here, as the audit log keeps it beside her id."""
    return storable_name(interaction.user.display_name)


def require(interaction: discord.Interaction[Any], permission: str) -> None:
    """Check the member's permission again at run time (servers may remap commands)."""
    permissions = interaction.permissions
    if not (permissions.administrator or getattr(permissions, permission, False)):
        raise UserError("error-staff-only")


def require_not_timed_out(interaction: discord.Interaction[Any]) -> None:
    """Discord's timeout stops her writing and reacting in the server: what the bot would
    take from her in the meantime (stance, votes, a form reply) is refused, in one wording."""
    user = interaction.user
    if isinstance(user, discord.Member) and user.is_timed_out():
        raise UserError("error-timed-out")


def _problem_notice(interaction: discord.Interaction[Any], lang: str) -> str:
    """For staff: a line saying the schedule is stopped by a Discord problem."""
    reason = app_of(interaction).guild_problems.get(interaction.guild_id or 0)
    permissions = interaction.permissions
    if reason is None or not (permissions.manage_guild or permissions.administrator):
        return ""
    detail = t(f"pause-reason-{reason.replace('_', '-')}", lang)
    return "\n" + t("staff-problem-notice", lang, reason=detail)


async def say(
    interaction: discord.Interaction[Any],
    key: str,
    *,
    ephemeral: bool = True,
    embed: discord.Embed | None = None,
    view: discord.ui.View | None = None,
    file: discord.File | None = None,
    suppress_embeds: bool = False,
    also: str | None = None,
    **args: Any,
) -> None:
    """Answer with catalog message ``key`` in the member's language; pings nobody
    (``suppress_embeds``: Discord previews none of its links). ``also``: a second message
    said after it, with the same arguments."""
    lang = language(interaction)
    content = t(key, lang, **args)
    if also is not None:
        content += " " + t(also, lang, **args)
    content += _problem_notice(interaction, lang)
    kwargs: dict[str, Any] = {
        "content": content,
        "ephemeral": ephemeral,
        "allowed_mentions": discord.AllowedMentions.none(),
    }
    if embed is not None:
        kwargs["embed"] = embed
    if view is not None:
        kwargs["view"] = view
    if file is not None:
        kwargs["file"] = file
    if suppress_embeds:
        kwargs["suppress_embeds"] = True
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


def readable_by(interaction: discord.Interaction[Any]) -> Callable[[int], bool]:
    """Whether the member running the command may read a channel (given its id)."""
    return lambda channel_id: permissions.can_read(interaction.guild, channel_id, interaction.user)


async def discussion_autocomplete(
    interaction: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[int]]:
    from bot.services.discussions import autocomplete

    if interaction.guild_id is None:
        return []
    found = await autocomplete(
        app_of(interaction),
        interaction.guild_id,
        current,
        readable=readable_by(interaction),
        language=language(interaction),
    )
    return [app_commands.Choice(name=label, value=value) for value, label in found]


async def category_autocomplete(
    interaction: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[str]]:
    from bot.services.bank import category_names

    if interaction.guild_id is None:
        return []
    names = await category_names(app_of(interaction), interaction.guild_id, current)
    return [app_commands.Choice(name=name, value=name) for name in names]
