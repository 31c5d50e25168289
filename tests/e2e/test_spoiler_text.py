"""Bars escaped or in code are text in Discord: the bot's post shows what they hold, as
Discord showed the member's own message, and masks only a spoiler Discord draws."""

from __future__ import annotations

import re

from bot.discord_text import SPOILER_MASK
from tests.harness import world


async def test_the_post_shows_escaped_and_coded_bars_and_masks_a_real_spoiler(
    sqlite_url: str,
) -> None:
    async with world(sqlite_url) as w:
        text = r"Citizen Kane : \||Rosebud\|| ou `||la luge||`, et ||Bob|| : surpris ?"
        added = await w.mod.slash(w.forum, "question add", text=text)
        found = re.search(r"#(\d+)", added.response.content or "")
        assert found is not None, added.response.content
        thread, discussion = await w.post(id=int(found.group(1)))
        post = w.post_message(discussion)
        description = post.embeds[0].description or ""
        assert "Rosebud" in description and "la luge" in description
        assert "Bob" not in description and description.count(SPOILER_MASK) == 1
        assert "Rosebud" in thread.name and "Bob" not in thread.name
        assert not w.env.errors
