"""Logging: secrets masked everywhere a record can carry them; the rotating file."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.logs import RedactingFilter, setup_logging

TOKEN = "MTA5ODc2NTQzMjEwOTg3NjU0Mw.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB"
OTHER_TOKEN = "OTk4NzY1NDMyMTA5ODc2NTQz.Xy-z_1.ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zz"
SECRET = "not-token-shaped-but-secret"
URL = "postgresql+asyncpg://etvous:hunter2@db.example:5432/etvous"


@pytest.fixture
def captured() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A logger whose only handler formats into a string, through the filter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(RedactingFilter([SECRET, TOKEN, ""]))
    logger = logging.getLogger("tests.logs.captured")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        yield logger, stream
    finally:
        logger.removeHandler(handler)
        logger.propagate = True


def assert_clean(text: str) -> None:
    for secret in (TOKEN, OTHER_TOKEN, SECRET, "hunter2"):
        assert secret not in text, secret
    assert TOKEN[:24] not in text and OTHER_TOKEN.split(".")[2] not in text


def test_secrets_in_the_message_are_masked(captured: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = captured
    logger.info("login with %s", TOKEN)  # the given secret
    # already formatted messages, no arguments
    for message in ("a leaked token " + OTHER_TOKEN, "the other secret is " + SECRET):
        logger.info(message)
    logger.warning(f"connecting to {URL}")  # noqa: G004 (a message built by a careless caller)
    text = stream.getvalue()
    assert_clean(text)
    lines = text.splitlines()
    assert lines[0] == "INFO login with **********"  # only token-shaped below
    assert lines[1] == "INFO a leaked token **********"
    assert lines[2] == "INFO the other secret is **********"
    assert (
        lines[3] == "WARNING connecting to postgresql+asyncpg://etvous:***@db.example:5432/etvous"
    )


def test_secrets_in_the_arguments_are_masked(captured: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = captured
    logger.info("settings %s, url %r, n=%d", {"token": TOKEN}, URL, 3)
    logger.debug("%s and %s", OTHER_TOKEN, SECRET)
    text = stream.getvalue()
    assert_clean(text)
    assert "n=3" in text and "'token': '**********'" in text
    assert "etvous:***@db.example" in text


def test_secrets_in_exception_text_are_masked(captured: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = captured
    try:
        raise ConnectionError(f"refused for {URL} with token {TOKEN} and {OTHER_TOKEN}")
    except ConnectionError:
        logger.exception("the database is away")
    text = stream.getvalue()
    assert "Traceback" in text and "ConnectionError" in text  # the traceback is kept
    assert_clean(text)
    assert "etvous:***@db.example" in text


@pytest.mark.parametrize(
    "password",
    ["hunter2@work", "p@ss:w/rd", "hunter2%40work"],
    ids=["at", "at-colon-slash", "encoded"],
)
def test_a_url_password_holding_odd_characters_is_masked_whole(
    password: str, captured: tuple[logging.Logger, io.StringIO]
) -> None:
    """The mask ran to the password's first "@": "hunter2@work" left "work@db…" in the log."""
    logger, stream = captured
    logger.error("cannot reach postgresql+asyncpg://etvous:%s@db.example:5432/etvous", password)
    text = stream.getvalue()
    for part in (password, password.split("@")[-1], password.split("/")[-1]):
        assert part not in text, part
    assert "etvous:***@db.example" in text


def test_clean_records_are_left_alone() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "posted %s in %s", ("Q", 42), None)
    assert RedactingFilter([TOKEN]).filter(record) is True
    assert record.getMessage() == "posted Q in 42"
    short = "abc.def.ghi"
    record = logging.LogRecord("x", logging.INFO, __file__, 1, short, None, None)
    RedactingFilter().filter(record)
    assert record.getMessage() == short


@pytest.fixture
def root_restored() -> Iterator[logging.Logger]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    discord_loggers = [logging.getLogger(f"discord.{n}") for n in ("http", "gateway", "webhook")]
    discord_levels = [logger.level for logger in discord_loggers]
    try:
        yield root
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)
        for logger, discord_level in zip(discord_loggers, discord_levels, strict=True):
            logger.setLevel(discord_level)


