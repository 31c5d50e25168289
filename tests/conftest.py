"""Shared fixtures: the evaluation data folder, and a database per test on
SQLite and (where a server answers) PostgreSQL."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import shutil
import threading
from collections.abc import AsyncIterator, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from hypothesis import settings

from bench import pg
from bench.shared_folder import shared_dir
from tests.e2e.browser import chromium

settings.register_profile("etvous", deadline=None)
settings.load_profile("etvous")
"""No wall-clock bound in a test: a loaded machine (CI, other sessions) is no failure."""

REPO = Path(__file__).resolve().parents[1]
PG_DEFAULT = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """The suite runs on every core: ``-n auto --dist worksteal`` unless ``-n`` or ``--dist``
    is given (``-n 0`` or ``-p no:xdist``: in this process, one test after the other).
    Arguments that all name single tests (``tests/test_cli.py::test_help_on_every_level``)
    run in this process too: starting workers would cost more than those few tests take;
    so do arguments naming a path that does not exist, which pytest then reports.

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
    here = config.invocation_params.dir
    if any(not (here / arg.split("::", 1)[0]).exists() for arg in named):
        return  # pytest, in this process, names the path that does not exist (xdist's
        # workers would each fail to collect it and report only "no tests ran")
    config.option.numprocesses = "auto"
    config.option.dist = "worksteal"


@pytest.fixture(autouse=True)
def own_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``XDG_CACHE_HOME`` in the test's folder (``.cache``, where :func:`tests.cli_run.cli`
    puts a child's): an ``analyze`` run in the test's process wrote its vector cache in
    ``~/.cache/etvous``, shared with the other workers, the other checkouts' runs and the
    developer's own analyses, so what it encoded, and found cached, depended on them."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / ".cache"))


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


def drop_pg_database(url: str) -> None:
    asyncio.run(pg.drop_database(pg_url(), url))


def fresh_pg_database(template: str | None = None) -> Iterator[str]:
    """A new PostgreSQL database for one test (empty, or a copy of the database at
    ``template``), dropped after; skips when no server answers."""
    reason = pg_reason()
    if reason:
        pytest.skip(reason)
    url = asyncio.run(pg.create_database(pg_url(), "etvous_t", template))
    try:
        yield url
    finally:
        drop_pg_database(url)


