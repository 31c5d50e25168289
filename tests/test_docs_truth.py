"""The documentation a newcomer trusts, held to the code it describes.

README.md's Admin CLI table against the parser, its settings table and ``.env.example``
against :class:`bot.config.Settings`' defaults, its French command names against the
command tree Discord gets, and ARCHITECTURE.md's map against the files and the
import-linter contracts. (``tests/test_settings.py`` already checks that every setting
is named in both files.)
"""

from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
import tomllib
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from dotenv import dotenv_values

from bot.cli.parser import build_parser
from bot.config import Settings
from tests.command_payloads import command_payloads

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
COMMON_OPTIONS = ("--database-url", "--env-file", "--lang")


def _section(text: str, heading: str) -> str:
    """The text under ``heading`` up to the next heading of the same level or higher."""
    level = heading.split(" ")[0]
    start = text.index(heading + "\n") + len(heading)
    end = re.search(rf"^#{{1,{len(level)}}} ", text[start:], re.M)
    return text[start : start + end.start()] if end else text[start:]


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _leaves() -> dict[str, argparse.ArgumentParser]:
    """``{"db upgrade": parser, "export": parser, …}``: every command one can run."""
    leaves = {}
    for name, sub in _subparsers(build_parser("en")).items():
        inner = _subparsers(sub)
        leaves.update({f"{name} {n}": p for n, p in inner.items()} if inner else {name: sub})
    return leaves


def _long_options(parser: argparse.ArgumentParser) -> set[str]:
    return {s for a in parser._actions for s in a.option_strings if s.startswith("--")}


def test_readme_cli_table_gives_every_command_with_its_options() -> None:
    """Each row of "Admin CLI" names a command that exists, with options it has; each
    command and each of its own options is in the table (the common ones in the sentence
    above it)."""
    cli = _section(README, "## Admin CLI")
    rows = {
        m.group(1).split(" [")[0].split(" FILE")[0].split(" --")[0]: line
        for line in cli.splitlines()
        if (m := re.match(r"\| `([^`]+)`", line))
    }
    leaves = _leaves()
    assert {name.removesuffix(" (default)") for name in rows} == set(leaves)
    intro = cli.split("| Command")[0]
    for option in COMMON_OPTIONS:
        assert f"`{option}" in intro, f"{option} is not said to be common to every command"
    for name, parser in leaves.items():
        row = rows[name]
        own = _long_options(parser) - {"--help", *COMMON_OPTIONS}
        command_cell = re.split(r"(?<!\\)\|", row)[1]  # FILE\|URL is one cell
        written = set(re.findall(r"(--[a-z][a-z-]*)", command_cell))
        assert written == own, f"{name}: README gives {sorted(written)}, the CLI {sorted(own)}"


def test_every_python_m_bot_command_the_readme_shows_exists() -> None:
    commands = _subparsers(build_parser("en"))
    shown = re.findall(r"python -m bot ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?", README)
    assert shown
    for name, sub in shown:
        assert name in commands, f"python -m bot {name}"
        inner = _subparsers(commands[name])
        if inner:
            assert sub in inner, f"python -m bot {name} {sub}"


def _readme_defaults() -> dict[str, str]:
    """``{"LOG_LEVEL": "INFO", "LOG_FILE": "", …}`` from README's settings table."""
    settings = _section(README, "## Settings")
    defaults = {}
    for line in settings.splitlines():
        if m := re.match(r"\| `([A-Z_]+)` \| ([^|]*) \|", line):
            value = re.fullmatch(r"`([^`]*)`", m.group(2).strip())
            defaults[m.group(1)] = value.group(1) if value else ""
    return defaults


def test_env_example_and_readme_give_the_defaults_the_code_has() -> None:
    """A copied ``.env.example`` changes nothing, and README's default column says what
    the file holds (a setting with no default is left empty in both)."""
    example = dotenv_values(stream=io.StringIO((REPO / ".env.example").read_text("utf-8")))
    values = {name: value or "" for name, value in example.items()}
    assert _readme_defaults() == values
    from_example, defaults = Settings.from_env(values), Settings()
    for f in fields(Settings):
        assert getattr(from_example, f.name) == getattr(defaults, f.name), f.name


def _french(item: dict[str, Any]) -> str:
    return str((item.get("name_localizations") or {}).get("fr") or item["name"])


