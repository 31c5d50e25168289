"""A server's participation: members per discussion, and replies by hour of the day."""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

_LABELS = {
    "fr": {
        "participants": "Participants",
        "replies": "Réponses",
        "discussion": "Discussion n°",
        "hour": "Heure ({zone})",
        "per_discussion": "Participation aux dernières discussions",
        "per_hour": "Réponses selon l'heure",
    },
    "en": {
        "participants": "Participants",
        "replies": "Replies",
        "discussion": "Discussion #",
        "hour": "Hour ({zone})",
        "per_discussion": "Participation in the last discussions",
        "per_hour": "Replies by hour of the day",
    },
}
_PARTICIPANTS = "#3b6fb6"
_REPLIES = "#a9c4ea"


def participation_chart_png(
    discussions: Sequence[tuple[int, int, int, float | None]],
    hours: Sequence[int],
    *,
    zone: str,
    language: str = "fr",
) -> bytes:
    """Two panels: participants and replies of each discussion ``(id, participants,
    replies, share)`` with the share of members on top, then replies per hour."""
    labels = _LABELS["en" if language.lower().startswith("en") else "fr"]
    fig = Figure(figsize=(8.0, 6.4), dpi=100)
    FigureCanvasAgg(fig)
    top, bottom = fig.subplots(2, 1)
    x = list(range(len(discussions)))
    width = 0.38
    participants = [p for _, p, _, _ in discussions]
    replies = [r for _, _, r, _ in discussions]
    top.bar(
        [i - width / 2 for i in x],
        participants,
        width,
        color=_PARTICIPANTS,
        label=labels["participants"],
    )
    top.bar([i + width / 2 for i in x], replies, width, color=_REPLIES, label=labels["replies"])
    highest = max([*participants, *replies, 1])
    for i, (_, p, _, share) in enumerate(discussions):
        if share is not None:
            top.text(i - width / 2, p + highest * 0.02, f"{share:.0%}", ha="center", fontsize=8)
    top.set_xticks(x, [str(d) for d, _, _, _ in discussions], fontsize=8)
    top.set_xlabel(labels["discussion"], fontsize=9)
    top.set_ylim(0, highest * 1.2)
    top.yaxis.set_major_locator(MaxNLocator(integer=True))
    top.set_title(labels["per_discussion"], fontsize=10)
    top.legend(frameon=False, fontsize=8)
    top.spines[["top", "right"]].set_visible(False)
    bottom.bar(range(24), list(hours)[:24] + [0] * (24 - len(hours)), color=_PARTICIPANTS)
    bottom.set_xticks(range(0, 24, 2), [f"{h}h" for h in range(0, 24, 2)], fontsize=8)
    bottom.set_xlabel(labels["hour"].format(zone=zone), fontsize=9)
    bottom.yaxis.set_major_locator(MaxNLocator(integer=True))
    bottom.set_title(labels["per_hour"], fontsize=10)
    bottom.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()
