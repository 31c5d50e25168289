"""Read the questions that end a tech-news article ("Et vous ?" / "And you?").

Pure logic: no Discord, no database. The cogs call :func:`parse_article_bytes`
on an uploaded file (or :func:`parse_article` on pasted text), then
:func:`dedupe` against the questions already in the bank.

The section
    A heading line ``Et vous ?`` (French) or ``And you?`` (English), in any
    case, with any space before ``?`` (none, a space, U+00A0, U+202F) and
    tolerant of markdown around it (``**Et vous ?**``, ``## Et vous ?``).
    The questions are the following non-empty lines, bullets and numbering
    stripped, up to ``Voir aussi`` / ``See also``, the end of the text, or the
    first line that is not a question (a line that does not end with ``?``).

Splitting a line that holds several questions
    A line is cut after each ``?`` that is followed by a new sentence (a
    capital letter). Each later piece is then either a *follow-up*, kept with
    the question before it, or an *independent* question, returned on its own.
    A piece is a follow-up when it cannot be understood without the previous
    one:

    * it is elliptical: at most three words ("Pourquoi ?", "Lesquels ?",
      "Why not?");
    * it opens with a connective that ties it to the previous question
      ("Et", "Ou", "Si oui", "Sinon", "Dans ce cas", "And", "Or", "If so");
    * it refers back with an anaphoric pronoun or determiner: French clitic
      "en" / "y" near the start ("Quelles en seraient les conséquences ?",
      "Qu'en pensez-vous ?"), "cela", "ça", "ceci", "ces", "cette", "cet";
      English "it", "its", "this", "that", "these", "those", "they", "them".

    Anything else is a question in its own right and is split off
    ("Quelles mesures … ? Quels sont les défis … ?" gives two questions).

Kinds and options
    A yes/no question gets Oui / Non / Nuancé (Yes / No / Nuanced); an open
    question gets generic stance options. French questions are open when they
    start with an interrogative word (quel, comment, pourquoi, en quoi, dans
    quelle mesure, qu'est-ce que…), yes/no otherwise (inversion "Faut-il",
    "L'IA pourrait-elle", "Est-ce que", or plain intonation). English
    questions are yes/no when they start with an auxiliary verb ("Should",
    "Do", "Is", "Can"…), open otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

__all__ = [
    "MAX_ARTICLE_BYTES",
    "MAX_LINE_CHARS",
    "MAX_OPTIONS",
    "MAX_OPTION_CHARS",
    "MAX_QUESTIONS",
    "MAX_QUESTION_CHARS",
    "MIN_OPTIONS",
    "ArticleError",
    "ErrorCode",
    "Kind",
    "Language",
    "ParsedArticle",
    "ParsedQuestion",
    "SkippedLine",
    "dedupe",
    "default_options",
    "detect_language",
    "infer_kind",
    "normalize_question",
    "parse_article",
    "parse_article_bytes",
    "split_questions",
    "validate_options",
]

Language = Literal["fr", "en"]
Kind = Literal["yes_no", "open"]
ErrorCode = Literal["not_utf8", "too_large", "no_section", "no_question", "bad_options", "too_many"]

MAX_ARTICLE_BYTES: Final = 1_000_000
MAX_QUESTION_CHARS: Final = 1_000
MAX_LINE_CHARS: Final = 4 * MAX_QUESTION_CHARS
"""A section line longer than this is left out before it is split into questions."""
MAX_QUESTIONS: Final = 100
"""Questions one import may add; a longer section is refused, not cut."""
MIN_OPTIONS: Final = 2
MAX_OPTIONS: Final = 25
MAX_OPTION_CHARS: Final = 80  # a Discord button label

YES_NO_OPTIONS: Final[dict[Language, tuple[str, ...]]] = {
    "fr": ("Oui", "Non", "Nuancé"),
    "en": ("Yes", "No", "Nuanced"),
}
OPEN_OPTIONS: Final[dict[Language, tuple[str, ...]]] = {
    "fr": ("Plutôt optimiste", "Plutôt sceptique", "Partagé"),
    "en": ("Mostly optimistic", "Mostly sceptical", "Mixed feelings"),
}

_DEFAULT_MESSAGES: Final[dict[ErrorCode, str]] = {
    "not_utf8": "The file is not UTF-8 text.",
    "too_large": f"The article is larger than {MAX_ARTICLE_BYTES:,} bytes.",
    "no_section": "No 'Et vous ?' or 'And you?' section was found.",
    "no_question": "The 'Et vous ?' section holds no usable question.",
    "bad_options": "The answer options are not valid.",
    "too_many": f"The section holds more than {MAX_QUESTIONS} questions; split the article.",
}


class ArticleError(ValueError):
    """An article or option list that cannot be imported.

    ``code`` is stable; the caller localizes by it. ``message`` is an English
    default, possibly more precise than the generic one.
    """

    def __init__(self, code: ErrorCode, message: str | None = None) -> None:
        self.code: ErrorCode = code
        self.message: str = message or _DEFAULT_MESSAGES[code]
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"ArticleError({self.code!r}, {self.message!r})"


@dataclass(frozen=True, slots=True)
class ParsedQuestion:
    text: str
    language: Language
    options: tuple[str, ...]
    kind: Kind


@dataclass(frozen=True, slots=True)
class SkippedLine:
    """A line of the article that was left out, and why.

    ``too_long``: a question (or a whole line) over the limits; ``not_utf8``:
    bytes that are not UTF-8 text. ``text`` is the start of it.
    """

    line_number: int  # 1-based, in the article
    text: str
    reason: Literal["too_long", "not_utf8"]


@dataclass(slots=True)
class ParsedArticle:
    questions: list[ParsedQuestion]
    language: Language  # the heading's language
    heading_line: int = 0  # 1-based line number of the heading
    skipped: list[SkippedLine] = field(default_factory=list)


# --- normalization -----------------------------------------------------------

_APOSTROPHES: Final = dict.fromkeys(map(ord, "’‘ʼ‛´`′"), "'")
_QUOTES: Final = dict.fromkeys(map(ord, "«»“”„‟″"), '"')
_SPACE_RUN: Final = re.compile(r"\s+")
_GUILLEMET_SPACE: Final = re.compile(r"(?<=«)\s+|(?<!\s)\s+(?=»)")
_SPACE_BEFORE_PUNCT: Final = re.compile(r"(?<!\s)\s+(?=[?!:;.,])")
_TRAILING_PUNCT: Final = re.compile(r"(?<![\s?!.:;,…])[\s?!.:;,…]+$")


def normalize_question(text: str) -> str:
    """A key under which two spellings of the same question compare equal.

    NFKC, casefold, one kind of apostrophe and of double quote (French
    guillemets lose their inner spaces), whitespace collapsed (and dropped
    before punctuation), trailing punctuation removed.
    """
    out = unicodedata.normalize("NFKC", text).casefold()
    out = _GUILLEMET_SPACE.sub("", out).translate(_APOSTROPHES).translate(_QUOTES)
    out = _SPACE_RUN.sub(" ", out)
    out = _SPACE_BEFORE_PUNCT.sub("", out)
    return _TRAILING_PUNCT.sub("", out).strip()


def dedupe(
    new: Sequence[ParsedQuestion], existing_texts: Iterable[str]
) -> tuple[list[ParsedQuestion], list[ParsedQuestion]]:
    """Split ``new`` into (kept, skipped): skipped ones are already in
    ``existing_texts`` or repeat an earlier question of ``new``."""
    seen = {normalize_question(t) for t in existing_texts}
    kept: list[ParsedQuestion] = []
    skipped: list[ParsedQuestion] = []
    for question in new:
        key = normalize_question(question.text)
        if key in seen:
            skipped.append(question)
        else:
            seen.add(key)
            kept.append(question)
    return kept, skipped


# --- options -----------------------------------------------------------------


def validate_options(options: Sequence[str]) -> tuple[str, ...]:
    """Strip and check explicit options; raise ``ArticleError("bad_options")``."""
    if isinstance(options, str):
        raise ArticleError("bad_options", "Options must be a list of labels, not one string.")
    cleaned = tuple(str(option).strip() for option in options)
    if not MIN_OPTIONS <= len(cleaned) <= MAX_OPTIONS:
        raise ArticleError("bad_options", f"Give between {MIN_OPTIONS} and {MAX_OPTIONS} options.")
    if any(not option for option in cleaned):
        raise ArticleError("bad_options", "An option is empty.")
    if any(len(option) > MAX_OPTION_CHARS for option in cleaned):
        raise ArticleError(
            "bad_options", f"An option is longer than {MAX_OPTION_CHARS} characters."
        )
    if len({option.casefold() for option in cleaned}) != len(cleaned):
        raise ArticleError("bad_options", "Two options are the same.")
    return cleaned


def default_options(kind: Kind, language: Language) -> tuple[str, ...]:
    return (YES_NO_OPTIONS if kind == "yes_no" else OPEN_OPTIONS)[language]


# --- words -------------------------------------------------------------------


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WORD: Final = re.compile(r"\w+(?:'\w+)*")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold().translate(_APOSTROPHES))


_FR_STOP: Final = _wordset(
    "le la les un une des du de et ou en dans pour par sur avec est sont que qui "
    "ne pas plus ce cette ces il elle ils elles nous vous on leur leurs au aux "
    "quel quelle quels quelles comment pourquoi devrait peut faut être sera "
    "d l qu s n c"
)
_EN_STOP: Final = _wordset(
    "the a an and or of in to for by on with is are was were be that which who "
    "not more this these those it its they their we you your do does did can "
    "could should would will what how why when where has have"
)


def detect_language(text: str, default: Language) -> Language:
    """The language with clearly more stop words in ``text``, else ``default``."""
    fr = en = 0
    for word in _words(text):
        # "l'ia" counts as French: its elided article is a stop word.
        head = word.split("'", 1)[0]
        fr += word in _FR_STOP or ("'" in word and head in _FR_STOP)
        en += word in _EN_STOP
    if fr >= en + 2:
        return "fr"
    if en >= fr + 2:
        return "en"
    return default


# --- kinds -------------------------------------------------------------------

_FR_LEAD_IN: Final = _wordset(
    "et mais alors donc enfin finalement selon vous avis votre à d'après "
    "aujourd'hui demain ainsi bref"
)
_FR_INTERROGATIVES: Final = _wordset(
    "quel quelle quels quelles comment pourquoi où quand combien qui que quoi "
    "lequel laquelle lesquels lesquelles auquel auxquels auxquelles duquel "
    "desquels desquelles"
)
_FR_PREPOSITIONS: Final = _wordset(
    "à a de d dans par pour en jusqu'à jusqu sur avec selon sous vers chez "
    "entre parmi depuis contre"
)
_EN_LEAD_IN: Final = _wordset("and but so then finally now in your opinion")
_EN_AUXILIARIES: Final = _wordset(
    "is are was were am do does did have has had can could will would shall "
    "should may might must isn't aren't wasn't weren't don't doesn't didn't "
    "haven't hasn't can't cannot couldn't won't wouldn't shouldn't mustn't"
)


def _strip_lead_in(words: list[str], lead_in: frozenset[str]) -> list[str]:
    # "Selon vous, quel …", "Et à votre avis, faut-il …", "In your opinion, is …"
    index = 0
    while index < len(words) - 1 and words[index] in lead_in:
        index += 1
    return words[index:]


def _is_french_interrogative(word: str) -> bool:
    # "qu'est", "qu'en", "lequel", "quelles"; "qu'il" starts a clause, not a question word.
    if word.startswith("qu'"):
        return word.split("'", 1)[1] in {"est", "en", "y", "on", "a", "ont"}
    return word in _FR_INTERROGATIVES or word.split("'", 1)[-1] in _FR_INTERROGATIVES


def infer_kind(question: str, language: Language) -> Kind:
    """``yes_no`` for a polar question, ``open`` for a wh-question."""
    words = _words(question.split("?", 1)[0])
    if language == "en":
        words = _strip_lead_in(words, _EN_LEAD_IN)
        return "yes_no" if words and words[0] in _EN_AUXILIARIES else "open"
    words = _strip_lead_in(words, _FR_LEAD_IN)
    if not words:
        return "yes_no"
    if _is_french_interrogative(words[0]):
        return "open"
    # "En quoi", "Dans quelle mesure", "À quel point", "Jusqu'où", "D'où".
    if words[0].split("'", 1)[-1] in {"où", "quoi"}:
        return "open"
    if words[0].split("'", 1)[0] in _FR_PREPOSITIONS or words[0] in _FR_PREPOSITIONS:
        return "open" if any(_is_french_interrogative(w) for w in words[1:3]) else "yes_no"
    # Inversion ("Faut-il", "L'IA pourrait-elle"), "Est-ce que", or intonation:
    # without a question word a French question is a yes/no question.
    return "yes_no"


# --- splitting ---------------------------------------------------------------

_BOUNDARY: Final = re.compile(r"(?<!\?)\?+\s+")
_OPENING_MARKS: Final = "«\"“‘'([¿¡ \u00a0\u202f"
_FR_CONNECTIVES: Final = (
    ("et",),
    ("ou",),
    ("si", "oui"),
    ("si", "non"),
    ("si", "c'est"),
    ("sinon",),
    ("dans", "ce", "cas"),
    ("le", "cas", "échéant"),
    ("auquel", "cas"),
    ("mais",),
    ("pourquoi", "pas"),
)
_EN_CONNECTIVES: Final = (
    ("and",),
    ("or",),
    ("but",),
    ("if", "so"),
    ("if", "not"),
    ("in", "that", "case"),
    ("otherwise",),
    ("why", "not"),
)
_ANAPHORS: Final = _wordset(
    "cela ça ceci ces cette cet celui celle ceux celles it its this that these those they them such"
)
_CLITICS: Final = frozenset({"en", "y"})


def _starts_with(words: list[str], phrases: Iterable[tuple[str, ...]]) -> bool:
    return any(tuple(words[: len(p)]) == p for p in phrases)


def _is_follow_up(piece: str) -> bool:
    words = _words(piece)
    if len(words) <= 3:
        return True
    if _starts_with(words, _FR_CONNECTIVES) or _starts_with(words, _EN_CONNECTIVES):
        return True
    if any(word in _ANAPHORS for word in words):
        return True
    # Clitic "en"/"y" near the start: "Quelles en seraient…", "Comment y parvenir",
    # "Qu'en pensez-vous". Position 0 is left out: "En quoi…" is a question word.
    if any(word in _CLITICS for word in words[1:3]):
        return True
    return any(word.split("'", 1)[-1] in _CLITICS for word in words[:3] if "'" in word)


def _pieces(line: str) -> list[str]:
    """Cut after each "?" that is followed by a new sentence (a capital letter)."""
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(line):
        after = match.end()
        while after < len(line) and line[after] in _OPENING_MARKS:
            after += 1
        if line[after : after + 1].isupper():
            pieces.append(line[start : match.end()].strip())
            start = match.end()
    pieces.append(line[start:].strip())
    return [piece for piece in pieces if piece]


def split_questions(line: str) -> list[str]:
    """The questions a line holds: independent ones apart, follow-ups kept."""
    groups: list[list[str]] = []
    for piece in _pieces(line):
        if groups and _is_follow_up(piece):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return [" ".join(group) for group in groups]


# --- lines -------------------------------------------------------------------

_HEADINGS: Final[tuple[tuple[re.Pattern[str], Language], ...]] = (
    (re.compile(r"et\s*vous\s*\?", re.IGNORECASE), "fr"),
    (re.compile(r"and\s*you\s*\?", re.IGNORECASE), "en"),
)
_SEE_ALSO: Final = re.compile(r"(?:voir\s+aussi|see\s+also)\s*(?::|$)", re.IGNORECASE)
_MARKUP: Final = "*_#>~`=|\u200b\ufeff"
_MAX_PREFIXES: Final = 8  # "- **1.** …" needs three; the bound keeps odd lines linear
_PREFIX: Final = re.compile(
    r"""^(?:
        [-*+]\s+                 # markdown bullets need a space
      | [•–—·▪◦‣]\s*             # typographic bullets
      | \d{1,3}[.)](?!\d)\s*     # 1.  1)
      | \(\d{1,3}\)\s*           # (1)
      | [*_]{2,3}\s*            # opening bold
      | [*_](?=\S)              # opening emphasis
    )""",
    re.VERBOSE,
)


def _bare(line: str) -> str:
    """A line without surrounding whitespace and markdown, for headings and stops."""
    return unicodedata.normalize("NFKC", line).strip().strip(_MARKUP).strip()


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


def _is_see_also(line: str) -> bool:
    return len(line) <= _MAX_HEADING_CHARS and _SEE_ALSO.match(_bare(line)) is not None


def _question_text(line: str) -> str | None:
    """The line without bullet, numbering and emphasis, if it is a question."""
    text = line.strip()
    for _ in range(_MAX_PREFIXES):
        prefix = _PREFIX.match(text)
        if prefix is None or not prefix.end():
            break
        text = text[prefix.end() :].strip()
    text = text.rstrip("*_ \t\u00a0\u202f").strip()
    if not text.endswith("?") or not any(char.isalnum() for char in text):
        return None
    return text


# --- parsing -----------------------------------------------------------------


def parse_article_bytes(data: bytes, *, options: Sequence[str] | None = None) -> ParsedArticle:
    """Decode an uploaded article (UTF-8, at most 1 MB) and parse it.

    A line that is not UTF-8 is left out and listed in ``skipped``; a file
    with no UTF-8 line at all (another encoding, not text) is refused.
    """
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleError("too_large")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text, bad = _decode_by_line(data)
        if not text.strip():
            raise ArticleError("not_utf8") from None
        try:
            article = parse_article(text, options=options)
        except ArticleError as error:
            found_nothing = error.code in ("no_section", "no_question")
            raise ArticleError("not_utf8") if found_nothing else error from None
        article.skipped[:0] = bad
        return article
    return parse_article(text, options=options)


def _decode_by_line(data: bytes) -> tuple[str, list[SkippedLine]]:
    """The text with each line that is not UTF-8 emptied, and those lines."""
    lines: list[str] = []
    bad: list[SkippedLine] = []
    for number, raw in enumerate(data.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append("")
            shown = raw.decode("utf-8", "replace")[:80]
            bad.append(SkippedLine(number, shown, "not_utf8"))
    return "\n".join(lines), bad


def parse_article(text: str, *, options: Sequence[str] | None = None) -> ParsedArticle:
    """The questions of the article's "Et vous ?" / "And you?" section.

    Raises :class:`ArticleError` (``too_large``, ``no_section``,
    ``no_question``, ``bad_options``). Questions longer than
    :data:`MAX_QUESTION_CHARS` are left out and listed in ``skipped``.
    """
    if len(text) > MAX_ARTICLE_BYTES or _utf8_size(text) > MAX_ARTICLE_BYTES:
        raise ArticleError("too_large")
    explicit = validate_options(options) if options is not None else None
    lines = text.splitlines()
    headings = [_heading_language(line) for line in lines]  # once per line, however many
    found: ParsedArticle | None = None
    for index, language in enumerate(headings):
        if language is None:
            continue
        article = _parse_section(lines, headings, index, language, explicit)
        if article.questions:
            return article
        found = found or article
    if found is None:
        raise ArticleError("no_section")
    if found.skipped:
        raise ArticleError(
            "no_question", f"Every question is longer than {MAX_QUESTION_CHARS} characters."
        )
    raise ArticleError("no_question")


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _parse_section(
    lines: Sequence[str],
    headings: Sequence[Language | None],
    heading: int,
    language: Language,
    explicit: tuple[str, ...] | None,
) -> ParsedArticle:
    article = ParsedArticle(questions=[], language=language, heading_line=heading + 1)
    for index in range(heading + 1, len(lines)):
        line = lines[index]
        if not line.strip() or not line.strip(_MARKUP + " \t\u00a0\u202f"):
            continue
        if headings[index] is not None or _is_see_also(line):
            break  # another section, or "Voir aussi"
        if len(line) > MAX_LINE_CHARS:  # before any pattern runs over it
            article.skipped.append(SkippedLine(index + 1, line.strip()[:80], "too_long"))
            continue
        text = _question_text(line)
        if text is None:
            break
        for question in split_questions(text):
            if len(question) > MAX_QUESTION_CHARS:
                article.skipped.append(SkippedLine(index + 1, question[:80], "too_long"))
                continue
            if len(article.questions) == MAX_QUESTIONS:
                raise ArticleError("too_many")
            article.questions.append(_question(question, language, explicit))
    return article


def _question(text: str, section: Language, explicit: tuple[str, ...] | None) -> ParsedQuestion:
    language = detect_language(text, section)
    kind = infer_kind(text, language)
    options = explicit if explicit is not None else default_options(kind, language)
    return ParsedQuestion(text=text, language=language, options=options, kind=kind)
