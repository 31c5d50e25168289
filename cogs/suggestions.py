"""``/suggest`` for every member, and the review card's buttons for staff.

``/suggest`` is a command of its own: Discord gives default permissions to a
whole command, not to a subcommand, and ``/question`` is for staff (Manage
Messages). The review buttons are dynamic items: their custom id carries the
suggestion and the action, so the cards keep working after a restart.
"""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import custom_ids
from bot.discord_text import visible
from bot.factory import EtVousBot
from bot.interactions import answer_error_keeping, app_of, language
from bot.review_card import review_embed, review_view
from bot.services import bank, suggestions
from cogs._common import (
    L,
    actor_name,
    category_autocomplete,
    guarded,
    guild_id,
    require,
    say,
    submitted_form,
)
from cogs._persistent_item import PersistentItem
from cogs._suggestion_forms import EditForm, RejectForm, field, form_back, suggestion_back


def card_language(interaction: discord.Interaction[Any]) -> str:
    """A card in the review channel speaks the server's language; a private one the viewer's."""
    message = interaction.message
    if message is not None and message.flags.ephemeral:
        return language(interaction)
    return app_of(interaction).guild_language(interaction.guild_id)


def _filled(value: str | None) -> str | None:
    """A form's optional field: left blank (spaces, invisible characters too), none."""
    return value if value is not None and visible(value) else None


def _shown_in(interaction: discord.Interaction[Any]) -> int | None:
    return interaction.message.id if interaction.message is not None else None


async def _decided(interaction: discord.Interaction[Any], decision: suggestions.Decision) -> None:
    """The decision drawn on the card clicked (the click answered), then what it sends:
    Discord slow to take the suggester's DM no longer outlasts the 3 seconds a click has.
    No DM sent: the moderator is told, privately, that the member does not know."""
    card_lang = card_language(interaction)
    embed = review_embed(
        decision.suggestion,
        card_lang,
        up_next=decision.up_next,
        outside=decision.outside,
        ahead=decision.ahead,
    )
    await interaction.response.edit_message(embed=embed, view=None)
    client = interaction.client
    if not await suggestions.after_decision(
        app_of(interaction), client, decision, _shown_in(interaction)
    ):
        await say(interaction, "review-not-told", member=f"<@{decision.suggestion.author_id}>")


async def _submit_form(
    interaction: discord.Interaction[Any], suggestion_id: int, action: str, values: dict[str, str]
) -> None:
    """A reject or edit form's submission: decide, then redraw the card it came from."""
    require(interaction, "manage_messages")
    app, gid, card_lang = app_of(interaction), guild_id(interaction), card_language(interaction)
    if action == "reject":
        decision = await suggestions.reject(
            app,
            gid,
            suggestion_id,
            actor_id=interaction.user.id,
            actor_name=actor_name(interaction),
            reason=values.get(field("reason"), ""),
        )
        await _decided(interaction, decision)
        return
    edited = await suggestions.rewrite(
        app,
        gid,
        suggestion_id,
        actor_id=interaction.user.id,
        actor_name=actor_name(interaction),
        text=values.get(field("text"), ""),
        options=_filled(values.get(field("options"))),
        category=_filled(values.get(field("category"))),
    )
    view = review_view(edited.id, card_lang)
    earlier = await suggestions.rejected_before(app, edited)
    embed = review_embed(edited, card_lang, rejected_before=earlier)
    await interaction.response.edit_message(embed=embed, view=view)
    view.stop()
    await suggestions.after_edit(app, interaction.client, edited, _shown_in(interaction))


class ReviewButton(PersistentItem[discord.ui.Button[Any]], template=custom_ids.REVIEW):
    def __init__(self, suggestion_id: int, action: str) -> None:
        super().__init__(discord.ui.Button(custom_id=custom_ids.review(suggestion_id, action)))
        self.suggestion_id, self.action = suggestion_id, action

    @classmethod
    def from_match(cls, match: re.Match[str]) -> ReviewButton:
        return cls(int(match["suggestion"]), match["action"])

    async def clicked(self, interaction: discord.Interaction[Any]) -> None:
        require(interaction, "manage_messages")
        app, gid, lang = app_of(interaction), guild_id(interaction), language(interaction)
        if self.action in ("approve", "next"):
            decision = await suggestions.approve(
                app,
                gid,
                self.suggestion_id,
                actor_id=interaction.user.id,
                actor_name=actor_name(interaction),
                up_next=self.action == "next",
            )
            await _decided(interaction, decision)
            return
        pending = await suggestions.get_pending(app, gid, self.suggestion_id)
        form = RejectForm(pending.id, lang) if self.action == "reject" else EditForm(pending, lang)
        await interaction.response.send_modal(form)
        form.stop()  # its submission is handled by its custom id, not by discord.py's store


class Suggestions(commands.Cog):
    def __init__(self, bot: EtVousBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        form = submitted_form(interaction, custom_ids.SUGGESTION_FORM)
        if form is not None:
            action, values = form.match["action"], form.values
            work = _submit_form(interaction, int(form.match["suggestion"]), action, values)
            # the form is gone once submitted: on a refusal her text is given back
            await guarded(interaction, work, kept=form_back(interaction, action, values))

    @app_commands.command(
        name=L("suggest", "cmd-suggest"),
        description=L("Suggest a question for the discussions", "cmd-suggest-desc"),
    )
    @app_commands.rename(
        text=L("text", "opt-text"),
        options=L("options", "opt-options"),
        category=L("category", "opt-category"),
    )
    @app_commands.describe(
        text=L("Your question", "opt-suggest-text-desc"),
        options=L(
            "Stances to choose from, separated by |, e.g. Yes|No|Nuanced", "opt-options-desc"
        ),
        category=L("A category of the bank (optional)", "opt-category-desc"),
    )
    @app_commands.autocomplete(category=category_autocomplete)
    @app_commands.guild_only()
    @app_commands.allowed_installs(guilds=True, users=False)
    async def suggest(
        self,
        interaction: discord.Interaction[Any],
        text: app_commands.Range[str, 1, bank.MAX_QUESTION],  # Discord stops a longer one
        options: str | None = None,
        category: str | None = None,
    ) -> None:
        gid = guild_id(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            suggestion = await suggestions.submit(
                app_of(interaction),
                self.bot,
                gid,
                author_id=interaction.user.id,
                author_name=getattr(interaction.user, "display_name", interaction.user.name),
                language=language(interaction),
                text=text,
                options=options,
                category=category,
            )
        except Exception as error:  # what she typed is gone from her client: given back
            await answer_error_keeping(
                interaction, error, suggestion_back(interaction, text, options)
            )
            return
        await say(interaction, "suggestion-sent", id=suggestion.id)


async def setup(bot: EtVousBot) -> None:
    bot.add_dynamic_items(ReviewButton)
    await bot.add_cog(Suggestions(bot))
