"""`/question import url:`: a moderator pastes an article's link; the bot fetches it, safely.

A small news site runs on 127.0.0.1 (``tests/article_server.py``). The bot refuses
loopback addresses by default: these tests open them with ``import_allow_loopback``,
except those that check the guard is on by default. Every refusal answers in words
and stores nothing.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator
from typing import Any

import pytest
import simcord

from bot import importer
from bot.discord_text import safe
from bot.i18n import t
from bot.services import article_fetch
from db.models import AuditEntry, Question
from tests.article_server import STORED_QUESTIONS, ArticleSite
from tests.conftest import shared_dir
from tests.harness import World, world
from tests.ports import closed_port

OPEN = {"import_allow_loopback": True}


@pytest.fixture
def site() -> Iterator[ArticleSite]:
    with ArticleSite() as running:
        yield running


async def _import(w: World, url: str, **options: object) -> str:
    result = await w.mod.slash(w.forum, "question import", url=url, **options)
    assert result.ephemeral
    return str(result.response.content)


async def _stored(w: World) -> tuple[list[int], int]:
    """The bank's question ids, and how many audit entries there are."""
    return [q.id for q in await w.rows(Question)], len(await w.rows(AuditEntry))


async def _refused(w: World, url: str) -> str:
    """The answer to an import that must store nothing."""
    before = await _stored(w)
    answer = await _import(w, url)
    assert "imported" not in answer
    assert await _stored(w) == before
    assert not w.env.errors
    return answer


async def test_an_article_page_is_imported_from_its_link(
    sqlite_url: str, site: ArticleSite, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with world(sqlite_url, **OPEN) as w:
        before = {q.text for q in await w.rows(Question)}
        answer = await _import(w, site.url("/article?utm_source=x&token=s3cr3t#et-vous"))
        assert answer.startswith("2 questions imported")
        added = {q.text: q for q in await w.rows(Question) if q.text not in before}
        assert set(added) == STORED_QUESTIONS
        assert {q.source for q in added.values()} == {site.url("/article")}  # no query
        assert site.hits["/article"] == 1
    assert "s3cr3t" not in caplog.text and "utm_source" not in caplog.text
    assert "127.0.0.1" in caplog.text  # the host is logged, and only it


async def test_a_page_is_read_in_the_charset_its_meta_declares(
    sqlite_url: str, site: ArticleSite
) -> None:
    """ISO-8859-15 declared by ``<meta>`` only: its « œ » is not Windows-1252's « ½ »."""
    async with world(sqlite_url, **OPEN) as w:
        before = {q.text for q in await w.rows(Question)}
        answer = await _import(w, site.url("/article-latin9"), category="cinéma")
        assert answer.startswith("2 questions imported")
        added = [q for q in await w.rows(Question) if q.text not in before]
        assert {q.text for q in added} == {q.replace("’", "'") for q in STORED_QUESTIONS}
        assert {q.category for q in added} == {"cinéma"}


async def test_the_seed_article_is_imported_from_a_link(sqlite_url: str) -> None:
    path = shared_dir() / "seed" / "article-ia-cinema.fr.txt"
    if not path.is_file():
        pytest.skip(f"the shared seed article {path} is absent")
    text = path.read_text("utf-8")
    parsed = importer.parse_article(text)
    expected = {importer.typeset_question(q.text, parsed.language) for q in parsed.questions}
    with ArticleSite(text=text) as site:
        async with world(sqlite_url, **OPEN) as w:
            answer = await _import(w, site.url("/seed"))
            assert "imported" in answer
            assert expected <= {q.text for q in await w.rows(Question)}
            assert site.hits["/seed"] == 1


async def test_a_redirect_chain_is_followed(sqlite_url: str, site: ArticleSite) -> None:
    async with world(sqlite_url, **OPEN) as w:
        before = {q.text for q in await w.rows(Question)}
        answer = await _import(w, site.url("/hop/3"))
        assert answer.startswith("2 questions imported")
        assert {q.text for q in await w.rows(Question)} - before == STORED_QUESTIONS
        assert [site.hits[f"/hop/{n}"] for n in (3, 2, 1, 0)] == [1, 1, 1, 1]
        assert site.hits["/article"] == 1


async def test_an_endless_redirect_chain_is_given_up(sqlite_url: str, site: ArticleSite) -> None:
    async with world(sqlite_url, **OPEN) as w:
        answer = await _refused(w, site.url("/hop/50"))
        assert "more than 5 times" in answer
        assert sum(site.hits.values()) == 6  # the link and five redirects


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",  # a cloud's metadata service
        "http://10.0.0.1/admin",
        "http://[::ffff:192.168.1.1]/",
        "http://[fe80::1]/",
        "http://0.0.0.0:{port}/article",  # reaches this machine on Linux
        "file:///etc/passwd",
    ],
)
async def test_a_redirect_to_a_refused_address_is_not_followed(
    sqlite_url: str, site: ArticleSite, target: str
) -> None:
    async with world(sqlite_url, **OPEN) as w:
        to = target.format(port=site.port)
        answer = await _refused(w, site.url(f"/away?to={to}"))
        refused = "private or local address" in answer or "Only http:// and https://" in answer
        assert refused, answer
        assert site.hits["/away"] == 1 and site.hits["/article"] == 0


