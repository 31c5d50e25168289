"""HTML from Jinja2 templates, every value escaped, every word from the Fluent catalogs."""

from __future__ import annotations

import hashlib
from datetime import datetime
from functools import cache, lru_cache
from typing import Any

import jinja2
from aiohttp import web
from markupsafe import Markup, escape

from bot.cron import zone_or_utc
from bot.discord_text import masked, shown_name, spoiler_parts
from bot.discord_timestamps import Stamp, stamps, written
from bot.i18n import has, t

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
"""On every answer. No script may run: the pages need none."""

DATE_FORMATS = {"fr": "%d/%m/%Y %H:%M", "en": "%Y-%m-%d %H:%M"}


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["masked"] = masked  # a member's spoilers, as Discord echoes them (<title>)
    env.filters["masked_html"] = masked_html  # the same in a page, the mask named
    env.filters["spoilers"] = spoilers
    env.globals["arrow"] = arrow
    env.globals["isolated"] = isolated
    env.globals["member_name"] = member_name
    return env


ARROW = Markup('<span class="arrow" aria-hidden="true">{space}{sign}</span>')


def arrow(sign: str = "→", space: str = "\u00a0") -> Markup:
    """An arrow after a link's words (« Suivantes → », « Ouvrir dans Discord ↗ »), or a
    breadcrumb's separator, for the eye only: a screen reader said « flèche droite » in
    the link's name, and the catalogs hold none. The space before it does not break, so
    the arrow never starts a line alone."""
    return ARROW.format(space=space, sign=sign)


SPOILER = Markup(
    '<label class="spoiler" title="{label}">'
    '<input type="checkbox" class="spoiler-toggle" aria-label="{label}" lang="{lang}">'
    '<span class="spoiler-text"><span class="spoiler-words">{text}</span></span></label>'
)
"""A spoiler hidden until clicked, with no script (the pages run none): the checkbox takes
the click, Space and the focus and says to screen readers whether it is shown; its text is
``visibility: hidden`` until then, so neither eyes nor screen readers meet it unasked. The
label is in the page's language, inside a reply marked as written in another."""


@jinja2.pass_context
def spoilers(context: jinja2.runtime.Context, text: str) -> Markup:
    """A member's text for staff, escaped, each spoiler hidden until clicked (never in a
    title, an attribute or a link: :func:`masked` there)."""
    words: Words = context["words"]
    label = words("web-spoiler-show")
    return Markup("").join(
        SPOILER.format(label=label, lang=words.language, text=dated(part, words))
        if hidden
        else dated(part, words)
        for part, hidden in spoiler_parts(text)
    )


MASK = Markup('<span class="masked" role="img" aria-label="{label}" lang="{lang}">{mask}</span>')
"""A masked spoiler in a page: the signs shown, a name a screen reader says instead of
spelling them (« ombre moyenne » three times) or skipping them, in the page's language
inside a quote marked as written in another."""


@jinja2.pass_context
def masked_html(context: jinja2.runtime.Context, text: str) -> Markup:
    """``text`` escaped, each spoiler masked as :func:`masked` does, the mask named."""
    words: Words = context["words"]
    mask = MASK.format(label=words("web-spoiler-masked"), lang=words.language, mask=masked("||x||"))
    return Markup("").join(
        mask if hidden else dated(part, words) for part, hidden in spoiler_parts(text)
    )


def dated(text: str, words: Words) -> Markup:
    """``text`` escaped, each Discord timestamp in it (``<t:1700000000:R>``, which only
    Discord draws) written as a date in the reader's language and the server's time zone,
    in its ``<time>``."""
    shown, at = [], 0
    for stamp in stamps(text):
        shown += [escape(text[at : stamp.start]), words.stamp(stamp)]
        at = stamp.end
    return Markup("").join([*shown, escape(text[at:])]) if shown else escape(text)


def isolated(text: str) -> Markup:
    """Member-controlled words (a server's name) escaped in a ``<bdi>``: right-to-left
    letters in them never reorder the sentence around them."""
    return Markup("<bdi>{}</bdi>").format(text)


@jinja2.pass_context
def member_name(
    context: jinja2.runtime.Context, name: str | None, user_id: int | None = None
) -> str:
    """A member's name as it shows (on one line, bidirectional overrides and zero-width
    characters dropped, as the server's name), or, for a name that shows nothing (a
    Hangul filler, zero-width spaces: a trick for a blank name on Discord), « Membre 123 »
    given her id, else nothing (the caller leaves the name out)."""
    shown = shown_name(name or "")
    if shown or user_id is None:
        return shown
    words: Words = context["words"]
    return words("web-member-title", id=user_id)


TIME = Markup('<time datetime="{iso}">{shown}</time>')
_MARK_OPEN, _MARK_CLOSE = "\ue000", "\ue001"
"""Around a date's place in a message while it is formatted and escaped (private use:
never in a catalog; a member's name holding them could at worst show a date twice, as
only our own ``<time>`` is put in, the text around it escaped)."""


