"""``/question``: the bank (add, list, remove, import, post now)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.discord_text import safe
from bot.errors import UserError
from bot.factory import EtVousBot
from bot.i18n import t
from bot.importer import MAX_ARTICLE_BYTES
from bot.interactions import app_of, language
from bot.services import bank, opening, posts
from cogs._bank_list import BankPageButton, bank_listing
from cogs._common import L, actor_name, category_autocomplete, guild_id, require, say
from cogs._import_answer import imported_embed
from cogs._suggestion_list import PickSuggestion, SuggestionPageButton, suggestions_listing

QuestionId = app_commands.Range[int, 1, 2**53]
"""A question of the bank, by the id the bank's list shows."""


@app_commands.default_permissions(manage_messages=True)
@app_commands.guild_only()
@app_commands.allowed_installs(guilds=True, users=False)
class Questions(
    commands.GroupCog,
    group_name=L("question", "cmd-question"),
    group_description=L("The question bank", "cmd-question-desc"),
):
    def __init__(self, bot: EtVousBot) -> None:
        self.bot = bot

    @app_commands.command(
        name=L("add", "cmd-add"), description=L("Add a question", "cmd-question-add-desc")
    )
    @app_commands.rename(
        text=L("text", "opt-text"),
        options=L("options", "opt-options"),
        category=L("category", "opt-category"),
    )
    @app_commands.describe(
        text=L("The question", "opt-text-desc"),
        options=L(
            "Stances to choose from, separated by |, e.g. Yes|No|Nuanced", "opt-options-desc"
        ),
        category=L("A category of the bank (optional)", "opt-category-desc"),
    )
    @app_commands.autocomplete(category=category_autocomplete)
    async def add(
        self,
        interaction: discord.Interaction[Any],
        text: str,
        options: str | None = None,
        category: str | None = None,
    ) -> None:
        require(interaction, "manage_messages")
        app, gid = app_of(interaction), guild_id(interaction)
        question = await bank.add(
            app,
            gid,
            text=text,
            options=options,
            actor_id=interaction.user.id,
            actor_name=actor_name(interaction),
            category=category,
        )
        missed = await bank.missed_rotation(app.sessions, gid, [question])
        await say(
            interaction,
            "question-added-outside" if missed else "question-added",
            id=question.id,
            options=safe(" / ".join(question.options), 500, one_line=True),
            categories=_names(missed),
        )

    @app_commands.command(
        name=L("list", "cmd-list"),
        description=L("List the question bank", "cmd-question-list-desc"),
    )
    @app_commands.rename(category=L("category", "opt-category"))
    @app_commands.describe(category=L("Only this category", "opt-category-filter-desc"))
    @app_commands.autocomplete(category=category_autocomplete)
    async def list_(
        self, interaction: discord.Interaction[Any], category: str | None = None
    ) -> None:
        require(interaction, "manage_messages")
        embed, view = await bank_listing(interaction, bank.parse_category(category))
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)
        view.stop()

    @app_commands.command(
        name=L("edit", "cmd-edit"),
        description=L("Edit a question in the bank", "cmd-question-edit-desc"),
    )
    @app_commands.rename(
        id_=L("id", "opt-id"),
        text=L("text", "opt-text"),
        options=L("options", "opt-options"),
        category=L("category", "opt-category"),
    )
    @app_commands.describe(
        id_=L("The question's number (/question list)", "opt-question-id-desc"),
        text=L("The new wording (default: unchanged)", "opt-edit-text-desc"),
        options=L("The new stances to choose from, separated by |", "opt-edit-options-desc"),
        category=L("Its new category", "opt-edit-category-desc"),
    )
    @app_commands.autocomplete(category=category_autocomplete)
    async def edit(
        self,
        interaction: discord.Interaction[Any],
        id_: QuestionId,
        text: app_commands.Range[str, 1, bank.MAX_QUESTION] | None = None,
        options: str | None = None,
        category: str | None = None,
    ) -> None:
        require(interaction, "manage_messages")
        app, gid = app_of(interaction), guild_id(interaction)
        question = await bank.edit(
            app,
            gid,
            id_,
            text=text,
            options=options,
            category=category,
            actor_id=interaction.user.id,
            actor_name=actor_name(interaction),
        )
        # moved out of the categories posted while still to post: the schedule lets it go
        missed = (
            await bank.missed_rotation(app.sessions, gid, [question])
            if category is not None
            else ()
        )
        await say(
            interaction,
            "question-edited",
            id=question.id,
            text=safe(question.text, 1500),
            options=safe(" / ".join(question.options), 300, one_line=True),
            sorted="yes" if question.category else "no",
            category=safe(question.category or "", 100, one_line=True),
            also="question-edited-outside" if missed else None,
            categories=_names(missed),
        )

    @app_commands.command(
        name=L("remove", "cmd-remove"),
        description=L("Remove a question", "cmd-question-remove-desc"),
    )
    @app_commands.rename(id_=L("id", "opt-id"))
    @app_commands.describe(id_=L("The question's number (/question list)", "opt-question-id-desc"))
    async def remove(self, interaction: discord.Interaction[Any], id_: QuestionId) -> None:
        require(interaction, "manage_messages")
        question = await bank.remove(
            app_of(interaction),
            guild_id(interaction),
            id_,
            actor_id=interaction.user.id,
            actor_name=actor_name(interaction),
        )
        await say(interaction, "question-removed", id=question.id)

    @app_commands.command(
        name=L("import", "cmd-import"),
        description=L("Import an article's questions", "cmd-question-import-desc"),
    )
    @app_commands.rename(
        file=L("file", "opt-file"),
        url=L("url", "opt-url"),
        options=L("options", "opt-options"),
        category=L("category", "opt-category"),
    )
    @app_commands.describe(
        file=L('A UTF-8 text file with an "And you?" or "Et vous ?" section', "opt-file-desc"),
        url=L("The article's web address (instead of a file)", "opt-url-desc"),
        options=L(
            "Options for every question, separated by | (default: chosen for each)",
            "opt-import-options-desc",
        ),
        category=L("The category of every imported question", "opt-import-category-desc"),
    )
    @app_commands.autocomplete(category=category_autocomplete)
    async def import_(
        self,
        interaction: discord.Interaction[Any],
        file: discord.Attachment | None = None,
        url: str | None = None,
        options: str | None = None,
        category: str | None = None,
    ) -> None:
        require(interaction, "manage_messages")
        if file is not None and url is not None:
            raise UserError("error-import-file-and-link")
        if file is None and (url is None or not url.strip()):
            raise UserError("error-import-no-file-or-link")
        if file is not None and file.size > MAX_ARTICLE_BYTES:
            raise UserError("error-import-too-large")
        await interaction.response.defer(ephemeral=True, thinking=True)
        app, guild = app_of(interaction), guild_id(interaction)
        if file is not None:
            outcome = await bank.import_article(
                app,
                guild,
                await file.read(),
                options=options,
                actor_id=interaction.user.id,
                actor_name=actor_name(interaction),
                source=file.filename[:200],
                category=category,
            )
        else:
            assert url is not None
            outcome = await bank.import_link(
                app,
                guild,
                url,
                options=options,
                actor_id=interaction.user.id,
                actor_name=actor_name(interaction),
                category=category,
            )
        added, skipped = len(outcome.added), len(outcome.skipped)
        missed = await bank.missed_rotation(app.sessions, guild, outcome.added)
        also = "question-import-outside" if missed else None
        shown = imported_embed(outcome.added, outcome.skipped, language(interaction))
        if not outcome.left_out:
            await say(
                interaction,
                "question-imported",
                embed=shown,
                added=added,
                skipped=skipped,
                also=also,
                categories=_names(missed),
            )
            return
        spaced = [line.line_number for line in outcome.left_out if line.reason == "too_long_spaced"]
        await say(
            interaction,
            "question-import-left-out-spaced" if spaced else "question-import-left-out",
            embed=shown,
            spaced=len(spaced),
            spaced_lines=_line_numbers(spaced),
            added=added,
            skipped=skipped,
            left=len(outcome.left_out),
            lines=_line_numbers(sorted(line.line_number for line in outcome.left_out)),
            max=bank.MAX_QUESTION,
            also=also,
            categories=_names(missed),
        )

    @app_commands.command(
        name=L("post", "cmd-post"), description=L("Post a question now", "cmd-question-post-desc")
    )
    @app_commands.rename(id_=L("id", "opt-id"))
    @app_commands.describe(
        id_=L("A question of the bank (default: the next one)", "opt-preview-id-desc")
    )
    async def post(
        self,
        interaction: discord.Interaction[Any],
        id_: QuestionId | None = None,
    ) -> None:
        require(interaction, "manage_messages")
        await interaction.response.defer(ephemeral=True, thinking=True)
        posted = await opening.post_by_staff(
            app_of(interaction),
            self.bot,
            guild_id(interaction),
            question_id=id_,
            actor_id=interaction.user.id,
            actor_name=actor_name(interaction),
        )
        key = "question-posted-resumed" if posted.resumed else "question-posted"
        await say(interaction, key, id=posted.discussion.id, thread=posted.discussion.thread_id)

    @app_commands.command(
        name=L("preview", "cmd-preview"),
        description=L("See the next post privately", "cmd-question-preview-desc"),
    )
    @app_commands.rename(id_=L("id", "opt-id"))
    @app_commands.describe(
        id_=L("A question of the bank (default: the next one)", "opt-preview-id-desc")
    )
    async def preview(
        self,
        interaction: discord.Interaction[Any],
        id_: QuestionId | None = None,
    ) -> None:
        require(interaction, "manage_messages")
        shown = await posts.preview(app_of(interaction), guild_id(interaction), id_)
        question, lang = shown.question, language(interaction)
        embed = render.new_post_embed(
            discussion_id=shown.discussion_id,
            question=question.text,
            options=question.options,
            closes_at=None,
            source=question.source,
            language=shown.language,
            extras=shown.extras,
            open_hours=shown.open_hours,
        )
        view = render.question_view(0, question.options, shown.language, preview=True)
        when = (
            t("preview-when", lang, when=render.timestamp(shown.posts_at, "F"))
            if shown.posts_at is not None
            else t("preview-by-hand", lang)
        )
        ping = shown.extras.role_id
        above = f"\n\n{t('post-role-ping', shown.language, role=f'<@&{ping}>')}" if ping else ""
        await interaction.response.send_message(
            t("preview-intro", lang, id=question.id) + "\n" + when + above,
            embed=embed,
            view=view,
            ephemeral=True,
            allowed_mentions=render.NO_MENTIONS,
        )
        view.stop()

    @app_commands.command(
        name=L("suggestions", "cmd-suggestions"),
        description=L("Members' pending suggestions", "cmd-question-suggestions-desc"),
    )
    async def suggestions(self, interaction: discord.Interaction[Any]) -> None:
        require(interaction, "manage_messages")
        embed, view = await suggestions_listing(interaction)
        await interaction.response.send_message(
            embed=embed, view=view, ephemeral=True, allowed_mentions=render.NO_MENTIONS
        )
        view.stop()


NAMES_ROOM = 160
"""The characters the categories posted take in an answer at most (twenty of forty
characters after a long question and its options went over Discord's 2,000)."""


def _names(categories: Sequence[str]) -> str:
    """The categories the server posts, as the answers name them (the first ones only
    when there are many: « …, … »)."""
    shown: list[str] = []
    for name in categories:
        piece = safe(name, 40, one_line=True)
        if shown and len(", ".join([*shown, piece])) > NAMES_ROOM:
            return ", ".join(shown) + ", …"
        shown.append(piece)
    return ", ".join(shown)


def _line_numbers(numbers: list[int], shown: int = 10) -> str:
    """``4, 6, 9``; the first ``shown`` and an ellipsis when more."""
    listed = ", ".join(str(n) for n in numbers[:shown])
    return listed + (", …" if len(numbers) > shown else "")


async def setup(bot: EtVousBot) -> None:
    await bot.add_cog(Questions(bot))
    bot.add_dynamic_items(BankPageButton, SuggestionPageButton, PickSuggestion)