def _french_rows(payloads: list[dict[str, Any]]) -> list[str]:
    """One row per command: its English and French names, subcommands and renamed options."""
    rows = []
    for command in payloads:
        if command.get("type", 1) != 1:  # a message's Apps menu
            rows.append(f"| {command['name']} | {_french(command)} | |")
            continue
        subs = [o for o in command.get("options") or [] if o["type"] == 1]
        options = [o for s in subs for o in s.get("options") or []] if subs else []
        options += [] if subs else command.get("options") or []
        renamed = dict.fromkeys(
            f"`{o['name']}` → `{_french(o)}`" for o in options if _french(o) != o["name"]
        )
        english = " ".join([f"/{command['name']}", " · ".join(s["name"] for s in subs)])
        french = " ".join([f"/{_french(command)}", " · ".join(_french(s) for s in subs)])
        row = f"| `{english.strip()}` | `{french.strip()}` | {', '.join(renamed)} |"
        rows.append(row.replace("|  |", "| |"))
    return rows


async def test_readme_gives_every_command_its_french_name_and_options(sqlite_url: str) -> None:
    """What a French server's staff type: README's table of French names is the tree's;
    and the commands table names every command, subcommand and option the tree has."""
    payloads = await command_payloads(sqlite_url)
    table = README.split("**French names.**")[1].split("\n\n")[1]
    written = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    assert sorted(written[1:]) == sorted(_french_rows(payloads))
    commands = _section(README, "## Commands").split("**French names.**")[0]
    # a cell ends at the first "|" that is not written "\|" (`import file\|url`)
    first_cells = re.findall(r"^\| (`/(?:[^|\\]|\\.)+|\*\*[^*]+\*\*)", commands, re.M)
    for command in payloads:
        if command.get("type", 1) != 1:
            assert f"**{command['name']}**" in first_cells
            continue
        cells = " ".join(c for c in first_cells if re.match(rf"`/{command['name']}[ `]", c))
        assert cells, f"/{command['name']} has no row"
        words = set(re.findall(r"[a-z_]+", cells))
        for item in command.get("options") or []:
            assert item["name"] in words, f"/{command['name']} {item['name']}"
            for option in item.get("options") or [] if item["type"] == 1 else []:
                assert option["name"] in words, (
                    f"/{command['name']} {item['name']} {option['name']}"
                )


def test_every_file_architecture_names_exists() -> None:
    named = {
        word
        for quoted in re.findall(r"`([^`]+)`", ARCHITECTURE)
        for word in re.split(r"[\s,()+]+", quoted)
        if re.fullmatch(r"[a-z_][\w/]*(\.py|\.toml|/)", word)
    }
    assert len(named) > 50
    tracked = [p.relative_to(REPO).as_posix() for p in REPO.rglob("*") if ".venv" not in p.parts]
    tracked += [p + "/" for p in tracked if (REPO / p).is_dir()]
    missing = [w for w in named if not any(f"/{p}".endswith(f"/{w}") for p in tracked)]
    assert not missing, missing


def test_architecture_names_every_service_module_and_every_room_of_bot() -> None:
    services = sorted(p.stem for p in (REPO / "bot/services").glob("*.py") if p.stem != "__init__")
    absent = [s for s in services if not re.search(rf"`{s}(\.py)?[`.(]", ARCHITECTURE)]
    assert not absent, f"bot/services modules not in ARCHITECTURE.md: {absent}"
    rooms = [
        p for p in (REPO / "bot").iterdir() if p.suffix == ".py" or (p / "__init__.py").is_file()
    ]
    # `bot/cron.py` (+ `cron_words.py`): a room may be named beside another
    named = set(re.findall(r"`(?:bot/)?([\w.]+)/?`", ARCHITECTURE))
    unnamed = [p.name for p in rooms if p.name != "__init__.py" and p.name not in named]
    assert not unnamed, f"rooms of bot/ not in ARCHITECTURE.md: {unnamed}"


