"""Text the bot echoes is inert wherever it is echoed.

Hostile members write replies (and a display name) holding every trick of
issue 12: a second masked link, a reply ending in ``](https://…) (`` that
would take over a link the bot wraps around it, a bare link, markdown,
headings, subtext, a quote, a list, a spoiler, a code fence, a mention, a
bidi override and zero-width characters; a careless moderator adds such a
question. Then every echo path runs: the question post, its buttons and
thread, the stance answer, the form post, ``/answers list``,
``/question list``, ``/mydata show``, the voting card, and ``/summary``
(arguments, opinion groups, consensus, divisive replies). Every request the
bot sent to Discord is then read: nothing of the hostile text may be active.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from bot import custom_ids
from bot.discord_text import safe
from db.models import Discussion
from tests.harness import world
from tests.inert_check import INVISIBLE, MARKERS, active_parts

EVIL = "https://evil.example/login"
STATEMENTS = [
    f"Oui, les studios doivent payer les acteurs. [connectez-vous ici]({EVIL}) puis "
    f"[encore ici]({EVIL}) ](https://evil.example/login) (",
    "Oui, un film généré doit être signalé.\n# Titre piégé\n-# sous-texte piégé\n"
    "> citation piégée\n1. liste piégée\n- puce piégée",
    "Non, laissons le marché décider. ||spoiler piégé|| **gras piégé** __souligné__ "
    "~~barré~~ `code piégé`\n```\nbloc piégé\n```",
    "Non, les festivals doivent accepter l'IA. @everyone <@123> https://bare.example/page "
    "\u202eesrever piégé\u200b\u2066caché\u2069",
    "Tout le monde est d'accord : il faut en parler ](https://evil.example/login) (",
]
HOSTILE_NAME = f"[chef]({EVIL}) \u202eeman"
HOSTILE_QUESTION = f"# Faut-il [voter ici]({EVIL}) ||vite|| \u202e ?"
HOSTILE_OPTIONS = f"Oui [lien]({EVIL})|Non **gras piégé** `code`"


def _texts(request: Any) -> Iterator[tuple[str, bool]]:
    """Every text a request carries, and whether Discord renders markdown in it."""
    body = request.json if isinstance(request.json, dict) else {}
    data = body.get("data") if isinstance(body.get("data"), dict) else body
    for container in (data, data.get("message") or {}):
        if not isinstance(container, dict):
            continue
        yield container.get("content") or "", True
        yield container.get("name") or "", False  # a thread's name
        for embed in container.get("embeds") or []:
            yield embed.get("title") or "", False
            yield embed.get("description") or "", True
            yield (embed.get("author") or {}).get("name") or "", False
            yield (embed.get("footer") or {}).get("text") or "", False
            for field in embed.get("fields") or []:
                yield field["name"], True
                yield field["value"], True
        for row in container.get("components") or []:
            for component in row.get("components") or []:
                yield component.get("label") or "", False
                for option in component.get("options") or []:
                    yield option.get("label") or "", False


def test_the_checker_sees_what_raw_text_would_do() -> None:
    for text in [*STATEMENTS, HOSTILE_NAME, HOSTILE_QUESTION]:
        assert active_parts(text, markdown=True), text
        assert active_parts(safe(text, 4000), markdown=True) == [], safe(text, 4000)


async def test_every_echo_path_is_inert(sqlite_url: str) -> None:
    async with world(sqlite_url, members=8) as w:
        hostile = w.guild.add_member(w.env.create_user("hostile", global_name=HOSTILE_NAME))
        added = await w.mod.slash(
            w.forum, "question add", text=HOSTILE_QUESTION, options=HOSTILE_OPTIONS
        )
        question_id = int(re.search(r"#(\d+)", added.response.content).group(1))
        thread, discussion = await w.post(id=question_id)
        post = w.post_message(discussion)

        statements = [await hostile.send(thread, text) for text in STATEMENTS[:4]]
        shown = await hostile.click(post, custom_id=custom_ids.reply(discussion.id))
        field = shown.modal["components"][0]["components"][0]["custom_id"]
        await hostile.submit_modal(shown, {field: STATEMENTS[4]})
        await w.settle()
        statements.append(thread.last_message)  # the bot's post of the form reply
        assert "evil.example" in statements[-1].content
        for i, member in enumerate(w.members):
            camp = i < 4
            for j, message in enumerate(statements[:4]):
                agrees = camp if j < 2 else not camp
                await member.react(message, "👍" if agrees else "👎")
            await member.react(statements[4], "👍")
            await member.click(post, custom_id=custom_ids.stance(discussion.id, 0 if camp else 1))
        await w.settle()

        summary = await w.members[0].slash(thread, "summary show")
        groups = next(e for e in summary.response.embeds if e.title == "Opinion groups")
        names = {f.name for f in groups.fields}
        assert {"Group A (4 members)", "Group B (4 members)"} <= names
        assert {"What brings people together", "What divides"} & names, names
        await w.mod.slash(w.forum, "answers list")
        await w.mod.slash(w.forum, "question list")
        await hostile.slash(thread, "mydata show")
        await w.members[0].click(post, custom_id=custom_ids.card(discussion.id))
        await w.settle()

        echoed = 0
        for request in w.env.http_requests:
            for text, markdown in _texts(request):
                assert active_parts(text, markdown) == [], (request.method, request.path, text)
                echoed += any(m in text for m in MARKERS)
        assert echoed >= 10  # the paths above really echoed the hostile text
        (row,) = [d for d in await w.rows(Discussion) if d.id == discussion.id]
        assert not any(c in thread.name for c in INVISIBLE)
        # stored as written, with French spacing (its words are French): nothing cleaned
        assert row.question_text == HOSTILE_QUESTION.strip().replace(" ?", "\u202f?")
        assert not w.env.errors
