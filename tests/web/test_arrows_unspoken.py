"""The arrows after a link's words (« Plus anciennes → », « Ouvrir dans Discord ↗ ») are
drawn by the pages, hidden from screen readers, never written in the catalogs: there a
screen reader read them aloud in each link's name (« Plus anciennes flèche droite »).
Chromium's accessibility tree of every page is checked in test_pages_browser; the pagers
that the seeded pages do not show (older discussions, audit lines, a member's replies)
take their words from the same catalog keys, checked here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.i18n import LANGUAGES
from tests.web.test_pages_browser import ARROWS

ROOT = Path(__file__).resolve().parents[2]
KEY = re.compile(r"""_(?:\.timed)?\(\s*["']([a-z0-9-]+)["']""")


def _messages(language: str) -> dict[str, str]:
    """Each message of the language's catalogs, its variants and attributes included."""
    found: dict[str, str] = {}
    key = ""
    for path in sorted((ROOT / "bot" / "locales" / language).glob("*.ftl")):
        for line in path.read_text("utf-8").splitlines():
            head = re.match(r"([a-z][a-z0-9-]*) =", line)
            if head:
                key = head.group(1)
                found[key] = line
            elif line.startswith((" ", "\t")) and key:
                found[key] += "\n" + line
            elif not line.strip() or line.startswith("#"):
                key = ""
    return found


def _shown_by_the_web_room() -> set[str]:
    """The keys the templates name, and every key of the web room's catalog."""
    keys = {
        key
        for template in (ROOT / "web" / "templates").glob("*.html")
        for key in KEY.findall(template.read_text("utf-8"))
    }
    web = (ROOT / "bot" / "locales" / "fr" / "web.ftl").read_text("utf-8")
    return keys | set(re.findall(r"^(web-[a-z0-9-]+) =", web, re.M))


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_the_web_room_shows_holds_an_arrow(language: str) -> None:
    messages = _messages(language)
    keys = _shown_by_the_web_room()
    assert len(keys & set(messages)) > 100
    with_arrows = {
        key: messages[key] for key in keys & set(messages) if ARROWS & set(messages[key])
    }
    assert with_arrows == {}
