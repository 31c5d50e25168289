"""The « Et vous ? » tag a forum lacks, named to French staff with French spacing.

The three messages that ask staff to create the tag took its name from the code's
constant, « Et vous ? » with an ordinary space, so a French server read
« Et vous ? » set wrong (a line could wrap before its « ? ») inside otherwise typeset
sentences; an English server keeps the brand as it is written.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import discord
from simcord.backend.models.channel import Overwrite
from simcord.enums import OverwriteType

from db.models import Slot
from tests.e2e.test_faults import MONDAY_SLOT
from tests.e2e.test_schedule_notice import _notices
from tests.e2e.test_setup_schedule import _require_tags
from tests.harness import world

FRENCH_TAG = "«\u202fEt vous\u202f?\u202f»"


def _no_manage_channels(w: Any, forum: Any) -> None:
    deny = discord.Permissions(manage_channels=True).value
    w.env.backend.set_overwrite(
        forum.id,
        Overwrite(target_id=w.env.backend.bot_user.id, type=OverwriteType.MEMBER, deny=deny),
    )


async def test_french_staff_read_the_tag_to_create_with_french_spacing(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False) as w:
        w.speaks(w.mod, "fr")
        staff = w.guild.create_text_channel("modération")
        await w.setup(cron="0 18 * * 1", language="fr", review_channel=staff)
        _no_manage_channels(w, w.forum)
        _require_tags(w, w.forum, ["Cinéma"])
        await w.settle()

        shown = await w.mod.slash(w.text, "schedule show")
        state = next(f.value for f in shown.response.embeds[0].fields if f.name == "État")
        refused = await w.setup()  # the same forum named again
        w.env.inject_error(  # Discord refuses the post, as it does a forum requiring a tag
            "POST", "/channels/*/threads", status=400, code=40067, message="A tag is required"
        )
        w.clock.set(MONDAY_SLOT + timedelta(seconds=30))
        await w.bot.scheduler.tick()
        await w.settle()
        assert [s.status for s in await w.rows(Slot)] == ["failed"]
        (notice,) = _notices(w, staff)
        for said in (state, refused.response.content, notice["content"]):
            assert FRENCH_TAG in said and "Et vous ?" not in said, said


async def test_english_staff_read_the_tag_as_the_brand_is_written(sqlite_url: str) -> None:
    async with world(sqlite_url, setup=False, locale="en-US") as w:
        await w.setup(language="en")
        _no_manage_channels(w, w.forum)
        _require_tags(w, w.forum, ["Movies"])
        await w.settle()
        shown = await w.mod.slash(w.text, "schedule show")
        state = next(f.value for f in shown.response.embeds[0].fields if f.name == "Status")
        refused = await w.setup()
        for said in (state, refused.response.content):
            assert 'has no "Et vous ?" tag' in said, said
