"""French spacing of an imported question, as the bot's own French is set.

French puts a space that never breaks before ``; ! ?`` (a narrow one, U+202F) and
``:`` (U+00A0), and a narrow one inside « » (U+202F): a line that wraps would
otherwise leave « ? » alone at the start of the next one. Articles are typed with
a plain space there, or none ("Pourquoi?"); the questions keep their words, only
those spaces change. A question's duplicate key (:func:`bot.importer.dedupe.duplicate_key`)
reads every space alike, so a question typeset here is the same question as the one
a server holds with plain spaces.

Only the prose changes: an address, a code span, a mention (of a member, a role, a
channel, a command, a custom emoji, a timestamp) and an emoji shortcode keep every
character as typed (« https://a.fr/faq?x », « `a ? b` », « :thinking: »).

A question, imported or typed by hand (``/question add``, ``edit``, a suggestion), is set
so when its words are French (:func:`typeset_question`): the language its article's heading
is in, or its server's, tips words leaning French only.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from typing import Final

from bot.importer.grammar import detect_language, stop_words, words_of
from bot.importer.model import Language

NNBSP: Final = "\u202f"
NBSP: Final = "\u00a0"

_SPACES: Final = "[ \t\u00a0\u202f]"
_BEFORE_HIGH: Final = re.compile(
    rf"(?:(?<=[\w)\]»”’'.…#%>`])|(?<=[^\s(\[«“‘\"';!?])(?={_SPACES})){_SPACES}*([;!?]+)(?=\s|$|[»”\"')\]])"
)
"""Marks after a word (or a closing bracket or quote, a mention or a code span), or after a
space that follows anything but an opening mark (« C++ ? », « 10 € ! », « **gras** ? », an
emoji: the space is there, it only stops breaking), and before a space, the end or a closing
mark. The look-behind lets only a run's first character start a match: linear."""
_BEFORE_COLON: Final = re.compile(rf"(?<=\S){_SPACES}+:(?=\s|$|[»”\"')\]])")
"""A colon after a space, before a space, the end or a closing mark (« dit : » is set at once,
not only once its guillemet's space is there: setting twice changes nothing)."""
_AFTER_OPENING: Final = re.compile(rf"«{_SPACES}*")
_BEFORE_CLOSING: Final = re.compile(rf"(?<=\S){_SPACES}*»")


_PROTECTED: Final = re.compile(
    r"""
      (?<!`)(`+)(?!`).+?(?<!`)\1(?!`)             # a code span, closed by as many backticks
    | \b[a-z][a-z0-9+.\-]*://\S+                  # an address
    | <(?:[@\#:/]|a:|t:|id:)[^<>]{1,200}>          # a mention, a custom emoji, a timestamp
    | :[\w+\-]+:                                   # an emoji shortcode
    """,
    re.VERBOSE | re.IGNORECASE,
)
"""What French spacing leaves as typed. Each alternative stops at its closing character or
the end of the text: a question (1,000 characters at most) is read in a few passes."""


def _outside(pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str], text: str) -> str:
    """``pattern.sub(replace, text)``, leaving alone each match that touches a protected part."""
    spans = [m.span() for m in _PROTECTED.finditer(text)]
    if not spans:
        return pattern.sub(replace, text)
    starts = [start for start, _ in spans]

    def kept_or_replaced(match: re.Match[str]) -> str:
        # the protected part starting last before the match's end is the only one that can
        # overlap it: the parts are in order and do not overlap one another
        index = bisect_left(starts, match.end()) - 1
        if index >= 0 and spans[index][1] > match.start():
            return match.group(0)
        return replace(match)

    return pattern.sub(kept_or_replaced, text)


def french_spacing(text: str) -> str:
    """``text`` with French spacing around its high punctuation and guillemets.

    A space before ``; ! ?`` becomes U+202F, and one is put where there was none after
    a word ("Pourquoi?"); a space before a ``:`` that ends a clause becomes U+00A0 (one
    is not added: "18:30", "https://" and a label's "Q1:" stay as written); « » hold
    U+202F inside. A mark inside a word is left alone ("a?b=1"), and so is every character of
    an address, a code span, a mention or an emoji shortcode.
    """
    text = _outside(_BEFORE_HIGH, lambda m: NNBSP + m.group(1), text)
    text = _outside(_BEFORE_COLON, lambda m: NBSP + ":", text)
    text = _outside(_AFTER_OPENING, lambda m: "«" + NNBSP, text)
    return _outside(_BEFORE_CLOSING, lambda m: NNBSP + "»", text)


def typeset(text: str, language: str) -> str:
    """Text whose language is known (an article's title cited in its own language): French
    spacing for French, English as written (English sets no space before its marks)."""
    return french_spacing(text) if language == "fr" else text


def typeset_question(text: str, context: str) -> str:
    """A question as the bank stores it, imported or typed by hand (staff's, a member's
    suggestion): French spacing when its words say French, as the importer reads a
    question's language (:func:`detect_language`; addresses, code, mentions and shortcodes
    left out). ``context``, the language of the article's « Et vous ? » heading or of the
    server, decides only between words leaning French and none clearly so (« Pourquoi? »
    under a French heading or in a French server): alone it says nothing of the question's
    language, and an English one in a French article or server (« GPT-5 or Claude? »),
    or one whose words say no language (« GPT-5? »), stays as typed. The importer once set
    such a question by its heading alone, which staff typing it never got."""
    prose = _PROTECTED.sub(" ", text)
    fr, en = stop_words(prose)
    leaning: Language = "fr" if context == "fr" and fr > en else "en"
    return french_spacing(text) if detect_language(prose, leaning) == "fr" else text


def question_language(text: str, context: Language) -> Language:
    """A question's language, which its kind and default options follow, imported or typed:
    its words' when their stop words say it clearly (:func:`detect_language`), else
    ``context`` (the « Et vous ? » heading's language, or the server's), but for words that
    lean English in a French context, « Should robots pay taxes? » (more English stop words
    than French ones, addresses, code, mentions and shortcodes left out, and « a » too,
    which French has: « Tarantino a raison ? » keeps its context). French spacing is
    decided apart (:func:`typeset_question`)."""
    language = detect_language(text, context)
    if language == "fr" and context == "fr":
        words = words_of(_PROTECTED.sub(" ", text))
        fr, en = stop_words(" ".join(words))
        if en - words.count("a") > fr:
            return "en"
    return language
