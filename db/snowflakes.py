"""When Discord made an object, read from its id (a snowflake): the stored ids carry it."""

from __future__ import annotations

from datetime import UTC, datetime

DISCORD_EPOCH_MS = 1_420_070_400_000
"""The first second of 2015, in milliseconds: a snowflake's time counts from it."""


def made_at(snowflake: int) -> datetime:
    """When the object ``snowflake`` names was made (as ``discord.utils.snowflake_time``)."""
    return datetime.fromtimestamp(((snowflake >> 22) + DISCORD_EPOCH_MS) / 1000, tz=UTC)
