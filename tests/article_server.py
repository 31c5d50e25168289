"""A small news site on 127.0.0.1 for ``/question import url:`` tests.

``ArticleSite`` runs an aiohttp server on its own event loop in a daemon thread
(as ``tests/faults_proxy.py`` does): nothing it does is the bot's work, so
SimCord's settlement never waits on it, and it keeps serving while the test's loop
is busy. ``hits`` counts the requests each path received.

Pages (``site.url(path)``):

* ``/article``: an article as a web page, its « Et vous ? » section as a list;
* ``/article-latin9``: the same in ISO-8859-15 (its « œ » is « ½ » in Windows-1252),
  declared only by its ``<meta>``;
* ``/seed``: ``text`` given to the site (the shared seed article), as plain text;
* ``/page/{name}``: ``pages[name]`` given to the site, ``(body, content type)``, as is;
* ``/hop/{n}``: a redirect to ``/hop/{n-1}``, and ``/hop/0`` to ``/article``;
* ``/away?to=…``: a redirect to any address;
* ``/huge``: an endless page, sent in 64 KiB chunks until the client leaves;
* ``/bomb``: 20 MB of page gzipped into a few kilobytes (its length is the small one);
* ``/said-huge``: a page whose headers announce 5 MB, then send nothing more;
* ``/slow``: headers, then nothing: the body waits for an event that never comes;
* ``/cut``: a page that announces 1,000 bytes and hangs up after 10;
* ``/paper.pdf``: a PDF; ``/gone``: a 404.
"""

from __future__ import annotations

import asyncio
import gzip
import threading
from collections import Counter
from typing import Any

