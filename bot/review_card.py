"""The card staff review a suggestion on: in the review channel, and privately
from ``/question suggestions``. The buttons are answered by the cogs' dynamic
items (their custom ids carry the suggestion), so they work after a restart."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

import discord

from bot import custom_ids
from bot.discord_render import limits
from bot.discord_text import plain_name, safe
from bot.i18n import t
from bot.post_extras import timestamp


class Suggestion(Protocol):
    """What the card shows of a stored suggestion."""

    @property
    def id(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def options(self) -> Sequence[str]: ...
    @property
    def category(self) -> str | None: ...
    @property
    def author_id(self) -> int: ...
    @property
    def author_name(self) -> str: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def status(self) -> str: ...
    @property
    def decided_by(self) -> int | None: ...
    @property
    def question_id(self) -> int | None: ...
    @property
    def reason(self) -> str | None: ...


PENDING_COLOUR = discord.Colour.gold()
APPROVED_COLOUR = discord.Colour.green()
REJECTED_COLOUR = discord.Colour.red()

_BUTTONS = (
    ("approve", "review-approve", "✅", discord.ButtonStyle.success),
    ("next", "review-approve-next", "⏭️", discord.ButtonStyle.primary),
    ("edit", "review-edit", "✏️", discord.ButtonStyle.secondary),
    ("reject", "review-reject", "✖️", discord.ButtonStyle.danger),
)


class EarlierRejection(Protocol):
    """A suggestion of the same question staff rejected before."""

    @property
    def decided_at(self) -> datetime | None: ...
    @property
    def reason(self) -> str | None: ...


def review_embed(
    suggestion: Suggestion,
    language: str,
    *,
    up_next: bool = False,
    outside: Sequence[str] = (),
    ahead: int = 0,
    rejected_before: EarlierRejection | None = None,
) -> discord.Embed:
    """``outside``: the categories the server posts, none of which the approved question
    is in (the schedule will not post it); ``ahead``: chosen to go next, how many questions
    chosen before it go out first; ``rejected_before``: the same question, suggested and
    rejected before (staff may still take it: the member may have worded it better)."""
    colour = {"approved": APPROVED_COLOUR, "rejected": REJECTED_COLOUR}.get(
        suggestion.status, PENDING_COLOUR
    )
    embed = discord.Embed(
        title=t("review-title", language, id=suggestion.id),
        description=safe(suggestion.text, 3000),
        colour=colour,
    )
    embed.add_field(
        name=t("review-options", language),
        value=safe(" / ".join(suggestion.options), 1000, one_line=True),
        inline=False,
    )
    if suggestion.category:
        embed.add_field(
            name=t("post-category", language),
            value=safe(suggestion.category, 100, one_line=True),
            inline=True,
        )
    # The name as stored (the member may have left), apart from any member text.
    embed.set_author(name=plain_name(suggestion.author_name, 100))  # plain text: never markdown
    embed.add_field(name=t("review-by", language), value=f"<@{suggestion.author_id}>", inline=True)
    embed.add_field(
        name=t("review-when", language), value=timestamp(suggestion.created_at), inline=True
    )
    if rejected_before is not None and rejected_before.decided_at is not None:
        said = t(
            "review-rejected-before", language, when=timestamp(rejected_before.decided_at, "D")
        )
        if rejected_before.reason:  # a moderator's words: shown inert
            reason = safe(rejected_before.reason, 900, one_line=True)
            said += "\n" + t("review-reason", language, reason=reason)
        embed.add_field(name=t("review-earlier", language), value=said, inline=False)
    if suggestion.status == "approved":
        by, question = f"<@{suggestion.decided_by}>", suggestion.question_id
        if up_next and ahead:
            decided = t("review-approved-queued", language, by=by, id=question, ahead=ahead)
        elif up_next or not outside:
            key = "review-approved-next" if up_next else "review-approved"
            decided = t(key, language, by=by, id=question)
        else:
            decided = _outside(language, by, question, outside)
        embed.add_field(name=t("review-decision", language), value=decided, inline=False)
    elif suggestion.status == "rejected":
        embed.add_field(
            name=t("review-decision", language),
            value=t("review-rejected", language, by=f"<@{suggestion.decided_by}>"),
            inline=False,
        )
        if suggestion.reason:  # apart from the moderator's mention
            embed.add_field(
                name=t("review-reason-title", language),
                value=safe(suggestion.reason, 1000, one_line=True),
                inline=False,
            )
    return embed


def _outside(language: str, by: str, question: int | None, rotation: Sequence[str]) -> str:
    """The approval of a question in none of the categories posted, naming them: as many
    as the field holds (twenty long ones would not), then « … »."""
    names = [safe(name, 40, one_line=True) for name in rotation]
    for kept in range(len(names), 0, -1):
        listed = ", ".join(names[:kept]) + ("" if kept == len(names) else ", …")
        decided = t("review-approved-outside", language, by=by, id=question, categories=listed)
        if limits.size(decided) <= limits.FIELD_VALUE:
            return decided
    return t("review-approved-outside", language, by=by, id=question, categories="…")


def review_view(suggestion_id: int, language: str) -> discord.ui.View:
    """Approve (end of the bank) · Approve as next · Edit · Reject."""
    view = discord.ui.View(timeout=None)
    for action, key, emoji, style in _BUTTONS:
        view.add_item(
            discord.ui.Button(
                label=t(key, language),
                emoji=emoji,
                style=style,
                custom_id=custom_ids.review(suggestion_id, action),
            )
        )
    return view
