"""A theme's stance mix in the web room counts its replies without a firm stance too, so
that its numbers add up to the theme's size."""

from __future__ import annotations

import pytest

from bot.i18n import t
from tests.web.conftest import HOME, Room
from tests.web.test_themes import _section, _theme_blocks, _themed_debate


@pytest.fixture
async def signed(room: Room) -> Room:
    await room.sign_in()
    return room


async def test_each_themes_mix_adds_up_to_its_size(signed: Room) -> None:
    await _themed_debate(signed)
    d = signed.seeded.home_discussion
    blocks = _theme_blocks(_section(await signed.html(f"/discussions/{d}")))
    summary = await signed.context.summaries.get(HOME, d)
    themes = summary.analysis.themes
    assert themes is not None and len(blocks) == len(themes.themes)
    assert any(theme.unclear for theme in themes.themes), "the case at stake"
    for theme, block in zip(themes.themes, blocks, strict=True):
        line = block.split('<p class="muted">')[1].split("</p>")[0]
        unclear = t("web-theme-unclear", "fr", n=theme.unclear)
        if theme.unclear:
            assert line.endswith(f" · {unclear}"), line
        else:
            assert "position nette" not in line
        assert sum(theme.stances.values()) + theme.unclear == theme.size
