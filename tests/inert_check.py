"""Does text shown in Discord let hostile input do something? A reader of the bot's output."""

from __future__ import annotations

import re

INVISIBLE = ("\u202e", "\u200b", "\u2066", "\u2069")
MARKERS = ("piégé", "piégée", "connectez", "evil.example", "bare.example", "esrever")
"""Words of the hostile test strings: only lines holding one are judged (the bot's
own markup, such as its jump links and bold labels, is allowed around them)."""


def active_parts(text: str, markdown: bool) -> list[str]:
    """What in ``text`` would make hostile input do something in Discord."""
    shown = text.replace("\u200b://", "://")  # the bot's own unlinking of a scheme
    found = [f"invisible {c!r}" for c in INVISIBLE if c in shown]
    if not markdown or not any(m in text for m in MARKERS):
        return found
    for match in re.finditer(r"https?://(?:evil|bare)\.example", text):
        found.append(f"a link: {text[max(0, match.start() - 12) : match.end()]!r}")
    checks = {
        "a masked link": r"(?<!\\)\]\((?!https://discord\.com/channels/)",
        "a spoiler": r"(?<!\\)\|\|",
        "bold": r"(?<!\\)\*\*(?=gras)",
        "underline": r"(?<!\\)__",
        "strikethrough": r"(?<!\\)~~",
        "code": r"(?<!\\)`(?=code)|(?<!\\)```",
        "a mention": r"(?<!\\)@everyone|(?<!\\)<@\d",
    }
    found += [name for name, pattern in checks.items() if re.search(pattern, text)]
    for line in text.splitlines():
        if not any(m in line for m in MARKERS):
            continue
        rest = line[2:] if line.startswith(("> ", "• ")) else line
        rest = rest[4:] if rest.startswith("« ") or rest.startswith(" « ") else rest
        if re.match(r"\s*(?:#{1,3} |-# |> |>>> |\d+\. |[-*+] )", rest):
            found.append(f"a block at a line start: {line[:40]!r}")
    return found
