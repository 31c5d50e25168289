"""Where a member stands (:class:`~bot.analysis.polis.standing.MemberStanding`) as one private
embed in her language: her group or why there is none, then what her group stands for,
where she votes unlike it and what bridges the groups, each line with her own vote.

Quotes are made inert and cut to share each field's room; the jump links are written
after them, never around them (as in :mod:`.summary`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.analysis.summary import group_letter
from bot.discord_render import limits
from bot.discord_render.summary import jump, quote_lines
from bot.i18n import t

if TYPE_CHECKING:
    from bot.analysis.polis.standing import MemberStanding, ReplyTally, Standing

QUOTE_CHARS = 140
COLOUR = discord.Colour.teal()
_VOTES = {1: "agree", -1: "disagree", 0: "pass", None: "none"}


def standing_embed(found: MemberStanding, lang: str) -> discord.Embed:
    """The embed that tells a member where she stands, in ``lang``."""
    standing = found.standing
    lines = [_where(found, lang)]
    if standing.majority_known and standing.group is None:  # else her group says more
        lines.append(
            t("standing-majority", lang, same=standing.with_majority, known=standing.majority_known)
        )
    embed = discord.Embed(
        title=t("standing-title", lang),
        description=limits.fit("\n\n".join(lines), limits.DESCRIPTION),
        colour=COLOUR,
    )
    fields = (
        ("standing-stands-for", list(standing.stands_for)),
        ("standing-apart", [(_group_side(tally), tally) for tally in standing.apart]),
        ("groups-bridging", [("agree", tally) for tally in standing.bridging]),
    )
    for key, items in fields:
        if items:
            quoted = [_line(found, direction, tally, lang) for direction, tally in items]
            value = quote_lines("", quoted, "", QUOTE_CHARS)
            embed.add_field(name=t(key, lang), value=value, inline=False)
    embed.set_footer(text=t("standing-footer", lang, votes=standing.votes))
    return embed


def _where(found: MemberStanding, lang: str) -> str:
    standing: Standing = found.standing
    card = t("button-card", found.language)  # as the post names it
    if standing.group is not None:
        letter = group_letter(standing.group)
        if standing.placed and (found.closed or standing.votes_needed > standing.can_vote):
            # closed, or too few replies left to her: more votes now would not make hers count
            return t(
                "standing-placed-only",
                lang,
                letter=letter,
                size=standing.group_size,
                votes=standing.votes,
                over="yes" if found.closed else "no",
            )
        if standing.placed:
            return t(
                "standing-placed",
                lang,
                letter=letter,
                size=standing.group_size,
                votes=standing.votes,
                needed=max(standing.votes_needed, 1),
            )
        return t(
            "standing-group", lang, letter=letter, size=standing.group_size, groups=standing.groups
        )
    if standing.missing:
        key = "standing-no-groups-closed" if found.closed else "standing-no-groups"
        return t(key, lang, missing=standing.missing)
    if found.closed:
        return t("standing-needed-closed", lang)
    if not standing.can_vote:  # no reply left to her (her own are not offered)
        return t("standing-needed-wait", lang)
    return t("standing-needed", lang, needed=max(standing.votes_needed, 1), card=card)


def _group_side(tally: ReplyTally) -> str:
    """The way most of her group voted where she voted otherwise."""
    return "agree" if tally.agree > tally.disagree else "disagree"


def _line(
    found: MemberStanding, direction: str, tally: ReplyTally, lang: str
) -> tuple[str, str, str]:
    rate = tally.agree_rate if direction == "agree" else tally.disagree_rate
    key = "standing-line-agree" if direction == "agree" else "standing-line-disagree"
    prefix, suffix = t(key, lang, percent=round(rate * 100), quote="\0").split("\0")
    vote = "closed" if tally.mine is None and found.closed else _VOTES[tally.mine]
    # "not voted yet" while she still may: never of her own reply, which she may not
    yours = t("standing-yours", lang, vote="own" if tally.own else vote)
    quote = found.quotes.get(tally.reply_id) or f"#{tally.reply_id}"
    edited = " " + t("summary-edited-after-votes", lang) if tally.reply_id in found.edited else ""
    return ("• " + prefix, quote, f"{suffix}{edited}{jump(found.links, tally.reply_id)} · {yours}")
