"""Fetch an article a moderator linked to, for ``/question import``: safely.

The URL comes from a member, so the fetch guards the machine it runs on:

* only ``http`` and ``https``, no credentials in the URL, at most
  :data:`MAX_URL_CHARS` characters;
* no request reaches a loopback, private, link-local, multicast, reserved or
  unspecified address (IPv4 or IPv6, an IPv4-mapped one read as the IPv4 address
  it is; :func:`refused_address`): a literal address is checked before the request, a name
  by :class:`GuardedResolver`, the connector's resolver, so the connection goes
  to the very addresses that were checked (no second lookup a rebinding DNS
  server could answer differently); every redirect (at most
  :data:`MAX_REDIRECTS`) is checked again the same way;
* one deadline for the whole fetch, redirects included, and at most
  :data:`~bot.importer.MAX_ARTICLE_BYTES` read: beyond them the connection is
  dropped;
* only a web page or plain text (:data:`ACCEPTED_TYPES`).

Logs name the host only: a URL's path and query may hold a token.

Every failure is a :class:`~bot.errors.UserError` naming what went wrong; nothing
is stored. :func:`fetch_article` is the one entry point (tests point it at a local
server with ``allow_loopback``).
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import ipaddress
import logging
import re
import socket
from dataclasses import dataclass
from typing import Final

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from bot.discord_text import safe
from bot.errors import UserError
from bot.importer import MAX_ARTICLE_BYTES

log = logging.getLogger(__name__)

MAX_URL_CHARS: Final = 2048
MAX_REDIRECTS: Final = 5
FETCH_TIMEOUT: Final = 15.0
"""Seconds for the whole fetch, redirects and body included."""
ACCEPTED_TYPES: Final = frozenset({"text/html", "text/plain", "application/xhtml+xml"})
USER_AGENT: Final = (
    "EtVousBot/0.1 (Discord bot; reads one article at a moderator's request "
    "to import its questions)"
)
_REDIRECTS: Final = frozenset({301, 302, 303, 307, 308})
_CHUNK: Final = 64 * 1024

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


# ------------------------------------------------------------------ the address check


_REFUSED_V4: Final = tuple(
    ipaddress.IPv4Network(network)
    for network in (
        "0.0.0.0/8",  # "this network"
        "10.0.0.0/8",  # private
        "100.64.0.0/10",  # carrier-grade NAT
        "127.0.0.0/8",  # loopback
        "169.254.0.0/16",  # link-local (a cloud's metadata service)
        "172.16.0.0/12",  # private
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",  # documentation
        "192.88.99.0/24",  # 6to4 relays (deprecated)
        "192.168.0.0/16",  # private
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",  # documentation
        "203.0.113.0/24",  # documentation
        "224.0.0.0/4",  # multicast
        "240.0.0.0/4",  # reserved, and the broadcast address
    )
)
"""IPv4 networks a fetch never reaches (IANA's special-purpose registry)."""
_GLOBAL_UNICAST_V6: Final = ipaddress.IPv6Network("2000::/3")
_REFUSED_V6: Final = tuple(
    ipaddress.IPv6Network(network)
    for network in (
        "2001::/23",  # IETF protocol assignments (Teredo among them)
        "2001:db8::/32",  # documentation
        "2002::/16",  # 6to4 (deprecated), which carries any IPv4 address
        "3fff::/20",  # documentation
    )
)
"""IPv6 networks inside the global unicast range a fetch never reaches; outside it
(loopback, unspecified, IPv4-compatible, NAT64, unique local, link-local, site-local,
multicast, reserved) nothing is reached."""


def refused_address(address: Address, *, allow_loopback: bool = False) -> bool:
    """Whether a fetch may not connect to ``address``: anything but a public unicast
    address. An IPv4-mapped IPv6 address (``::ffff:a.b.c.d``) is judged as the IPv4
    address it is. ``allow_loopback`` opens ``127.0.0.0/8`` and ``::1`` alone (tests'
    local server), nothing else.

    The tables are this module's own, so that the answer does not depend on the
    Python release; an address Python does not call global is refused too."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return refused_address(address.ipv4_mapped, allow_loopback=allow_loopback)
    if address.is_loopback:
        return not allow_loopback
    if isinstance(address, ipaddress.IPv4Address):
        listed = any(address in network for network in _REFUSED_V4)
    else:
        listed = address not in _GLOBAL_UNICAST_V6 or any(
            address in network for network in _REFUSED_V6
        )
    return listed or not address.is_global or address.is_multicast


def _literal(host: str) -> Address | None:
    """``host`` as an IP address when it is one (``[…]`` and an IPv6 zone allowed)."""
    try:
        return ipaddress.ip_address(host.strip("[]").partition("%")[0])
    except ValueError:
        return None


class AddressRefused(Exception):
    """A host resolved to an address the fetch may not connect to (not an ``OSError``:
    aiohttp lets it through as it is, instead of reporting a failed lookup)."""


class GuardedResolver(AbstractResolver):
    """The connector's resolver: ``inner``'s answer, refused whole when any address in
    it is refused (the connector connects to these addresses, and only these)."""

    def __init__(self, inner: AbstractResolver, *, allow_loopback: bool = False) -> None:
        self.inner = inner
        self.allow_loopback = allow_loopback

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        found = await self.inner.resolve(host, port, family)
        for result in found:
            address = _literal(result["host"])
            if address is None or refused_address(address, allow_loopback=self.allow_loopback):
                raise AddressRefused(host)
        if not found:
            raise OSError(f"no address for {host}")
        return found

    async def close(self) -> None:
        await self.inner.close()


# ------------------------------------------------------------------ the URL


_BARE_ADDRESS = re.compile(
    r"[^\W_](?:[\w-]*[^\W_])?(?:\.[\w-]+)*\.(?:[^\W\d_]{2,63}|xn--[a-z0-9-]+)"
    r"(?::\d{1,5})?(?:[/?#]\S*)?$",
    re.IGNORECASE,
)
"""A site's name and path with no scheme (``www.example.org/a``); ``https`` is meant.
Names in any script (``café.fr``, as browsers take them) and a port are a site's too."""


def checked_url(raw: str, *, allow_loopback: bool = False) -> URL:
    """The URL a moderator gave (``<…>`` as Discord quotes links allowed), or the
    :class:`UserError` that says why it is not fetched."""
    text = raw.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    if len(text) > MAX_URL_CHARS:
        raise UserError("error-link-too-long", max=MAX_URL_CHARS)
    if _BARE_ADDRESS.match(text):
        text = "https://" + text  # "www.example.org/article", as a browser's bar takes it
    try:
        url = URL(text)
        host = url.raw_host
    except (ValueError, TypeError):
        raise UserError("error-link-invalid") from None
    return _allowed(url, host, allow_loopback=allow_loopback)


def _allowed(url: URL, host: str | None, *, allow_loopback: bool) -> URL:
    if url.scheme not in ("http", "https"):
        raise UserError("error-link-scheme")
    if url.raw_user is not None or url.raw_password is not None:
        raise UserError("error-link-credentials")
    if not host or any(c.isspace() for c in host):
        raise UserError("error-link-invalid")
    address = _literal(host)
    if address is not None and refused_address(address, allow_loopback=allow_loopback):
        raise UserError("error-link-refused")
    return url


def source_of(url: URL) -> str:
    """What a question keeps as its source: the page's address without credentials,
    query or fragment (which may hold a token)."""
    return str(url.with_user(None).with_query(None).with_fragment(None))


# ------------------------------------------------------------------ the fetch


@dataclass(frozen=True, slots=True)
class FetchedArticle:
    data: bytes
    """The page as the importer reads a file: UTF-8 when a declared charset said how to
    read it, the bytes as received otherwise."""
    url: URL
    """Where the page was read, after redirects."""


async def fetch_article(
    raw_url: str,
    *,
    allow_loopback: bool = False,
    seconds: float = FETCH_TIMEOUT,
    max_bytes: int = MAX_ARTICLE_BYTES,
    resolver: AbstractResolver | None = None,
) -> FetchedArticle:
    """The page at ``raw_url``, fetched with every guard of this module within ``seconds``;
    ``resolver`` answers lookups (by default the system's), guarded."""
    url = checked_url(raw_url, allow_loopback=allow_loopback)
    where = [url.raw_host or ""]  # the host asked last, after redirects: errors name it
    log.info("fetching an article from %s", where[0])
    guarded = GuardedResolver(resolver or aiohttp.ThreadedResolver(), allow_loopback=allow_loopback)
    connector = aiohttp.TCPConnector(resolver=guarded, use_dns_cache=False, limit=1)
    try:
        async with (
            aiohttp.ClientSession(
                connector=connector,
                trust_env=False,
                cookie_jar=aiohttp.DummyCookieJar(),
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
                },
            ) as session,
            asyncio.timeout(seconds),
        ):
            return await _follow(session, url, max_bytes, where, allow_loopback=allow_loopback)
    except UserError as error:
        log.info("article fetch from %s refused: %s", where[-1], error.key)
        raise
    except TimeoutError:
        log.info("article fetch from %s timed out", where[-1])
        shown = int(seconds) if seconds == int(seconds) else seconds
        raise UserError("error-fetch-timeout", host=_shown(where[-1]), seconds=shown) from None
    except AddressRefused:
        log.info("article fetch from %s refused: a private or local address", where[-1])
        raise UserError("error-link-refused") from None
    except (aiohttp.ClientError, OSError, ValueError) as error:
        key = _failure_key(error)
        log.info("article fetch from %s failed: %s (%s)", where[-1], key, type(error).__name__)
        raise UserError(key, host=_shown(where[-1])) from None


