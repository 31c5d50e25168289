"""The analysis report of a set of discussions, as a JSON-ready dict and as text.

``analyze`` fits one stance model per server (``guild_id``) on every declared
stance of that server's discussions, so each discussion learns from the
others, then adds per discussion: stance counts, the stance of each reply,
arguments per option and keywords, and merges in the opinion groups of
:func:`bot.analysis.groups.analyze_groups` (groups, consensus, divisive
replies, each reply named with its quote).

Stance counts are per member (one voice each): a member's declared option,
else the option most of their classified replies lean to.

With ``workers`` > 1 (the CLI passes the number of CPUs), the per-discussion
part (prediction, arguments, keywords, opinion groups: two thirds of the time
at 100k replies) runs in forked processes, which inherit the fitted models
instead of receiving them; the report is the same, in the same order.
"""

from __future__ import annotations

import logging
import multiprocessing
import sys
import threading
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from bot.analysis._text import cut_quote
from bot.analysis.arguments import select_arguments
from bot.analysis.groups import analyze_groups, votes_agree_with_direction
from bot.analysis.jsonl import paused_gc
from bot.analysis.keywords import find_keywords
from bot.analysis.model import Discussion
from bot.analysis.stance import ReplyStance, StanceModel

log = logging.getLogger(__name__)


def stance_counts(
    discussion: Discussion, stances: Sequence[ReplyStance]
) -> dict[str, dict[str, int]]:
    """Declared, inferred and combined member counts per option (every option a key)."""
    declared = {o: 0 for o in discussion.options}
    inferred = {o: 0 for o in discussion.options}
    authors = {r.id: r.author_id for r in discussion.replies}
    declared_by: dict[str, str] = {}
    leaning: dict[str, Counter[str]] = defaultdict(Counter)
    for s in stances:
        author = authors.get(s.reply_id)
        if author is None or s.option is None:
            continue
        if s.source == "declared":
            declared_by[author] = s.option
        else:
            leaning[author][s.option] += 1
    for st in discussion.stances:
        if st.author_id not in declared_by:
            match = next((o for o in discussion.options if o.lower() == st.option.lower()), None)
            if match is not None:
                declared_by[st.author_id] = match
    for option in declared_by.values():
        declared[option] += 1
    for author, counts in leaning.items():
        if author in declared_by:
            continue
        best = max(counts.items(), key=lambda t: (t[1], -discussion.options.index(t[0])))
        inferred[best[0]] += 1
    combined = {o: declared[o] + inferred[o] for o in discussion.options}
    return {"declared": declared, "inferred": inferred, "combined": combined}


def _entry(discussion: Discussion, stances: list[ReplyStance], seed: int) -> dict[str, Any]:
    participants = {r.author_id for r in discussion.replies} | {
        s.author_id for s in discussion.stances
    }
    arguments = select_arguments(discussion, stances)
    entry: dict[str, Any] = {
        "id": discussion.id,
        "question": discussion.question,
        "participants": len(participants),
        "replies": len(discussion.replies),
        "stances": stance_counts(discussion, stances),
        "reply_stances": [
            {
                "reply_id": s.reply_id,
                "option": s.option,
                "confidence": s.confidence,
                "source": s.source,
            }
            for s in stances
        ],
        "arguments": {
            option: [{"reply_id": a.reply_id, "quote": a.quote} for a in items]
            for option, items in arguments.items()
        },
        "keywords": [
            {"word": k.word, "option": k.option, "count": k.count}
            for k in find_keywords(discussion, stances)
        ],
    }
    try:
        extra = analyze_groups(discussion, seed=seed)
    except Exception:
        log.exception("opinion groups failed for discussion %s", discussion.id)
    else:
        for key, value in extra.items():
            entry.setdefault(key, value)
        _quote_group_items(entry, discussion)
    return entry


GROUP_QUOTE = 200
"""Characters of a reply quoted under an opinion group, a consensus or a divisive item."""


