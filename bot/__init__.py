"""Et vous ? — the application: settings, bot factory, scheduler, services.

``from bot import create_bot`` is :func:`bot.factory.create_bot`, imported on
first use so that ``import bot.config`` (the CLI's start) stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["create_bot"]

if TYPE_CHECKING:
    from bot.factory import create_bot
else:

    def __getattr__(name: str) -> Any:
        if name == "create_bot":
            from bot.factory import create_bot

            return create_bot
        raise AttributeError(f"module 'bot' has no attribute {name!r}")