def _failure_key(error: BaseException) -> str:
    if isinstance(error, aiohttp.ClientConnectorDNSError):
        return "error-fetch-dns"
    if isinstance(error, aiohttp.ClientSSLError | aiohttp.ServerFingerprintMismatch):
        return "error-fetch-tls"
    if isinstance(error, aiohttp.ClientConnectorError):
        return "error-fetch-connect"
    if isinstance(error, aiohttp.InvalidURL | ValueError):
        return "error-link-invalid"
    return "error-fetch-broken"


def _shown(host: str) -> str:
    """A host as people write it (café.fr), not as DNS asks for it (xn--caf-dma.fr)."""
    with contextlib.suppress(UnicodeError):  # not a name IDNA reads: shown as it is
        host = host.encode("ascii").decode("idna")
    return safe(host, 100, one_line=True)


async def _follow(
    session: aiohttp.ClientSession,
    url: URL,
    max_bytes: int,
    where: list[str],
    *,
    allow_loopback: bool,
) -> FetchedArticle:
    """Request ``url``, following at most :data:`MAX_REDIRECTS` redirects, each checked;
    each host asked is added to ``where``."""
    for _ in range(MAX_REDIRECTS + 1):
        async with session.get(url, allow_redirects=False) as response:
            if response.status in _REDIRECTS:
                location = response.headers.get("Location")
                if not location:
                    raise UserError(
                        "error-fetch-status",
                        host=_shown(url.raw_host or ""),
                        status=response.status,
                    )
                try:
                    target = url.join(URL(location))
                    host = target.raw_host
                except (ValueError, TypeError):
                    raise UserError("error-link-invalid") from None
                url = _allowed(target, host, allow_loopback=allow_loopback)
                where.append(host or "")
                log.info("article fetch redirected to %s", host)
                continue
            return FetchedArticle(await _body(response, max_bytes), url)
    raise UserError("error-fetch-redirects", max=MAX_REDIRECTS)


