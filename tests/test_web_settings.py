"""The web room's settings: defaults, validation, and no secret in sight."""

from __future__ import annotations

import pytest

from bot.config import Settings, SettingsError

SECRET = "s" * 40


def test_defaults() -> None:
    for settings in (Settings(), Settings.from_env({})):
        assert settings.web_enabled is True
        assert (settings.web_host, settings.web_port) == ("127.0.0.1", 8080)
        assert settings.public_url is None
        assert not settings.web_secret
        assert settings.web_base_url == "http://127.0.0.1:8080"


def test_from_env() -> None:
    settings = Settings.from_env(
        {
            "WEB_ENABLED": "off",
            "WEB_HOST": "0.0.0.0",
            "WEB_PORT": "9000",
            "PUBLIC_URL": "https://etvous.example.org/",
            "WEB_SECRET": SECRET,
        }
    )
    assert settings.web_enabled is False
    assert (settings.web_host, settings.web_port) == ("0.0.0.0", 9000)
    assert settings.public_url == "https://etvous.example.org"
    assert settings.web_base_url == "https://etvous.example.org"
    assert settings.web_secret.get() == SECRET
    assert SECRET not in repr(settings) and SECRET not in str(settings)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("WEB_ENABLED", "maybe"),
        ("WEB_PORT", "http"),
        ("WEB_PORT", "70000"),
        ("WEB_PORT", "0"),
        ("PUBLIC_URL", "etvous.example.org"),
        ("PUBLIC_URL", "ftp://etvous.example.org"),
        ("PUBLIC_URL", "https://etvous.example.org/?x=1"),
        ("WEB_SECRET", "short"),
    ],
)
def test_bad_values_name_the_variable(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})


def test_a_reachable_host_needs_a_public_url() -> None:
    with pytest.raises(SettingsError, match=r"WEB_HOST.*PUBLIC_URL"):
        Settings.from_env({"WEB_HOST": "0.0.0.0"})
    Settings.from_env({"WEB_HOST": "0.0.0.0", "WEB_ENABLED": "off"})
    Settings.from_env({"WEB_HOST": "::1"})
    assert Settings(web_host="::1", web_port=81).web_base_url == "http://[::1]:81"
