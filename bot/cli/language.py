"""The language the admin CLI speaks, chosen as command-line tools choose it.

``--lang fr|en`` wins, then ``ETVOUS_LANG``, then the POSIX locale (the first of
``LC_ALL``, ``LC_MESSAGES``, ``LANG`` that is set: ``en_US.UTF-8`` is English);
French otherwise, ``C`` and ``POSIX`` included: the product's first language.
An unknown ``--lang`` or ``ETVOUS_LANG`` is refused: it was asked for by name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.i18n import FALLBACK, LANGUAGES

OPTION = "--lang"
VARIABLE = "ETVOUS_LANG"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


class UnknownLanguage(ValueError):
    """``value``, given by ``source`` (the option or the variable), is not a language of the CLI.

    ``speak`` is the language to say so in: what the next sources choose.
    """

    def __init__(self, value: str, source: str, speak: str) -> None:
        super().__init__(f"{source}: unknown language {value!r}")
        self.value = value
        self.source = source
        self.speak = speak


def requested(argv: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` in ``argv`` (before ``--``), if any."""
    found = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == OPTION and index + 1 < len(argv):
            found = argv[index + 1]
        elif arg.startswith(OPTION + "="):
            found = arg.split("=", 1)[1]
    return found


def of_locale(environ: Mapping[str, str]) -> str:
    """``en`` when the POSIX locale for messages is English, else French."""
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            code = re.split(r"[_.@-]", value, maxsplit=1)[0].lower()
            return code if code in LANGUAGES else FALLBACK
    return FALLBACK


def _named(value: str) -> str | None:
    code = value.strip().lower()
    return code if code in LANGUAGES else None


def choose(option: str | None, environ: Mapping[str, str]) -> str:
    """The CLI's language; :class:`UnknownLanguage` for a bad option or variable."""
    variable = environ.get(VARIABLE, "")
    if option is not None:
        chosen = _named(option)
        if chosen is None:
            raise UnknownLanguage(option, OPTION, _named(variable) or of_locale(environ))
        return chosen
    if variable:
        chosen = _named(variable)
        if chosen is None:
            raise UnknownLanguage(variable, VARIABLE, of_locale(environ))
        return chosen
    return of_locale(environ)
