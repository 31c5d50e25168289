"""Logging: structured lines (key=value), optional rotating file, secrets masked."""

from __future__ import annotations

import logging
import logging.handlers
import re
from collections.abc import Iterable
from typing import TextIO

_TOKEN_SHAPE = re.compile(r"[A-Za-z\d_-]{23,28}\.[A-Za-z\d_-]{6,7}\.[A-Za-z\d_-]{27,}")
_URL_PASSWORD = re.compile(r"(://[^:/@\s]+:)\S+@")
"""A URL's password: up to the last "@" before a space (a password may hold "@", ":", "/")."""
_WEBHOOK_TOKEN = re.compile(r"(/(?:interactions|webhooks)/\d+/)[A-Za-z\d_.%-]{20,}")
"""The token in the address of an answer to an interaction (or of a webhook): with it,
anyone reads and edits that answer for 15 minutes (a /review link, say)."""


def redact(text: str) -> str:
    """``text`` with anything shaped like a bot token, interaction tokens in addresses, and
    URL passwords, masked."""
    text = _TOKEN_SHAPE.sub("**********", text)
    text = _WEBHOOK_TOKEN.sub(r"\1**********", text)
    return _URL_PASSWORD.sub(r"\1***@", text)


class RedactingFilter(logging.Filter):
    """Masks the given secrets, anything shaped like a bot token, URL passwords."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def _redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "**********")
        return redact(text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self._redact(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redact(record.exc_text)
        if redacted != message or record.args:
            record.msg, record.args = redacted, None
        return True


class _AlembicSetUp(logging.Filter):
    """Drops alembic's lines about its own set-up; keeps the migrations it runs."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(("Context impl", "Will assume"))


FORMAT = "%(asctime)s level=%(levelname)s logger=%(name)s msg=%(message)s"


class _Console(logging.StreamHandler[TextIO]):
    _etvous = True
    """Marks the handlers :func:`setup_logging` adds, so a second call replaces them."""


class _RotatingFile(logging.handlers.RotatingFileHandler):
    _etvous = True


def setup_logging(level: str, *, secrets: Iterable[str] = (), file: str | None = None) -> None:
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_etvous", False):
            root.removeHandler(handler)
    handlers: list[logging.Handler] = [_Console()]
    if file:
        handlers.append(_RotatingFile(file, maxBytes=10_000_000, backupCount=5, encoding="utf-8"))
    redactor = RedactingFilter(secrets)
    for handler in handlers:
        handler.setFormatter(logging.Formatter(FORMAT))
        handler.addFilter(redactor)
        root.addHandler(handler)
    # discord.py's debug lines hold what no log may: its HTTP client's, every request's
    # body (members' texts); its gateway's, every event whole (every message of every
    # channel the bot sees, opted-out members' too, and each interaction's token); its
    # webhook adapter's, the address of each answer to an interaction, token included.
    for name in ("discord.http", "discord.gateway", "discord.webhook"):
        logging.getLogger(name).setLevel(max(logging.getLevelName(level), logging.INFO))
    # aiosqlite's debug lines carry every statement's parameters: members' texts, the web secret.
    logging.getLogger("aiosqlite").setLevel(max(logging.getLevelName(level), logging.INFO))
    # Alembic describes its own set-up at each look at the schema ("Context impl SQLiteImpl.",
    # "Will assume non-transactional DDL.", untrue: db.migrate opens one transaction): noise.
    migration = logging.getLogger("alembic.runtime.migration")
    if not any(isinstance(f, _AlembicSetUp) for f in migration.filters):
        migration.addFilter(_AlembicSetUp())
    # Alembic announces each of its plugins at every start: noise, not the migrations run.
    logging.getLogger("alembic.runtime.plugins").setLevel(
        max(logging.getLevelName(level), logging.WARNING)
    )