def _quote_group_items(entry: dict[str, Any], discussion: Discussion) -> None:
    """Give each reply the groups part names its quote, for readers of the report."""
    items = [rep for g in entry.get("groups") or [] for rep in g.get("representative", [])]
    items += list(entry.get("consensus") or []) + list(entry.get("divisive") or [])
    if not items:
        return
    texts = {r.id: r.text for r in discussion.replies}
    for item in items:
        text = texts.get(str(item.get("reply_id")))
        if text is not None:
            item["quote"] = cut_quote(text, GROUP_QUOTE)


def summarize(
    discussion: Discussion, history: Sequence[Discussion] = (), *, seed: int = 0
) -> dict[str, Any]:
    """One discussion's report entry (stance counts, arguments, keywords…) for the bot."""
    model = StanceModel([discussion, *history], seed=seed)
    return _entry(discussion, model.predict(discussion), seed)


def analyze(
    discussions: Sequence[Discussion], *, seed: int = 0, workers: int = 1
) -> dict[str, Any]:
    """The report of every discussion, each learning from its server's other discussions.

    Discussions without a ``guild_id`` learn only from themselves.
    """
    with paused_gc():
        return _analyze(discussions, seed, workers)


PARALLEL_MIN_REPLIES = 5_000
"""Below this many replies, starting processes costs more than it saves."""

_Shared = tuple[Sequence[Discussion], list[StanceModel], list[int], int]
_shared: _Shared | None = None
"""What forked workers inherit: discussions, models, each discussion's model, seed."""
_fork_lock = threading.Lock()
"""One parallel analysis at a time in a process: ``_shared`` is set for its fork."""


def _entry_at(i: int) -> dict[str, Any]:
    assert _shared is not None, "only called in workers forked by _entries_in_processes"
    discussions, models, model_of, seed = _shared
    discussion = discussions[i]
    return _entry(discussion, models[model_of[i]].predict(discussion), seed)


