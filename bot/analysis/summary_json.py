"""The typed summaries as the JSON of ``python -m bot analyze``.

The schema (field names and order, rounding) is the one the command has
always printed; ``tests/analysis/test_report_fixtures.py`` pins it on fixed
exports. Adding a field to a part means one line in the function of that part.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from bot.analysis.arguments import Argument
from bot.analysis.keywords import Keyword
from bot.analysis.stance import ReplyStance
from bot.analysis.summary import DiscussionSummary

JsonObject = dict[str, Any]


def report_json(summaries: Iterable[DiscussionSummary]) -> JsonObject:
    """``{"discussions": [...]}``: one object per summary, in order."""
    return {"discussions": [summary_json(s) for s in summaries]}


def report_text(entries: Iterable[str]) -> Iterator[str]:
    """The JSON text of :func:`report_json`, piece by piece, from each summary's
    :func:`summary_json_text`: joined, the text ``json.dumps`` writes of the whole (its
    separators, ``", "`` and ``": "``). Written piece by piece, no copy of the whole report
    is made (21 MB at 100k replies, four bytes a character once one holds an emoji)."""
    yield '{"discussions": ['
    for i, entry in enumerate(entries):
        yield (", " + entry) if i else entry
    yield "]}"


def summary_json_text(summary: DiscussionSummary) -> str:
    """:func:`summary_json` as JSON text (UTF-8 characters as they are, not escaped)."""
    # dumps, not dump (which streams through the pure-Python encoder, 4x slower); the
    # object was just built: no cycle to look for
    return json.dumps(summary_json(summary), ensure_ascii=False, check_circular=False)


def summary_json(summary: DiscussionSummary) -> JsonObject:
    """One discussion's object; the opinion groups' keys only when that step ran."""
    entry: JsonObject = {
        "id": summary.id,
        "question": summary.question,
        "participants": summary.participant_count,
        "replies": summary.reply_count,
        "stances": {
            "declared": dict(summary.stances.declared),
            "inferred": dict(summary.stances.inferred),
            "combined": dict(summary.stances.combined),
        },
        "reply_stances": [reply_stance_json(s) for s in summary.reply_stances],
        "arguments": {
            option: [argument_json(a) for a in items] for option, items in summary.arguments.items()
        },
        "keywords": [keyword_json(k) for k in summary.keywords],
    }
    entry.update(_groups_json(summary))
    if summary.themes is not None:
        entry["themes"] = summary.themes.to_json()
        entry["themes_status"] = summary.themes.status
    return entry


def reply_stance_json(stance: ReplyStance) -> JsonObject:
    return {
        "reply_id": stance.reply_id,
        "option": stance.option,
        "confidence": stance.confidence,
        "source": stance.source,
        "leaning": stance.leaning,
        "evidence": stance.evidence,
    }


def argument_json(argument: Argument) -> JsonObject:
    return {"reply_id": argument.reply_id, "quote": argument.quote}


def keyword_json(keyword: Keyword) -> JsonObject:
    return {"word": keyword.word, "option": keyword.option, "count": keyword.count}


def _groups_json(summary: DiscussionSummary) -> JsonObject:
    """Pol.is's groups as :meth:`GroupsResult.to_json` writes them, each named reply
    with its quote; ``participants`` is the discussion's, already written."""
    if summary.polis is None:
        return {}
    part: JsonObject = dict(summary.polis.to_json())
    del part["participants"]
    named = [rep for g in part["groups"] for rep in g["representative"]]
    for item in named + part["consensus"] + part["divisive"] + part["bridging"]:
        quote = summary.quote(item["reply_id"])
        if quote is not None:
            item["quote"] = quote
        if summary.edited(item["reply_id"]):
            item["edited_after_votes"] = True
    return part
