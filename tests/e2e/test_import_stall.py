"""A hostile ``/question import`` never holds the event loop (issue 12, item 2).

A moderator uploads a megabyte built to trap the parser (each shape of
``bench/hostile_articles.py``). While the bot handles it, the loop's
longest callback is measured (``tests/loop_monitor.py``): under 100 ms, so
every other server's clicks are answered within Discord's 3 s. The parser
itself must run in a worker thread, not on the loop.
"""

from __future__ import annotations

import threading

import pytest

from bench.hostile_articles import SHAPES
from bot import importer
from db.models import Question
from tests.harness import world
from tests.loop_monitor import loop_use

MAX_STALL = 0.100
"""Seconds: the requirement itself."""


async def test_a_hostile_import_never_holds_the_loop(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed_in: list[int] = []
    real_parse = importer.parse_article_bytes

    def parse(data: bytes, **options: object) -> importer.ParsedArticle:
        parsed_in.append(threading.get_ident())
        return real_parse(data, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "parse_article_bytes", parse)
    async with world(sqlite_url, members=1) as w:
        loop_thread = threading.get_ident()
        for name, build in SHAPES.items():
            data = build(importer.MAX_ARTICLE_BYTES - 100).encode()[: importer.MAX_ARTICLE_BYTES]
            before = len(await w.rows(Question))
            with loop_use() as use:
                result = await w.mod.slash(w.forum, "question import", file=("a.txt", data))
                await w.settle()
            assert result.ephemeral and result.response.content, name
            assert use.longest < MAX_STALL, (name, use.longest, use.culprit)
            assert len(await w.rows(Question)) - before <= importer.MAX_QUESTIONS
        assert len(parsed_in) == len(SHAPES)
        assert loop_thread not in parsed_in  # parsed in a worker thread, never on the loop
        clicked = await w.members[0].slash(w.forum, "mydata show")
        assert clicked.ephemeral  # still answering
        assert not w.env.errors
