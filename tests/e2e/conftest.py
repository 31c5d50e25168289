"""End-to-end fixtures."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def warm_encoder() -> None:
    """Load the sentence encoder once per test process, before any bot runs.

    The bot encodes replies in a worker thread as they arrive and at ``/summary``;
    the first encode of a process reads the model (a second or more on a busy
    machine), which SimCord would otherwise count against a test's settling.
    """
    from bot.analysis.embeddings import default_encoder

    default_encoder().encode(["."])
