"""Which question goes out next: one chosen to go next, else the rotation of
categories the server picked, else the bank in order. A question is posted
once: it is claimed (``ready`` → ``posted``) in the transaction that opens its
discussion, so two posts at once never take the same one."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from bot.categories import rotation_order
from bot.discord_text import safe
from bot.errors import UserError
from db.models import Guild, Question
from db.repositories import questions

CLAIM_TRIES = 5


async def choose(
    session: AsyncSession, guild: Guild, *, skip: Sequence[int] = ()
) -> Question | None:
    """The question the next post would ask (nothing is changed)."""
    chosen = await questions.first_ready(session, guild.id, up_next=True, skip=skip)
    if chosen is not None:
        return chosen
    if not guild.categories:
        return await questions.first_ready(session, guild.id, skip=skip)
    last = await questions.last_posted_category(session, guild.id)
    for category in rotation_order(guild.categories, last):
        chosen = await questions.first_ready(session, guild.id, category=category, skip=skip)
        if chosen is not None:
            return chosen
    return None


async def claim(session: AsyncSession, guild: Guild) -> Question | None:
    """Choose the next question and mark it posted; ``None`` when none is left."""
    taken: list[int] = []
    for _ in range(CLAIM_TRIES):
        chosen = await choose(session, guild, skip=taken)
        if chosen is None:
            return None
        if await questions.claim_ready(session, chosen.id):
            chosen.status = "posted"
            return chosen
        taken.append(chosen.id)  # another post took it a moment ago
    return None


def none_left(guild: Guild) -> UserError:
    """Why nothing can be posted: the bank is used up, or the rotation's categories are."""
    if guild.categories:
        names = ", ".join(safe(name, 40, one_line=True) for name in guild.categories)
        return UserError("error-rotation-empty", categories=names)
    return UserError("error-bank-empty")