@lru_cache(maxsize=8192)
def _message(key: str, language: str, args: tuple[tuple[str, Any], ...]) -> str:
    """Fluent formatting costs ~0.1 ms a message; a page of replies repeats the same few."""
    return t(key, language, **dict(args))


class Words:
    """The catalog in one language, for templates: ``_("key", n=3)``."""

    def __init__(self, language: str, timezone: str = "UTC") -> None:
        self.language = language
        self.zone, _ = zone_or_utc(timezone)

    def __call__(self, key: str, **args: Any) -> str:
        """A date among ``args`` is written as :meth:`when` does (:meth:`timed` for a page's
        text: the same, each date in its ``<time>``)."""
        plain = {k: self.when(v) if isinstance(v, datetime) else v for k, v in args.items()}
        return _message(key, self.language, tuple(sorted(plain.items())))

    def percent(self, share: float | None) -> str:
        """A share (0.12) as the language writes it: "12 %" in French, "12%" in English."""
        if share is None:
            return "—"
        return self("web-percent", percent=round(share * 100))

    def when(self, moment: datetime | None) -> str:
        if moment is None:
            return "—"
        return moment.astimezone(self.zone).strftime(DATE_FORMATS.get(self.language, "%c"))

    def time(self, moment: datetime | None) -> Markup:
        """``moment`` as :meth:`when` writes it, in a ``<time>`` whose ``datetime`` says it to
        machines (a screen reader, a translator, a copy into a calendar); "—" without one."""
        if moment is None:
            return Markup(escape(self.when(None)))
        return TIME.format(iso=self.iso(moment), shown=self.when(moment))

    def stamp(self, stamp: Stamp) -> Markup:
        """A Discord timestamp of a member's text in its ``<time>``: the date, the time or
        both, as its style shows, in the reader's language and time zone."""
        return TIME.format(
            iso=self.iso(stamp.moment), shown=written(stamp, self.language, self.zone)
        )

    def timed(self, key: str, **args: Any) -> Markup:
        """The message ``key``, escaped, each date among ``args`` in its ``<time>``
        (:meth:`time`), each :class:`Markup` among them put in as it is (a member's name
        in its ``<bdi>``, escaped by :func:`isolated`); a page's ``<title>`` takes
        ``_(key, …)``, the same words bare."""
        times: dict[str, Markup] = {}
        for name, value in args.items():
            if isinstance(value, datetime | Markup):
                mark = f"{_MARK_OPEN}{len(times)}{_MARK_CLOSE}"
                times[mark] = self.time(value) if isinstance(value, datetime) else value
                args[name] = mark
        text = escape(self(key, **args))
        for mark, time in times.items():
            text = Markup(text.replace(mark, time))
        return text

    def action(self, action: str) -> str:
        """An audit log action in words (the code itself for one the catalog lacks)."""
        key = "web-audit-" + action.replace("_", "-")
        return t(key, self.language) if has(key, self.language) else action

    def lang(self, language: str | None) -> Markup:
        """`` lang="…"`` for words in ``language`` (a discussion's question, its options,
        the bot's French name) inside a page in another; nothing in the page's own."""
        if not language or language == self.language:
            return Markup("")
        return Markup(' lang="{}"').format(language)

    def iso(self, moment: datetime | None) -> str:
        """A valid HTML global date and time, in the reader's time zone as :meth:`when`
        shows it, to the minute as it does (microseconds are not valid HTML)."""
        if moment is None:
            return ""
        return moment.astimezone(self.zone).isoformat(timespec="minutes")


def page(
    template: str,
    words: Words,
    *,
    status: int = 200,
    private: bool = True,
    **context: Any,
) -> web.Response:
    """A rendered page; private pages are never cached by the browser or a proxy."""
    html = environment().get_template(template).render(_=words, words=words, **context)
    response = web.Response(text=html, content_type="text/html", charset="utf-8", status=status)
    response.headers.update(SECURITY_HEADERS)
    response.headers["Cache-Control"] = "no-store" if private else PUBLIC_CACHING
    if not private:
        response.etag = _etag(html.encode())
    return response


def png(data: bytes, *, private: bool) -> web.Response:
    """A chart."""
    response = web.Response(body=data, content_type="image/png")
    response.headers.update(SECURITY_HEADERS)
    response.headers["Cache-Control"] = "private, no-store" if private else PUBLIC_CACHING
    if not private:
        response.etag = _etag(data)
    return response


PUBLIC_CACHING = "public, no-cache"
"""Public reports may be kept by any cache, but never shown again without asking us:
a report taken down, or a reply erased, must be gone at once (the ETag makes asking cheap)."""


def _etag(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()[:32]


def not_modified(request: web.Request, response: web.Response) -> web.Response:
    """A 304 instead of ``response`` when the client already holds this very version."""
    held, current = request.if_none_match, response.etag
    if current is None or not held or current.value not in {tag.value for tag in held}:
        return response
    unchanged = web.Response(status=304)
    unchanged.etag = current.value
    for name in ("Cache-Control", *SECURITY_HEADERS):
        if name in response.headers:
            unchanged.headers[name] = response.headers[name]
    return unchanged
