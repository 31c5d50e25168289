"""Text helpers shared by the analysis: normalising, tokens, sentences, quotes.

Everything here is deterministic and linear in the length of the text.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import chain
from urllib.parse import urlsplit

from bot import spoilers

MAX_CHARS = 4000
"""Replies are cut to this many characters before analysis (a Discord message
is at most 4,000 characters; longer input is hostile or pasted)."""

_WORD = re.compile(r"[a-z0-9]+")
_MENTION = re.compile(r"<(?:@[!&]?|#|a?:\w+:)\d+>|https?://\S+")
_PEOPLE = re.compile(r"<@[!&]?\d+>")
_CHANNEL = re.compile(r"<#\d+>")
_LEFT_AT_START = " ,;:"
_LINK = re.compile(r"<(https?://[^\s>]+)>|\((https?://[^\s)]+)\)|(https?://\S+)", re.IGNORECASE)
"""A link as written: between ``<>`` (no preview), a markdown link's ``(…)``, or bare."""
_AFTER_LINK = ".,;:!?)»\"'’”"
"""What ends a sentence after a bare link rather than the link."""
_HOST = re.compile(r"[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)+")
"""A host's name as text: letters, digits and inner hyphens, at least one dot."""
"""What a link or custom emoji left out leaves before a quote's first word."""
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_FR = _words(
    """
    a ai aie aient aies ait alors as au aucun aucune aupres auquel aura aurai auraient aurais
    aurait auras aurez auriez aurions aurons auront aussi autre autres aux auxquelles auxquels
    avaient avais avait avant avec avez aviez avions avoir avons ayant bah ben bien c ca car ce
    ceci cela celle celles celui cependant certes ces cet cette ceux chacun chaque chez ci comme
    comment d dans de des deja depuis dont donc du elle elles en encore entre es est et etaient
    etais etait etant ete etes etre eu eue eues eurent eus eut eux faire fait fais faut fois font
    ici il ils j je jusqu l la le les leur leurs lors lui m ma mais me meme memes mes moi mon
    n ne ni nos notre nous on ont ou par parce pas peu peut plus pour pourquoi qu quand que quel
    quelle quelles quels qui quoi s sa sans se sera serai seraient serais serait seras serez
    seriez serions serons seront ses si soi soit sommes son sont sous suis sur t ta te tes toi
    ton tous tout toute toutes tres tu un une unes uns vers voila vos votre vous y afin ainsi
    etc ex p cas fait font doit doivent devrait devraient faudrait peuvent pourrait pourraient
    sont selon dire dit veut oui non plutot vraiment beaucoup trop assez tant autant deux
    aujourd hui quelqu lorsqu puisqu presqu quoiqu
    """
)
"""French stop words; the halves of a word elided at its apostrophe ("aujourd'hui",
"quelqu'un", "lorsqu'on") are among them."""

STOP_EN = _words(
    """
    a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    yes also really think dont doesnt isnt cant wont would could should im ive thats theres
    t s d ll re ve m get got much many like one even still
    arent wasnt werent didnt hasnt havent hadnt couldnt shouldnt wouldnt mustnt neednt aint shant
    don doesn didn isn aren wasn weren hasn haven hadn couldn shouldn wouldn mustn needn
    """
)
"""English stop words; a negation's contraction ("don't") is one of them written without
its apostrophe, as :func:`joined_negations` writes it, and its first half ("don", of
:func:`tokens`, which splits it) too ("won", a word of its own, is not)."""

STOP_WORDS = STOP_FR | STOP_EN

_NEGATION = re.compile(r"(?<=[^\W\d_])n['’]t(?![^\W\d_])", re.IGNORECASE)


def joined_negations(text: str) -> str:
    """English negations written as one word: "don't" as "dont", "won't" as "wont" (stop
    words), so that no "don" or "won" is read as a word of its own."""
    return _NEGATION.sub("nt", text) if "'" in text or "’" in text else text


def unspoiled(text: str) -> str:
    """``text`` without what its writer hid as a spoiler, read as Discord reads it and as
    :mod:`bot.discord_text` masks it wherever a reply is echoed (:mod:`bot.spoilers`: bars
    escaped or in code are text): keywords and theme names are shown in clear, and never
    name it."""
    return spoilers.replaced(text, " ") if "||" in text else text


_CHUNK_CHARS = 40
"""Chunks (text between two spaces) up to this long are cached."""
_CHUNKS_MAX = 100_000
"""A chunk cache is emptied past this many chunks (hostile input stays bounded)."""


class _FoldedChunks(dict[str, str]):
    """Text between two spaces -> its :func:`fold`, filled on first look-up.

    Lower-casing, NFKD and dropping marks never look across a space, so a text
    folds chunk by chunk. Long chunks (pasted input) are not kept.
    """

    def __missing__(self, chunk: str) -> str:
        lowered = chunk.lower()
        folded = lowered
        if not lowered.isascii():
            decomposed = unicodedata.normalize("NFKD", lowered)
            folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        if len(chunk) <= _CHUNK_CHARS:
            if len(self) >= _CHUNKS_MAX:
                self.clear()
            self[chunk] = folded
        return folded


