"""The reply form under a question post: drawn by the Répondre button, its
submission posted in the thread under the member's name and stored as hers."""

from __future__ import annotations

from typing import Any

import discord

from bot import custom_ids
from bot.discord_render import limits
from bot.discord_render.limits import size
from bot.discord_text import safe
from bot.errors import UserError
from bot.i18n import t
from bot.interactions import answer_error_keeping, app_of, language, text_back
from bot.render import NO_MENTIONS
from bot.services import participation
from bot.state import OpenDiscussion
from cogs._common import readable_by, require_not_timed_out


class ReplyForm(discord.ui.Modal):
    """The reply form, only drawn here: its submission is recognised by its custom
    id (see :meth:`Participation.on_interaction`), so a reply written for longer
    than a modal lives in discord.py's store, or across a restart, is still posted."""

    def __init__(self, discussion_id: int, lang: str) -> None:
        super().__init__(
            title=t("modal-title", lang)[:45],
            timeout=None,
            custom_id=custom_ids.reply_form(discussion_id),
        )
        self.text: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=t("modal-label", lang)[:45],
            style=discord.TextStyle.paragraph,
            max_length=participation.MAX_REPLY,
            min_length=1,
            custom_id=custom_ids.REPLY_FORM_TEXT,
        )
        self.add_item(self.text)


def require_may_write(interaction: discord.Interaction[Any]) -> None:
    """The form posts in the member's name: only for a member who may write in the thread
    herself (not one timed out, refused as the stance and vote buttons refuse her, nor one
    staff muted there, by a role or an overwrite)."""
    require_not_timed_out(interaction)
    if not interaction.permissions.send_messages_in_threads:
        raise UserError("error-reply-not-allowed")


def require_unlocked(interaction: discord.Interaction[Any], thread: object) -> None:
    """A thread staff locked takes replies only from those who manage threads (as Discord
    lets them write there): the bot, which may, would write in a member's name."""
    locked = isinstance(thread, discord.Thread) and thread.locked
    if locked and not interaction.permissions.manage_threads:
        raise UserError("error-thread-locked")


async def _post_in_thread(
    interaction: discord.Interaction[Any],
    thread_id: int,
    content: str,
    embed: discord.Embed | None = None,
) -> discord.Message:
    """Post in the discussion's thread, or the member error that says why Discord would not."""
    client = interaction.client
    try:
        thread = client.get_channel(thread_id) or await client.fetch_channel(thread_id)
        if not isinstance(thread, discord.Thread):
            raise UserError("error-closed")
        require_unlocked(interaction, thread)
        if embed is None:
            return await thread.send(content, allowed_mentions=NO_MENTIONS)
        return await thread.send(content, embed=embed, allowed_mentions=NO_MENTIONS)
    except discord.Forbidden:
        raise UserError("error-reply-forbidden") from None
    except discord.NotFound:
        raise UserError("error-closed") from None
    except discord.HTTPException:
        raise UserError("error-discord-unavailable") from None


async def post_form_reply(
    interaction: discord.Interaction[Any], discussion_id: int, submitted: str
) -> None:
    """Post the form's text in the thread under the member's name and store it as hers."""
    if interaction.guild_id is None:
        raise UserError("error-guild-only")
    app = app_of(interaction)
    text = participation.check_reply_text(submitted)
    name = getattr(interaction.user, "display_name", interaction.user.name)
    # Acknowledged before the post: a busy thread can make Discord hold the bot past the
    # 3 seconds an answer has, and she would read a failure over a reply that is there.
    await interaction.response.defer(ephemeral=True, thinking=True)
    try:
        require_may_write(interaction)
        discussion = await participation.open_for_reply(
            app,
            interaction.guild_id,
            discussion_id,
            interaction.user.id,
            readable=readable_by(interaction),
        )
        message = await _post(interaction, discussion, name, text)
    except Exception as error:  # the form is gone once submitted: her text given back
        await answer_error_keeping(interaction, error, text_back(interaction, text))
        return
    await participation.store_modal_reply(
        app,
        discussion,
        message_id=message.id,
        author_id=interaction.user.id,
        author_name=name,
        text=text,
        created_at=message.created_at,
    )
    await interaction.followup.send(
        t("modal-thanks", language(interaction), link=message.jump_url),
        ephemeral=True,
        allowed_mentions=NO_MENTIONS,
    )


async def _post(
    interaction: discord.Interaction[Any], discussion: OpenDiscussion, name: str, text: str
) -> discord.Message:
    """The form's text posted in the thread under the member's name."""
    author = safe(name, 80, one_line=True)
    body = safe(text, limits.DESCRIPTION)  # the form's 1,900 characters, each escape doubled
    content = t("modal-posted", discussion.language, author=author, text=body)
    embed = None
    if size(content) > limits.CONTENT:  # escaping made it longer than a message: shown whole
        content = t("modal-posted", discussion.language, author=author, text="").rstrip()
        embed = discord.Embed(description=body)
    return await _post_in_thread(interaction, discussion.thread_id, content, embed)