async def _body(response: aiohttp.ClientResponse, max_bytes: int) -> bytes:
    host = _shown(response.url.raw_host or "")
    if response.status != 200:
        raise UserError("error-fetch-status", host=host, status=response.status)
    if response.content_type not in ACCEPTED_TYPES:
        raise UserError(
            "error-fetch-type", host=host, type=safe(response.content_type, 100, one_line=True)
        )
    if (response.content_length or 0) > max_bytes:
        raise UserError("error-fetch-too-large", host=host)
    received = bytearray()
    async for chunk in response.content.iter_chunked(_CHUNK):
        received += chunk
        if len(received) > max_bytes:
            raise UserError("error-fetch-too-large", host=host)
    return as_article_bytes(bytes(received), response.charset)


# ------------------------------------------------------------------ the charset


_META_CHARSET: Final = re.compile(
    rb"""<meta\b[^>]{0,500}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
_PRESCAN: Final = 4096
"""Bytes of the page searched for a ``<meta charset>`` (HTML asks for 1024; pages
put a long ``<head>`` first)."""
_AS_WINDOWS_1252: Final = frozenset({"latin-1", "iso8859-1", "ascii"})
"""Labels browsers read as Windows-1252 (the WHATWG encoding standard)."""


def declared_charset(data: bytes, header: str | None) -> str | None:
    """The codec a page declares, the header's before its ``<meta>``; ``None`` for a
    byte order mark (the importer reads it), no declaration, an unknown one, or UTF-16
    or UTF-32 without a byte order mark (a page that says so is ASCII-compatible text
    more often than not: browsers do not trust it either)."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    label = header
    if not label:
        found = _META_CHARSET.search(data[:_PRESCAN])
        label = found.group(1).decode("ascii") if found else None
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    if name.startswith("utf-16") or name.startswith("utf-32"):
        return None  # without a byte order mark, as browsers do: not trusted
    return "cp1252" if name in _AS_WINDOWS_1252 else name


def as_article_bytes(data: bytes, header_charset: str | None) -> bytes:
    """The page for the importer: read with the charset it declares and given as UTF-8;
    as received when it declares UTF-8 or nothing usable, or when the declared charset
    does not read it (the importer then finds the encoding as it does for a file)."""
    charset = declared_charset(data, header_charset)
    if charset is None or charset == "utf-8":
        return data
    try:
        return data.decode(charset).encode("utf-8")
    except (UnicodeDecodeError, LookupError):
        return data