from aiohttp import web

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="{charset}">
<title>Le doublage à l’heure des voix de synthèse</title>
<style>p {{ margin: 0 }}</style>
</head>
<body>
<nav><a href="/">Accueil</a> | <a href="/tech">Tech</a></nav>
<article>
<h1>Le doublage à l’heure des voix de synthèse</h1>
<p>Un studio lyonnais propose de doubler une série entière avec des voix générées,
au grand dam des comédiens, qui réclament un droit de regard sur leur timbre.</p>
<h2>Et vous&nbsp;?</h2>
<ul>
<li>Faut-il interdire le doublage par des voix de synthèse&nbsp;?</li>
<li>Quelle place laisser aux comédiens dans une œuvre doublée par l’IA&nbsp;?</li>
</ul>
<p>Voir aussi&nbsp;: <a href="/autre">un autre article</a></p>
</article>
</body>
</html>
"""
ARTICLE_QUESTIONS = {
    "Faut-il interdire le doublage par des voix de synthèse\u00a0?",
    "Quelle place laisser aux comédiens dans une œuvre doublée par l’IA\u00a0?",
}
STORED_QUESTIONS = {q.replace("\u00a0?", "\u202f?") for q in ARTICLE_QUESTIONS}
"""As the bank stores them: French questions set with U+202F before « ? »."""
CHUNK = b"<p>Du texte, encore du texte, toujours du texte.</p>\n" * 1260  # ~64 KiB


class ArticleSite:
    def __init__(
        self, *, text: str | None = None, pages: dict[str, tuple[bytes, str]] | None = None
    ) -> None:
        self.text = text
        self.pages = pages or {}
        self.hits: Counter[str] = Counter()
        self.sent: Counter[str] = Counter()
        """Bytes of body each path sent."""
        self.host = "127.0.0.1"
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self._never: asyncio.Event | None = None

    def url(self, path: str, *, scheme: str = "http") -> str:
        return f"{scheme}://{self.host}:{self.port}{path}"

    # ------------------------------------------------------------- control (any thread)

    def start(self) -> ArticleSite:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(10)
        return self

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def __enter__(self) -> ArticleSite:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # ------------------------------------------------------------- the site (its loop)

    async def _listen(self) -> None:
        self._never = asyncio.Event()
        app = web.Application()
        app.router.add_get("/article", self._article)
        app.router.add_get("/article-latin9", self._article_latin9)
        app.router.add_get("/seed", self._seed)
        app.router.add_get("/page/{name}", self._page)
        app.router.add_get("/hop/{n}", self._hop)
        app.router.add_get("/away", self._away)
        app.router.add_get("/huge", self._huge)
        app.router.add_get("/bomb", self._bomb)
        app.router.add_get("/said-huge", self._said_huge)
        app.router.add_get("/slow", self._slow)
        app.router.add_get("/cut", self._cut)
        app.router.add_get("/paper.pdf", self._pdf)
        app.router.add_get("/gone", self._gone)
        self._runner = web.AppRunner(
            app, access_log=None, shutdown_timeout=0.1, handler_cancellation=True
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    def _hit(self, request: web.Request) -> None:
        self.hits[request.path] += 1

    async def _article(self, request: web.Request) -> web.Response:
        self._hit(request)
        return web.Response(
            text=ARTICLE_HTML.format(charset="utf-8"), content_type="text/html", charset="utf-8"
        )

    async def _article_latin9(self, request: web.Request) -> web.Response:
        self._hit(request)
        page = ARTICLE_HTML.format(charset="iso-8859-15").replace("’", "'")
        return web.Response(body=page.encode("iso-8859-15"), content_type="text/html")

    async def _seed(self, request: web.Request) -> web.Response:
        self._hit(request)
        return web.Response(text=self.text or "", content_type="text/plain", charset="utf-8")

    async def _page(self, request: web.Request) -> web.Response:
        self._hit(request)
        body, content_type = self.pages[request.match_info["name"]]
        return web.Response(body=body, headers={"Content-Type": content_type})

    async def _hop(self, request: web.Request) -> web.Response:
        self._hit(request)
        n = int(request.match_info["n"])
        raise web.HTTPFound(f"/hop/{n - 1}" if n > 0 else "/article")

    async def _away(self, request: web.Request) -> web.Response:
        self._hit(request)
        raise web.HTTPFound(request.query["to"])

    async def _huge(self, request: web.Request) -> web.StreamResponse:
        self._hit(request)
        response = web.StreamResponse(headers={"Content-Type": "text/html; charset=utf-8"})
        await response.prepare(request)
        try:
            while True:  # until the client hangs up
                await response.write(CHUNK)
                self.sent[request.path] += len(CHUNK)
        except (ConnectionError, RuntimeError):
            pass
        return response

    async def _bomb(self, request: web.Request) -> web.Response:
        self._hit(request)
        body = gzip.compress(b"<p>" + b"a" * 20_000_000 + b"</p>")
        headers = {"Content-Encoding": "gzip", "Content-Type": "text/html; charset=utf-8"}
        return web.Response(body=body, headers=headers)

    async def _said_huge(self, request: web.Request) -> web.StreamResponse:
        self._hit(request)
        response = web.StreamResponse(
            headers={"Content-Type": "text/html; charset=utf-8", "Content-Length": "5000000"}
        )
        await response.prepare(request)
        assert self._never is not None
        await self._never.wait()
        return response

    async def _slow(self, request: web.Request) -> web.StreamResponse:
        self._hit(request)
        response = web.StreamResponse(headers={"Content-Type": "text/html; charset=utf-8"})
        await response.prepare(request)
        await response.write(b"<html><body><p>Le d\xc3\xa9but")
        assert self._never is not None
        await self._never.wait()  # never set: the rest never comes
        return response

    async def _cut(self, request: web.Request) -> web.StreamResponse:
        self._hit(request)
        response = web.StreamResponse(
            headers={"Content-Type": "text/html; charset=utf-8", "Content-Length": "1000"}
        )
        await response.prepare(request)
        await response.write(b"<p>Et vous")
        assert request.transport is not None
        request.transport.close()
        return response

    async def _pdf(self, request: web.Request) -> web.Response:
        self._hit(request)
        return web.Response(body=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", content_type="application/pdf")

    async def _gone(self, request: web.Request) -> web.Response:
        self._hit(request)
        raise web.HTTPNotFound(text="Page introuvable")
