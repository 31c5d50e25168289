"""``/help``'s answer: what the bot does, where the server stands, how to take part,
what is kept about you, and the commands you may use (drawn from the tree)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import discord

from bot.cron_words import sentence
from bot.i18n import t
from bot.post_extras import timestamp
from bot.services.overview import Arrival, ServerOverview
from cogs._command_list import ListedCommand, mention

FIELD_CHARS = 1024
"""Discord's limit on an embed field's value."""
COLOUR = discord.Colour.blurple()


@dataclass(frozen=True, slots=True)
class Reader:
    """Who asked: the language of the answer, the client's (command names), her permissions."""

    language: str
    locale: discord.Locale
    granted: discord.Permissions
    server_language: str
    """The language of the server's posts (the buttons' labels)."""


def help_embed(
    overview: ServerOverview,
    commands: Sequence[ListedCommand],
    ids: dict[tuple[str, int], int],
    reader: Reader,
) -> discord.Embed:
    lang = reader.language
    usable = sorted(
        (c for c in commands if c.usable_by(reader.granted)),
        key=lambda c: (c.context_menu, _sort_key(c.name_for(reader.locale))),
    )
    command = _named(commands, reader.locale, ids)

    embed = discord.Embed(title=t("help-title", lang), colour=COLOUR)
    embed.description = t("help-intro", lang)
    embed.add_field(name=t("help-here", lang), value=_here(overview, lang, command), inline=False)
    embed.add_field(
        name=t("help-take-part-title", lang),
        value=t(
            "help-take-part",
            lang,
            reply=t("button-reply", reader.server_language),
            card=t("button-card", reader.server_language),
            standing=t("button-standing", lang),  # the card is drawn in her language
            position=command("summary position"),
            suggest=command("suggest"),
        ),
        inline=False,
    )
    embed.add_field(
        name=t("help-data-title", lang),
        value=t(
            "help-data",
            lang,
            show=command("mydata show"),
            delete=command("mydata delete"),
            optout=command("mydata optout"),
        ),
        inline=False,
    )
    sections = (
        ("help-commands-title", [c for c in usable if c.permissions is None]),
        ("help-staff-title", [c for c in usable if c.permissions is not None]),
    )
    for key, listed in sections:
        lines = [_line(c, reader, ids) for c in listed]
        for i, value in enumerate(_fields(lines)):
            name = t(key, lang) if i == 0 else f"{t(key, lang)} {t('help-more', lang)}"
            embed.add_field(name=name, value=value, inline=False)
    embed.set_footer(text=t("help-footer", lang))
    return embed


def _named(
    commands: Sequence[ListedCommand], locale: discord.Locale, ids: dict[tuple[str, int], int]
) -> Callable[[str], str]:
    """A command named in a sentence by its registered name ("mydata show"): its mention
    for ``locale``, or the name as code when the tree has no such command."""
    by_name = {c.names[""]: c for c in commands}

    def command(name: str) -> str:
        found = by_name.get(name)
        return mention(found, locale, ids) if found else f"`/{name}`"

    return command


def welcome_text(
    found: Arrival, commands: Sequence[ListedCommand], ids: dict[tuple[str, int], int]
) -> str:
    """The greeting on joining a server, in its language, command names as its language
    writes them."""
    lang = found.language
    locale = discord.Locale.french if lang == "fr" else discord.Locale.american_english
    command = _named(commands, locale, ids)

    if not found.known:
        return t("welcome-new", lang, setup=command("setup"), help=command("help"))
    if found.waits_for_staff:
        return t(
            "welcome-back-paused", lang, resume=command("schedule resume"), help=command("help")
        )
    return t("welcome-back", lang, help=command("help"))


def greeting_channel(guild: discord.Guild) -> discord.TextChannel | None:
    """The server's system channel if the bot may write there, else the first text
    channel where it may, in the order Discord lists them (outside any category first,
    then each category in turn: a channel's position only orders it within its own)."""
    me = guild.me

    def writable(channel: discord.TextChannel | None) -> bool:
        if channel is None or me is None:
            return False
        granted = channel.permissions_for(me)
        return granted.view_channel and granted.send_messages

    if writable(guild.system_channel):
        return guild.system_channel
    listed = (c for _, channels in guild.by_category() for c in channels)
    return next((c for c in listed if isinstance(c, discord.TextChannel) and writable(c)), None)


def _sort_key(name: str) -> str:
    """Alphabetical as a reader expects it: "résumé" among the r's."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in plain if not unicodedata.combining(c))


def _here(overview: ServerOverview, lang: str, command: Callable[[str], str]) -> str:
    if overview.channel_id is None:
        lines = [t("help-not-setup", lang, setup=command("setup"))]
    else:
        lines = [
            t("help-channel", lang, channel=f"<#{overview.channel_id}>")
            if overview.channel_readable
            else t("help-channel-hidden", lang)
        ]
        if overview.paused:
            lines.append(t("help-paused", lang))
        elif overview.next_post is not None:
            when, date = timestamp(overview.next_post), timestamp(overview.next_post, "f")
            lines.append(t("help-next", lang, when=when, date=date))
            said = sentence(overview.cron, lang, start=False)
            if said is not None:
                lines.append(t("help-schedule", lang, schedule=said, timezone=overview.timezone))
        else:
            lines.append(t("help-no-next", lang))
    if overview.open_threads:
        lines.append(t("help-open", lang, count=overview.open_count))
        lines += [
            t("help-open-line", lang, thread=f"<#{o.thread_id}>", closes=timestamp(o.closes_at))
            for o in overview.open_threads
        ]
        if overview.open_count > len(overview.open_threads):
            more = overview.open_count - len(overview.open_threads)
            lines.append(t("help-open-more", lang, count=more))
    elif overview.channel_id is not None:
        lines.append(t("help-none-open", lang))
    return "\n".join(lines)


def _line(command: ListedCommand, reader: Reader, ids: dict[tuple[str, int], int]) -> str:
    said = (
        t("help-context-menu", reader.language)
        if command.context_menu
        else command.description_for(reader.language)
    )
    return f"{mention(command, reader.locale, ids)} — {said}"


def _fields(lines: list[str]) -> Iterator[str]:
    """The lines packed into as few field values as Discord allows."""
    value = ""
    for line in lines:
        if value and len(value) + 1 + len(line) > FIELD_CHARS:
            yield value
            value = ""
        value = f"{value}\n{line}" if value else line[:FIELD_CHARS]
    if value:
        yield value
