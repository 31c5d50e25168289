"""The fetcher's guards, without a network: the address check (over any IP address),
the resolver that applies it, the URL's checks, the page's charset."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import pytest
from aiohttp.abc import AbstractResolver, ResolveResult
from hypothesis import example, given
from hypothesis import strategies as st

from bot.errors import UserError
from bot.services.article_fetch import (
    MAX_URL_CHARS,
    AddressRefused,
    GuardedResolver,
    as_article_bytes,
    checked_url,
    declared_charset,
    refused_address,
    source_of,
)

# IANA's special-purpose registries, written out here apart from the module's tables.
NOT_PUBLIC_V4 = [
    ipaddress.IPv4Network(n)
    for n in (
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.88.99.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4",
    )
]
NOT_PUBLIC_V6 = [
    ipaddress.IPv6Network(n)
    for n in (
        "::/128",
        "::1/128",
        "::/96",  # IPv4-compatible
        "64:ff9b::/96",  # NAT64
        "64:ff9b:1::/48",
        "100::/64",  # discard
        "2001::/32",  # Teredo
        "2001:db8::/32",
        "2002::/16",  # 6to4
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fec0::/10",  # site-local
        "ff00::/8",  # multicast
    )
]
PUBLIC = ["8.8.8.8", "1.1.1.1", "93.184.215.14", "2606:4700:4700::1111", "2a00:1450:4007::200e"]

ipv4s = st.integers(0, 2**32 - 1).map(ipaddress.IPv4Address)
ipv6s = st.integers(0, 2**128 - 1).map(ipaddress.IPv6Address)


def _in(network: Any) -> st.SearchStrategy[Any]:
    return st.integers(0, network.num_addresses - 1).map(lambda n: network[n])


def _loopback(address: Any) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return bool(address.is_loopback)


@given(ipv4s)
def test_an_ipv4_address_is_refused_exactly_when_it_is_not_public(address: Any) -> None:
    assert refused_address(address) == any(address in n for n in NOT_PUBLIC_V4)


@given(st.sampled_from(NOT_PUBLIC_V6).flatmap(_in))
def test_every_special_ipv6_address_is_refused(address: Any) -> None:
    assert refused_address(address)


@given(ipv6s)
def test_an_ipv6_address_outside_global_unicast_is_refused(address: Any) -> None:
    if address.ipv4_mapped is None and address not in ipaddress.IPv6Network("2000::/3"):
        assert refused_address(address)


@given(ipv4s, st.booleans())
@example(ipaddress.IPv4Address("127.0.0.1"), False)
@example(ipaddress.IPv4Address("127.0.0.1"), True)
@example(ipaddress.IPv4Address("10.0.0.1"), True)
@example(ipaddress.IPv4Address("8.8.8.8"), False)
def test_an_ipv4_mapped_address_is_judged_as_its_ipv4_address(address: Any, loop: bool) -> None:
    mapped = ipaddress.IPv6Address(f"::ffff:{address}")
    assert refused_address(mapped, allow_loopback=loop) == refused_address(
        address, allow_loopback=loop
    )


@given(ipv4s)
def test_6to4_and_nat64_never_carry_an_ipv4_address_through(address: Any) -> None:
    packed = int(address)
    assert refused_address(ipaddress.IPv6Address((0x2002 << 112) | (packed << 80)))
    assert refused_address(ipaddress.IPv6Address((0x64FF9B << 96) | packed))


@given(st.one_of(ipv4s, ipv6s))
@example(ipaddress.IPv4Address("127.0.0.1"))
@example(ipaddress.IPv4Address("127.255.0.9"))
@example(ipaddress.IPv6Address("::1"))
@example(ipaddress.IPv6Address("::ffff:127.0.0.1"))
@example(ipaddress.IPv4Address("169.254.169.254"))
@example(ipaddress.IPv6Address("fe80::1"))
def test_the_test_setting_opens_loopback_and_nothing_else(address: Any) -> None:
    opened = refused_address(address) and not refused_address(address, allow_loopback=True)
    assert opened == _loopback(address)


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_allowed(address: str) -> None:
    assert not refused_address(ipaddress.ip_address(address))


class Answers(AbstractResolver):
    """A resolver that answers each name with the given addresses."""

    def __init__(self, *addresses: str) -> None:
        self.addresses = addresses

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        return [
            ResolveResult(
                hostname=host,
                host=a,
                port=port,
                family=socket.AF_INET6 if ":" in a else socket.AF_INET,
                proto=0,
                flags=0,
            )
            for a in self.addresses
        ]

    async def close(self) -> None:
        pass


async def test_the_resolver_refuses_a_name_with_any_refused_address() -> None:
    """A name that resolves to a public address and a private one (a rebinding DNS
    server's favourite) is refused whole: the connector would try both."""
    for addresses in (("10.0.0.7",), ("93.184.215.14", "127.0.0.1"), ("fe80::1%eth0",)):
        with pytest.raises(AddressRefused):
            await GuardedResolver(Answers(*addresses)).resolve("intranet.example", 443)
    found = await GuardedResolver(Answers("93.184.215.14", "2606:4700::1")).resolve("ok.test")
    assert [r["host"] for r in found] == ["93.184.215.14", "2606:4700::1"]
    opened = await GuardedResolver(Answers("127.0.0.1"), allow_loopback=True).resolve("localhost")
    assert [r["host"] for r in opened] == ["127.0.0.1"]
    with pytest.raises(OSError):
        await GuardedResolver(Answers()).resolve("nothing.test")


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("ftp://example.org/article", "error-link-scheme"),
        ("javascript:alert(1)", "error-link-scheme"),
        ("file:///etc/passwd", "error-link-scheme"),
        ("127.0.0.1/article", "error-link-scheme"),  # an address, not a site's name
        ("localhost:8080/", "error-link-scheme"),
        ("https://user:secret@example.org/", "error-link-credentials"),
        ("https://token@example.org/", "error-link-credentials"),
        ("https://example.org/" + "a" * MAX_URL_CHARS, "error-link-too-long"),
        ("https://", "error-link-invalid"),
        ("https://exa mple.org/", "error-link-invalid"),
        ("http://127.0.0.1/", "error-link-refused"),
        ("http://[::1]:8080/", "error-link-refused"),
        ("http://[::ffff:10.1.2.3]/", "error-link-refused"),
        ("http://169.254.169.254/latest/meta-data/", "error-link-refused"),
        ("http://0.0.0.0/", "error-link-refused"),
    ],
)
def test_links_refused_before_any_request(url: str, key: str) -> None:
    with pytest.raises(UserError) as refused:
        checked_url(url)
    assert refused.value.key == key


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("www.example.org/tech/ia", "https://www.example.org/tech/ia"),
        ("exemple.fr", "https://exemple.fr"),
        ("<news.example.com/a?b=1>", "https://news.example.com/a?b=1"),
        ("WWW.Example.ORG/Tech", "https://www.example.org/Tech"),
        # an accented name, as French sites may have, and a port: typed as in a browser
        ("café.fr/article", "https://xn--caf-dma.fr/article"),
        ("www.société-générale.fr", "https://www.xn--socit-gnrale-eebbcb.fr"),
        ("www.example.org:8443/a", "https://www.example.org:8443/a"),
    ],
)
def test_a_sites_name_without_its_scheme_means_https(typed: str, meant: str) -> None:
    """As a browser's address bar takes it: moderators paste links as they see them."""
    assert str(checked_url(typed)) == meant


