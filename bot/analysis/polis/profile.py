"""Replies that describe their author instead of giving an opinion.

Pol.is lets a moderator flag "meta" comments: profile statements put up so
that members describe themselves (their age bracket, where they live, what
they do). Votes on them say who someone is, not what they think, so Pol.is
zeroes them before looking for opinion groups (they still count towards a
member's participation). Exports and Discord replies carry no such flag, so
this module recognises them from the text: a short first-person statement
of a survey-style attribute of the author, with no opinion word in it.

The vocabulary is that of a demographic questionnaire (age, gender,
origin, language, place, household, occupation, status), in English and
French; it names nothing of any particular conversation (a test checks the
source against the evaluation conversations' own statements). Whether the
rule is used at all was chosen by leave-one-conversation-out
(:attr:`~.settings.PolisSettings.profile_statements`). The rules are narrow:
a reply wrongly taken for a profile statement loses its votes for
grouping, which costs more than missing one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.analysis._text import fold
from bot.analysis.model import Discussion

MAX_WORDS = 20
"""A profile statement is one short sentence; anything longer argues."""
MAX_CHARS = 300

_MAYBE = re.compile(r"\s*(?:i|my|je|j|mon|ma)\b", re.IGNORECASE)
"""A cheap first look: most replies fail it and skip the full rules."""
_OWNED = re.compile(r" (?:is my|est ma) ", re.IGNORECASE)
"""The other first look: "Spanish is my first language"."""
_PARENTHESES = re.compile(r"\([^)]*\)")

_STATUS_EN = (
    r"male|female|non-binary|transgender|retired|unemployed|employed|self-employed|married"
    r"|single|widowed|divorced|disabled|a\s+(?:man|woman|boy|girl)"
)
_ROLE_EN = r"student|parent|teacher|nurse|resident|citizen|immigrant|retiree|worker|employee"
_ATTRIBUTE_EN = (
    r"ethnicity|ethnic\s+background|gender|sex|age|religion|nationality|first\s+language"
    r"|native\s+language|mother\s+tongue|occupation|job|income|household(?:\s+income)?"
    r"|postcode|zip(?:\s+code)?"
)
_SELF_EN = re.compile(
    rf"""^(?:
        i\s*(?:am|m)\s+(?:between|aged|over|under|older|younger|\d
            |(?:a|an)\s+(?:\w+\s+)?(?:{_ROLE_EN})\b
            |(?:{_STATUS_EN})\b
            |(?:from|living|born)\b
            |of\s+[\w -]*?(?:descent|origin|heritage|background)\b)
        |i\s+identify\s+as\b
        |i\s+was\s+born\b
        |i\s+(?:live|grew\s+up|work|study|speak)\s+(?:in|at|as|for|on)\b
        |i\s+have\s+(?:children|kids|a\s+(?:child|disability|job|degree))\b
        |my\s+(?:{_ATTRIBUTE_EN})\b
        |\w+\s+is\s+my\s+(?:first|native|main|mother)\s+(?:language|tongue)\b
    )""",
    re.VERBOSE,
)

_STATUS_FR = (
    r"age|agee|ne|nee|originaire|d\s*origine|un\s+homme|une\s+femme|une?\s+etudiante?"
    r"|retraitee?|parent|mere|pere|salariee?|au\s+chomage|mariee?|celibataire|veuve?"
    r"|divorcee?|en\s+situation\s+de\s+handicap|non\s+binaire"
)
_ATTRIBUTE_FR = (
    r"origine|ethnie|genre|sexe|age|religion|nationalite|langue\s+maternelle"
    r"|premiere\s+langue|profession|metier|revenu|foyer|code\s+postal"
)
_SELF_FR = re.compile(
    rf"""^(?:
        j\s*ai\s+(?:entre\s+)?\d+
        |j\s*ai\s+(?:moins|plus)\s+de\s+\d+
        |je\s+suis\s+(?:{_STATUS_FR})\b
        |je\s+m\s*identifie\s+comme\b
        |(?:je\s+|j\s*)(?:vis|reside|travaille|etudie|habite)\s+(?:a|au|en|dans|comme)\b
        |j\s*ai\s+des\s+enfants\b
        |(?:mon|ma)\s+(?:{_ATTRIBUTE_FR})\b
        |(?:le|l)\s*\w+\s+est\s+ma\s+(?:langue\s+maternelle|premiere\s+langue)\b
    )""",
    re.VERBOSE,
)

_OPINION = re.compile(
    r"""\b(?:
        should|must|need|needs|ought|think|believe|feel|want|agree|disagree|support|oppose
        |against|favou?r|prefer|like|love|hate|good|bad|better|worse|best|worst|important|wrong
        |right|fair|unfair|great|terrible|because|however|so\s+that
        |faut|doit|doivent|devrait|devraient|pense|crois|trouve|veux|voudrais|souhaite|contre
        |pour|accord|bien|mal|mieux|pire|important|importante|aime|deteste|parce|car
        |injuste|juste|grave|peur|fear|afraid|scared|worried|inquiet|inquiete|hope|espere|triste
        |sad|happy|heureux|heureuse|content|contente|enjoy|adore|risk|risque|menace
        |threatened|danger
    )\b""",
    re.VERBOSE,
)

_SECOND_CLAUSE = re.compile(
    r"\b(?:and|but|et|mais)\s+(?:i|it|this|that|they|we|je|j|il|elle|on|nous|ils|elles|l|la|le"
    r"|les|c|ca|cela)\b"
)
"""A second clause ("… et l'IA me fait peur") turns a self-description into an argument."""


def describes_author(text: str) -> bool:
    """True for a short first-person statement about the author with no opinion in it."""
    if len(text) > MAX_CHARS:
        return False
    if not (_MAYBE.match(text) or _OWNED.search(text)):
        return False
    folded = _PARENTHESES.sub(" ", fold(text)).strip()
    folded = re.sub(r"[^\w -]+", " ", folded)
    folded = re.sub(r"\s+", " ", folded).strip()
    if not folded or len(folded.split()) > MAX_WORDS:
        return False
    if not (_SELF_EN.match(folded) or _SELF_FR.match(folded)):
        return False
    return _OPINION.search(folded) is None and _SECOND_CLAUSE.search(folded) is None


def profile_replies(discussion: Discussion) -> tuple[str, ...]:
    """Replies that describe their authors (Pol.is's "meta" comments), left out of the map.

    When every reply is one, none is left out: there would be nothing else.
    """
    found = tuple(r.id for r in discussion.replies if describes_author(r.text))
    return () if len(found) == len(discussion.replies) else found


def without(discussion: Discussion, reply_ids: tuple[str, ...]) -> Discussion:
    """``discussion`` without ``reply_ids``: votes on them stay and count as participation."""
    if not reply_ids:
        return discussion
    left_out = set(reply_ids)
    return replace(discussion, replies=tuple(r for r in discussion.replies if r.id not in left_out))
