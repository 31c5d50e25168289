"""Building the bot: options are checked, nothing is swallowed."""

from __future__ import annotations

from typing import Any

import pytest

from bot import create_bot, factory
from bot.config import Settings


@pytest.mark.parametrize("build", [create_bot, factory.create_bot])
def test_create_bot_refuses_an_option_it_does_not_know(sqlite_url: str, build: Any) -> None:
    with pytest.raises(TypeError, match="timer"):
        build(Settings(database_url=sqlite_url), timer=False)  # a typo of timers
