"""Finding the "Et vous ?" section of an article and reading its questions."""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from collections.abc import Sequence
from itertools import chain
from typing import Final

from bot.importer.dedupe import normalize_question
from bot.importer.grammar import infer_kind
from bot.importer.model import (
    MAX_ARTICLE_BYTES,
    MAX_LINE_CHARS,
    MAX_OPTION_CHARS,
    MAX_OPTIONS,
    MAX_QUESTION_CHARS,
    MAX_QUESTIONS,
    ArticleError,
    Language,
    ParsedArticle,
    ParsedQuestion,
    SkippedLine,
    without_controls,
)
from bot.importer.options import default_options, validate_options
from bot.importer.splitting import split_questions
from bot.importer.typography import question_language, typeset, typeset_question

_EN_PROMPT: Final = (
    r"(?:(?:so|and(?:\s+you)?)\s*,?\s+)?what\s+do\s+you\s+think\s*\?"
    r"|(?:what\s+are\s+)?your\s+thoughts\s*\?"
)
_FR_PROMPT: Final = (
    r"et\s*vous\s*,\s*(?:qu['’]\s*en\s+(?:pensez|dites)|que\s+(?:pensez|dites))[\s-]+vous\s*\?"
)
_PROMPT_HEADING: Final = re.compile(f"{_EN_PROMPT}|{_FR_PROMPT}", re.IGNORECASE)
"""The closing prompt, which heads the questions too ("What do you think?" then a list,
« Et vous, qu'en pensez-vous ? » with its question on the same line); inside a section it
is left out, as a prompt, and does not end it."""
_HEADINGS: Final[tuple[tuple[re.Pattern[str], Language], ...]] = (
    (re.compile(rf"et\s*(?:vous|toi)\s*\?|{_FR_PROMPT}", re.IGNORECASE), "fr"),
    (re.compile(r"(?:and\s+)?(?:what|how)\s+about\s+you\s*\?|and\s*you\s*\?", re.IGNORECASE), "en"),
    # English tech news hands over with a phrase, not a question ("Over to you", "Your turn!")
    (re.compile(r"(?:over\s+to\s+you|(?:it['’]?s\s+)?your\s+turn)\s*[.!:?]?", re.IGNORECASE), "en"),
    (re.compile(_EN_PROMPT, re.IGNORECASE), "en"),
)
_SEE_ALSO: Final = re.compile(
    r"""(?:voir\s+aussi|see\s+also
      | (?:à\s+)?lire\s+(?:aussi|également|ensuite) | sur\s+le\s+même\s+sujet
      | related(?:\s+(?:articles?|stories|reading))? | read\s+(?:more|next|also) | also\s+read
    )\s*(?::|$)""",
    re.IGNORECASE | re.VERBOSE,
)
"""The links a site puts after an article ("Voir aussi", "À lire aussi :", "Related:",
"Read more:"), which may name an article by its question: they end the section."""
_INVISIBLE: Final = "\u200b\u200c\u200d\u2060\ufeff"
"""Zero-width characters a web page's copy leaves after a "?"."""
_MARKUP: Final = "*_#>~`=|" + _INVISIBLE
_MAX_PREFIXES: Final = 8  # "- **1.** …" needs three; the bound keeps odd lines linear
_PREFIX: Final = re.compile(
    r"""^(?:
        [-*+]\s+                 # markdown bullets need a space
      | -(?=[A-ZÀ-ÖØ-Þ«"“])      # a typed dash glued to its capital: "-Faut-il …?"
      | [•–—·▪◦‣→►☐□■●○◆◇★☆✓➤➔➜⇒]\s*  # typographic bullets, boxes and arrows
      | \d{1,3}[.)](?!\d)\s*     # 1.  1)
      | \(\d{1,3}\)\s*           # (1)
      | \d{1,3}\s?(?:[-–—]\s+|/(?![\d/])\s*)  # 1 -  2 –  3/
      | [Qq]\d{1,3}\s?[:.)-]\s*   # Q1 :  Q2.
      | (?i:question)\s?(?:n°\s?)?\d{1,3}\s?[:.)–—-]\s*  # Question 1 :  question n° 2.
      | [a-zA-Z]\)\s+            # a)  B)
      | >\s*                    # a markdown quote, as the heading's "> Et vous ?"
      | [*_]{2,3}\s*            # opening bold
      | [*_](?=\S)              # opening emphasis
    )""",
    re.VERBOSE,
)


