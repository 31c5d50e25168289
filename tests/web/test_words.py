"""Every word of the web room comes from the catalogs, in French and in English."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest

from bot import i18n
from bot.services import web_auth

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_KEY = re.compile(r"""_\(\s*["']([a-z][a-z0-9-]*[a-z0-9])["']\s*[,)]""")
CODE_KEY = re.compile(
    r"""(?:refusal\(\s*request,\s*|UserError\(|\bsay\(\s*interaction,\s*)["']([a-z][a-z0-9-]+)["']"""
)
AUDIT_ACTION = re.compile(r"""audit\.record\(\s*session,\s*[\w.]+,\s*["']([a-z_]+)["']""", re.S)


def used_keys() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "web" / "templates").glob("*.html"):
        found.update(TEMPLATE_KEY.findall(path.read_text("utf-8")))
    for folder in ("web", "cogs", "bot"):
        for path in (ROOT / folder).rglob("*.py"):
            found.update(CODE_KEY.findall(path.read_text("utf-8")))
    found.update(f"web-refused-login-{p}" for p in get_args(web_auth.LoginProblem))
    found.update(f"web-refused-session-{p}" for p in get_args(web_auth.SessionProblem))
    found.update(f"web-export-{fmt}" for fmt in ("csv", "jsonl"))
    found.add("web-percent")  # web.render.Words.percent
    found.update(f"web-erased-by-{who}" for who in ("discord", "member", "staff", "retention"))
    return found


def audit_actions() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "bot").rglob("*.py"):
        found.update(AUDIT_ACTION.findall(path.read_text("utf-8")))
    found.update({"pause", "resume", "report_names_on", "report_names_off"})
    return found


def test_the_scan_finds_the_pages_words() -> None:
    keys = used_keys()
    assert {"web-nav-discussions", "web-erase-confirm", "web-refused-login-used"} <= keys
    assert len([k for k in keys if k.startswith("web-")]) > 80
    assert {"answer_delete", "export", "report_publish", "setup"} <= audit_actions()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_word_is_in_both_catalogs(language: str) -> None:
    missing = {k for k in used_keys() if not i18n.has(k, language)}
    assert not missing, f"missing in {language}: {sorted(missing)}"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_audit_action_has_words(language: str) -> None:
    missing = {
        action
        for action in audit_actions()
        if not i18n.has("web-audit-" + action.replace("_", "-"), language)
    }
    assert not missing, f"missing in {language}: {sorted(missing)}"


def test_french_and_english_differ_where_they_should() -> None:
    for key in ("web-nav-sign-out", "web-erase-explain", "web-refused-hint"):
        assert i18n.t(key, "fr") != i18n.t(key, "en")
