"""Errors a member or moderator can cause; each maps to a catalog message."""

from __future__ import annotations

from typing import Any


class UserError(Exception):
    """Shown to the member as the localized message ``key`` (ephemeral)."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


class NotFound(UserError):
    """The same answer for an id that does not exist and one of another server."""

    def __init__(self, what: str = "discussion") -> None:
        super().__init__(f"error-not-found-{what}")