def _entries_in_processes(shared: _Shared, workers: int) -> list[dict[str, Any]]:
    global _shared
    n = len(shared[0])
    with _fork_lock:
        _shared = shared
        try:
            context = multiprocessing.get_context("fork")
            with context.Pool(workers) as pool:
                return pool.map(_entry_at, range(n), chunksize=max(1, n // (workers * 8)))
        finally:
            _shared = None


def _analyze(discussions: Sequence[Discussion], seed: int, workers: int) -> dict[str, Any]:
    by_guild: dict[str | None, list[int]] = defaultdict(list)
    for i, d in enumerate(discussions):
        by_guild[d.guild_id if d.guild_id is not None else f"\0{i}"].append(i)
    models: list[StanceModel] = []
    model_of = [0] * len(discussions)
    for members in by_guild.values():
        models.append(StanceModel([discussions[i] for i in members], seed=seed))
        for i in members:
            model_of[i] = len(models) - 1
    n_replies = sum(len(d.replies) for d in discussions)
    # fork only: the workers must inherit the models (Linux; macOS forks unsafely)
    if workers >= 2 and n_replies >= PARALLEL_MIN_REPLIES and sys.platform == "linux":
        entries = _entries_in_processes((discussions, models, model_of, seed), workers)
    else:
        entries = [
            _entry(d, models[model_of[i]].predict(d), seed) for i, d in enumerate(discussions)
        ]
    return {"discussions": entries}


_TEXT = {
    "fr": {
        "question": "Question",
        "participants": "{n} participant(s), {r} réponse(s)",
        "stances": "Positions (déclarées + déduites = total)",
        "arguments": "Arguments",
        "none": "(aucun argument assez sûr)",
        "keywords": "Mots-clés",
        "by_option": "Mots qui distinguent « {o} »",
        "groups": "Groupes d'opinion",
        "group": "Groupe {i} : {n} membre(s)",
        "agrees": "d'accord avec",
        "quote": "« {q} »",
        "disagrees": "pas d'accord avec",
        "profile": "({n} réponse(s) décrivant leur auteur laissée(s) hors des groupes)",
        "consensus": "Points de consensus",
        "divisive": "Points qui divisent",
        "empty": "Aucune discussion.",
    },
    "en": {
        "question": "Question",
        "participants": "{n} participant(s), {r} reply(ies)",
        "stances": "Stances (declared + inferred = total)",
        "arguments": "Arguments",
        "none": "(no argument confident enough)",
        "keywords": "Keywords",
        "by_option": "Words that set apart “{o}”",
        "groups": "Opinion groups",
        "group": "Group {i}: {n} member(s)",
        "agrees": "agrees with",
        "quote": "“{q}”",
        "disagrees": "disagrees with",
        "profile": "({n} reply(ies) describing their author left out of the groups)",
        "consensus": "Consensus",
        "divisive": "Divisive",
        "empty": "No discussion.",
    },
}


def _describe(item: Any) -> str:
    """A one-line text for a group, consensus or divisive item of any plain shape."""
    if isinstance(item, dict):
        for key in ("quote", "text", "label", "summary"):
            if isinstance(item.get(key), str):
                return str(item[key])
        return ", ".join(f"{k}: {v}" for k, v in item.items() if not isinstance(v, list | dict))
    return str(item)


def _render_entry(entry: dict[str, Any], t: dict[str, str]) -> list[str]:
    lines = [f"## {t['question']} : {entry['question']}"]
    lines.append(t["participants"].format(n=entry["participants"], r=entry["replies"]))
    lines.append("")
    lines.append(f"### {t['stances']}")
    counts = entry["stances"]
    for option, total in counts["combined"].items():
        d, i = counts["declared"][option], counts["inferred"][option]
        lines.append(f"- {option} : {d} + {i} = {total}")
    lines.append("")
    lines.append(f"### {t['arguments']}")
    for option, quotes in entry["arguments"].items():
        lines.append(f"**{option}**")
        if not quotes:
            lines.append(f"  {t['none']}")
        for q in quotes:
            lines.append(f"  > {q['quote']}")
    keywords = entry.get("keywords", [])
    overall = [k["word"] for k in keywords if k.get("option") is None]
    if overall:
        lines.append("")
        lines.append(f"### {t['keywords']}")
        lines.append(", ".join(overall))
        for option in entry["stances"]["combined"]:
            words = [k["word"] for k in keywords if k.get("option") == option]
            if words:
                lines.append(f"{t['by_option'].format(o=option)} : {', '.join(words)}")
    groups = entry.get("groups")
    if isinstance(groups, list) and groups:
        lines.append("")
        lines.append(f"### {t['groups']}")
        for i, g in enumerate(groups):
            size = g.get("size", len(g.get("members", []))) if isinstance(g, dict) else "?"
            lines.append(f"- {t['group'].format(i=chr(ord('A') + i), n=size)}")
            reps = g.get("representative", []) if isinstance(g, dict) else []
            for rep in [r for r in reps if votes_agree_with_direction(r)][:3]:
                way = t["agrees"] if rep.get("direction") == "agree" else t["disagrees"]
                lines.append(f"  - {way} {t['quote'].format(q=_describe(rep))}")
        profile = entry.get("profile_replies") or []
        if profile:
            lines.append(t["profile"].format(n=len(profile)))
    for key in ("consensus", "divisive"):
        items = entry.get(key)
        if isinstance(items, list) and items:
            lines.append("")
            lines.append(f"### {t[key]}")
            lines.extend(f"- {_describe(it)}" for it in items[:5])
    return lines


def render_text(report: dict[str, Any], language: str = "fr") -> str:
    """A readable report (Markdown-ish) in French, or English when ``language`` is "en".

    ``report`` is the result of :func:`analyze` or a single discussion entry.
    """
    t = _TEXT["en" if language.lower().startswith("en") else "fr"]
    if language[:2].lower() != "en":
        t = _TEXT["fr"]
    entries = report.get("discussions", [report] if "question" in report else [])
    if not entries:
        return t["empty"]
    blocks = ["\n".join(_render_entry(e, t)) for e in entries]
    text = "\n\n".join(blocks)
    if t is _TEXT["en"]:
        text = text.replace(" : ", ": ")
    return text
