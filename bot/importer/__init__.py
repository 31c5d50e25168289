"""Read the questions that end a tech-news article ("Et vous ?" / "And you?").

Pure logic: no Discord, no database. The cogs call :func:`parse_article_bytes`
on an uploaded file (or :func:`parse_article` on pasted text), then
:func:`dedupe` against the questions already in the bank.

The section
    A heading line ``Et vous ?`` (or ``Et toi ?``, French) or ``And you?`` (English; also
    ``What about you?``, ``How about you?``, the hand-over phrases ``Over to
    you`` and ``Your turn`` with or without ``!`` or ``:``, and the prompt
    ``What do you think?`` or ``Your thoughts?``, which after questions is left
    out as a prompt without ending the section), in any case, with any space
    before ``?`` (none, a space, U+00A0, U+202F), tolerant of markdown and of an
    emoji around it (``**Et vous ?**``, ``## Et vous ?``, ``💬 Over to you``).
    « Et vous, qu'en pensez-vous ? » ("And you, what do you think?") is a heading too.
    Such a heading followed by its first question on the same line ("Over to
    you: would you …?", with its options or before the site's "Let us know in the
    comments.", left out) opens a section too, tried after those on their own line.
    Every section on its own line is read (a digest ends each story with one), in the
    first one's language.
    The questions are the following non-empty lines, bullets and numbering
    stripped, markdown inside them dropped (``**bold**``, ``*italics*``,
    ``[a link](url)`` as its text), up to the site's links (``Voir aussi``, ``Lire aussi :``,
    ``Related:``, ``Read more:``) or its asks to readers (``Vous avez aimé cet article ?``,
    ``Got a tip?``), the end of the text, or the
    first line that is not a question (a line that does not end with ``?``, or
    ``?!``, once emoji after it and quotation marks around it are set aside). A
    question a plain-text copy wraps over lines, each next one starting with a small
    letter, is read whole.
    One line ending with a colon ("Voici quelques pistes :") may announce them.
    A line that is only the article's closing prompt ("Qu'en pensez-vous ?",
    "Votre avis ?", "What do you think?", "Thoughts?", "What's your take?") is
    left out: alone in the forum it would ask about an article nobody sees.
    An article saved as a web page, where no line is such a heading, is read
    again as its text: a line per paragraph, heading, list item or line break,
    other tags dropped (scripts, styles, ``<noscript>``, ``<template>``, ``<svg>`` and
    ``<iframe>`` with what they hold: an advert or a share icon inside the section),
    entities read.

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
    Options the article states after a question, or on the line under it ("? Oui /
    Non / Ça dépend", "Yes | No | Maybe"), are that question's (staff's, given for the
    whole import, come first). Otherwise a question asking « pour ou contre » ("for or
    against") gets Pour / Contre / Nuancé, one between two things named after « plutôt » or
    a colon (« Plutôt iPhone ou Android ? ») those and Les deux (Both), a yes/no question Oui / Non / Nuancé (Yes /
    No / Nuanced), and an open question generic stance options. French questions are open when they
    start with an interrogative word (quel, comment, pourquoi, en quoi, dans
    quelle mesure, qu'est-ce que…), yes/no otherwise (inversion "Faut-il",
    "L'IA pourrait-elle", "Est-ce que", or plain intonation). English
    questions are yes/no when they start with an auxiliary verb ("Should",
    "Do", "Is", "Can"…), open otherwise. A short lead-in before a comma or a
    colon that asks nothing itself ("Honestly, would you …?", "If AI writes the
    news, who …?", "Pour les studios, quel …?") is skipped first. Options are worded in
    the question's language (:func:`question_language`): its words' when they say it
    clearly, else the heading's, but for words leaning English under a French heading
    ("Should robots pay taxes?" gets Yes / No / Nuanced).

Typography
    The parser returns each question as the article wrote it. Where an import becomes
    the bank's questions (:func:`bot.services.bank.store_import`), one whose words are French is set
    with French spacing (:func:`typeset_question`: U+202F before ``; ! ?`` and inside « »,
    U+00A0 before ``:``), as the shipped bank and staff's typed ones are; the duplicate key reads every space
    alike, so either spelling is the same question.
"""

from __future__ import annotations

from bot.importer.dedupe import dedupe, dedupe_numbered, duplicate_key, normalize_question
from bot.importer.grammar import detect_language, infer_kind
from bot.importer.model import (
    MAX_ARTICLE_BYTES,
    MAX_LINE_CHARS,
    MAX_OPTION_CHARS,
    MAX_OPTIONS,
    MAX_QUESTION_CHARS,
    MAX_QUESTIONS,
    MIN_OPTIONS,
    ArticleError,
    ErrorCode,
    Kind,
    Language,
    ParsedArticle,
    ParsedQuestion,
    SkippedLine,
    without_controls,
)
from bot.importer.options import default_options, validate_options
from bot.importer.section import parse_article, parse_article_bytes
from bot.importer.splitting import split_questions
from bot.importer.typography import french_spacing, question_language, typeset, typeset_question

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
    "dedupe_numbered",
    "default_options",
    "detect_language",
    "duplicate_key",
    "french_spacing",
    "infer_kind",
    "normalize_question",
    "parse_article",
    "parse_article_bytes",
    "question_language",
    "split_questions",
    "typeset",
    "typeset_question",
    "validate_options",
    "without_controls",
]
