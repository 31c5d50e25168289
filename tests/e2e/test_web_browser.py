"""The web room in a real browser (headless Chromium), on the real bot running on SimCord.

A moderator types ``/review``, opens the link and presses its button, reads the summary and its
charts, searches, filters, opens an edit history, erases a reply (gone from
the database), publishes the report and reads it signed out; another
server's page is refused. Hostile text never runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import discord

from bot import custom_ids
from db.models import Reply
from tests.e2e.browser import IN_BROWSER_LOOP, screenshot_dir, sign_in
from tests.e2e.test_review_login import link_of, web_room
from tests.harness import world

pytestmark = IN_BROWSER_LOOP

DEBATE = [
    ("Oui, l'IA va générer des films entiers, c'est inévitable et ça ouvre la création à tous.", 0),
    ("Non, un film sans acteurs humains n'a aucune âme, je refuse ce futur.", 1),
    ("Je pense que oui, les outils progressent très vite, l'éthique suivra.", 0),
    ("Non jamais, le public veut des vrais acteurs et des vraies émotions.", 1),
    ("Ça dépend : pour les effets spéciaux oui, pour les acteurs non.", 2),
]
HOSTILE = [
    "<script>window.__pwned = 1; document.title = 'pwned'</script>",
    "<img src=x onerror=\"window.__pwned = 2; document.title = 'pwned'\">",
    "**gras** _italique_ [un lien](javascript:window.__pwned=3) `code` # titre",
    "\u202eمرحبا، هذا نص من اليمين إلى اليسار\u202c et du français",
]


async def _debate(w: Any, members: list[Any]) -> tuple[Any, Any, list[Any]]:
    thread, discussion = await w.post()
    post = w.post_message(discussion)
    sent = []
    for member, (text, option) in zip(members, DEBATE, strict=False):
        sent.append(await member.send(thread, text))
        await member.click(post, custom_id=custom_ids.stance(discussion.id, option))
    await members[2].edit(
        sent[2], "Je pense que oui, les outils progressent vite ; l'éthique suivra."
    )
    for voter in members:
        for message in sent:
            if message.author.id != voter.id:
                await voter.react(message, "👍" if (voter.id + message.id) % 3 else "👎")
    await w.settle()
    return thread, discussion, sent


async def _foreign_discussion(w: Any) -> int:
    """A discussion in a second server, posted by its own moderator."""
    from db.models import Discussion

    guild = w.env.create_guild("Autre serveur")
    forum = guild.create_forum_channel("debats")
    staff = guild.create_role(
        "staff", permissions=discord.Permissions(manage_guild=True, manage_messages=True)
    )
    mod = guild.add_member(w.env.create_user("autre-modo"), roles=[staff])
    await mod.slash(forum, "setup", channel=forum)
    await mod.slash(forum, "question post")
    await w.settle()
    [found] = [d for d in await w.rows(Discussion) if d.guild_id == guild.id]
    return int(found.id)


async def test_a_moderator_reviews_a_discussion_in_chromium(
    database_url: str, tmp_path: Path, browser: Any
) -> None:
    shots = screenshot_dir(tmp_path)
    async with world(database_url, members=5, attach=web_room) as w:
        thread, discussion, sent = await _debate(w, w.members)
        foreign = await _foreign_discussion(w)
        server = w.bot.attached[0]
        base = f"http://127.0.0.1:{server.port}"
        path = link_of((await w.mod.slash(w.forum, "review")).response.content)
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        page = await context.new_page()
        # The link opens a page with a button; only pressing it uses the link up.
        await page.goto(base + path)
        assert page.url == base + path
        assert await page.title() == "Connexion à la salle d’examen · Et vous\u202f?"
        assert await page.locator('meta[name="robots"]').get_attribute("content") == (
            "noindex, nofollow"
        )
        await page.screenshot(path=str(shots / "web-login.png"), full_page=True)
        await page.goto(base + path)  # opened again (a prefetch, a scanner, a reload)
        await page.click("text=Se connecter")
        assert page.url == f"{base}/discussions"
        await page.screenshot(path=str(shots / "web-discussions.png"), full_page=True)
        await page.click(f'a[href="/discussions/{discussion.id}"]')
        assert page.url == f"{base}/discussions/{discussion.id}"
        # the click returns once the page starts loading: its charts come after
        await page.wait_for_load_state("load")

        # The summary and its charts, drawn by the browser.
        summary = page.locator("#summary")
        assert await summary.locator("h2").inner_text() == "Résumé"
        counts = await summary.locator("table.stances tbody tr").all_inner_texts()
        assert [row.split("\t")[0] for row in counts] == ["Oui", "Non", "Nuancé"]
        charts = summary.locator(".charts img")
        assert await charts.count() >= 1
        for index in range(await charts.count()):
            width = await charts.nth(index).evaluate("img => img.complete && img.naturalWidth")
            assert width and width > 100
        quotes = await summary.locator("blockquote .quote").all_inner_texts()
        assert any(text in quote for quote in quotes for text, _ in DEBATE)
        themes = summary.locator("#themes")  # too few replies for themes: the sentence says so
        assert await themes.is_visible()
        assert await themes.locator("h3").inner_text() == "Thèmes"
        assert "Pas encore de thèmes nets." in await themes.inner_text()
        await page.screenshot(path=str(shots / "web-discussion.png"), full_page=True)

        # Search: every word, accents and case ignored.
        await page.goto(f"{base}/discussions/{discussion.id}/replies")
        await page.fill('input[name="q"]', "ETHIQUE")
        await page.click('form[role="search"] button[type="submit"]')
        texts = await page.locator("article.reply > .reply-text").all_inner_texts()
        assert texts == ["Je pense que oui, les outils progressent vite ; l'éthique suivra."]

        # Filter: the replies of members who declared "Non".
        await page.fill('input[name="q"]', "")
        await page.select_option('select[name="option"]', "1")
        await page.click('form[role="search"] button[type="submit"]')
        texts = await page.locator("article.reply > .reply-text").all_inner_texts()
        assert sorted(texts) == sorted([DEBATE[1][0], DEBATE[3][0]])

        # An edit history, folded until opened.
        await page.goto(f"{base}/discussions/{discussion.id}/replies?q=outils")
        history = page.locator("details.history").first
        earlier = history.locator("ol .reply-text").first
        assert not await earlier.is_visible()
        await history.locator("summary").click()
        assert await earlier.is_visible()
        assert await earlier.inner_text() == DEBATE[2][0]
        await page.screenshot(path=str(shots / "web-replies.png"), full_page=True)

        # Erase a reply's text: a confirmation, then gone from the database.
        target = sent[1]
        await page.goto(f"{base}/discussions/{discussion.id}/replies")
        await page.click(f'#r{target.id} a[href$="/erase"]')
        assert "/erase" in page.url
        await page.click("button.danger")
        assert page.url.endswith(f"/discussions/{discussion.id}/replies?erased={target.id}")
        assert DEBATE[1][0] not in await page.content()
        [row] = await w.rows(Reply, Reply.id == target.id)
        assert row.deleted and row.text == "" and row.author_name == ""

        # Publish the report, read it signed out.
        await page.goto(f"{base}/discussions/{discussion.id}")
        await page.click('form[action$="/report"] button')
        report_link = page.locator('a[href^="/r/"]').first
        report_path = await report_link.get_attribute("href")
        assert report_path and len(report_path) > 20
        stranger = await browser.new_context(viewport={"width": 390, "height": 844})
        public = await stranger.new_page()
        response = await public.goto(base + report_path)
        assert response is not None and response.status == 200
        shown = await public.content()
        assert discussion.question_text.split(" ?")[0][:40] in shown
        for member in w.members:
            assert member.name not in shown  # no names unless the server opted in
        assert await public.locator("#summary h2").inner_text() == "Résumé"
        report_chart = public.locator(".charts img").first
        assert await report_chart.evaluate("img => img.complete && img.naturalWidth") > 100
        await public.screenshot(path=str(shots / "web-report-phone.png"), full_page=True)
        denied = await public.goto(f"{base}/discussions/{discussion.id}")
        assert denied is not None and denied.status == 403
        await stranger.close()

        # Another server's discussion answers like one that does not exist.
        foreign_page = await page.goto(f"{base}/discussions/{foreign}")
        unknown_page = await page.goto(f"{base}/discussions/{foreign + 10_000}")
        assert foreign_page is not None and unknown_page is not None
        assert foreign_page.status == unknown_page.status == 404
        await context.close()
        assert thread is not None


async def test_hostile_text_is_shown_and_never_runs(
    sqlite_url: str, tmp_path: Path, browser: Any
) -> None:
    async with world(sqlite_url, members=4, attach=web_room) as w:
        thread, discussion = await w.post()
        for member, text in zip(w.members, HOSTILE, strict=True):
            await member.send(thread, text)
        await w.settle()
        base = f"http://127.0.0.1:{w.bot.attached[0].port}"
        path = link_of((await w.mod.slash(w.forum, "review")).response.content)
        # Without the Content-Security-Policy too: escaping alone must hold.
        for bypass_csp in (False, True):
            context = await browser.new_context(bypass_csp=bypass_csp)
            page = await context.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d, seen=dialogs: seen.append(d.message))
            await sign_in(page, base + (path if not bypass_csp else await _new_link(w)))
            await page.goto(f"{base}/discussions/{discussion.id}/replies")
            assert await page.title() != "pwned"
            assert await page.evaluate("window.__pwned === undefined")
            assert await page.locator("img[src=x]").count() == 0
            assert await page.locator("article script").count() == 0
            texts = await page.locator("article.reply > .reply-text").all_inner_texts()
            assert sorted(texts) == sorted(t.strip() for t in HOSTILE)
            await page.click("text=[un lien](javascript:window.__pwned=3)")
            assert await page.evaluate("window.__pwned === undefined")
            rtl = page.locator("article.reply > .reply-text", has_text="مرحبا")
            assert await rtl.get_attribute("dir") == "auto"
            assert not dialogs
            await context.close()


async def _new_link(w: Any) -> str:
    return link_of((await w.mod.slash(w.forum, "review")).response.content)
