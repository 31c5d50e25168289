"""The CLI's standard output, whose failures are told apart from the command's own.

A reader that stops reading (``python -m bot export … | head``) ends the command
quietly, as it ends ``cat``; a full disk is an error of one line, not a bug.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

READER_GONE = 141
"""The exit code of a command whose reader went away: the shell's for a tool SIGPIPE stopped."""


class OutputFailed(Exception):
    """Writing the standard output failed; ``error`` says why, ``None`` when the caller
    closed it. No :class:`OSError`, so the commands' own ``except OSError`` (an output
    file, an input file) let it through."""

    def __init__(self, error: OSError | None) -> None:
        super().__init__(str(error) if error else "closed")
        self.error = error


class _Closed:
    """The standard output closed by the caller (``>&-``): writing to it fails, as
    ``echo``'s does, rather than losing an export without a word. No ``fileno``: the
    descriptor 1 may be a file the command opened since."""

    def write(self, text: str) -> int:
        raise OutputFailed(None)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class _Guarded:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError as error:
            raise OutputFailed(error) from error

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise OutputFailed(error) from error

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def guarded() -> Iterator[None]:
    """Standard output failing raises :class:`OutputFailed` inside, flushed on the way out."""
    original = sys.stdout
    sys.stdout = _Closed() if original is None else _Guarded(original)
    try:
        yield
        sys.stdout.flush()
    finally:
        sys.stdout = original


def abandon() -> None:
    """Point the standard output at nothing: what is still buffered for it would fail
    again at exit, with a « Exception ignored » of Python's."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