async def _migrate(url: str) -> None:
    from db.engine import open_engine
    from db.migrate import upgrade

    engine = open_engine(url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


class Beside:
    """An event loop in a thread of its own, for the PostgreSQL server's slow chores
    (``CREATE DATABASE``, ``DROP DATABASE``: a quarter to one second each of waiting
    on a loaded server) while a test runs in the main thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.pending: set[concurrent.futures.Future[Any]] = set()

    def submit(self, chore: Coroutine[Any, Any, Any]) -> concurrent.futures.Future[Any]:
        future = asyncio.run_coroutine_threadsafe(chore, self.loop)
        self.pending.add(future)
        future.add_done_callback(self.pending.discard)
        return future

    def close(self) -> None:
        concurrent.futures.wait(list(self.pending))
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()


class MigratedTemplates:
    """A database of each backend migrated to head once per test process (each xdist
    worker has its own), copied for each test that wants one: a SQLite file copied, a
    PostgreSQL database made with ``CREATE DATABASE … TEMPLATE``.

    Migrating an empty database from scratch cost each test 0.05-0.1 s of CPU on SQLite,
    and on PostgreSQL 1-3 s of waiting on a loaded server (twelve migrations' DDL, each
    committed to disk) before its first query. The copy is the state :func:`upgrade`
    leaves, made by the same code; ``upgrade`` run again on it (the bot and the CLI do,
    at start) finds it at head. Tests of the migrations themselves take
    :func:`empty_database_url`.

    On PostgreSQL the next test's copy is made, and the last one's dropped, in a thread
    beside the running test (:class:`Beside`): each copy is still made before, and
    dropped after, the one test that has it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._sqlite: Path | None = None
        self._postgresql: str | None = None
        self._beside: Beside | None = None
        self._next: concurrent.futures.Future[str] | None = None

    def sqlite(self, path: Path) -> str:
        if self._sqlite is None:
            template = self.folder / "migrated.db"
            asyncio.run(_migrate(f"sqlite+aiosqlite:///{template}"))
            self._sqlite = template
        if not path.exists():  # a test taking both database_url and sqlite_url: one file
            shutil.copyfile(self._sqlite, path)
        return f"sqlite+aiosqlite:///{path}"

    def postgresql(self) -> Iterator[str]:
        reason = pg_reason()
        if reason:
            pytest.skip(reason)
        if self._postgresql is None:
            template = asyncio.run(pg.create_database(pg_url(), "etvous_tpl"))
            try:
                asyncio.run(_migrate(template))
            except BaseException:
                drop_pg_database(template)
                raise
            self._postgresql, self._beside = template, Beside()
        assert self._beside is not None
        taken = self._next or self._copy()
        url = taken.result()
        self._next = self._copy()
        try:
            yield url
        finally:
            self._beside.submit(pg.drop_database(pg_url(), url))

    def _copy(self) -> concurrent.futures.Future[str]:
        assert self._beside is not None
        return self._beside.submit(pg.create_database(pg_url(), "etvous_t", self._postgresql))

    def close(self) -> None:
        if self._beside is not None:
            if self._next is not None:
                self._beside.submit(pg.drop_database(pg_url(), self._next.result()))
            self._beside.close()
        if self._postgresql is not None:
            drop_pg_database(self._postgresql)


@pytest.fixture(scope="session")
def migrated_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MigratedTemplates]:
    templates = MigratedTemplates(tmp_path_factory.mktemp("migrated"))
    try:
        yield templates
    finally:
        templates.close()


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, migrated_templates: MigratedTemplates
) -> Iterator[str]:
    """A database URL on each backend, migrated to head (a copy: :class:`MigratedTemplates`);
    PostgreSQL skips with a reason when absent."""
    if request.param == "sqlite":
        yield migrated_templates.sqlite(tmp_path / "etvous.db")
        return
    yield from migrated_templates.postgresql()


@pytest.fixture(params=BACKENDS)
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each backend (no schema: the migrations' tests); PostgreSQL
    skips with a reason when absent."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'etvous.db'}"
        return
    yield from fresh_pg_database()


@pytest.fixture
def sqlite_url(tmp_path: Path, migrated_templates: MigratedTemplates) -> Iterator[str]:
    """The default backend's database, migrated to head (a copy: :class:`MigratedTemplates`);
    ``ETVOUS_TEST_ON_POSTGRES=1`` gives every test that takes it a throw-away PostgreSQL
    database instead (a whole-suite check of the other backend, by hand:
    ``ETVOUS_TEST_ON_POSTGRES=1 pytest tests/e2e``; CI runs only the tests taking
    ``database_url`` on both)."""
    if os.environ.get("ETVOUS_TEST_ON_POSTGRES") == "1":
        yield from migrated_templates.postgresql()
        return
    yield migrated_templates.sqlite(tmp_path / "etvous.db")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """An empty PostgreSQL database."""
    yield from fresh_pg_database()


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[object]:
    """A migrated database's session factory (``upgrade`` run again, as at start)."""
    from db.engine import open_engine, session_factory
    from db.migrate import upgrade

    engine = open_engine(database_url)
    await upgrade(engine)
    try:
        yield session_factory(engine)
    finally:
        await engine.dispose()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def _the_process_chromium() -> AsyncIterator[Any]:
    """The test process's one headless Chromium, started when a test first asks for it."""
    async with chromium() as browser:
        yield browser


@pytest_asyncio.fixture(loop_scope="session")
async def browser(_the_process_chromium: Any) -> AsyncIterator[Any]:
    """The test process's Chromium (:mod:`tests.e2e.browser`) for one test, which opens
    its own contexts (``new_context``, ``new_page``); those it leaves open are closed
    after it, so the next test starts with none: no cookie, storage or cache of its."""
    assert _the_process_chromium.is_connected(), "Chromium stopped during an earlier test"
    yield _the_process_chromium
    for context in _the_process_chromium.contexts:
        await context.close()
