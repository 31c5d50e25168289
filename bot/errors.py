"""Errors a member, a moderator or an admin can cause and fix.

:class:`UserError` and its kin map to a catalog message shown in Discord;
:class:`CliError` is one line printed by the admin CLI. Both live here, below
the CLI, the services and the cogs, which all raise them.
"""

from __future__ import annotations

from typing import Any


class UserError(Exception):
    """Shown to the member as the localized message ``key`` (ephemeral)."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


class StorageUnavailable(UserError):
    """The database is away; the member is asked to try again shortly."""

    def __init__(self) -> None:
        super().__init__("error-database-unavailable")


def is_storage_error(error: BaseException) -> bool:
    """Whether ``error`` means the database cannot be reached right now (not that it
    refused what it was given: a data error or a broken constraint is a bug to log,
    which no retry fixes)."""
    from sqlalchemy.exc import (
        DataError,
        DBAPIError,
        IntegrityError,
        InterfaceError,
        OperationalError,
    )

    if isinstance(error, DataError | IntegrityError):
        return False
    state = getattr(getattr(error, "orig", None), "sqlstate", None)
    if isinstance(state, str) and state[:2] in ("22", "23"):  # data exception, integrity
        return False
    return isinstance(
        error, OperationalError | InterfaceError | DBAPIError | ConnectionError | OSError
    )


class NotFound(UserError):
    """The same answer for an id that does not exist and one of another server."""

    def __init__(self, what: str = "discussion") -> None:
        super().__init__(f"error-not-found-{what}")


class CliError(Exception):
    """A problem the admin can fix at the command line: the catalog message ``key``,
    printed as one line in the CLI's language (``str()`` is the English one, for logs)."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args

    def __str__(self) -> str:
        from bot.i18n import t

        return t(self.key, "en", **self.args_)


class StartFailed(RuntimeError):
    """A server the bot runs beside it (the web room) cannot start; the message says why.

    ``address`` and ``reason`` (the system's words) are there for a caller that words it itself.
    """

    def __init__(self, message: str, *, address: str = "", reason: str = "") -> None:
        super().__init__(message)
        self.address = address
        self.reason = reason
