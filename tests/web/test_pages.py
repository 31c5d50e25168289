"""Every page of the review room over HTTP: what it shows, its filters, its refusals,
and that another server's ids answer exactly like ids that do not exist."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

import markupsafe
import pytest
from sqlalchemy import select

from db.models import AuditEntry, Reply, ReplyRevision, Stance, Vote
from db.repositories import reports
from tests.web.conftest import (
    ALICE,
    BRUNO,
    DAVID,
    EMMA,
    HOME,
    HOSTILE,
    NOW,
    OTHER,
    Room,
    _reply,
    snowflake,
)
from tests.web.test_odd_input import refused


def reply_ids(page: str) -> list[int]:
    return [int(m) for m in re.findall(r'<article class="reply[^"]*" id="r(\d+)"', page)]


@pytest.fixture
async def signed(room: Room) -> Room:
    await room.sign_in()
    return room


async def test_discussions_list_shows_figures_and_share(signed: Room) -> None:
    page = await signed.html("/discussions")
    assert "L&#39;IA va-t-elle remplacer les scénaristes ?" in page
    assert "ouverte" in page
    # 4 live replies (one deleted, EMMA's left out: she opted out, and the summary reads her
    # as absent too), 4 people who wrote; the stances of ALICE and BRUNO are among them.
    row = page.split(f'href="/discussions/{signed.seeded.home_discussion}"')[1].split("</tr>")[0]
    cells = re.findall(r'<td class="num"[^>]*>([^<]*)</td>', row)
    assert cells[:2] == ["4", "4"]
    one = await signed.html(f"/discussions/{signed.seeded.home_discussion}")
    assert "4 participants, 4 réponses" in one
    assert cells[2].endswith("%")  # of the members seen taking part in the server
    assert "les 4 membres qui ont déjà participé" in page  # not EMMA
    assert "Question secrète" not in page
    heads = re.findall(r'<th scope="col" class="num">([^<]*)</th>', page)
    assert heads[:2] == ["Participants", "Réponses"]  # in the order every count is said


async def test_an_opted_out_member_who_voted_and_chose_is_not_among_the_members_either(
    signed: Room,
) -> None:
    """Without Discord's count, the shares are of the members seen taking part: one who
    opted out is not among them, whatever she did (wrote, voted, declared a stance)."""
    home, voted = signed.seeded.home_discussion, signed.seeded.replies["plain"]
    async with signed.app.sessions.begin() as session:
        session.add_all(
            [
                Stance(discussion_id=home, user_id=EMMA, guild_id=HOME, option=1, at=NOW),
                Vote(
                    reply_id=voted,
                    voter_id=EMMA,
                    discussion_id=home,
                    guild_id=HOME,
                    value=-1,
                    at=NOW,
                ),
            ]
        )
    page = await signed.html("/discussions")
    assert "les 4 membres qui ont déjà participé" in page


async def test_discussions_keyset_pagination(signed: Room) -> None:
    from tests.web.conftest import _discussion

    async with signed.app.sessions.begin() as session:
        for n in range(25):
            await _discussion(session, HOME, f"Question numéro {n}", 10_000 + n)
    first = await signed.html("/discussions")
    older = re.search(r'href="/discussions\?before=(\d+)"', first)
    assert older is not None
    second = await signed.html(f"/discussions?before={older.group(1)}")
    first_ids = set(re.findall(r'<td data-label="#"[^>]*>(\d+)</td>', first))
    second_ids = set(re.findall(r'<td data-label="#"[^>]*>(\d+)</td>', second))
    assert len(first_ids) == 20 and len(second_ids) == 6
    assert not first_ids & second_ids
    await signed.html("/discussions?before=abc", status=400)


async def test_a_discussion_shows_replies_history_votes_stances_tombstones(signed: Room) -> None:
    d = signed.seeded.home_discussion
    page = await signed.html(f"/discussions/{d}")
    r = signed.seeded.replies
    assert reply_ids(page) == sorted(r.values(), reverse=True)
    ethique = page.split(f'id="r{r["ethique"]}"')[1].split("</article>")[0]
    assert "Je pense que l&#39;Éthique compte avant tout." in ethique
    assert "<details" in ethique and "1 version antérieure" in ethique
    assert "Première version : l&#39;éthique d&#39;abord." in ethique
    assert "1 d’accord · 1 pas d’accord · 0 passe" in ethique
    assert 'déclare\u00a0: <span dir="auto">Oui</span>' in ethique
    assert f"/members/{ALICE}" in ethique
    assert f"https://discord.com/channels/{HOME}/" in ethique
    tombstone = page.split(f'id="r{r["deleted"]}"')[1].split("</article>")[0]
    assert "Réponse supprimée" in tombstone and "Effacer" not in tombstone
    assert 'class="reply tombstone"' in page


async def test_reply_text_is_escaped(signed: Room) -> None:
    page = await signed.html(f"/discussions/{signed.seeded.home_discussion}")
    assert HOSTILE not in page
    assert str(markupsafe.escape(HOSTILE)) in page
    assert "<script" not in page and "<img src=x" not in page and 'onerror="' not in page
    assert "**gras**" in page  # markdown shown as typed, not rendered
    assert 'dir="auto">\u202eمرحبا' in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "ethique"}, ["ethique"]),  # accents and case folded
        ({"q": "ÉTHIQUE compte"}, ["ethique"]),  # every word must occur
        ({"q": "E\u0301THIQUE"}, ["ethique"]),  # an accent typed decomposed (E + U+0301)
        ({"q": "éthique doubleurs"}, []),
        ({"q": '"vont souffrir"'}, ["plain"]),  # a phrase
        ({"q": "السينما"}, ["rtl"]),
        ({"q": "première"}, []),  # earlier versions are not searched
        ({"option": "0"}, ["ethique"]),  # declared Oui
        ({"option": "1", "basis": "declared"}, ["hostile"]),
        ({"option": "2"}, []),
        ({"member": str(DAVID)}, ["plain"]),
        ({"votes": "with"}, ["plain", "ethique"]),
        ({"votes": "without"}, ["optout", "rtl", "hostile"]),
        ({"sort": "old"}, ["ethique", "hostile", "deleted", "rtl", "plain", "optout"]),
        ({"sort": "votes"}, ["ethique", "plain", "optout", "rtl", "deleted", "hostile"]),
        (
            {"since": "2026-11-23", "until": "2026-11-23"},
            ["optout", "plain", "rtl", "hostile", "ethique"],
        ),
        ({"since": "2026-11-24"}, []),
        ({"until": "2026-11-22"}, []),
    ],
)
async def test_filters(signed: Room, query: dict[str, str], expected: list[str]) -> None:
    page = await signed.html(
        f"/discussions/{signed.seeded.home_discussion}/replies?{urlencode(query)}"
    )
    names = {v: k for k, v in signed.seeded.replies.items()}
    assert [names[i] for i in reply_ids(page)] == expected


@pytest.mark.parametrize(
    "query",
    [
        {"option": "x"},
        {"member": "bob"},
        {"since": "yesterday"},
        {"since": "2026-11-25", "until": "2026-11-01"},
        {"votes": "maybe"},
        {"sort": "random"},
        {"after": "1.2.3"},
        {"basis": "guessed"},
        {"q": "x" * 201},
    ],
)
async def test_bad_filters_get_a_clear_400(signed: Room, query: dict[str, str]) -> None:
    page = await signed.html(
        f"/discussions/{signed.seeded.home_discussion}/replies?{urlencode(query)}", status=400
    )
    assert "Valeur non valide" in page
    [name] = [k for k in query if k in refused(page)]
    assert name


async def _paged_on(signed: Room, url: str) -> list[int]:
    """The replies of every page from ``url`` on, following its « Suivantes » links."""
    seen: list[int] = []
    while url:
        page = await signed.html(url)
        seen.extend(reply_ids(page))
        found = re.search(r'href="(/discussions/\d+/replies\?[^"]*)">Suivantes', page)
        url = html.unescape(found.group(1)) if found else ""
    return seen


async def test_replies_keyset_pagination_with_every_sort(signed: Room) -> None:
    from tests.web.conftest import _reply, snowflake

    async with signed.app.sessions.begin() as session:
        discussion_id = signed.seeded.home_discussion
        from db.models import Discussion

        d = await session.get(Discussion, discussion_id)
        session.add_all(
            [_reply(d, snowflake(100 + n, 9), BRUNO, "bruno", f"Réponse {n}") for n in range(45)]
        )
    d = signed.seeded.home_discussion
    for sort in ("new", "old", "votes"):
        seen = await _paged_on(signed, f"/discussions/{d}/replies?sort={sort}")
        assert len(seen) == len(set(seen)) == 51, sort
    first = await signed.html(f"/discussions/{d}/replies")
    # the next page is reachable before the 20 replies' links and buttons, and after them
    links = [m.start() for m in re.finditer(r'<nav class="pager"[^>]*>', first)]
    assert len(links) == 2 and links[0] < first.index('id="r') < links[1]
    assert len(await _paged_on(signed, f"/discussions/{d}/replies?q=r%C3%A9ponse")) == 45


async def test_foreign_and_unknown_ids_answer_alike(signed: Room) -> None:
    other_d, other_r = signed.seeded.other_discussion, signed.seeded.other_reply
    home_d = signed.seeded.home_discussion
    pairs = [
        (f"/discussions/{other_d}", "/discussions/999999999"),
        (f"/discussions/{other_d}/replies?q=secr", "/discussions/999999999/replies?q=secr"),
        (
            f"/discussions/{other_d}/replies/{other_r}/erase",
            "/discussions/999999999/replies/999999999/erase",
        ),
        (
            f"/discussions/{home_d}/replies/{other_r}/erase",
            f"/discussions/{home_d}/replies/999999999/erase",
        ),
    ]
    for foreign, unknown in pairs:
        a, b = await signed.client.get(foreign), await signed.client.get(unknown)
        assert a.status == b.status == 404
        assert await a.text() == await b.text()
    more = [  # the charts, the take-down page, the inferred-stance filter
        (f"/discussions/{other_d}/charts/{name}.png", f"/discussions/999999999/charts/{name}.png")
        for name in ("stances", "opinion_map", "stances-dark", "map-dark")
    ] + [
        (f"/discussions/{other_d}/unpublish", "/discussions/999999999/unpublish"),
        (
            f"/discussions/{other_d}/replies?option=0&basis=inferred",
            "/discussions/999999999/replies?option=0&basis=inferred",
        ),
    ]
    for foreign, unknown in more:
        a, b = await signed.client.get(foreign), await signed.client.get(unknown)
        assert a.status == b.status == 404, foreign
        assert await a.text() == await b.text()
    csrf = await signed.csrf()
    for path, form in [
        (f"/discussions/{other_d}/replies/{other_r}/erase", {}),
        (f"/discussions/{home_d}/replies/{other_r}/erase", {}),
        (f"/discussions/{other_d}/report", {"action": "publish"}),
        (f"/discussions/{other_d}/report", {"action": "unpublish"}),
    ]:
        posted = await signed.client.post(path, data={"csrf": csrf, **form}, allow_redirects=False)
        assert posted.status == 404, path
    async with signed.app.sessions() as session:
        kept = await session.get(Reply, other_r)
        assert kept is not None and not kept.deleted
        assert await reports.of_discussion(session, other_d) is None
    foreign_member = await signed.html(f"/members/{ALICE}")
    assert "Réponse secrète du serveur B" not in foreign_member
    assert "Question secrète" not in foreign_member
    for path in ("/discussions/abc", "/discussions/0", "/discussions/99999999999999999999999"):
        await signed.html(path, status=404)


async def test_member_page(signed: Room) -> None:
    page = await signed.html(f"/members/{ALICE}")
    assert "alice" in page
    assert "Je pense que l&#39;Éthique compte avant tout." in page
    assert re.search(r'<div class="stat">1</div>réponse conservée', page)
    assert re.search(r'<div class="stat">1</div>position déclarée', page)
    assert re.search(r'<div class="stat">1</div>vote', page)
    optout = await signed.html(f"/members/{EMMA}")
    assert re.search(r'<div class="stat">oui</div>a refusé l’enregistrement', optout)
    nobody = await signed.html("/members/123456789")
    assert re.search(r'<div class="stat">0</div>réponse conservée', nobody)


async def test_erasing_a_reply_needs_confirmation_and_csrf(signed: Room) -> None:
    d, rid = signed.seeded.home_discussion, signed.seeded.replies["ethique"]
    confirm = await signed.html(f"/discussions/{d}/replies/{rid}/erase")
    assert "Effacer définitivement" in confirm and 'name="csrf"' in confirm
    refused = await signed.client.post(f"/discussions/{d}/replies/{rid}/erase", data={})
    assert refused.status == 403
    assert "formulaire a expiré" in await refused.text()
    forged = await signed.client.post(
        f"/discussions/{d}/replies/{rid}/erase", data={"csrf": "x" * 22}
    )
    assert forged.status == 403
    async with signed.app.sessions() as session:
        assert (await session.get(Reply, rid)).text.startswith("Je pense")

    done = await signed.client.post(
        f"/discussions/{d}/replies/{rid}/erase",
        data={"csrf": await signed.csrf()},
        allow_redirects=False,
    )
    assert done.status == 303
    assert done.headers["Location"] == f"/discussions/{d}/replies?erased={rid}"
    async with signed.app.sessions() as session:
        reply = await session.get(Reply, rid)
        assert reply.deleted and reply.text == "" and reply.author_name == ""
        assert not list(
            await session.scalars(select(ReplyRevision).where(ReplyRevision.reply_id == rid))
        )
        assert not list(await session.scalars(select(Vote).where(Vote.reply_id == rid)))
        [entry] = list(
            await session.scalars(select(AuditEntry).where(AuditEntry.action == "answer_delete"))
        )
        assert (entry.guild_id, entry.target) == (HOME, str(rid))
    page = await signed.html(f"/discussions/{d}/replies?erased={rid}")
    assert "Je pense que l" not in page and "a été effacé" in page
    assert "effacée par la modération" in page.split(f'id="r{rid}"')[1].split("</article>")[0]
    again = await signed.client.post(  # pressed twice: nothing more to erase
        f"/discussions/{d}/replies/{rid}/erase",
        data={"csrf": await signed.csrf()},
        allow_redirects=False,
    )
    assert again.status == 303
    assert again.headers["Location"] == f"/discussions/{d}/replies?erased={rid}"


async def test_cancelling_an_erasure_returns_to_the_reply(signed: Room) -> None:
    from db.models import Discussion

    d, rid = signed.seeded.home_discussion, signed.seeded.replies["ethique"]
    async with signed.app.sessions.begin() as session:
        discussion = await session.get(Discussion, d)
        assert discussion is not None
        session.add_all(  # newer replies push it off the first page
            _reply(discussion, snowflake(100 + n, 9), BRUNO, "bruno", f"Réponse {n}")
            for n in range(25)
        )
    confirm = await signed.html(f"/discussions/{d}/replies/{rid}/erase")
    [cancel] = re.findall(r'<a href="([^"]+)">Annuler</a>', confirm)
    path, _, anchor = html.unescape(cancel).partition("#")
    assert anchor == f"r{rid}"
    assert rid in reply_ids(await signed.html(path))


async def test_audit_log_page(signed: Room) -> None:
    d, rid = signed.seeded.home_discussion, signed.seeded.replies["plain"]
    await signed.client.post(
        f"/discussions/{d}/replies/{rid}/erase", data={"csrf": await signed.csrf()}
    )
    page = await signed.html("/audit")
    assert "texte d’une réponse effacé" in page
    assert str(rid) in page
    async with signed.app.sessions.begin() as session:
        session.add(
            AuditEntry(guild_id=OTHER, actor_id=BRUNO, action="setup", at=signed.clock.now())
        )
    assert "configuration" not in await signed.html("/audit")


async def test_exports_stream_the_cli_format(signed: Room) -> None:
    from bot.services.export import stream

    d = signed.seeded.home_discussion
    csrf = await signed.csrf()
    for fmt in ("jsonl", "csv"):
        response = await signed.client.post(
            "/export", data={"csrf": csrf, "format": fmt, "discussion": str(d)}
        )
        assert response.status == 200
        assert f'filename="etvous-{HOME}-{d}.{fmt}"' in response.headers["Content-Disposition"]
        body = await response.read()
        async with signed.app.sessions() as session:
            expected = "".join([c async for c in stream(session, HOME, d, fmt)]).encode()
        assert body == expected
    whole = await signed.client.post("/export", data={"csrf": csrf, "format": "jsonl"})
    text = (await whole.read()).decode()
    assert "Réponse secrète" not in text and "Texte d'une membre partie" not in text
    foreign = await signed.client.post(
        "/export",
        data={"csrf": csrf, "format": "jsonl", "discussion": str(signed.seeded.other_discussion)},
    )
    assert foreign.status == 404
    bad = await signed.client.post("/export", data={"csrf": csrf, "format": "xml"})
    assert bad.status == 400
    no_csrf = await signed.client.post("/export", data={"format": "csv"})
    assert no_csrf.status == 403
    async with signed.app.sessions() as session:
        exports = list(
            await session.scalars(select(AuditEntry).where(AuditEntry.action == "export"))
        )
    assert len(exports) == 3


async def test_settings_toggle_report_names(signed: Room) -> None:
    page = await signed.html("/settings")
    assert 'name="report_names"' in page and "checked" not in page
    response = await signed.client.post(
        "/settings", data={"csrf": await signed.csrf(), "report_names": "on"}
    )
    assert response.status == 200
    assert "checked" in await signed.html("/settings")
    assert "noms affichés" in await signed.html("/audit")


async def test_security_headers_on_every_answer(signed: Room) -> None:
    for path in (
        "/discussions",
        f"/discussions/{signed.seeded.home_discussion}",
        "/nope",
        "/static/style.css",
    ):
        response = await signed.client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "script-src" not in csp and "default-src 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"
    private = await signed.client.get("/discussions")
    assert private.headers["Cache-Control"] == "no-store"


async def test_pages_speak_the_servers_language(signed: Room) -> None:
    from sqlalchemy import update

    from db.models import Guild

    assert "Se déconnecter" in await signed.html("/discussions")
    async with signed.app.sessions.begin() as session:
        await session.execute(update(Guild).where(Guild.id == HOME).values(language="en"))
    signed.context.room.forget_server(HOME)
    page = await signed.html(f"/discussions/{signed.seeded.home_discussion}")
    assert '<html lang="en">' in page
    assert "Sign out" in page and "Replies" in page and "Se déconnecter" not in page
    assert "1 agrees · 1 disagrees · 0 pass" in page


async def test_member_and_audit_pages_are_paged(signed: Room) -> None:
    from db.models import Discussion

    async with signed.app.sessions.begin() as session:
        d = await session.get(Discussion, signed.seeded.home_discussion)
        session.add_all(
            [_reply(d, snowflake(300 + n, 7), DAVID, "david", f"Message {n}") for n in range(25)]
        )
        session.add_all(
            AuditEntry(guild_id=HOME, actor_id=BRUNO, action="export", at=signed.clock.now())
            for _ in range(55)
        )
    first = await signed.html(f"/members/{DAVID}")
    older = re.search(rf'href="/members/{DAVID}\?before=(\d+)"', first)
    assert older is not None
    second = await signed.html(f"/members/{DAVID}?before={older.group(1)}")
    assert first.count('<article class="reply">') == 20
    assert second.count('<article class="reply">') == 6  # 25 new and the seeded one
    log = await signed.html("/audit")
    assert log.count(">export</td>") == 50
    more = re.search(r'href="/audit\?before=(\d+)"', log)
    assert more is not None
    assert (await signed.html(f"/audit?before={more.group(1)}")).count(">export</td>") == 5
    assert "bruno" in log  # the name the actor last wrote under


async def test_share_of_members_uses_discords_count_when_the_bot_knows_it(room: Room) -> None:
    from bot.services.review import ReviewRoom

    async def forty(guild: int) -> int | None:
        return 40 if guild == HOME else None

    room.context.room = ReviewRoom(room.app, member_count=forty)
    await room.sign_in()
    page = await room.html("/discussions")
    # Discord counts 40, among them the member who opted out: she is in neither the part
    # nor the whole (the share read 4 of 40)
    assert "les 39 membres du serveur" in page
    row = page.split(f'href="/discussions/{room.seeded.home_discussion}"')[1].split("</tr>")[0]
    assert re.findall(r'<td class="num"[^>]*>([^<]*)</td>', row)[2] == "10\u00a0%"


async def test_a_stored_zone_a_later_tzdata_dropped_shows_times_in_utc(signed: Room) -> None:
    """Every page of the server answered 500 (its time zone could not be read)."""
    from sqlalchemy import update

    from db.models import Guild

    async with signed.app.sessions.begin() as session:
        await session.execute(
            update(Guild).where(Guild.id == HOME).values(timezone="Europe/Atlantis")
        )
    signed.context.room.forget_server(HOME)
    discussion = signed.seeded.home_discussion
    pages = [
        await signed.html("/discussions"),
        await signed.html(f"/discussions/{discussion}"),
        await signed.html(f"/discussions/{discussion}/replies?since=2026-11-01"),
    ]
    for page in pages:
        # Opened at 18:00 UTC, 19:00 in the Paris it had before: shown at 18:00, in UTC.
        stamps = re.findall(r'<time datetime="([^"]+)"', page)
        assert stamps and all(stamp.endswith("+00:00") for stamp in stamps), stamps
    assert '<time datetime="2026-11-23T18:00+00:00">' in pages[1]


async def test_a_question_in_another_language_says_so(signed: Room) -> None:
    from sqlalchemy import update

    from db.models import Discussion

    d = signed.seeded.home_discussion
    async with signed.app.sessions.begin() as session:
        await session.execute(update(Discussion).where(Discussion.id == d).values(language="en"))
    for path in ("/discussions", f"/discussions/{d}", f"/discussions/{d}/replies"):
        page = await signed.html(path)
        assert '<html lang="fr">' in page
        assert re.search(r'dir="auto" lang="en">L&#39;IA va-t-elle', page), path
    async with signed.app.sessions.begin() as session:
        await session.execute(update(Discussion).where(Discussion.id == d).values(language="fr"))
    assert ' lang="' not in (await signed.html(f"/discussions/{d}")).split("<html")[1][20:]


async def test_the_navigation_marks_where_you_are(signed: Room) -> None:
    d = signed.seeded.home_discussion
    for path, section in [
        ("/discussions", "/discussions"),
        (f"/discussions/{d}/replies", "/discussions"),
        ("/audit", "/audit"),
        ("/settings", "/settings"),
    ]:
        nav = (await signed.html(path)).split("<nav")[1].split("</nav>")[0]
        assert re.findall(r'<a href="([^"]+)" aria-current="page">', nav) == [section], path
