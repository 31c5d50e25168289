"""Running ``python -m bot ...`` as an operator would, for the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SETTINGS = (
    "DISCORD_TOKEN", "DATABASE_URL", "LOG_LEVEL", "LOG_FILE", "DEFAULT_TIMEZONE",
    "DEFAULT_LANGUAGE", "DEV_GUILD_ID", "SHARD_COUNT", "SHARD_IDS", "MESSAGE_CACHE_SIZE",
    "STOP_FLUSH_SECONDS",
    "DATABASE_LOCK_WAIT_SECONDS", "FORGET_REMOVED_SERVERS_DAYS",
    "WEB_ENABLED", "WEB_HOST", "WEB_PORT", "PUBLIC_URL", "WEB_SECRET", "IMPORT_ALLOW_LOOPBACK",
)  # fmt: skip
"""The bot's settings: left out of the child's environment unless a test sets them."""
LANGUAGE_VARIABLES = ("ETVOUS_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
"""What chooses the CLI's language: left out too, so the child speaks French (its default)."""


def cli_env(**env_vars: str) -> dict[str, str]:
    """The child's environment: the repository importable, no setting (nor language)
    inherited but ``env_vars``."""
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS + LANGUAGE_VARIABLES}
    env["PYTHONPATH"] = str(REPO)
    env.update(env_vars)
    return env


def cli(*args: str, cwd: Path, **env_vars: str) -> subprocess.CompletedProcess[str]:
    """``python -m bot *args`` in ``cwd``, with the repository importable and no
    setting inherited from this shell but ``env_vars``."""
    env = cli_env(**env_vars)
    env.setdefault(
        "XDG_CACHE_HOME", str(cwd / ".cache")
    )  # the analysis' vector cache stays in the test
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def cli_en(*args: str, cwd: Path, **env_vars: str) -> subprocess.CompletedProcess[str]:
    """:func:`cli` in English (``ETVOUS_LANG=en``), for the tests that read its English lines."""
    return cli(*args, cwd=cwd, **{"ETVOUS_LANG": "en", **env_vars})
