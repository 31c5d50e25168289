"""Where the summary found themes, the web room shows no side's "words that set this side
apart", as Discord shows none (issue 18: that line was noise, « ans, bon, personne,
peut-être, six »); the discussion's page and the public report both read this template.
Without themes (no vectors), the keyword lines stay, as in Discord."""

from __future__ import annotations

import pytest

from bot.i18n import t
from bot.services import embeddings
from tests.web.conftest import HOME, Room
from tests.web.test_themes import _section, _themed_debate


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


async def test_themes_replace_each_sides_keywords(room: Room) -> None:
    await room.sign_in()
    await _themed_debate(room)
    d = room.seeded.home_discussion
    section = _section(await room.html(f"/discussions/{d}"))
    a = (await room.context.summaries.get(HOME, d)).analysis
    assert a.themes is not None and a.themes.themes
    assert any(a.keywords_of(option) for option in a.options)  # there were some to show
    assert 'id="themes"' in section
    assert t("web-summary-keywords-of", "fr") not in section


async def test_without_themes_each_sides_keywords_stay(
    room: Room, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No vectors (the encoder failed): no themes, and each side's words are shown."""

    async def no_vectors(*_: object) -> None:
        raise RuntimeError("no encoder")

    monkeypatch.setattr(embeddings, "vectors_of", no_vectors)
    await room.sign_in()
    await _themed_debate(room)
    d = room.seeded.home_discussion
    section = _section(await room.html(f"/discussions/{d}"))
    a = (await room.context.summaries.get(HOME, d)).analysis
    assert a.themes is None
    assert any(a.keywords_of(option) for option in a.options)
    assert t("web-summary-keywords-of", "fr") in section