async def test_a_huge_page_is_refused_once_past_the_limit(
    sqlite_url: str, site: ArticleSite
) -> None:
    async with world(sqlite_url, **OPEN) as w:
        for path in ("/huge", "/bomb", "/said-huge"):  # endless, compressed, announced
            answer = await _refused(w, site.url(path))
            # a page's layout and scripts count: "the article is over 1 MB" misled the
            # moderator whose article is a few paragraphs, and said nothing of what to do
            assert answer == (
                f"The page at {safe('127.0.0.1')} is over 1 MB (its layout and scripts count "
                "too): attach the article's text as a file."
            ), path
        w.speaks(w.mod, "fr")
        assert await _refused(w, site.url("/huge")) == (
            f"La page de {safe('127.0.0.1')} dépasse 1\u00a0Mo (sa mise en page et ses "
            "scripts comptent aussi)\u00a0: joignez le texte de l’article en fichier."
        )


async def test_a_page_that_never_ends_times_out(
    sqlite_url: str, site: ArticleSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site sends its headers and the start of the page, then nothing. SimCord cannot
    tell a socket's wait from a stuck task: the test declares the fetch an external wait,
    so the virtual clock can move past the fetch's deadline (15 s) at once."""
    async with world(sqlite_url, **OPEN) as w:
        fetch = article_fetch.fetch_article

        async def declared(*args: Any, **kwargs: Any) -> article_fetch.FetchedArticle:
            return await w.env.external_wait(fetch(*args, **kwargs), reason="the linked site")

        monkeypatch.setattr(article_fetch, "fetch_article", declared)
        before = await _stored(w)
        result = await w.mod.slash(w.forum, "question import", url=site.url("/slow"))
        assert site.hits["/slow"] == 1
        await w.env.advance_time(article_fetch.FETCH_TIMEOUT - 1)
        assert not result.response.content  # still thinking
        await w.env.advance_time(1)
        await w.settle()
        assert result.response.content == t(
            "error-fetch-timeout", "en", host=safe("127.0.0.1"), seconds=15
        )
        assert await _stored(w) == before


async def test_a_pdf_is_refused(sqlite_url: str, site: ArticleSite) -> None:
    async with world(sqlite_url, **OPEN) as w:
        answer = await _refused(w, site.url("/paper.pdf"))
        assert "neither to a web page nor to text (type application/pdf)" in answer


async def test_a_missing_page_says_so(sqlite_url: str, site: ArticleSite) -> None:
    async with world(sqlite_url, **OPEN) as w:
        answer = await _refused(w, site.url("/gone"))
        assert "has no such page (error 404)" in answer


async def test_tls_connection_and_cut_failures_say_so(sqlite_url: str, site: ArticleSite) -> None:
    # A port nothing listens on, held (bound, not listening) so that no other test's server
    # takes it meanwhile.
    with closed_port() as closed:
        async with world(sqlite_url, **OPEN) as w:
            tls = await _refused(w, site.url("/article", scheme="https"))  # plain HTTP there
            assert tls == t("error-fetch-tls", "en", host=safe("127.0.0.1"))
            unanswered = await _refused(w, f"http://127.0.0.1:{closed}/article")
            assert unanswered == t("error-fetch-connect", "en", host=safe("127.0.0.1"))
            moved = await _refused(w, site.url(f"/away?to=http://localhost:{closed}/article"))
            assert moved == t("error-fetch-connect", "en", host="localhost")  # where it failed
            cut = await _refused(w, site.url("/cut"))
            assert cut == t("error-fetch-broken", "en", host=safe("127.0.0.1"))


async def test_a_name_that_does_not_resolve_says_so(
    sqlite_url: str, site: ArticleSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No DNS query leaves the machine: the system's lookup answers "no such name"."""

    async def no_such_name(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    import aiohttp.resolver

    monkeypatch.setattr(aiohttp.resolver.ThreadedResolver, "resolve", no_such_name)
    async with world(sqlite_url, **OPEN) as w:
        answer = await _refused(w, "https://actualites.example/ia-cinema")
        assert answer == "The site actualites.example cannot be found: check the link."
        # A French site's name is told as she typed it, not as its punycode (xn--…).
        w.speaks(w.mod, "fr")
        answer = await _refused(w, "https://café-débat.example/ia")
        assert answer.startswith("Le site café-débat.example est introuvable"), answer


async def test_loopback_is_refused_by_default(sqlite_url: str, site: ArticleSite) -> None:
    """The setting tests use is off unless set: the bot's own machine is out of reach,
    by its address and by a name that resolves to it."""
    async with world(sqlite_url) as w:
        for url in (
            site.url("/article"),
            f"http://localhost:{site.port}/article",
            f"http://[::ffff:127.0.0.1]:{site.port}/article",
        ):
            answer = await _refused(w, url)
            assert "private or local address" in answer, url
        assert sum(site.hits.values()) == 0


async def test_links_that_are_not_fetched(sqlite_url: str, site: ArticleSite) -> None:
    async with world(sqlite_url, **OPEN) as w:
        assert "Only http:// and https://" in await _refused(w, "ftp://127.0.0.1/article.txt")
        credentials = site.url("/article").replace("://", "://modo:motdepasse@")
        assert "user name or a password" in await _refused(w, credentials)
        too_long = site.url("/article?q=" + "a" * 3000)
        assert "too long (at most 2048 characters)" in await _refused(w, too_long)
        assert "not a valid web address" in await _refused(w, "http://")
        assert sum(site.hits.values()) == 0


async def test_a_file_or_a_link_exactly(sqlite_url: str, site: ArticleSite) -> None:
    async with world(sqlite_url, **OPEN) as w:
        before = await _stored(w)
        both = await w.mod.slash(
            w.forum,
            "question import",
            file=("article.txt", b"Et vous ?\nFaut-il doubler ?\n"),
            url=site.url("/article"),
        )
        assert both.response.content == "Give the article's file or its link, not both."
        neither = await w.mod.slash(w.forum, "question import")
        assert neither.response.content.startswith("Attach the article's file or give its link")
        w.speaks(w.mod, "fr")
        french = await w.mod.slash(w.forum, "question import")
        assert french.response.content.startswith("Joignez le fichier de l’article")
        assert await _stored(w) == before
        assert sum(site.hits.values()) == 0


async def test_a_member_cannot_import_a_link(sqlite_url: str, site: ArticleSite) -> None:
    async with world(sqlite_url, **OPEN) as w:
        member = w.members[0]
        with pytest.raises(simcord.SetupError):  # Discord hides it: default Manage Messages
            await member.slash(w.forum, "question import", url=site.url("/article"))
        [command] = [c for c in await w.bot.tree.fetch_commands() if c.name == "question"]
        w.guild.set_command_permissions(command, {member: True})
        before = await _stored(w)
        refused = await member.slash(w.forum, "question import", url=site.url("/article"))
        assert "moderation team" in refused.response.content
        assert await _stored(w) == before
        assert sum(site.hits.values()) == 0