_EMOJI_BULLET: Final = re.compile(
    r"[👉👈➡▶►✅✔☑🔹🔸🔷🔶❓❔📌💬🗨🤔][\ufe0f\U0001f3fb-\U0001f3ff]*\s+"
)
"""👉 ➡️ ✅ ❓ 📌 before a question, as a Discord message lists them (a pointing,
ticking or asking emoji: one that means something, 🎬 or 🤖, stays)."""


_LINK: Final = re.compile(r"\[([^\[\]\n]{1,1000})\]\(<?[^()<>\s]{1,2000}>?\)")
_PAIRED: Final = re.compile(
    r"\*\*([^*\n]{1,1000})\*\*|__([^_\n]{1,1000})__|(?<![\w*])\*([^*\s][^*\n]{0,999})\*(?![\w*])"
)
_STRAY: Final = re.compile(r"(?<=\w)(?:\*\*|__)(?=\s)|(?<=\s)(?:\*\*|__)(?=\w)")
"""A bold marker left alone at a word's edge once its pair opened or closed the line."""


def _without_inline_markup(text: str) -> str:
    """``[text](url)`` as its text, ``**bold**``, ``__bold__`` and ``*italics*`` as plain words."""
    text = _LINK.sub(r"\1", text)
    for _ in range(2):  # ***both*** is bold around italics
        text = _PAIRED.sub(lambda m: m.group(1) or m.group(2) or m.group(3), text)
    return _STRAY.sub("", text)


def _bare(line: str) -> str:
    """A line without surrounding whitespace, markdown and emoji, for headings and stops."""
    bare = unicodedata.normalize("NFKC", line).strip().strip(_MARKUP).strip()
    bare = _without_emoji_edges(bare).strip(_MARKUP).strip()  # "### 💬 And you?"
    return _without_inline_markup(bare).strip()  # "**Et vous** ?"


def _is_emoji(char: str) -> bool:
    return char in _EMOJI_PARTS or unicodedata.category(char) in ("So", "Sk")


def _without_emoji_edges(text: str) -> str:
    """ "💬 Over to you", "Et vous ? 🤔" without their emoji."""
    start, end = 0, len(text)
    while start < end and (_is_emoji(text[start]) or text[start] in _SPACES):
        start += 1
    while end > start and (_is_emoji(text[end - 1]) or text[end - 1] in _SPACES):
        end -= 1
    return text[start:end]


_MAX_HEADING_CHARS: Final = 64
"""Longer than any "**Et vous ?**" or "## And you?" with its markup: not a heading."""


def _heading_language(line: str) -> Language | None:
    if len(line) > _MAX_HEADING_CHARS:
        return None
    bare = _bare(line)
    for pattern, language in _HEADINGS:
        if pattern.fullmatch(bare):
            return language
    return None


_INLINE_START: Final = ("et", "and", "what", "how", "over", "your", "it", "so")
"""How a heading followed by its question on the same line may start (a cheap first look)."""


def _inline_heading(line: str) -> tuple[Language, str] | None:
    """A heading and its first question on one line ("Over to you: would you …?",
    "Et vous ? Utilisez-vous …?"): the heading's language and the question. The
    heading must end with its "?", ":" or "!" and the rest be a question."""
    if len(line) > MAX_LINE_CHARS or not line.lstrip(_MARKUP + " ").lower().startswith(
        _INLINE_START
    ):
        return None
    bare = _bare(line)
    for pattern, language in _HEADINGS:
        found = pattern.match(bare)
        if found is None or not found.group().endswith(("?", ":", "!")):
            continue
        rest = bare[found.end() :].lstrip(_MARKUP + " \t\u00a0\u202f")  # "**Your turn:** …"
        question = _inline_question(rest) if rest and rest[0].isalpha() else None
        if question is not None:
            return language, question[0].upper() + question[1:]
    return None


