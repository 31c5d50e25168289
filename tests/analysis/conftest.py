"""Fixtures for the analysis tests: X-Stance French comments from ../shared/eval."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from bench._stance_metrics import macro_f1 as _benchmarks_macro_f1
from bench.xstance_data import load_xstance
from bot.analysis.embeddings import UniversalSentenceEncoder, default_encoder
from bot.analysis.model import Discussion

XStance = tuple[list[Discussion], dict[str, str]]


def macro_f1(
    pairs: Sequence[tuple[str, str | None]], labels: tuple[str, str] = ("Oui", "Non")
) -> float:
    """The stance benchmarks' macro-F1 over ``labels`` of (truth, predicted) pairs; a
    ``None`` prediction is wrong for every label."""
    return _benchmarks_macro_f1([t for t, _ in pairs], [p for _, p in pairs], labels)


@pytest.fixture(scope="session")
def xstance(shared: Path) -> XStance:
    """Discussions (one per X-Stance question, options Oui/Non) and each reply's true option."""
    path = shared / "eval" / "xstance-fr" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"X-Stance evaluation data {path} is absent")
    return load_xstance(path)


@pytest.fixture(scope="session")
def encoder() -> UniversalSentenceEncoder:
    """The shipped encoder (its weights load on the first encode, once per test session)."""
    return default_encoder()