_FOLDED_CHUNKS = _FoldedChunks()


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents and marks (so "déjà" and "deja" match)."""
    return " ".join(map(_FOLDED_CHUNKS.__getitem__, text.split(" ")))


def clean(text: str) -> str:
    """Cut hostile input, drop mentions and links, fold case and accents to ASCII.

    Letters outside the Latin script (and emoji) are dropped: the analysis
    only reads French and English words.
    """
    return _clean_lowered(text[:MAX_CHARS].lower())


def _clean_lowered(text: str) -> str:
    text = _MENTION.sub(" ", text.replace("’", "'"))
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


class _Chunks(dict[str, tuple[str, ...]]):
    """Lower-cased text between two spaces -> its tokens, filled on first look-up.

    A mention, a link or a word never holds a space, and lower-casing, NFKD and
    dropping non-ASCII letters are local to each character between spaces: the
    tokens of a text are those of its chunks, in order. Long chunks (pasted
    input) are not kept.
    """

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        found = tuple(_WORD.findall(_clean_lowered(chunk)))
        if len(chunk) <= _CHUNK_CHARS:
            if len(self) >= _CHUNKS_MAX:
                self.clear()
            self[chunk] = found
        return found


_CHUNKS = _Chunks()


def tokens(text: str) -> list[str]:
    """Folded word tokens of ``text`` (elisions split: "n'est" gives "n", "est")."""
    chunks = text[:MAX_CHARS].lower().split(" ")
    return list(chain.from_iterable(map(_CHUNKS.__getitem__, chunks)))


def content_words(words: list[str]) -> list[str]:
    """Words that carry meaning: not a stop word, not a number, at least 3 letters."""
    return [w for w in words if len(w) >= 3 and w not in STOP_WORDS and not w.isdigit()]


class _ContentChunks(dict[str, tuple[str, ...]]):
    """Lower-cased text between two spaces -> its content words, filled on first look-up
    (each token is kept or not on its own: a text's are those of its chunks, in order)."""

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        found = tuple(content_words(list(_CHUNKS[chunk])))
        if len(chunk) <= _CHUNK_CHARS:
            if len(self) >= _CHUNKS_MAX:
                self.clear()
            self[chunk] = found
        return found


_CONTENT_CHUNKS = _ContentChunks()


def content_tokens(text: str) -> list[str]:
    """``content_words(tokens(text))``, each chunk of the text filtered once."""
    chunks = text[:MAX_CHARS].lower().split(" ")
    return list(chain.from_iterable(map(_CONTENT_CHUNKS.__getitem__, chunks)))


def stem(word: str) -> str:
    """A crude stem shared by French and English: the first 6 letters."""
    return word[:6]


def sentences(text: str) -> list[str]:
    """Split raw ``text`` into sentences (kept with their original case)."""
    return [s.strip() for s in _SENTENCE_END.split(text[:MAX_CHARS]) if s.strip()]


def cut_quote(text: str, limit: int = 300) -> str:
    """The first sentence or two of ``text``, at most ``limit`` characters, cut at a word.

    A mention keeps its place as « @… » (« #… » a channel): dropped, « <@…>, tu as
    raison » was quoted « , tu as raison », and « <@…> a raison » as « a raison ».
    A link keeps its place as its host's name, in parentheses and never a link: dropped,
    « Lisez https://lemonde.fr/…, tout y est » was quoted « Lisez , tout y est ».
    Custom emoji are left out, and the punctuation they leave at the start.
    Nothing (``""``) for a text of mentions, links and punctuation alone.
    """
    if not _says_something(_MENTION.sub(" ", text)):
        return ""
    text = _LINK.sub(_host_shown, _PEOPLE.sub("@…", _CHANNEL.sub("#…", text)))
    text = " ".join(_MENTION.sub(" ", text).split()).lstrip(_LEFT_AT_START)
    parts = sentences(text)
    quote = ""
    for part in parts:
        candidate = f"{quote} {part}".strip()
        if len(candidate) > limit and quote:
            break
        quote = candidate
        if len(quote) >= limit // 2:
            break
    if len(quote) <= limit:
        return _spoiler_closed(quote, text)
    cut = quote[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return _spoiler_closed(cut.rstrip(" ,;:-") + "…", text)


def _host_shown(match: re.Match[str]) -> str:
    """A link as the quote shows it: « (example.org) », its host alone, as text (no
    scheme: nothing makes it a link again); a bare link's closing punctuation kept after
    it. A link whose host is not a name (an address, none) is left out."""
    url = match.group(1) or match.group(2)
    after = ""
    if url is None:
        url = match.group(3)
        stripped = url.rstrip(_AFTER_LINK)
        url, after = stripped, url[len(stripped) :]
    try:
        host = (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:  # a malformed address (an unclosed "[")
        host = ""
    if not _HOST.fullmatch(host) or host.replace(".", "").isdigit():
        return " " + after
    return f" ({host}){after}"


def _spoiler_closed(quote: str, text: str) -> str:
    """``quote`` (the start of ``text``) with the spoiler it was cut inside closed: the
    echoes mask a whole spoiler only, and an opening ``||`` left alone showed the rest."""
    if "||" not in quote or spoilers.read(quote).unclosed is None:
        return quote
    return quote + "||" if text.count("||") > quote.count("||") else quote


_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")
"""Hangul fillers: letters to Unicode, blank on screen."""


def _says_something(text: str) -> bool:
    """Whether ``text`` holds a letter, digit or symbol (not only punctuation and spaces)."""
    return any(unicodedata.category(c)[0] in "LNS" and c not in _FILLERS for c in text)


def worded(quote: str) -> bool:
    """Whether ``quote`` holds a letter or a digit: a statement, not emoji or signs alone."""
    return any(unicodedata.category(c)[0] in "LN" and c not in _FILLERS for c in quote)


def readable(quote: str) -> bool:
    """Whether ``quote`` shows something to read: a character that is neither a space,
    a control or format character (zero-width, bidi), nor a blank filler."""
    return any(
        not unicodedata.category(c).startswith(("Z", "C")) and c not in _FILLERS for c in quote
    )
