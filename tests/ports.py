"""Ports on 127.0.0.1 for tests that start a server in a child process, or need one
that nothing listens on, held for the whole test.

Binding port 0 and closing the socket to hand its number to the child let any other
process take it in between: the suite runs on several workers, each starting servers
on port 0 and connecting to PostgreSQL from ephemeral ports. A held socket keeps the
kernel from handing the port to anyone else until the test ends.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def reserved_port() -> Iterator[int]:
    """A port for a server the test starts (the bot's, with ``SO_REUSEADDR`` as asyncio and
    aiohttp set it): bound here with ``SO_REUSEADDR`` too and never listened on, so the
    server can bind and listen there while the kernel gives it to no one else (neither
    to a ``bind`` to port 0 nor as an outgoing connection's local port)."""
    with socket.socket() as held:
        held.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        held.bind(("127.0.0.1", 0))
        yield int(held.getsockname()[1])


@contextmanager
def closed_port() -> Iterator[int]:
    """A port where a connection is refused: bound here and never listened on, so no other
    process can listen there while the test runs."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield int(held.getsockname()[1])
