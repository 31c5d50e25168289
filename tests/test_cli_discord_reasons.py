"""Why Discord could not be reached at start, in the CLI's language: « (ClientConnectorError) »
was the Python error's class; the reason is now said as the database's is."""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import SimpleNamespace

import aiohttp
import discord.http
import pytest

from bot.cli import main
from bot.i18n import t
from bot.runner import _refusal
from tests.test_cli_run import TOKEN, assert_token_absent, root_restored  # noqa: F401

REFUSED = {
    "fr": "impossible de joindre Discord (connexion refusée\u00a0: rien n’écoute à cette adresse "
    "et sur ce port)\u00a0: vérifiez l’accès de cette machine à discord.com",
    "en": "cannot reach Discord (connection refused: nothing listens at that address and port): "
    "check this machine's network access to discord.com",
}


@pytest.mark.usefixtures("root_restored")
@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_discord_refusing_the_connection_is_said_in_the_cli_language(
    lang: str,
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(discord.http.Route, "BASE", "http://127.0.0.1:1/api/v10")
    for name, value in {
        "DISCORD_TOKEN": TOKEN, "DATABASE_URL": sqlite_url, "ETVOUS_LANG": lang,
        "WEB_ENABLED": "off", "LOG_LEVEL": "WARNING",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    code = await asyncio.to_thread(main, ["run"])
    captured = capsys.readouterr()
    assert code == 1
    errors = [line for line in captured.err.splitlines() if " level=" not in line]
    assert len(errors) == 1, captured.err
    assert errors[0].endswith(REFUSED[lang]), errors[0]
    assert "Error" not in errors[0]
    assert_token_absent(captured.err + captured.out, TOKEN)


def _said(error: Exception, lang: str) -> str:
    refused = _refusal(error)
    assert refused is not None
    return t(refused.key, lang, **refused.args_)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_way_discord_is_away_is_said_without_the_error_class(lang: str) -> None:
    response = SimpleNamespace(status=503, reason="Service Unavailable")
    answered = _said(discord.HTTPException(response, "upstream"), lang)  # type: ignore[arg-type]
    assert "503" in answered and "HTTPException" not in answered
    assert (
        answered
        == {
            "fr": "Discord a répondu par le statut HTTP 503 à la connexion\u00a0: réessayez plus tard "
            "(https://discordstatus.com)",
            "en": "Discord answered with HTTP status 503 at login: try again later "
            "(https://discordstatus.com)",
        }[lang]
    )
    cut = _said(aiohttp.ServerDisconnectedError(), lang)
    assert (
        cut
        == {
            "fr": "impossible de joindre Discord (la connexion a été coupée)\u00a0: vérifiez l’accès "
            "de cette machine à discord.com",
            "en": "cannot reach Discord (the connection was cut): check this machine's network "
            "access to discord.com",
        }[lang]
    )
    late = _said(aiohttp.ServerTimeoutError("Timeout on reading data from socket"), lang)
    assert ("pas de réponse à temps" if lang == "fr" else "did not respond in time") in late
