"""The demo's thread printed as a member sees it: Discord markdown made plain text."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any, TextIO

from bot.i18n import t

_LINK = re.compile(r"\[([^\]]*)\]\((?:https?|attachment)://[^)]*\)")
_TIMESTAMP = re.compile(r"<t:(\d+)(?::[tTdDfFR])?>")


def _written_date(timestamp: str, language: str) -> str:
    at = datetime.fromtimestamp(int(timestamp), UTC)
    date = at.strftime("%d/%m/%Y" if language == "fr" else "%Y-%m-%d")
    return t("cli-demo-timestamp", language, date=date, time=at.strftime("%H:%M"))


def plain(text: str | None, language: str = "fr") -> str:
    """Discord markdown as a terminal shows it: links reduced to their text, dates written."""
    text = _LINK.sub(lambda m: "" if m.group(1) == "↗" else m.group(1), text or "")
    text = _TIMESTAMP.sub(lambda m: _written_date(m.group(1), language), text)
    text = text.replace("**", "").replace("\\", "")
    return "\n".join(line.rstrip() for line in text.splitlines())


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line else prefix.rstrip() for line in text.splitlines())


def show_embed(embed: Any, language: str, out: TextIO) -> None:
    title = plain(embed.title, language)
    if title:
        print(f"  ┃ {title}", file=out)
    description = plain(embed.description, language)
    if description:
        print(_indent(description, "  ┃ "), file=out)
    for field in embed.fields:
        print(f"  ┃ ▸ {plain(field.name, language)}", file=out)
        print(_indent(plain(field.value, language), "  ┃     "), file=out)
    if embed.footer and embed.footer.text:
        print(f"  ┃ — {plain(embed.footer.text, language)}", file=out)


def _show_post(message: Any, language: str, out: TextIO) -> None:
    print("\n" + t("cli-demo-posts", language, author=message.author.display_name), file=out)
    for embed in message.embeds:
        show_embed(embed, language, out)
    buttons = [c.label for row in message.components for c in row.children]
    print(f"  [ {' ] [ '.join(b or '?' for b in buttons)} ]", file=out)
    print("", file=out)


def _show_message(message: Any, by_id: dict[int, Any], language: str, out: TextIO) -> None:
    head = message.author.display_name
    if message.reference and message.reference.message_id in by_id:
        to = by_id[message.reference.message_id].author.display_name
        head = t("cli-demo-replying-to", language, author=head, to=to)
    text = plain(message.content, language).replace("\n", "\n    ")
    if message.edited_at:
        text = t("cli-demo-edited", language, text=text)
    print(t("cli-demo-says", language, author=head, text=text), file=out)
    counts = "  ".join(f"{r.emoji} {r.count}" for r in message.reactions)
    if counts:
        print(f"    {counts}", file=out)


def _show_closing(message: Any, language: str, out: TextIO) -> None:
    print(f"\n[{message.author.display_name}] {plain(message.content, language)}", file=out)
    for embed in message.embeds:
        print("", file=out)
        show_embed(embed, language, out)


def show_thread(thread: Any, post_id: int, forum: str, language: str, out: TextIO) -> list[Any]:
    """The thread as a member sees it, told in ``language``; returns the closing messages
    (the summary, which takes more than one message when it is long)."""
    messages = [m for m in thread.history() if not m.flags.ephemeral]
    by_id = {m.id: m for m in messages}
    print(f"\n══ #{forum} › {thread.name}", file=out)
    closing: list[Any] = []
    for message in messages:
        if message.id == post_id:
            _show_post(message, language, out)
        elif message.embeds and (message.attachments or closing):
            closing.append(message)
        else:
            _show_message(message, by_id, language, out)
    for message in closing:
        _show_closing(message, language, out)
    if closing:
        names = ", ".join(a.filename for m in closing for a in m.attachments)
        print("\n  " + t("cli-demo-charts", language, names=names), file=out)
    return closing
