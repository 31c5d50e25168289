"""Themes in the web room: on the discussion's page (with links to Discord) and in the
public report (quotes as in Discord, no names unless the server opted in), escaped;
the "no clear themes yet" sentence for a small discussion."""

from __future__ import annotations

import re

import markupsafe
import pytest

from bot.analysis.embeddings import default_encoder, to_bytes
from bot.i18n import t
from db.models import Discussion, ReplyEmbedding, Stance
from db.repositories.embeddings import text_hash
from tests.e2e.test_themes import THEMES
from tests.web.conftest import ALICE, BRUNO, CHLOE, DAVID, EMMA, HOME, NOW, Room, _reply, snowflake

AUTHORS = ((ALICE, "alice"), (BRUNO, "bruno"), (CHLOE, "chloé"), (DAVID, "david"))
NAMES = ("alice", "bruno", "chloé", "david", "emma")
HOSTILE = "<script>alert('theme')</script><img src=x onerror=alert(2)> "
"""Put before every reply of one theme, so that whichever of its replies is quoted is hostile."""


@pytest.fixture
async def signed(room: Room) -> Room:
    await room.sign_in()
    return room


async def _themed_debate(room: Room) -> None:
    """Eighteen replies on three themes, their vectors stored as the bot stores them.

    The "budget" replies carry hostile markup; their stored vectors are those of the
    clean text, so the themes found do not depend on it.
    """
    clean = [text for group in THEMES.values() for text in group]
    hostile = set(THEMES["budget"])
    matrix = default_encoder().encode(clean)
    async with room.app.sessions.begin() as session:
        d = await session.get(Discussion, room.seeded.home_discussion)
        assert d is not None
        rows = []
        for n, text in enumerate(clean):
            author, name = AUTHORS[n % len(AUTHORS)]
            stored = HOSTILE + text if text in hostile else text
            rows.append(_reply(d, snowflake(300 + n, 9), author, name, stored))
        session.add_all(rows)
        await session.flush()
        session.add_all(
            ReplyEmbedding(
                reply_id=row.id,
                encoder=default_encoder().name,
                text_hash=text_hash(clean[n]),
                vector=to_bytes(matrix[n]),
            )
            for n, row in enumerate(rows)
        )
        session.add_all(
            Stance(discussion_id=d.id, user_id=user, guild_id=HOME, option=option, at=NOW)
            for user, option in ((CHLOE, 2),)
        )


def _section(page: str) -> str:
    return page.split('id="summary"')[1].split("</section>")[0]


def _theme_blocks(section: str) -> list[str]:
    themes = section.split('id="themes"')[1]
    return themes.split('<div class="theme">')[1:]


async def test_the_discussion_page_shows_each_theme_with_its_mix_and_linked_quotes(
    signed: Room,
) -> None:
    await _themed_debate(signed)
    d = signed.seeded.home_discussion
    section = _section(await signed.html(f"/discussions/{d}"))
    summary = await signed.context.summaries.get(HOME, d)
    themes = summary.analysis.themes
    assert themes is not None and themes.status == "themes" and len(themes.themes) >= 2
    assert "<h3>Thèmes</h3>" in section
    assert "Mots-clés" not in section  # the themes take the keyword line's place, as in Discord
    assert t("summary-themes-unclear", "fr") not in section
    blocks = _theme_blocks(section)
    assert len(blocks) == len(themes.themes)
    hostile_quotes = 0
    for theme, block in zip(themes.themes, blocks, strict=True):
        assert f'<h4 dir="auto">{markupsafe.escape(theme.label)}</h4>' in block
        assert t("web-theme-replies", "fr", n=theme.size) in block
        for option, n in theme.stances.items():
            declared = theme.declared.get(option, 0)
            mix = t("web-theme-mix", "fr", n=n, declared=declared, inferred=n - declared)
            assert f'<span dir="auto">{option}</span> {mix}' in block
        assert 1 <= len(theme.quotes) <= 2
        for quote in theme.quotes:
            shown = re.search(
                re.escape(f'<span class="quote" dir="auto">{markupsafe.escape(quote.quote)}</span>')
                + r"(.*?)</blockquote>",
                block,
                re.S,
            )
            assert shown is not None, quote.quote
            assert summary.jump_links[quote.reply_id] in shown.group(1)  # to the message
            hostile_quotes += quote.quote.startswith("<script>")
    assert hostile_quotes >= 1, "a quote of the hostile theme is shown"
    assert "<script" not in section and "<img src=x" not in section
    assert "&lt;script&gt;alert(&#39;theme&#39;)&lt;/script&gt;&lt;img src=x" in section


async def test_the_public_report_shows_the_themes_without_names_unless_opted_in(
    signed: Room,
) -> None:
    await _themed_debate(signed)
    d = signed.seeded.home_discussion
    published = await signed.client.post(
        f"/discussions/{d}/report", data={"csrf": await signed.csrf(), "action": "publish"}
    )
    found = re.search(r'href="(/r/[A-Za-z0-9_-]{20,})"', await published.text())
    assert found is not None
    path = found.group(1)
    summary = await signed.context.summaries.get(HOME, d)
    themes = summary.analysis.themes
    assert themes is not None and len(themes.themes) >= 2

    signed.client.session.cookie_jar.clear()
    page = await signed.html(path)
    section = _section(page)
    blocks = _theme_blocks(section)
    assert len(blocks) == len(themes.themes)
    for theme, block in zip(themes.themes, blocks, strict=True):
        assert str(markupsafe.escape(theme.label)) in block
        for quote in theme.quotes:
            assert (
                f'<span class="quote" dir="auto">{markupsafe.escape(quote.quote)}</span>' in block
            )
    assert "<script" not in page and "<img src=x" not in page
    for name in NAMES:
        assert name not in page
    for member_id in (ALICE, BRUNO, CHLOE, DAVID, EMMA):
        assert str(member_id) not in page
    assert "discord.com/channels" not in page

    await signed.sign_in()
    await signed.client.post("/settings", data={"csrf": await signed.csrf(), "report_names": "on"})
    signed.client.session.cookie_jar.clear()
    named = _theme_blocks(_section(await signed.html(path)))
    quoted = {q.reply_id for theme in themes.themes for q in theme.quotes}
    for reply_id in quoted:
        name = summary.author_names[reply_id]
        assert any(f'— <span dir="auto">{name}</span>' in block for block in named)


async def test_a_small_discussion_says_there_are_no_clear_themes_yet(signed: Room) -> None:
    d = signed.seeded.home_discussion
    summary = await signed.context.summaries.get(HOME, d)
    assert summary.analysis.themes is not None and not summary.analysis.themes.themes
    unclear = t("summary-themes-unclear", "fr")
    staff = _section(await signed.html(f"/discussions/{d}"))
    assert unclear in staff.split('id="themes"')[1]
    assert '<div class="theme">' not in staff
    published = await signed.client.post(
        f"/discussions/{d}/report", data={"csrf": await signed.csrf(), "action": "publish"}
    )
    found = re.search(r'href="(/r/[A-Za-z0-9_-]{20,})"', await published.text())
    assert found is not None
    signed.client.session.cookie_jar.clear()
    public = _section(await signed.html(found.group(1)))
    assert unclear in public.split('id="themes"')[1]
