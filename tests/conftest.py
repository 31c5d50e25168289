"""Shared fixtures: the evaluation data folder, and a database per test on
SQLite and (where a server answers) PostgreSQL."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bench import pg

REPO = Path(__file__).resolve().parents[1]
PG_DEFAULT = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """The suite runs on every core: ``-n auto --dist worksteal`` unless ``-n`` or ``--dist``
    is given (``-n 0`` or ``-p no:xdist``: in this process, one test after the other).
    Arguments that all name single tests (``tests/test_cli.py::test_help_on_every_level``)
    run in this process too: starting workers would cost more than those few tests take.

    Set here rather than in pyproject's ``addopts``, where ``-n`` would be an unknown
    option under ``-p no:xdist``. Runs before xdist's own ``pytest_cmdline_main`` (a
    conftest's hook is registered after the plugin's, and goes first), which turns
    ``auto`` into one worker per core."""
    if not config.pluginmanager.hasplugin("xdist") or hasattr(config, "workerinput"):
        return
    if config.option.numprocesses is not None or config.option.dist != "no":
        return
    named = config.option.file_or_dir or []
    if named and all("::" in arg for arg in named):
        return
    config.option.numprocesses = "auto"
    config.option.dist = "worksteal"


@pytest.fixture(autouse=True)
def own_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``XDG_CACHE_HOME`` in the test's folder (``.cache``, where :func:`tests.cli_run.cli`
    puts a child's): an ``analyze`` run in the test's process wrote its vector cache in
    ``~/.cache/etvous``, shared with the other workers, the other checkouts' runs and the
    developer's own analyses, so what it encoded, and found cached, depended on them."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / ".cache"))


def shared_dir() -> Path:
    return Path(os.environ.get("ETVOUS_SHARED") or REPO.parent / "shared")


def pg_url() -> str:
    return os.environ.get("TEST_DATABASE_URL", PG_DEFAULT)


def pg_reason() -> str | None:
    """Why PostgreSQL tests cannot run here, or ``None`` when a server answers."""
    return pg.unreachable(pg_url())


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    if not path.is_dir():
        pytest.skip(f"evaluation data folder {path} is absent")
    return path


def new_pg_database() -> str:
    """A fresh, empty PostgreSQL database for one test; returns its URL."""
    return asyncio.run(pg.create_database(pg_url(), "etvous_t"))


def drop_pg_database(url: str) -> None:
    asyncio.run(pg.drop_database(pg_url(), url))


def fresh_pg_database() -> Iterator[str]:
    """A new PostgreSQL database for one test, dropped after; skips when no server answers."""
    reason = pg_reason()
    if reason:
        pytest.skip(reason)
    url = new_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(url)


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL on each backend; PostgreSQL skips with a reason when absent."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'etvous.db'}"
        return
    yield from fresh_pg_database()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> Iterator[str]:
    """The default backend's database; ``ETVOUS_TEST_ON_POSTGRES=1`` gives every test that
    takes it a throw-away PostgreSQL database instead (a whole-suite check of the other
    backend, by hand: ``ETVOUS_TEST_ON_POSTGRES=1 pytest tests/e2e``; CI runs only the
    tests taking ``database_url`` on both)."""
    if os.environ.get("ETVOUS_TEST_ON_POSTGRES") == "1":
        yield from fresh_pg_database()
        return
    yield f"sqlite+aiosqlite:///{tmp_path / 'etvous.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    yield from fresh_pg_database()


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[object]:
    """A migrated database's session factory."""
    from db.engine import open_engine, session_factory
    from db.migrate import upgrade

    engine = open_engine(database_url)
    await upgrade(engine)
    try:
        yield session_factory(engine)
    finally:
        await engine.dispose()
