"""What the themes analysis returns: frozen, typed, ready for any renderer."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, TypedDict


class QuoteJson(TypedDict):
    reply_id: str
    quote: str


class ThemeJson(TypedDict):
    id: str
    label: str
    reply_ids: list[str]
    stances: dict[str, int]
    declared: dict[str, int]
    quotes: list[QuoteJson]
    stability: float


@dataclass(frozen=True, slots=True)
class ThemeQuote:
    reply_id: str
    quote: str


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    """``t1``, ``t2``… by decreasing size."""
    label: str
    """The words that set the theme apart, joined by ", "."""
    words: tuple[str, ...]
    reply_ids: tuple[str, ...]
    stances: Mapping[str, int]
    """Replies per option, whatever the source (declared, else inferred above the
    threshold); the others are :attr:`unclear`."""
    declared: Mapping[str, int]
    """Replies per option whose author declared it."""
    quotes: tuple[ThemeQuote, ...]
    stability: float
    """Mean share of resampled runs in which its replies kept this theme."""

    @property
    def size(self) -> int:
        return len(self.reply_ids)

    @property
    def unclear(self) -> int:
        """Its replies with no firm stance (none declared, none inferred above the
        threshold): counted in no option of :attr:`stances`."""
        return self.size - sum(self.stances.values())

    @property
    def inferred(self) -> dict[str, int]:
        return {o: n - self.declared.get(o, 0) for o, n in self.stances.items()}

    def to_json(self) -> ThemeJson:
        return {
            "id": self.id,
            "label": self.label,
            "reply_ids": list(self.reply_ids),
            "stances": dict(self.stances),
            "declared": dict(self.declared),
            "quotes": [{"reply_id": q.reply_id, "quote": q.quote} for q in self.quotes],
            "stability": round(self.stability, 4),
        }


Status = Literal["themes", "too_few", "unclear"]
"""``themes``: found; ``too_few``: not enough replies to try; ``unclear``: none stable."""


@dataclass(frozen=True, slots=True)
class ThemesResult:
    status: Status
    themes: tuple[Theme, ...] = ()
    considered: int = 0
    """Replies with a vector and enough words to take part."""
    unthemed: tuple[str, ...] = ()
    """Replies that took part but belong to no theme (between two, or off-topic)."""
    stability: float = 0.0
    """Share of replies that kept their theme under resampling, for the number chosen."""
    by_k: Mapping[int, float] = field(default_factory=dict)
    """Stability of every number of themes tried."""
    missing_vectors: int = 0
    """Replies not encoded yet (left out)."""

    def theme_of(self) -> dict[str, str]:
        """Reply id -> theme id, for the replies in a theme."""
        return {rid: t.id for t in self.themes for rid in t.reply_ids}

    def to_json(self) -> list[ThemeJson]:
        return [t.to_json() for t in self.themes]