def test_setup_logging_with_a_file_rotates_and_redacts(
    root_restored: logging.Logger, tmp_path: Path
) -> None:
    log_file = tmp_path / "etvous.log"
    setup_logging("DEBUG", secrets=[SECRET], file=str(log_file))
    setup_logging("DEBUG", secrets=[SECRET], file=str(log_file))  # again: no duplicate handlers
    ours = [h for h in root_restored.handlers if getattr(h, "_etvous", False)]
    files = [h for h in ours if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(files) == 1 and len(ours) == 2
    rotating = files[0]
    assert Path(rotating.baseFilename) == log_file
    assert rotating.maxBytes > 0 and rotating.backupCount > 0
    assert all(any(isinstance(f, RedactingFilter) for f in h.filters) for h in ours)
    assert root_restored.level == logging.DEBUG

    logging.getLogger("bot.test").info("started with %s at %s", SECRET, URL)
    rotating.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "level=INFO logger=bot.test msg=started with ********** at" in text
    assert_clean(text)


def test_setup_logging_without_a_file_adds_no_file_handler(root_restored: logging.Logger) -> None:
    setup_logging("WARNING")
    ours = [h for h in root_restored.handlers if getattr(h, "_etvous", False)]
    assert len(ours) == 1
    assert not isinstance(ours[0], logging.FileHandler)
    assert root_restored.level == logging.WARNING
    assert logging.getLogger("discord.http").getEffectiveLevel() >= logging.INFO


INTERACTION_TOKEN = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpxcWVYNGt0c2ZTbXh4Q3dhNHNR"
"""The shape of an interaction's token (base64 of ``interaction:<id>:<random>``): for 15
minutes it reads and edits the bot's answer to that interaction, a /review link included."""


async def test_discord_at_debug_logs_no_interaction_token_nor_members_words(
    root_restored: logging.Logger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LOG_LEVEL=DEBUG, as documented, wrote what discord.py logs there: every gateway event
    whole (each interaction's token, every member's message in every channel of every
    server, opted out or not, a form reply's words) and the address of each answer to an
    interaction, which holds its token. With a token, anyone reading the log could read the
    /review answer (the login link) or change it, for 15 minutes. SimCord stands in for
    both layers, so discord.py's own code is run here: the gateway's reading of a frame,
    and the webhook adapter answering an interaction through a local stand-in for Discord."""
    from aiohttp import ClientSession, web
    from discord.gateway import DiscordWebSocket
    from discord.http import Route
    from discord.webhook.async_ import AsyncWebhookAdapter

    log_file = tmp_path / "etvous.log"
    setup_logging("DEBUG", secrets=[SECRET], file=str(log_file))
    gateway = DiscordWebSocket(socket=None, loop=asyncio.get_running_loop())  # type: ignore[arg-type]
    gateway.shard_id, gateway._discord_parsers = 0, {}
    for event in (
        {"t": "INTERACTION_CREATE", "op": 0, "s": 1, "d": {"id": "1", "token": INTERACTION_TOKEN}},
        {"t": "MESSAGE_CREATE", "op": 0, "s": 2, "d": {"id": "2", "content": "Mon secret à moi"}},
    ):
        await gateway.received_message(json.dumps(event))

    async def answered(request: web.Request) -> web.Response:
        return web.Response(status=204)

    stand_in = web.Application()
    stand_in.router.add_post("/api/v10/interactions/{id}/{token}/callback", answered)
    runner = web.AppRunner(stand_in, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    monkeypatch.setattr(Route, "BASE", f"http://127.0.0.1:{port}/api/v10")
    try:
        async with ClientSession() as session:
            route = Route(
                "POST",
                "/interactions/{webhook_id}/{webhook_token}/callback",
                webhook_id=1,
                webhook_token=INTERACTION_TOKEN,
            )
            await AsyncWebhookAdapter().request(route, session, payload={"type": 5})
    finally:
        await runner.cleanup()

    logging.getLogger("discord.gateway").info("Shard ID 0 has connected to Gateway")
    logging.getLogger("discord.client").warning("failed: %s", route.url)  # a traceback's URL
    for handler in root_restored.handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "has connected to Gateway" in text  # discord.py's own lines are still there
    assert "/api/v10/interactions/1/**********/callback" in text
    assert INTERACTION_TOKEN not in text and INTERACTION_TOKEN[:40] not in text
    assert "Mon secret" not in text
