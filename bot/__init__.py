"""Et vous ? — the application: settings, bot factory, scheduler, services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.factory import EtVousBot

__all__ = ["create_bot"]


def create_bot(settings: Any, **kwargs: Any) -> EtVousBot:
    """Build the bot without connecting (imported lazily so ``bot.config`` stays light)."""
    from bot.factory import create_bot as _create

    return _create(settings, **kwargs)
