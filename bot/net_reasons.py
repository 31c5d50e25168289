"""Why a server could not be reached, as a message argument in the CLI's language."""

from __future__ import annotations

import errno
import re
import socket

from bot.i18n import OS_REASONS, Listed, os_reason

_UNKNOWN_HOST = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
"""What the resolver answers for a host name that does not exist."""
_ERRNO_IN_WORDS = re.compile(r"\[Errno (\d+)\]")


def _errno(error: OSError) -> int | None:
    """The error's errno; for the one error asyncio raises when every address of a host
    failed ("Multiple exceptions: [Errno 111] …, [Errno 111] …", with none), the errno
    they all share."""
    if error.errno is not None:
        return error.errno
    codes = set(_ERRNO_IN_WORDS.findall(str(error)))
    return int(codes.pop()) if len(codes) == 1 else None


def unreachable(error: BaseException) -> Listed | str:
    """Why a server (the database, Discord) could not be reached: in the CLI's words when
    the system said why (its errno), the host name is unknown or no answer came in time;
    else the error's class and the driver's words (SSL refused, say), the last resort."""
    from bot.logs import redact

    cause = getattr(error, "orig", None) or error
    if isinstance(cause, socket.gaierror):
        if cause.errno in _UNKNOWN_HOST:
            return Listed(("cli-net-unknown-host",))
        if cause.errno in (socket.EAI_AGAIN, socket.EAI_FAIL):
            return Listed(("cli-net-name-lookup",))
    elif isinstance(cause, TimeoutError):  # asyncio's too; it carries no errno
        return os_reason(errno.ETIMEDOUT)
    elif isinstance(cause, OSError):
        code = _errno(cause)
        if code in OS_REASONS:
            return os_reason(code)
    words = " ".join(str(cause).split())
    kind = type(cause).__name__
    return f"{kind}: {redact(words)[:200]}" if words else kind
