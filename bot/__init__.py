"""Et vous ? — the application: settings, bot factory, scheduler, services."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.config import Settings
    from bot.factory import EtVousBot

__all__ = ["create_bot"]


def create_bot(
    settings: Settings,
    *,
    clock: Clock | None = None,
    timers: bool = True,
    sync_commands: bool = True,
) -> EtVousBot:
    """Build the bot without connecting (imported lazily so ``bot.config`` stays light)."""
    from bot.factory import create_bot as _create

    return _create(settings, clock=clock, timers=timers, sync_commands=sync_commands)
