"""What a question's words tell: its language, and its kind (yes/no or open)."""

from __future__ import annotations

import re
from typing import Final

from bot.importer.model import Kind, Language

APOSTROPHES: Final = dict.fromkeys(map(ord, "’‘ʼ‛´`′"), "'")


def wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WORD: Final = re.compile(r"\w+(?:'\w+)*")


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.casefold().translate(APOSTROPHES))


_FR_STOP: Final = wordset(
    "le la les un une des du de et ou en dans pour par sur avec est sont que qui "
    "ne pas plus ce cette ces il elle ils elles nous vous on leur leurs au aux "
    "quel quelle quels quelles comment pourquoi devrait peut faut être sera "
    "d l qu s n c"
)
_EN_STOP: Final = wordset(
    "the a an and or of in to for by on with is are was were be that which who "
    "not more this these those it its they their we you your do does did can "
    "could should would will what how why when where has have"
)


def stop_words(text: str) -> tuple[int, int]:
    """How many French and English stop words ``text`` holds."""
    fr = en = 0
    for word in words_of(text):
        # "l'ia" counts as French: its elided article is a stop word.
        head = word.split("'", 1)[0]
        fr += word in _FR_STOP or ("'" in word and head in _FR_STOP)
        en += word in _EN_STOP
    return fr, en


def detect_language(text: str, default: Language) -> Language:
    """The language with clearly more stop words in ``text``, else ``default``."""
    fr, en = stop_words(text)
    if fr >= en + 2:
        return "fr"
    if en >= fr + 2:
        return "en"
    return default


# --- kinds -------------------------------------------------------------------

_FR_LEAD_IN: Final = wordset(
    "et mais alors donc enfin finalement selon vous avis votre à d'après "
    "aujourd'hui demain ainsi bref"
)
_FR_INTERROGATIVES: Final = wordset(
    "quel quelle quels quelles comment pourquoi où quand combien qui que quoi "
    "lequel laquelle lesquels lesquelles auquel auxquels auxquelles duquel "
    "desquels desquelles"
)
_FR_PREPOSITIONS: Final = wordset(
    "à a de d dans par pour en jusqu'à jusqu sur avec selon sous vers chez "
    "entre parmi depuis contre"
)
_EN_LEAD_IN: Final = wordset("and but so then finally now in your opinion")
_EN_AUXILIARIES: Final = wordset(
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


_EN_INTERROGATIVES: Final = wordset("what which who whom whose why how when where")
_CLAUSE_BREAK: Final = re.compile(r"[,:;]\s+")
_MAX_LEAD_IN_WORDS: Final = 8
_INVERSION: Final = re.compile(r"-(?:t-)?(?:il|elle|on|ils|elles|je|tu|nous|vous|ce)\b|\best-ce\b")


def _asks(head: str, language: Language) -> bool:
    """Whether ``head`` (what comes before a comma) is itself the question: it holds a
    question word, opens with an auxiliary, or inverts its subject ("Faut-il")."""
    words = words_of(head)
    if language == "en":
        words = _strip_lead_in(words, _EN_LEAD_IN)
        return bool(words) and (
            words[0] in _EN_AUXILIARIES or any(w in _EN_INTERROGATIVES for w in words)
        )
    return _INVERSION.search(head.casefold().translate(APOSTROPHES)) is not None or any(
        _is_french_interrogative(w) or w.split("'", 1)[-1] in {"où", "quoi"} for w in words
    )


def _main_clause(question: str, language: Language) -> str:
    """The question after what leads into it: "Honestly, would you …?", "If AI writes the
    news, should it …?", "Pour les studios, quel intérêt ?" (a short lead-in, a comma or
    colon, then the question)."""
    for _ in range(3):
        found = _CLAUSE_BREAK.search(question)
        if found is None:
            break
        head = question[: found.start()]
        if len(head.split()) > _MAX_LEAD_IN_WORDS or _asks(head, language):
            break
        question = question[found.end() :]
    return question


def infer_kind(question: str, language: Language) -> Kind:
    """``yes_no`` for a polar question, ``open`` for a wh-question."""
    words = words_of(_main_clause(question.split("?", 1)[0], language))
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
