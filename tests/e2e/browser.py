"""Headless Chromium for the web room's tests: Debian's ``chromium`` driven by Playwright.

Nothing is downloaded: Playwright starts the system browser
(``/usr/bin/chromium``, or ``ETVOUS_CHROMIUM``). Tests skip with the reason
when it is not installed (``apt-get install chromium chromium-driver``).
Screenshots are written to ``ETVOUS_SCREENSHOTS`` when set (``docs/`` for the
README), else into the test's temporary folder.

One browser serves a test process (each xdist worker has its own): the ``browser``
fixture (``tests/conftest.py``), each test in contexts of its own, closed after it.
Starting Chromium and Playwright's driver cost each test about 2.3 s of CPU. Playwright's
objects belong to the event loop that started them, so the tests taking ``browser``, and
their asynchronous fixtures, run in the test process's one loop: ``IN_BROWSER_LOOP``
and ``in_browser_loop``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    candidates = [
        os.environ.get("ETVOUS_CHROMIUM", ""),
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    found = shutil.which("chromium")
    if found is None:
        pytest.skip("Chromium is not installed here (apt-get install chromium chromium-driver)")
    return found


@asynccontextmanager
async def chromium() -> AsyncIterator[Any]:
    """A headless browser; skips the test when Playwright or Chromium is missing."""
    executable = chromium_path()
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        pytest.skip("Playwright is not installed (pip install -e '.[dev]')")
    async with async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=executable, args=ARGS)
        try:
            yield browser
        finally:
            await browser.close()


IN_BROWSER_LOOP = pytest.mark.asyncio(loop_scope="session")
"""The ``pytestmark`` of a module whose tests take ``browser``: they run in its loop."""

in_browser_loop = pytest_asyncio.fixture(loop_scope="session")
"""The decorator of an asynchronous fixture such a test takes: it runs in the same loop
(``browser_room``, the web room's tests' seeded room: ``tests/web/conftest.py``)."""


def screenshot_dir(fallback: Path) -> Path:
    chosen = os.environ.get("ETVOUS_SCREENSHOTS")
    folder = Path(chosen) if chosen else fallback
    folder.mkdir(parents=True, exist_ok=True)
    return folder


async def sign_in(page: Any, url: str) -> None:
    """What a moderator does with a login link: open it, press its page's button."""
    opened = await page.goto(url)
    assert opened is not None and opened.status == 200, url
    await page.click('main form button[type="submit"]')
