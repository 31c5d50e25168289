"""The review card's forms (reject with a reason, edit), only drawn here, and what a
refused ``/suggest`` or form gives back to copy."""

from __future__ import annotations

from typing import Any

import discord

from bot import custom_ids
from bot.discord_render import limits
from bot.discord_text import safe, visible
from bot.i18n import t
from bot.interactions import language, text_back
from bot.services import bank, suggestions


def suggestion_back(
    interaction: discord.Interaction[Any], text: str, options: str | None
) -> discord.Embed | None:
    """What a member typed in ``/suggest``, to copy (her client forgot it once sent;
    ``None``: nothing of it shows)."""
    return _with_fields(
        interaction, text_back(interaction, text), [("review-options", options or "")]
    )


def form_back(
    interaction: discord.Interaction[Any], action: str, values: dict[str, str]
) -> discord.Embed | None:
    """What a moderator wrote in a review form, to copy (``None``: she wrote nothing)."""
    if action == "reject":
        reason = values.get(field("reason"), "")
        return text_back(interaction, reason) if reason.strip() else None
    return _with_fields(
        interaction,
        text_back(interaction, values.get(field("text"), "")),
        [
            ("edit-options-label", values.get(field("options"), "")),
            ("edit-category-label", values.get(field("category"), "")),
        ],
    )


def _with_fields(
    interaction: discord.Interaction[Any],
    kept: discord.Embed | None,
    fields: list[tuple[str, str]],
) -> discord.Embed | None:
    """``kept`` (or, for a text with nothing to copy, an embed of its title alone) with a
    field for each other value she typed; ``None`` when nothing of it shows."""
    lang = language(interaction)
    shown = [(key, value) for key, value in fields if visible(value)]
    if kept is None and not shown:
        return None
    kept = kept or discord.Embed(title=t("modal-text-kept", lang))
    for key, value in shown:
        kept.add_field(name=t(key, lang), value=safe(value, limits.FIELD_VALUE), inline=False)
    return kept


def field(name: str) -> str:
    return custom_ids.suggestion_form_field(name)


class RejectForm(discord.ui.Modal):
    """Only drawn here: its submission is recognised by its custom id (see
    :meth:`cogs.suggestions.Suggestions.on_interaction`), however long it stays open, across restarts."""

    def __init__(self, suggestion_id: int, lang: str) -> None:
        super().__init__(
            title=t("reject-title", lang, id=suggestion_id)[:45],
            timeout=None,
            custom_id=custom_ids.suggestion_form(suggestion_id, "reject"),
        )
        self.add_item(
            discord.ui.TextInput(
                label=t("reject-reason-label", lang)[:45],
                style=discord.TextStyle.paragraph,
                required=False,
                max_length=suggestions.MAX_REASON,
                custom_id=field("reason"),
            )
        )


class EditForm(discord.ui.Modal):
    """Only drawn here, like :class:`RejectForm`."""

    def __init__(self, suggestion: Any, lang: str) -> None:
        super().__init__(
            title=t("edit-title", lang, id=suggestion.id)[:45],
            timeout=None,
            custom_id=custom_ids.suggestion_form(suggestion.id, "edit"),
        )
        self.add_item(
            discord.ui.TextInput(
                label=t("edit-text-label", lang)[:45],
                style=discord.TextStyle.paragraph,
                default=suggestion.text,
                max_length=bank.MAX_QUESTION,
                custom_id=field("text"),
            )
        )
        self.add_item(
            discord.ui.TextInput(
                label=t("edit-options-label", lang)[:45],
                default="|".join(suggestion.options),
                required=False,
                max_length=bank.MAX_OPTIONS_TEXT,
                custom_id=field("options"),
            )
        )
        self.add_item(
            discord.ui.TextInput(
                label=t("edit-category-label", lang)[:45],
                default=suggestion.category or "",
                required=False,
                max_length=40,
                custom_id=field("category"),
            )
        )
