"""What ``/mydata show`` lists, as a member reads it: her stances and replies named by
the discussion they belong to, « n° » in French as everywhere else the bot names one."""

from __future__ import annotations

from bot import custom_ids
from tests.harness import world


async def test_her_stances_and_replies_are_named_by_their_discussion(sqlite_url: str) -> None:
    async with world(sqlite_url, members=0) as w:
        zoe = w.add_member("zoé", locale="fr")
        thread, discussion = await w.post()
        reply = await zoe.send(thread, "Mon avis sur la question.")
        await zoe.click(w.post_message(discussion), custom_id=custom_ids.stance(discussion.id, 1))
        await w.settle()

        shown = await zoe.slash(w.text, "mydata show")
        fields = {f.name: f.value for f in shown.response.embeds[0].fields}
        [stance] = fields["Vos positions"].splitlines()
        assert stance.startswith(f"n°\u00a0{discussion.id} Envisagez-vous"), stance
        [line] = fields["Vos dernières réponses"].splitlines()
        link = f"https://discord.com/channels/{w.guild.id}/{thread.id}/{reply.id}"
        assert line == f"[n°\u00a0{discussion.id}]({link}) Mon avis sur la question.", line
        assert f"#{reply.id}" not in line  # a message's id means nothing to her

        english = await w.add_member("zoe", locale="en-GB").slash(w.text, "mydata show")
        assert not english.response.embeds[0].fields  # nothing of hers: nothing listed
