"""The buttons under a question post: stance, reply modal, voting card (its buttons
in ``cogs/_voting_card.py``, the form in ``cogs/_reply_form.py``).

They are dynamic items: the custom id carries the discussion (and option),
so they keep working after a restart without any stored view.
"""

from __future__ import annotations

import re
from typing import Any

import discord
from discord.ext import commands

from bot import custom_ids
from bot.discord_text import safe
from bot.errors import UserError
from bot.factory import EtVousBot
from bot.i18n import t
from bot.interactions import app_of, language
from bot.render import NO_MENTIONS
from bot.services import participation
from cogs._common import guarded, readable_by, require_not_timed_out, submitted_form
from cogs._discussion_button import DiscussionButton
from cogs._persistent_item import PersistentItem
from cogs._reply_form import ReplyForm, post_form_reply, require_may_write, require_unlocked
from cogs._voting_card import CardButton, StandingButton, VoteButton


def _mark_post_dirty(interaction: discord.Interaction[Any], discussion_id: int) -> None:
    """The question post's counts changed: the bot's refresher redraws it soon."""
    bot: EtVousBot = interaction.client
    bot.refresher.mark(discussion_id)


class StanceButton(PersistentItem[discord.ui.Button[Any]], template=custom_ids.STANCE):
    def __init__(self, discussion_id: int, option: int) -> None:
        super().__init__(discord.ui.Button(custom_id=custom_ids.stance(discussion_id, option)))
        self.discussion_id, self.option = discussion_id, option

    @classmethod
    def from_match(cls, match: re.Match[str]) -> StanceButton:
        return cls(int(match["discussion"]), int(match["option"]))

    async def clicked(self, interaction: discord.Interaction[Any]) -> None:
        if interaction.guild_id is None:
            raise UserError("error-guild-only")
        require_not_timed_out(interaction)
        chosen = await participation.declare_stance(
            app_of(interaction),
            guild_id=interaction.guild_id,
            discussion_id=self.discussion_id,
            user_id=interaction.user.id,
            option=self.option,
            click_id=interaction.id,
            readable=readable_by(interaction),
        )
        lang = language(interaction)
        view = _withdraw_view(self.discussion_id, lang)
        await interaction.response.send_message(
            t("stance-recorded", lang, option=safe(chosen, 100, one_line=True)),
            view=view,
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )
        view.stop()  # its button is a dynamic item: it answers without this view
        _mark_post_dirty(interaction, self.discussion_id)


def _withdraw_view(discussion_id: int, lang: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    button = WithdrawButton(discussion_id)
    button.item.label, button.item.style = t("stance-withdraw", lang), discord.ButtonStyle.secondary
    view.add_item(button)
    return view


class WithdrawButton(DiscussionButton, template=custom_ids.WITHDRAW):
    """Under the answer to a stance click: the member takes her stance back."""

    make_custom_id = staticmethod(custom_ids.withdraw)

    async def clicked(self, interaction: discord.Interaction[Any]) -> None:
        if interaction.guild_id is None:
            raise UserError("error-guild-only")
        require_not_timed_out(interaction)
        await participation.withdraw_stance(
            app_of(interaction),
            guild_id=interaction.guild_id,
            discussion_id=self.discussion_id,
            user_id=interaction.user.id,
            click_id=interaction.id,
            readable=readable_by(interaction),
        )
        await interaction.response.edit_message(
            content=t("stance-withdrawn", language(interaction)), view=None
        )
        _mark_post_dirty(interaction, self.discussion_id)


class ReplyButton(DiscussionButton, template=custom_ids.REPLY):
    make_custom_id = staticmethod(custom_ids.reply)

    async def clicked(self, interaction: discord.Interaction[Any]) -> None:
        if interaction.guild_id is None:
            raise UserError("error-guild-only")
        discussion = await participation.open_for_reply(
            app_of(interaction),
            interaction.guild_id,
            self.discussion_id,
            interaction.user.id,
            readable=readable_by(interaction),
        )
        require_may_write(interaction)
        require_unlocked(interaction, interaction.client.get_channel(discussion.thread_id))
        form = ReplyForm(discussion.id, language(interaction))
        await interaction.response.send_modal(form)
        form.stop()  # its submission is handled by its custom id, not by discord.py's store


class Participation(commands.Cog):
    def __init__(self, bot: EtVousBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        form = submitted_form(interaction, custom_ids.REPLY_FORM)
        if form is not None:
            text = form.values.get(custom_ids.REPLY_FORM_TEXT, "")
            await guarded(
                interaction, post_form_reply(interaction, int(form.match["discussion"]), text)
            )


async def setup(bot: EtVousBot) -> None:
    bot.add_dynamic_items(
        StanceButton, WithdrawButton, ReplyButton, CardButton, VoteButton, StandingButton
    )
    await bot.add_cog(Participation(bot))
