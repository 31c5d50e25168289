"""Messages in French and English from Fluent catalogs (``bot/locales/*/etvous.ftl``).

French is the first language: a key missing in English falls back to French
(the catalog test makes sure none is missing). Discord locales such as
``en-US`` or ``fr`` map to ``en`` / ``fr``.
"""

from __future__ import annotations

import errno
import logging
import os
import uuid
from functools import cache
from importlib import resources
from typing import Any

from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.resolver import MAX_PART_LENGTH
from fluent.runtime.types import fluent_number

log = logging.getLogger(__name__)

LANGUAGES = ("fr", "en")
FALLBACK = "fr"
CLI_CATALOG = "cli.ftl"
CLI_PREFIXES = ("cli-", "settings-")
"""The keys of ``cli.ftl`` (the admin CLI's words, the settings' errors): read on their
own, so the CLI starts without parsing the bot's catalogs."""


def _sources(language: str, only: str | None = None) -> list[str]:
    """The catalog files of ``language`` (or its file ``only``): the bot's ``etvous.ftl``,
    then the others (``web.ftl`` holds the web room's words, ``cli.ftl`` the CLI's)."""
    folder = resources.files("bot") / "locales" / language
    files = sorted(
        (
            entry
            for entry in folder.iterdir()
            if entry.name.endswith(".ftl") and only in (None, entry.name)
        ),
        key=lambda entry: (entry.name != "etvous.ftl", entry.name),
    )
    return [entry.read_text("utf-8") for entry in files]


@cache
def _bundle(language: str, only: str | None = None) -> FluentBundle:
    bundle = FluentBundle([language], use_isolating=False)
    for source in _sources(language, only):
        bundle.add_resource(FluentResource(source))
    return bundle


def _bundle_for(key: str, language: str) -> FluentBundle:
    language = language if language in LANGUAGES else FALLBACK
    return _bundle(language, CLI_CATALOG if key.startswith(CLI_PREFIXES) else None)


def language_of(locale: object, default: str = FALLBACK) -> str:
    """``fr`` or ``en`` for a Discord locale (``fr``, ``en-US``, ``en-GB`` …)."""
    code = str(getattr(locale, "value", locale) or "").lower()
    if code.startswith("fr"):
        return "fr"
    if code.startswith("en"):
        return "en"
    return default if default in LANGUAGES else FALLBACK


def has(key: str, language: str) -> bool:
    return _bundle_for(key, language).has_message(key)


class Listed(tuple[str, ...]):
    """A message argument that is itself words: catalog keys written in the message's
    language and joined with commas (the Discord permissions the bot lacks, say)."""


OS_REASONS = {
    errno.ENOENT: "cli-os-enoent",
    errno.ENOTDIR: "cli-os-enotdir",
    errno.EISDIR: "cli-os-eisdir",
    errno.EACCES: "cli-os-eacces",
    errno.EPERM: "cli-os-eacces",
    errno.EROFS: "cli-os-erofs",
    errno.ENOSPC: "cli-os-enospc",
    errno.EDQUOT: "cli-os-enospc",
    errno.ENAMETOOLONG: "cli-os-enametoolong",
    errno.ELOOP: "cli-os-eloop",
    errno.ECONNREFUSED: "cli-os-econnrefused",
    errno.ETIMEDOUT: "cli-os-etimedout",
    errno.EHOSTUNREACH: "cli-os-ehostunreach",
    errno.ENETUNREACH: "cli-os-ehostunreach",
    errno.ECONNRESET: "cli-os-econnreset",
}
"""The system's reasons an operator meets reading or writing a file, or reaching the
database, in the CLI's words."""


def os_reason(error: OSError | int) -> Listed | str:
    """Why ``error`` (or its ``errno``) happened, as a message argument: in the message's
    language when it is one of :data:`OS_REASONS` (the C library speaks English whatever
    ``--lang`` says), else the system's own words."""
    code = error if isinstance(error, int) else error.errno or 0
    key = OS_REASONS.get(code)
    if key:
        return Listed((key,))
    return os.strerror(code) if isinstance(error, int) else str(error.strerror or error)


def t(key: str, language: str = FALLBACK, **args: Any) -> str:
    """The message ``key`` in ``language``; the key itself if no catalog has it."""
    for lang in (language, FALLBACK):
        bundle = _bundle_for(key, lang)
        if bundle.has_message(key):
            message = bundle.get_message(key)
            if message.value is None:
                break
            catalog = CLI_CATALOG if key.startswith(CLI_PREFIXES) else None
            # the plural variables are looked for (both languages' catalogs parsed) only
            # for a message given a number: the CLI's help texts are given none
            values = {
                name: _value(value, lang, _is_number(value) and name in _counted(catalog))
                for name, value in args.items()
            }
            text, errors = _format(bundle, message.value, values)
            if errors:
                log.warning("message %s (%s): %s", key, lang, errors[0])
            return text
    log.error("no message %s", key)
    return key


def _format(bundle: FluentBundle, pattern: Any, values: dict[str, Any]) -> tuple[str, list[Any]]:
    """``pattern`` formatted with ``values``, each string argument written whole: Fluent
    writes one longer than its ``MAX_PART_LENGTH`` as ``{???}`` (an export's long question
    in the text report), so such arguments go in after formatting."""
    whole: dict[str, str] = {}
    for name, value in list(values.items()):
        if isinstance(value, str) and len(value) > MAX_PART_LENGTH:
            mark = f"\x00{uuid.uuid4().hex}\x00"
            whole[mark] = value
            values[name] = mark
    text, errors = bundle.format_pattern(pattern, values)
    text = str(text)
    for mark, value in whole.items():
        text = text.replace(mark, value)
    return text, list(errors)


def _value(value: Any, language: str, counted: bool = False) -> Any:
    if isinstance(value, Listed):
        return ", ".join(t(key, language) for key in value)
    if _is_number(value):
        # A count reads « 1 500 réponses », "1,500 replies"; a number, a year or an id
        # (<#1456074443980800023>, « n° 1234 ») keeps its digits together.
        return fluent_number(value, useGrouping=counted)
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


PLURAL_KEYS = {"zero", "one", "two", "few", "many", "other"}


@cache
def _counted(catalog: str | None) -> frozenset[str]:
    """The variables a catalog chooses a plural form by (``{ $n -> [one] … *[other] … }``)
    in any of its messages, in either language: counts of things, written with the
    language's digit grouping wherever they appear (« sur { $discussions } » too)."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        selector = getattr(node, "selector", None)
        if selector is not None:
            keys = {getattr(v.key, "name", None) for v in node.variants}
            if keys & (PLURAL_KEYS - {"other"}) and hasattr(selector, "id"):
                found.add(selector.id.name)
        for child in ("value", "elements", "expression", "selector", "variants"):
            inner = getattr(node, child, None)
            for item in inner if isinstance(inner, list) else [inner]:
                if item is not None and not isinstance(item, str):
                    walk(item)

    for language in LANGUAGES:
        bundle = _bundle(language, catalog)
        for key in keys(language, catalog):
            if bundle.has_message(key):
                walk(bundle.get_message(key).value)
    return frozenset(found)


def keys(language: str, only: str | None = None) -> set[str]:
    found = set()
    for source in _sources(language, only):
        for line in source.splitlines():
            if line and not line[0].isspace() and not line.startswith(("#", "-")) and "=" in line:
                found.add(line.split("=", 1)[0].strip())
    return found
