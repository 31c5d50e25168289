"""The demo's story, read from ``dialogue.toml`` (package data) into typed records."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class Line:
    """One message of the thread: who writes it, what, and in answer to which line."""

    author: str
    text: str
    reply_to: int | None = None
    via_modal: bool = False


@dataclass(frozen=True, slots=True)
class Mistake:
    """A message posted in the wrong thread, then deleted by its author."""

    author: str
    text: str
    after_line: int
    deleted_after_line: int


@dataclass(frozen=True, slots=True)
class Dialogue:
    server: str
    forum: str
    moderator: str
    bot_name: str
    names: tuple[str, ...]
    camps: dict[str, int]
    """The option each member leans to, by name."""
    lines: tuple[Line, ...]
    edit: tuple[int, str]
    """(line, new text): a message edited once the thread is written."""
    mistake: Mistake
    reactions: tuple[tuple[str, int, str], ...]
    """(who, line, emoji): a reaction is a vote on the reply."""
    stance_clicks: tuple[tuple[str, int], ...]
    """(who, option) stance buttons, in order."""
    card_voters: tuple[str, ...]
    card_votes_each: int


@cache
def load_dialogue() -> Dialogue:
    """The shipped story, read once."""
    text = (resources.files("bot.demo") / "dialogue.toml").read_text(encoding="utf-8")
    return parse_dialogue(tomllib.loads(text))


def parse_dialogue(data: dict[str, Any]) -> Dialogue:
    members = data["members"]
    return Dialogue(
        server=data["server"],
        forum=data["forum"],
        moderator=data["moderator"],
        bot_name=data["bot_name"],
        names=tuple(m["name"] for m in members),
        camps={m["name"]: int(m["camp"]) for m in members},
        lines=tuple(Line(**line) for line in data["line"]),
        edit=(int(data["edit"]["line"]), data["edit"]["text"]),
        mistake=Mistake(**data["mistake"]),
        reactions=tuple((r["who"], int(r["line"]), r["emoji"]) for r in data["reactions"]),
        stance_clicks=tuple((c["who"], int(c["option"])) for c in data["stance_clicks"]),
        card_voters=tuple(data["card_voters"]),
        card_votes_each=int(data["card_votes_each"]),
    )
