"""Why the database could not be reached, in the CLI's language: the driver's English
words (« ConnectionRefusedError: [Errno 111] Connect call failed … ») only as a last
resort, when neither an errno nor a known kind says why."""

from __future__ import annotations

import socket
import socketserver
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli.runtime import _what
from bot.i18n import t
from tests.cli_run import cli, cli_en
from tests.test_cli import assert_one_line_error

REASONS = {
    "fr": {
        "refused": "(connexion refusée\u00a0: rien n’écoute à cette adresse et sur ce port)",
        "password": "a répondu\u00a0: mot de passe refusé pour cet utilisateur\u202f;",
        "unknown host": ("(nom d’hôte inconnu)", "(le nom d’hôte n’a pas pu être résolu"),
        "timeout": "pas de réponse à temps",
    },
    "en": {
        "refused": "(connection refused: nothing listens at that address and port)",
        "password": "answered: password refused for that user;",
        "unknown host": ("(unknown host name)", "(the host name could not be looked up"),
        "timeout": "it did not respond in time",
    },
}
RUN = {"fr": cli, "en": cli_en}
DRIVER_WORDS = ("Error", "Errno", "Connect call failed", "Name or service", "authentication")


def _closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound, then closed)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _no_driver_words(line: str) -> None:
    for words in DRIVER_WORDS:
        assert words not in line, (words, line)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_refused_connection_is_said_in_the_cli_language(lang: str, tmp_path: Path) -> None:
    url = f"postgresql+asyncpg://bot:hunter2@127.0.0.1:{_closed_port()}/etvous"
    done = RUN[lang]("questions", "list", "--guild", "1", "--database-url", url, cwd=tmp_path)
    line = assert_one_line_error(done, REASONS[lang]["refused"], "DATABASE_URL")
    _no_driver_words(line)
    assert "hunter2" not in line


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_unknown_host_is_said_in_the_cli_language(lang: str, tmp_path: Path) -> None:
    url = "postgresql+asyncpg://bot:hunter2@etvous-no-such-host.invalid:5432/etvous"
    done = RUN[lang]("questions", "list", "--guild", "1", "--database-url", url, cwd=tmp_path)
    line = assert_one_line_error(done, "DATABASE_URL")
    assert any(words in line for words in REASONS[lang]["unknown host"]), line
    _no_driver_words(line)


class _RefusesPasswords(socketserver.BaseRequestHandler):
    """PostgreSQL's side of a login with a wrong password: no SSL, then FATAL 28P01."""

    def handle(self) -> None:
        sock = self.request
        length, code = struct.unpack("!ii", sock.recv(8))
        if code == 80877103:  # SSLRequest
            sock.sendall(b"N")
            (length,) = struct.unpack("!i", sock.recv(4))
            code = 0
        remaining = length - 8 if code else length - 4
        while remaining > 0:
            got = sock.recv(remaining)
            if not got:
                return
            remaining -= len(got)
        fields = b'SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed for user "bot"\0\0'
        sock.sendall(b"E" + struct.pack("!i", len(fields) + 4) + fields)


@pytest.fixture
def password_refusing_server() -> Iterator[int]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _RefusesPasswords)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_refused_password_is_said_in_the_cli_language(
    lang: str, password_refusing_server: int, tmp_path: Path
) -> None:
    url = f"postgresql+asyncpg://bot:wrong@127.0.0.1:{password_refusing_server}/etvous"
    done = RUN[lang]("questions", "list", "--guild", "1", "--database-url", url, cwd=tmp_path)
    line = assert_one_line_error(done, REASONS[lang]["password"], "DATABASE_URL")
    _no_driver_words(line)
    assert "wrong" not in line


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_timeout_and_every_address_refused_are_said_in_the_cli_language(lang: str) -> None:
    """Kinds a test cannot make happen without a clock: no answer in time (asyncio's
    TimeoutError, no errno), and a host whose every address refused (asyncio's one
    "Multiple exceptions" error, no errno either)."""
    timed_out = t("cli-database-unreachable", lang, url="u", kind=_what(TimeoutError()))
    assert f"({REASONS[lang]['timeout']})" in timed_out
    every = OSError(
        "Multiple exceptions: [Errno 111] Connect call failed ('::1', 5432, 0, 0), "
        "[Errno 111] Connect call failed ('127.0.0.1', 5432)"
    )
    refused = t("cli-database-unreachable", lang, url="u", kind=_what(every))
    assert REASONS[lang]["refused"] in refused
    odd = OSError("Multiple exceptions: [Errno 111] refused, [Errno 113] no route")
    last_resort = _what(odd)
    assert isinstance(last_resort, str) and last_resort.startswith("OSError: Multiple")


def test_the_driver_words_stay_when_nothing_else_says_why() -> None:
    said = _what(ConnectionError('PostgreSQL server at "db:5432" rejected SSL upgrade'))
    assert said == 'ConnectionError: PostgreSQL server at "db:5432" rejected SSL upgrade'
