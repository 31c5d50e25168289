"""The CLI's standard output and error, whose failures are told apart from the command's own.

A reader that stops reading (``python -m bot export … | head``) ends the command
quietly with ``READER_GONE``, as it ends ``cat``; a full disk is an error of one line,
not a bug. A command that changes data (``changes_data``: ``questions import``,
``forget``, ``db upgrade``) commits its change whole before it writes a line,
so a reader gone ends it after the change, never half way; one started with its
standard output closed (``>&-``) is refused before it changes anything. A reader gone
from the standard error (``2>&1 | head``) only loses what is left to say there: it never
stops a command (nor turns one that did its work into a failure).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

READER_GONE = 141
"""The exit code of a command whose reader went away: the shell's for a tool SIGPIPE stopped
(128 + 13), which scripts with ``set -o pipefail`` already expect of ``… | head``. It says
nothing of a change the command made: that one was committed whole before its report."""


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


class _Diagnostics:
    """The standard error: once its reader is gone, what is left to say goes nowhere."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            _to_nothing(self._stream)
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            _to_nothing(self._stream)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def guarded() -> Iterator[None]:
    """Standard output failing raises :class:`OutputFailed` inside, flushed on the way out;
    the standard error's reader gone is no error (see ``_Diagnostics``)."""
    original, errors = sys.stdout, sys.stderr
    sys.stdout = _Closed() if original is None else _Guarded(original)
    if errors is not None:
        sys.stderr = _Diagnostics(errors)
    try:
        yield
        sys.stdout.flush()
    finally:
        sys.stdout, sys.stderr = original, errors


def say(line: str) -> None:
    """One line on the standard error, outside ``guarded``: nothing when no one reads it."""
    if sys.stderr is not None:  # closed (``2>&-``): not on the standard output either
        print(line, file=_Diagnostics(sys.stderr))


def closed() -> bool:
    """Whether the command was started with its standard output closed (``>&-``)."""
    return sys.stdout is None


def abandon() -> None:
    """Point the standard output at nothing: what is still buffered for it would fail
    again at exit, with a « Exception ignored » of Python's."""
    _to_nothing(sys.stdout)


def _to_nothing(stream: Any) -> None:
    """Point ``stream``'s descriptor at ``/dev/null`` (what it still holds is dropped there)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