def _inline_question(rest: str) -> str | None:
    """What follows a heading on its line, if it asks: a question, one with its options
    (« Allez-vous … ? Oui / Non »), or one before the site's closing sentence ("Would
    you …? Let us know in the comments."), which is left out."""
    if _question_text(rest) is not None or _question_and_options(rest)[0] is not None:
        return rest
    end = rest.rfind("?")
    if end <= 0 or _CALL_TO_COMMENT.match(rest[end + 1 :].strip(_SPACES + _MARKUP)) is None:
        return None
    asked = rest[: end + 1]
    return asked if _question_text(asked) is not None else None


_CALL_TO_COMMENT: Final = re.compile(
    r"""(?:let\s+us\s+know | tell\s+us | share\s+your | sound\s+off | drop\s+(?:us|a)
      | dites[- ](?:le|nous) | donnez[- ]nous | partagez | réagissez | racontez[- ]nous
      | écrivez[- ]nous | \S*\s*(?:en|dans\s+les)\s+commentaires?
    )""",
    re.IGNORECASE | re.VERBOSE,
)
"""The site's sentence after the heading's question ("Let us know in the comments.",
« Dites-le-nous en commentaire. »): left out. Any other sentence after it is the
article's prose, and the line no heading."""


_SITE_ASKS: Final = re.compile(
    r"""(?:vous\s+avez\s+(?:aimé|apprécié)\s+cet\s+article | cet\s+article\s+vous\s+a\s+plu
      | vous\s+avez\s+(?:une|des)\s+(?:info|information)s?\s+(?:à|a)\s+(?:nous\s+)?(?:partager|transmettre|signaler)
      | vous\s+avez\s+(?:repéré|remarqué|trouvé)\s+une\s+(?:erreur|coquille|faute)
      | (?:did\s+you\s+)?(?:enjoy|like)(?:ed)?\s+this\s+(?:article|story|post)
      | (?:got|have)\s+a\s+(?:news\s+)?tip | (?:spotted|found)\s+an?\s+(?:error|typo|mistake)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
"""What a site asks its readers under every article (« Vous avez aimé cet article ? »,
"Got a tip?"): the page's furniture after the section, which it ends."""


def _is_see_also(line: str) -> bool:
    """ "Voir aussi", alone or before its link ("Lire aussi : Faut-il …?"), or the site's
    own question to its readers: the line's start is enough (and bounds the work on a long
    line)."""
    start = _bare(line[: 2 * _MAX_HEADING_CHARS])
    return _SEE_ALSO.match(start) is not None or _SITE_ASKS.match(start) is not None


def _question_text(line: str) -> str | None:
    """The line without bullet, numbering and emphasis (nor control characters: an
    article may carry a NUL or a terminal's escapes), if it is a question."""
    # "- **Faut-il …**, même …?": bold closed inside the line goes before the bullets do
    text = _without_inline_markup(without_controls(line).strip())
    for _ in range(_MAX_PREFIXES):
        prefix = _PREFIX.match(text) or _EMOJI_BULLET.match(text)
        if prefix is None or not prefix.end():
            break
        text = text[prefix.end() :].strip()
    text = _without_inline_markup(text).rstrip("*_ \t\u00a0\u202f" + _INVISIBLE).strip()
    text = _unquoted(_without_trailing_emoji(text))
    if not text.endswith(("?", "?!")) or not any(char.isalnum() for char in text):
        return None
    return text


_SPACES: Final = " \t\u00a0\u202f"
_EMOJI_PARTS: Final = frozenset("\u200d\ufe0e\ufe0f\u20e3" + _INVISIBLE)
_QUOTES: Final = {'"': '"', "“": "”", "«": "»", "„": "“"}
_CLOSING_QUOTES: Final = '"”»“ \u00a0\u202f'


def _without_trailing_emoji(text: str) -> str:
    """ "Would you watch it? 🍿" as "Would you watch it?" (emoji after the question mark
    only: "🎬 ou 📺 ?" keeps its own)."""
    end = len(text)
    while end and (_is_emoji(text[end - 1]) or text[end - 1] in _SPACES):
        end -= 1
    kept = text[:end]
    return kept if end < len(text) and kept.rstrip(_CLOSING_QUOTES).endswith("?") else text


def _unquoted(text: str) -> str:
    """A question between quotation marks, without them."""
    closing = _QUOTES.get(text[:1])
    if closing is None or len(text) < 3 or not text.endswith(closing):
        return text
    inner = text[1:-1].strip(_SPACES)
    return inner if inner.endswith("?") and closing not in inner else text


def parse_article_bytes(data: bytes, *, options: Sequence[str] | None = None) -> ParsedArticle:
    """Decode an uploaded article (UTF-8, at most 1 MB) and parse it.

    A line that is not UTF-8 is left out and listed in ``skipped``; a file
    in which nothing is found but such lines (another encoding, not text)
    is refused as not UTF-8.
    """
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError("too_large")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:  # Notepad's "Unicode": the mark names the encoding
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ArticleError("not_utf8") from None
        return _parse_or_not_utf8(text, options)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if not _has_utf8_beyond_ascii(data):
            windows = _windows_1252(data)
            if windows is not None:  # nothing is UTF-8 beyond ASCII: the file is Windows-1252
                return _parse_or_not_utf8(windows, options)
        text, bad = _decode_by_line(data)
        if not text.strip():
            raise ArticleError("not_utf8") from None
        article = _parse_or_not_utf8(text, options)
        article.skipped[:0] = bad
        return article
    return parse_article(text, options=options)


def _parse_or_not_utf8(text: str, options: Sequence[str] | None) -> ParsedArticle:
    """A text decoded by guess: finding nothing in it says it was not text after all. A
    section whose every question is too long was read: its refusal says so, not « not UTF-8 »
    (one stray bad line in a UTF-8 article would otherwise hide why)."""
    try:
        return parse_article(text, options=options)
    except ArticleError as error:
        measured = error.reason.startswith("questions_too_long")
        found_nothing = error.code in ("no_section", "no_question") and not measured
        raise ArticleError("not_utf8") if found_nothing else error from None


_BINARY: Final = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _windows_1252(data: bytes) -> str | None:
    """The file read as Windows-1252, unless it is not (undefined bytes, control characters)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return None if _BINARY.search(text) else text


_UTF8_MULTIBYTE: Final = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _has_utf8_beyond_ascii(data: bytes) -> bool:
    """Whether some line decodes as UTF-8 and holds more than ASCII.

    A UTF-8 file with a stray bad line has such lines; a Windows-1252 file
    (whose accented lines are never UTF-8) has none.
    """
    return any(
        _UTF8_MULTIBYTE.search(line) is not None and _decodes(line)
        for line in data.removeprefix(codecs.BOM_UTF8).split(b"\n")
    )


def _decodes(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_by_line(data: bytes) -> tuple[str, list[SkippedLine]]:
    """The text with each line that is not UTF-8 emptied, and those lines."""
    lines: list[str] = []
    bad: list[SkippedLine] = []
    for number, raw in enumerate(data.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append("")
            bad.append(SkippedLine(number, raw.decode("utf-8", "replace")[:80], "not_utf8"))
    return "\n".join(lines), bad


def parse_article(text: str, *, options: Sequence[str] | None = None) -> ParsedArticle:
    """The questions of the article's "Et vous ?" / "And you?" section.

    Raises :class:`ArticleError` (``too_large``, ``no_section``,
    ``no_question``, ``bad_options``, ``too_many``). Questions longer than
    :data:`MAX_QUESTION_CHARS`, and lines longer than :data:`MAX_LINE_CHARS`
    (left out before any pattern runs over them), are listed in ``skipped``.
    """
    if len(text) > MAX_ARTICLE_BYTES or _utf8_size(text) > MAX_ARTICLE_BYTES:
        raise ArticleError("too_large")
    explicit = validate_options(options) if options is not None else None
    try:
        return _parse_text(text, explicit)
    except ArticleError as error:
        if error.code != "no_section" or not _HTML_BLOCK.search(text):
            raise
    return _parse_text(_html_as_lines(text), explicit)  # an article saved as a web page


_HTML_BLOCK: Final = re.compile(r"</?(?:p|h[1-6]|li|br|div)\b[^<>]{0,500}>", re.IGNORECASE)
_HTML_TAG: Final = re.compile(r"<[^<>]{0,2000}>")
_HTML_SPACE: Final = re.compile(r"[ \t\n\r\f]+")
"""HTML's white space (``&nbsp;`` is text, read after)."""


def _html_as_lines(text: str) -> str:
    """A web page's text: each block (paragraph, heading, list item, line break) on
    its own line, other tags dropped, entities (``&nbsp;``, ``&#39;``) read. A line
    break in the page's source is a space on the page (a blog built from Markdown
    keeps the writer's breaks inside a paragraph or a list item)."""
    text = _HTML_BLOCK.sub("\n", _HTML_SPACE.sub(" ", _without_code(text)))
    return html.unescape(_HTML_TAG.sub("", text))


_CODE_OPENING: Final = re.compile(
    r"<(script|style|noscript|template|svg|iframe)\b[^<>]{0,2000}>", re.IGNORECASE
)


def _without_code(page: str) -> str:
    """A page without what a browser never shows as text: its scripts (an advert's, a
    cookie banner's), style sheets, ``<noscript>`` and ``<template>`` contents, and the
    names drawn icons and frames carry (a share button's ``<svg><title>``). Each
    closing tag is looked for once, from where its opening one ends: linear, however many
    an unclosed one follows."""
    lowered = page.lower()
    kept: list[str] = []
    start = 0
    while (opening := _CODE_OPENING.search(page, start)) is not None:
        closing = lowered.find(f"</{opening.group(1).lower()}", opening.end())
        if closing < 0:
            break
        end = page.find(">", closing)
        if end < 0:
            break
        kept.append(page[start : opening.start()])
        kept.append("\n")  # a block of its own: the text around it is not joined
        start = end + 1
    kept.append(page[start:])
    return "".join(kept)


def _parse_text(text: str, explicit: tuple[str, ...] | None) -> ParsedArticle:
    lines = text.splitlines()
    headings = [_heading_language(line) for line in lines]  # once per line, however many
    firsts: dict[int, str] = {}  # the question on a heading's own line
    for index, line in enumerate(lines):
        inline = _inline_heading(line) if headings[index] is None else None
        if inline is not None:
            headings[index], firsts[index] = inline
    found: ParsedArticle | None = None
    # a heading on its own line first: "Et vous ? Vous aussi ?" in the article's body
    # does not hide the section at its end; every such section is read (a digest ends each
    # of its stories with its own « Et vous ? »), in the first one's language
    alone = [index for index, language in enumerate(headings) if language and index not in firsts]
    read_to = -1
    for index in alone:
        language = headings[index]
        if language is None or index < read_to:  # a prompt a section before went past
            continue
        article, read_to = _parse_section(lines, headings, index, language, explicit)
        if found is None or not found.questions:
            found = article if article.questions or found is None else found
        elif article.questions and article.language == found.language:
            if len(found.questions) + len(article.questions) > MAX_QUESTIONS:
                raise ArticleError("too_many")
            found.questions.extend(article.questions)
            found.skipped.extend(article.skipped)
    if found is not None and found.questions:
        return found
    for index, first in firsts.items():
        language = headings[index]
        if language is None:
            continue
        article, _ = _parse_section(lines, headings, index, language, explicit, first)
        if article.questions:
            return article
        found = found or article
    if found is None:
        raise ArticleError("no_section")
    heading = _heading_text(lines[found.heading_line - 1], found.language)
    if any(line.reason == "too_long_spaced" for line in found.skipped):
        # "longer than 1000" would be wrong of a question of 997 typed
        shortest = min(line.length for line in found.skipped)
        raise ArticleError(
            "no_question",
            f"With French spacing, every question is longer than {MAX_QUESTION_CHARS}"
            f" characters (the shortest has {shortest}).",
            reason="questions_too_long_spaced",
            heading=heading,
            max=MAX_QUESTION_CHARS,
            length=shortest,
        )
    if found.skipped:
        raise ArticleError(
            "no_question",
            f"Every question is longer than {MAX_QUESTION_CHARS} characters.",
            reason="questions_too_long",
            heading=heading,
            max=MAX_QUESTION_CHARS,
        )
    raise ArticleError("no_question", heading=heading)


def _heading_text(line: str, language: Language) -> str:
    """A section's heading as its article words it, for the refusal to name: without its
    markup, emoji or a question on its line; a French one set with French spacing, as the
    bot's French messages are."""
    bare = _bare(line)
    for pattern, _ in _HEADINGS:
        found = pattern.match(bare)
        if found is not None:
            bare = found.group()
            break
    return typeset(" ".join(bare.split()), language)


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _parse_section(
    lines: Sequence[str],
    headings: Sequence[Language | None],
    heading: int,
    language: Language,
    explicit: tuple[str, ...] | None,
    first: str | None = None,
) -> tuple[ParsedArticle, int]:
    """The questions after line ``heading``; ``first``, the one on the heading's own line;
    and the index of the line that ended the section (the lines before it were read)."""
    article = ParsedArticle(questions=[], language=language, heading_line=heading + 1)
    end = len(lines)
    lead_in = False
    wrapped_until = heading  # the last line a question wrapped over has been read with it
    following = ((index, lines[index]) for index in range(heading + 1, len(lines)))
    for index, line in chain([(heading, first)] if first else [], following):
        if index <= wrapped_until and index != heading:
            continue
        if not line.strip() or not line.strip(_MARKUP + " \t\u00a0\u202f"):
            continue
        if index != heading and (headings[index] is not None or _is_see_also(line)):
            if article.questions and _PROMPT_HEADING.fullmatch(_bare(line)):
                continue  # "What do you think?" after questions: the prompt, no new section
            end = index
            break  # another section, or "Voir aussi"
        if len(line) > MAX_LINE_CHARS:  # before any pattern runs over it
            article.skipped.append(SkippedLine(index + 1, line.strip()[:80], "too_long", len(line)))
            continue
        text = _question_text(line)
        stated: tuple[str, ...] | None = None  # "… ? Oui / Non / Ça dépend"
        if text is None:
            text, stated = _question_and_options(line)
        last = index
        if text is None and index != heading:
            wrapped = _wrapped_question(lines, headings, index)
            if wrapped is not None:
                text, last = wrapped
        if text is None:
            if not article.questions and not lead_in and _is_lead_in(line):
                lead_in = True  # "Voici quelques questions :" before the first one
                continue
            end = index
            break
        if stated is None:
            below = _options_below(lines, last)
            if below is not None:
                stated, last = below
        wrapped_until = max(wrapped_until, last)
        pieces = split_questions(text)
        for number, question in enumerate(pieces, start=1):
            if _is_bare_prompt(question):
                continue  # "Qu'en pensez-vous ?" alone asks about the article, not posted alone
            own = stated if number == len(pieces) else None  # the options follow their question
            parsed = (
                _question(question, language, explicit, own)
                if len(question) <= MAX_QUESTION_CHARS
                else None
            )
            if parsed is None:
                skipped = SkippedLine(index + 1, question[:80], "too_long", len(question))
                article.skipped.append(skipped)
                continue
            # measured as stored: French spacing adds a space before a glued mark and in « »
            stored = len(typeset_question(parsed.text, language))
            if stored > MAX_QUESTION_CHARS:
                skipped = SkippedLine(index + 1, question[:80], "too_long_spaced", stored)
                article.skipped.append(skipped)
                continue
            if len(article.questions) == MAX_QUESTIONS:
                raise ArticleError("too_many")
            article.questions.append(parsed)
    return article, end


_MAX_WRAPPED_LINES: Final = 5
"""A question a plain-text copy wraps over more lines than this is no question but prose."""
_SENTENCE_END: Final = (".", "!", ":", ";", "…")


def _wrapped_question(
    lines: Sequence[str], headings: Sequence[Language | None], start: int
) -> tuple[str, int] | None:
    """A question a plain-text copy wrapped over lines (a list item's continuation
    indented, a mail's 72 columns): the line at ``start`` and those that continue its
    sentence, each starting with a small letter, up to the one that ends with its "?";
    the question and the index of its last line. A sentence that ended (".", "!", ":")
    is no start of a question, and a blank line, a heading or another item ends one."""
    parts = [lines[start].strip()]
    if parts[0].rstrip(_SPACES + _MARKUP).endswith(_SENTENCE_END):
        return None
    size = len(parts[0])
    for index in range(start + 1, min(start + _MAX_WRAPPED_LINES, len(lines))):
        line = lines[index].strip()
        if line.startswith(">") and parts[0].startswith(">"):  # a quoted question's next line
            line = line[1:].strip()
        size += len(line) + 1
        if (
            not line
            or size > MAX_LINE_CHARS
            or headings[index] is not None
            or not line[0].islower()
            or _PREFIX.match(line) is not None
        ):
            return None
        parts.append(line)
        text = _question_text(" ".join(parts)) if "?" in line else None  # its "?" ends it
        if text is not None:
            return text, index
        if line.rstrip(_SPACES + _MARKUP).endswith(_SENTENCE_END):
            return None
    return None


_BARE_PROMPT: Final = re.compile(
    r"""(?:(?:et\ vous|and\ you|and|so)\ ?,?\ ?)?(?:
        qu'en\ (?:pensez|dites)[\ -]vous | vous\ en\ pensez\ quoi | votre\ avis
      | quel\ est\ votre\ avis
      | what\ do\ you\ think | what\ are\ your\ thoughts | (?:any\ |your\ )?thoughts
      | what(?:'s|\ is)\ your\ (?:take|opinion|view)
      | what\ about\ you | and\ you | et\ vous
    )""",
    re.VERBOSE,
)
"""The article's closing prompt, which asks nothing once the article is gone."""


def _is_lead_in(line: str) -> bool:
    """One sentence that announces the questions: it ends with a colon."""
    bare = _bare(line)
    return len(bare) <= MAX_QUESTION_CHARS and bare.rstrip(" \u00a0\u202f").endswith(":")


def _is_bare_prompt(question: str) -> bool:
    return len(question) <= _MAX_HEADING_CHARS and bool(
        _BARE_PROMPT.fullmatch(normalize_question(question))
    )


def _question(
    text: str,
    section: Language,
    explicit: tuple[str, ...] | None,
    stated: tuple[str, ...] | None = None,
) -> ParsedQuestion:
    """A question with the options staff gave, else those the article states after it,
    else those its wording calls for."""
    language = question_language(text, section)
    kind = infer_kind(text, language)
    options = explicit or stated or default_options(kind, language, text)
    return ParsedQuestion(text=text, language=language, options=options, kind=kind)


_OPTION_SEPARATOR: Final = re.compile(r"[ \t\u00a0\u202f]*[/|][ \t\u00a0\u202f]*")
_MAX_OPTION_WORDS: Final = 6
_MAX_OPTION_WORDS_BELOW: Final = 4
"""A line of its own under a question is options when it reads as a poll's, short labels:
"Posted on 3 Dec 2026 | 5 comments" is the site's, not the question's."""
_MAX_OPTIONS_LINE: Final = MAX_OPTIONS * (MAX_OPTION_CHARS + 3)


def _stated_options(text: str, words: int = _MAX_OPTION_WORDS) -> tuple[str, ...] | None:
    """The options an article states for its question, « Oui / Non / Ça dépend » or
    "Yes | No | Not sure" (in brackets or not): 2 to 20 labels of at most ``words``
    words, none a question, a number alone or holding a colon (« Source : AFP / Reuters »,
    a date, an hour); else None (an address's slashes give an empty label, so none)."""
    text = without_controls(text).strip(_SPACES + _MARKUP + "()[].")
    if len(text) > _MAX_OPTIONS_LINE or ("/" not in text and "|" not in text) or ":" in text:
        return None
    labels = [label.strip(_SPACES + _MARKUP) for label in _OPTION_SEPARATOR.split(text)]
    if any(
        "?" in label or len(label.split()) > words or not any(c.isalpha() for c in label)
        for label in labels
    ):
        return None
    try:
        return validate_options(labels)
    except ArticleError:
        return None


def _question_and_options(line: str) -> tuple[str | None, tuple[str, ...] | None]:
    """ "Allez-vous passer à Windows 11 ? Oui / Non / Ça dépend": the question and its
    options, else nothing."""
    end = line.rfind("?")
    if end < 0:
        return None, None
    options = _stated_options(line[end + 1 :])
    text = _question_text(line[: end + 1]) if options is not None else None
    return (text, options) if text is not None else (None, None)


_OPTIONS_BELOW_LINES: Final = 8
"""A page's paragraphs leave blank lines between a question and its options."""


def _options_below(lines: Sequence[str], last: int) -> tuple[tuple[str, ...], int] | None:
    """The options on the next line that is not blank under a question, and that line's
    index."""
    for index in range(last + 1, min(last + _OPTIONS_BELOW_LINES, len(lines))):
        line = lines[index]
        if not line.strip():
            continue
        if len(line) > _MAX_OPTIONS_LINE:
            return None
        options = _stated_options(line, _MAX_OPTION_WORDS_BELOW)
        return (options, index) if options is not None else None
    return None