def test_a_link_as_discord_quotes_it_and_its_source() -> None:
    url = checked_url("  <https://www.example.org/tech/ia?utm=x&token=s3cr3t#et-vous>  ")
    assert url.raw_host == "www.example.org"
    assert source_of(url) == "https://www.example.org/tech/ia"
    assert checked_url("http://127.0.0.1:8080/a", allow_loopback=True).port == 8080


def test_the_declared_charset_header_first_then_meta() -> None:
    page = b'<html><head><meta charset="iso-8859-15"></head>'
    assert declared_charset(page, None) == "iso8859-15"
    assert declared_charset(page, "utf-8") == "utf-8"
    equiv = b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    assert declared_charset(equiv, None) == "cp1252"
    assert declared_charset(b"<meta charset=ISO-8859-1>", None) == "cp1252"  # as browsers read it
    assert declared_charset(b"<p>nothing declared</p>", None) is None
    assert declared_charset(b"<meta charset=no-such-charset>", None) is None
    assert declared_charset(b"\xef\xbb\xbf<meta charset=iso-8859-15>", None) is None  # BOM wins


def test_a_page_is_given_to_the_importer_as_utf8_or_as_received() -> None:
    latin9 = "<meta charset=iso-8859-15><p>Et vous ?</p><li>L'œuvre ?</li>".encode("iso-8859-15")
    assert as_article_bytes(latin9, None).decode("utf-8").endswith("L'œuvre ?</li>")
    utf8 = "<p>Et vous ?</p><li>L’œuvre ?</li>".encode()
    assert as_article_bytes(utf8, "utf-8") is utf8
    wrong = "<li>L’œuvre ?</li>".encode()  # declared UTF-16, but not
    assert as_article_bytes(wrong, "utf-16") is wrong
    broken = "<meta charset=windows-1252><li>L’œuvre ?</li>".encode("cp1252") + b"\x81"
    assert as_article_bytes(broken, None) is broken  # not Windows-1252 after all
    assert as_article_bytes(b"<p>x</p>", "base64") == b"<p>x</p>"  # not a text encoding
