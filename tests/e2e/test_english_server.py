"""A server that speaks English: what the bot writes there is English throughout."""

from __future__ import annotations

from bot import custom_ids
from tests.discord_checks import embed_texts
from tests.harness import world


async def test_summary_quotes_members_between_english_quotation_marks(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False, members=2) as w:
        await w.setup(language="en")
        thread, discussion = await w.post()
        alice, bruno = w.members
        await alice.click(w.post_message(discussion), custom_id=custom_ids.stance(discussion.id, 1))
        await alice.send(thread, "No, it will replace many jobs in the film industry.")
        await bruno.send(thread, "Yes, AI tools are getting better every month.")
        await w.settle()
        shown = await w.mod.slash(thread, "summary show", discussion=discussion.id)
        texts = [text for embed in shown.response.embeds for text in embed_texts(embed)]
        quoted = [text for text in texts if "film industry" in text]
        assert quoted and "“No, it will replace many jobs in the film industry.”" in quoted[0]
        assert not any("«" in text or "»" in text for text in texts), texts
