"""`python -m bot questions import` of articles as tech-news sites end them: what the
operator reads is what the bank stores (the questions, their options, the duplicates),
from a plain-text copy and from a page with an advert's script inside its section."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from db.engine import SessionFactory, open_engine, session_factory
from db.repositories import guilds, questions
from tests.article_server import ArticleSite
from tests.cli_run import cli_en

GUILD = 1_100_000_000_000_000_001
T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)

FIRST = "Et vous ?\n- Faut-il taxer les robots ?\n"
SECOND = """Les robots arrivent dans les entrepôts.

Et vous ?

1. FAUT IL  TAXER LES ROBOTS?
2. Accepteriez-vous de travailler aux côtés d'un robot humanoïde
   dans votre entreprise ?
3. Qui doit payer la formation des salariés remplacés ? État / Entreprises / Salariés

Related: Will robots take our jobs?
"""
PAGE = """<html><head><meta charset="utf-8"></head><body>
<h2>And you?</h2>
<p>Would you buy a humanoid robot for your home?</p>
<div class="ad"><script>
googletag.cmd.push(function () { googletag.display("ad-7"); });
</script></div>
<p>Should robots pay taxes? Yes / No / Not sure</p>
<p>Read more: <a href="/more">Are robot vacuums spying on you?</a></p>
</body></html>"""


@pytest.fixture
async def db(sqlite_url: str) -> AsyncIterator[SessionFactory]:
    engine = open_engine(sqlite_url)
    sessions = session_factory(engine)
    async with sessions.begin() as session:
        await guilds.ensure_guild(session, GUILD, now=T0, timezone="Europe/Paris", language="fr")
    try:
        yield sessions
    finally:
        await engine.dispose()


async def _bank(db: SessionFactory) -> dict[str, list[str]]:
    async with db() as session:
        stored = await questions.list_questions(session, GUILD, limit=100)
    return {q.text: list(q.options) for q in stored}


async def test_a_copied_article_reports_what_the_bank_stores(
    db: SessionFactory, sqlite_url: str, tmp_path: Path
) -> None:
    base = ("questions", "import", "--guild", str(GUILD), "--database-url", sqlite_url)
    (tmp_path / "first.txt").write_text(FIRST, "utf-8")
    (tmp_path / "second.txt").write_text(SECOND, "utf-8")
    assert cli_en(*base[:2], "first.txt", *base[2:], cwd=tmp_path).returncode == 0
    done = cli_en(*base[:2], "second.txt", *base[2:], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    wrapped = (
        "Accepteriez-vous de travailler aux côtés d'un robot humanoïde dans votre entreprise\u202f?"
    )
    paying = "Qui doit payer la formation des salariés remplacés\u202f?"
    assert done.stdout.splitlines() == [
        f"added #2: {wrapped}  [Oui | Non | Nuancé]",
        f"added #3: {paying}  [État | Entreprises | Salariés]",
        "skipped (already in the bank: question #1): FAUT IL  TAXER LES ROBOTS?",
        "2 added, 1 skipped",
    ]
    assert await _bank(db) == {
        "Faut-il taxer les robots\u202f?": ["Oui", "Non", "Nuancé"],
        wrapped: ["Oui", "Non", "Nuancé"],
        paying: ["État", "Entreprises", "Salariés"],
    }


async def test_a_page_with_an_advert_inside_its_section(
    db: SessionFactory, sqlite_url: str, tmp_path: Path
) -> None:
    with ArticleSite(pages={"robots": (PAGE.encode(), "text/html; charset=utf-8")}) as site:
        done = cli_en(
            "questions", "import", site.url("/page/robots"), "--guild", str(GUILD),
            "--database-url", sqlite_url, cwd=tmp_path, IMPORT_ALLOW_LOOPBACK="1",
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "2 added, 0 skipped"
    assert await _bank(db) == {
        "Would you buy a humanoid robot for your home?": ["Yes", "No", "Nuanced"],
        "Should robots pay taxes?": ["Yes", "No", "Not sure"],
    }
