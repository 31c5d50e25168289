"""The importer's vocabulary: limits, kinds, errors and what a parse returns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final, Literal

Language = Literal["fr", "en"]
Kind = Literal["yes_no", "open"]
ErrorCode = Literal["not_utf8", "too_large", "no_section", "no_question", "bad_options", "too_many"]

MAX_ARTICLE_BYTES: Final = 1_000_000
MAX_QUESTION_CHARS: Final = 1_000
MAX_LINE_CHARS: Final = 4 * MAX_QUESTION_CHARS
"""A section line longer than this is left out before it is split into questions."""
MAX_QUESTIONS: Final = 100
"""Questions one import may add; a longer section is refused, not cut."""
MIN_OPTIONS: Final = 2
MAX_OPTIONS: Final = 20
"""One button each under the post, with Reply and Give my opinion: 22 of Discord's 25."""
MAX_OPTION_CHARS: Final = 80  # a Discord button label

_DEFAULT_MESSAGES: Final[dict[ErrorCode, str]] = {
    "not_utf8": "The file is not UTF-8 text.",
    "too_large": f"The article is larger than {MAX_ARTICLE_BYTES:,} bytes.",
    "no_section": "No 'Et vous ?', 'And you?' or 'Over to you' section was found.",
    "no_question": "The 'Et vous ?' section holds no usable question.",
    "bad_options": "The answer options are not valid.",
    "too_many": f"The section holds more than {MAX_QUESTIONS} questions; split the article.",
}


class ArticleError(ValueError):
    """An article or option list that cannot be imported.

    ``code`` is stable; the caller localizes by it. ``message`` is an English
    default, possibly more precise than the generic one: then ``reason`` names
    that precision (``option_count``…) and ``values`` holds its figures, for a
    caller that localizes it too (the CLI).
    """

    def __init__(
        self,
        code: ErrorCode,
        message: str | None = None,
        *,
        reason: str | None = None,
        heading: str | None = None,
        **values: int,
    ) -> None:
        self.code: ErrorCode = code
        self.message: str = message or _DEFAULT_MESSAGES[code]
        self.reason: str = reason or code
        self.values: dict[str, int] = values
        self.heading: str = heading or "Et vous ?"
        """The section's heading as the article writes it ("Over to you", "Et vous ?"),
        for a message about what the section holds."""
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"ArticleError({self.code!r}, {self.message!r})"


@dataclass(frozen=True, slots=True)
class ParsedQuestion:
    text: str
    language: Language
    options: tuple[str, ...]
    kind: Kind


@dataclass(frozen=True, slots=True)
class SkippedLine:
    """A line of the article that was left out, and why.

    ``too_long``: a question (or a whole line) over the limits; ``too_long_spaced``: a
    question within them as written that French spacing takes over; ``length``: how long
    either is (once set, for the latter), which a refusal quotes; ``not_utf8``: bytes
    that are not UTF-8 text. ``text`` is the start of it.
    """

    line_number: int  # 1-based, in the article
    text: str
    reason: Literal["too_long", "too_long_spaced", "not_utf8"]
    length: int = 0


@dataclass(slots=True)
class ParsedArticle:
    questions: list[ParsedQuestion]
    language: Language  # the heading's language
    heading_line: int = 0  # 1-based line number of the heading
    skipped: list[SkippedLine] = field(default_factory=list)


_CONTROLS: Final[dict[int, None]] = dict.fromkeys(
    [*(c for c in range(32) if c != 9), *range(0x7F, 0xA0)]
)


_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def without_controls(text: str) -> str:
    """``text`` without control characters (NUL, a terminal's ESC, C1), which no
    question needs: PostgreSQL refuses NUL, a terminal obeys ESC. Lone surrogates (a
    byte the system could not decode in an argument, a client's broken UTF-16), which
    nothing can encode, become U+FFFD. Bidirectional and invisible characters are kept
    as written (echoes make them inert)."""
    return _LONE_SURROGATE.sub("\ufffd", text.translate(_CONTROLS))
