"""Plain data the analysis works on, as the export format describes it.

Ids are strings (Discord snowflakes or any other identifier) so the same
functions work on exports, Pol.is data and synthetic benchmarks.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Reply:
    id: str
    author_id: str
    text: str
    author_name: str = ""
    created_at: str | None = None
    reply_to: str | None = None
    edited_after_votes: bool = False
    """Its text changed after a vote it still counts was cast: what it is quoted as agreed
    or disagreed with was partly voted on as another text."""


@dataclass(frozen=True, slots=True)
class DeclaredStance:
    """A member's current declared stance: the option's text."""

    author_id: str
    option: str


@dataclass(frozen=True, slots=True)
class Vote:
    """An agree (1), disagree (-1) or pass (0) vote of ``user_id`` on a reply."""

    reply_id: str
    user_id: str
    value: int


@dataclass(frozen=True, slots=True)
class Discussion:
    id: str
    question: str
    options: tuple[str, ...]
    language: str = "fr"
    replies: tuple[Reply, ...] = ()
    stances: tuple[DeclaredStance, ...] = ()
    votes: tuple[Vote, ...] = ()
    guild_id: str | None = None
    closed: bool = False
    """Closed: nobody can vote or declare any more (a summary then asks for nothing)."""
