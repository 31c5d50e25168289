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


@pytest.mark.parametrize(
    "address", ["https://example.org/etvous", "https://example.org/etvous/", "http://h:8443/a/b"]
)
def test_a_public_url_under_a_path_is_refused_with_the_reason(address: str) -> None:
    """The room's pages link from the site's root (/static/style.css, /discussions, the
    sign-in button's /login/…): served under /etvous behind a proxy, the login link opened
    a page without its style whose button posted outside /etvous, and no one could sign in.
    Start-up says so rather than serve a room no one can enter."""
    with pytest.raises(SettingsError, match=r"PUBLIC_URL") as refused:
        Settings.from_env({"PUBLIC_URL": address})
    assert "/a/b" in str(refused.value) or "/etvous" in str(refused.value)
    assert Settings.from_env({"PUBLIC_URL": "https://example.org:8443/"}).public_url == (
        "https://example.org:8443"
    )
