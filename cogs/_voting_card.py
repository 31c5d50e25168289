"""The voting card: "Donner mon avis / Give my opinion" under a question post opens a
private card showing one reply at a time (in the order Pol.is chooses), with Agree /
Disagree / Pass buttons that record her vote and show the next reply, and "Où je me
situe / Where I stand", which shows her place among the opinion groups (also when
nothing is left to vote on).

Dynamic items, like the post's other buttons (``cogs/participation.py``): the custom id
carries the discussion (and reply, and vote), so an open card keeps answering after a
restart without any stored view.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from typing import Any

import discord

from bot import custom_ids, permissions
from bot.charts.summary_charts import MAP_FILE
from bot.discord_render.standing import standing_embed
from bot.discord_text import plain_name, safe
from bot.errors import NotFound, StorageUnavailable, UserError
from bot.i18n import t
from bot.interactions import app_of, error_message, language
from bot.render import NO_MENTIONS
from bot.services import discussions as discussion_service
from bot.services import participation
from bot.services.standing import where_she_stands
from cogs._common import readable_by, require_not_timed_out
from cogs._discussion_button import DiscussionButton
from cogs._persistent_item import PersistentItem


def card_view(item: participation.CardItem, lang: str) -> discord.ui.View:
    # Dynamic items only: a view of plain buttons with timeout=None would stay
    # in discord.py's view store forever, one per card shown.
    view = discord.ui.View(timeout=None)
    for value, key, style in (
        (1, "card-agree", discord.ButtonStyle.success),
        (-1, "card-disagree", discord.ButtonStyle.danger),
        (0, "card-pass", discord.ButtonStyle.secondary),
    ):
        button = VoteButton(item.discussion_id, item.reply_id, value)
        button.item.label, button.item.style = t(key, lang), style
        view.add_item(button)
    view.add_item(standing_button(item.discussion_id, lang))
    return view


def standing_button(discussion_id: int, lang: str) -> StandingButton:
    button = StandingButton(discussion_id)
    button.item.label, button.item.style = t("button-standing", lang), discord.ButtonStyle.secondary
    button.item.emoji, button.item.row = "🧭", 1
    return button


def done_view(discussion_id: int, lang: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(standing_button(discussion_id, lang))
    return view


def card_embed(item: participation.CardItem, lang: str) -> discord.Embed:
    embed = discord.Embed(description=safe(item.text, 3500), colour=discord.Colour.blurple())
    embed.set_author(name=plain_name(item.author_name, 100))
    if item.edited_since_vote:  # she sees again what she voted on: the text is not what she saw
        embed.title = t("card-edited-since-vote", lang)
    link = f"https://discord.com/channels/{item.guild_id}/{item.thread_id}/{item.reply_id}"
    embed.add_field(name=t("card-link", lang), value=link)
    embed.set_footer(text=t("card-remaining", lang, n=item.remaining))
    return embed


async def show_card(
    interaction: discord.Interaction[Any], discussion_id: int, *, edit: bool
) -> None:
    if interaction.guild_id is None:
        raise UserError("error-guild-only")
    lang = language(interaction)
    item = await participation.next_card(
        app_of(interaction),
        interaction.guild_id,
        discussion_id,
        interaction.user.id,
        readable=readable_by(interaction),
    )
    if item is None:
        view = done_view(discussion_id, lang)
        if edit:
            await interaction.response.edit_message(
                content=t("card-done", lang), embed=None, view=view
            )
        else:
            await interaction.response.send_message(t("card-done", lang), view=view, ephemeral=True)
        return
    if edit:
        await interaction.response.edit_message(
            content=None, embed=card_embed(item, lang), view=card_view(item, lang)
        )
    else:
        await interaction.response.send_message(
            embed=card_embed(item, lang),
            view=card_view(item, lang),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )


class CardButton(DiscussionButton, template=custom_ids.CARD):
    make_custom_id = staticmethod(custom_ids.card)

    async def clicked(self, interaction: discord.Interaction[Any]) -> None:
        require_not_timed_out(interaction)
        await show_card(interaction, self.discussion_id, edit=False)


class VoteButton(PersistentItem[discord.ui.Button[Any]], template=custom_ids.VOTE):
    def __init__(self, discussion_id: int, reply_id: int, value: int) -> None:
        super().__init__(
            discord.ui.Button(custom_id=custom_ids.vote(discussion_id, reply_id, value))
        )
        self.discussion_id, self.reply_id, self.value = discussion_id, reply_id, value

    @classmethod
    def from_match(cls, match: re.Match[str]) -> VoteButton:
        return cls(int(match["discussion"]), int(match["reply"]), int(match["value"]))

    async def clicked(self, interaction: discord.Interaction[Any]) -> None:
        if interaction.guild_id is None:
            raise UserError("error-guild-only")
        require_not_timed_out(interaction)
        try:
            await participation.vote_on_card(
                app_of(interaction),
                guild_id=interaction.guild_id,
                discussion_id=self.discussion_id,
                reply_id=self.reply_id,
                voter_id=interaction.user.id,
                value=self.value,
                readable=readable_by(interaction),
                shown_at=_shown_at(interaction),
            )
            await show_card(interaction, self.discussion_id, edit=True)
        except UserError as refused:
            card = interaction.message
            if (
                isinstance(refused, StorageUnavailable)  # the card stays: she can try again
                or interaction.response.is_done()
                or card is None
                or not card.flags.ephemeral  # not her card: a button replayed elsewhere
            ):
                raise
            # The card gives way to why (nothing left, closed…): left on screen, it showed
            # a reply perhaps erased since, under buttons that would only answer the same.
            # Closed, where she stands is still hers to see: its button stays.
            lang = language(interaction)
            closed = refused.key == "error-closed"
            await interaction.response.edit_message(
                content=error_message(interaction, refused, lang),
                embed=None,
                view=done_view(self.discussion_id, lang) if closed else None,
            )


def _shown_at(interaction: discord.Interaction[Any]) -> datetime | None:
    """When her card drew the reply it shows: the card's last edit (each vote draws the
    next reply in place), or its sending."""
    card = interaction.message
    if card is None or not card.flags.ephemeral:
        return None
    return card.edited_at or card.created_at


class StandingButton(DiscussionButton, template=custom_ids.STANDING):
    make_custom_id = staticmethod(custom_ids.standing)

    async def clicked(self, interaction: discord.Interaction[Any]) -> None:
        if interaction.guild_id is None:
            raise UserError("error-guild-only")
        app = app_of(interaction)
        found = await discussion_service.get_scoped(app, interaction.guild_id, self.discussion_id)
        if not permissions.can_read(interaction.guild, found.channel_id, interaction.user):
            raise NotFound("discussion")
        await answer_standing(interaction, found)


async def answer_standing(interaction: discord.Interaction[Any], discussion: Any) -> None:
    """Where she stands in ``discussion`` (checked readable by her), privately, in her
    language. Thinking first: the groups and her map of a large discussion take seconds,
    and Discord forgets a click not answered within 3."""
    await interaction.response.defer(ephemeral=True, thinking=True)
    lang = language(interaction)
    found = await where_she_stands(
        app_of(interaction), discussion, interaction.user.id, language=lang
    )
    embed = standing_embed(found, lang)
    files = []
    if found.opinion_map is not None:
        files.append(
            discord.File(
                io.BytesIO(found.opinion_map), MAP_FILE, description=t("chart-alt-map-you", lang)
            )
        )
        embed.set_image(url=f"attachment://{MAP_FILE}")
    await interaction.followup.send(
        embed=embed, files=files, ephemeral=True, allowed_mentions=NO_MENTIONS
    )