def test_architecture_lists_the_services_allowed_to_import_discord() -> None:
    """Rule 5 of "The arrows" is the contract's list of exceptions, no more, no less."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(
        c
        for c in config["tool"]["importlinter"]["contracts"]
        if c.get("source_modules") == ["bot.services"]
    )
    allowed = {
        m.group(1)
        for rule in contract["ignore_imports"]
        if (m := re.fullmatch(r"bot\.services\.(\w+) -> discord", rule))
    }
    rule = re.search(r"^5\. .*?(?=^\d\. )", ARCHITECTURE, re.S | re.M)
    assert rule, "rule 5 of ARCHITECTURE.md's arrows"
    listed = set(re.findall(r"`(\w+)`", rule.group(0))) - {"discord"}
    assert listed == allowed


def test_architecture_and_readme_describe_every_import_contract() -> None:
    """Each contract's modules are named in ARCHITECTURE.md's arrows and README's list."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    arrows = ARCHITECTURE.split("## The arrows")[1].split("## ")[0]
    walls = README.split("Import-linter contracts")[1].split("\n\n")[0]
    for contract in config["tool"]["importlinter"]["contracts"]:
        for source in contract.get("source_modules", []):
            assert f"`{source}`" in arrows, f"ARCHITECTURE.md: {contract['name']}"
            assert f"`{source}`" in walls, f"README.md: {contract['name']}"


def test_analyze_help_says_where_the_vector_cache_goes() -> None:
    """``XDG_CACHE_HOME`` moves the cache (``bot.vector_cache.default_cache_dir``): the
    help that names ``~/.cache/etvous`` says so, in both languages."""
    for language in ("fr", "en"):
        analyze = _subparsers(build_parser(language))["analyze"]
        cache_dir = next(a for a in analyze._actions if "--cache-dir" in a.option_strings)
        assert "$XDG_CACHE_HOME/etvous" in str(cache_dir.help), language
        assert "~/.cache/etvous" in str(cache_dir.help), language


def _web_routes() -> set[tuple[str, str]]:
    """``("GET", "/discussions/{}")``… as ``web/routes_*.py`` register them."""
    routes = set()
    for module in (REPO / "web").glob("routes_*.py"):
        for method, path in re.findall(r'add_(get|post)\("([^"]+)"', module.read_text("utf-8")):
            routes.add((method.upper(), re.sub(r"\{\w+\}", "{}", path)))
    return routes


def test_readme_web_room_table_is_the_pages_the_room_serves() -> None:
    """Each page of README's web-room table is served; each page a person opens is there
    (not the charts, the style sheet's files, the confirmations reached by a button, nor the
    login link's)."""
    room = _section(README, "## The web review room")
    table = {
        ("POST" if cell.startswith("POST ") else "GET", re.sub(r"[A-Z]{2,}", "{}", path))
        for cell in re.findall(r"^\| `([^`]+)`", room, re.M)
        for path in [cell.removeprefix("POST ").split("?")[0]]
    }
    routes = _web_routes()
    assert table <= routes, table - routes
    pages = {
        (method, path)
        for method, path in routes
        if method == "GET"
        and path != "/"
        and not re.search(r"charts|static|erase|unpublish|login", path)
    }
    assert pages <= table, pages - table


def test_the_test_command_names_a_mistyped_file_instead_of_running_nothing() -> None:
    """README's ``.venv/bin/pytest`` takes paths; one that does not exist (a typo beside a
    real one) is named, as pytest names it, rather than leaving xdist's workers to run
    nothing at all ("no tests ran") without saying why."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "ETVOUS_"))}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "tests/test_no_such_file.py",
            "tests/test_docs_truth.py",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == pytest.ExitCode.USAGE_ERROR, done.stdout + done.stderr
    assert "file or directory not found: tests/test_no_such_file.py" in done.stderr


def test_the_invite_asks_for_the_permissions_setup_checks_and_no_other() -> None:
    """README's invite link and its list of permissions are what ``/setup`` checks in a
    text channel (``bot.permissions.TEXT_NEEDS``, a forum's needs and Create Public
    Threads): a server owner grants no permission the bot never uses."""
    import discord

    from bot.permissions import TEXT_NEEDS

    step = _section(README, "## Creating the Discord application")
    granted = discord.Permissions(int(re.findall(r"permissions=(\d+)", step)[0]))
    needed = discord.Permissions(**dict.fromkeys(TEXT_NEEDS, True))
    beyond = {name for name, on in discord.Permissions(granted.value & ~needed.value) if on}
    assert granted.value == needed.value, f"asked beyond the needs: {beyond}"
    integers = set(re.findall(r"permission integer `(\d+)`", step))
    assert integers == {str(granted.value)}
    listed = re.search(r"these\s+permissions: (.*?) \(permission integer", step, re.S)
    assert listed, "the list of permissions before the invite link"
    names = {n.strip().lower() for n in " ".join(listed.group(1).split()).split(",")}
    assert names == {
        n.replace("view_channel", "view_channels").replace("_", " ") for n in TEXT_NEEDS
    }
