"""A web room reachable from other machines at a plain http address: it starts (a home
network may want it), and the log says what travels in clear."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.app import App
from bot.config import Settings
from db.migrate import upgrade
from web.server import WebServer


@pytest.mark.parametrize(
    ("public_url", "warned"),
    [("http://debats.lan:8080", True), ("https://debats.example.org", False)],
)
async def test_plain_http_for_other_machines_is_warned(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, public_url: str, warned: bool
) -> None:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'etvous.db'}",
        web_host="0.0.0.0",
        public_url=public_url,
    )
    app = App.build(settings)
    await upgrade(app.engine)
    server = WebServer(app, port=0)
    caplog.set_level(logging.INFO, logger="web.server")
    try:
        await server.start()
    finally:
        await server.stop()
        await app.close()
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("plain http" in line and "in clear" in line for line in said) == warned
