"""A server's participation: members per discussion, and replies by hour of the day."""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.charts import PNG_METADATA
from bot.charts.theme import LIGHT
from bot.i18n import language_of, t

_PARTICIPANTS = LIGHT.declared
_REPLIES = LIGHT.inferred
"""3:1 on white as the participants' (it was 1.8:1), and hatched: told apart by more than
their colour. Discord only, in the light theme: opaque, legible in either of its themes."""


def participation_chart_png(
    discussions: Sequence[tuple[int, int, int, float | None]],
    hours: Sequence[int],
    *,
    zone: str,
    language: str = "fr",
) -> bytes:
    """Two panels: participants and replies of each discussion ``(id, participants,
    replies, share)`` with the share of members on top, then replies per hour."""
    fig = participation_figure(discussions, hours, zone=zone, language=language)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata=PNG_METADATA)
    return buf.getvalue()


def participation_figure(
    discussions: Sequence[tuple[int, int, int, float | None]],
    hours: Sequence[int],
    *,
    zone: str,
    language: str = "fr",
) -> Figure:
    """The figure :func:`participation_chart_png` draws, its words from the catalogs
    (hours and percentages written as the language writes them: 18h, 50 % · 18:00, 50%)."""
    lang = language_of(language)
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
        label=t("chart-participants", lang),
    )
    top.bar(
        [i + width / 2 for i in x],
        replies,
        width,
        color=_REPLIES,
        label=t("chart-replies", lang),
        hatch="///",
        hatchcolor=LIGHT.paper,
        linewidth=0,
    )
    highest = max([*participants, *replies, 1])
    for i, (_, p, _, share) in enumerate(discussions):
        if share is not None:
            percent = t("chart-share", lang, percent=round(share * 100))
            top.text(i - width / 2, p + highest * 0.02, percent, ha="center", fontsize=8)
    top.set_xticks(x, [str(d) for d, _, _, _ in discussions], fontsize=8)
    top.set_xlabel(t("chart-discussion", lang), fontsize=9)
    top.set_ylim(0, highest * 1.2)
    top.yaxis.set_major_locator(MaxNLocator(integer=True))
    top.set_title(t("chart-per-discussion", lang), fontsize=10)
    top.legend(frameon=False, fontsize=8)
    top.spines[["top", "right"]].set_visible(False)
    bottom.bar(range(24), list(hours)[:24] + [0] * (24 - len(hours)), color=_PARTICIPANTS)
    ticks = range(0, 24, 2)
    bottom.set_xticks(ticks, [t("chart-hour", lang, hour=h) for h in ticks], fontsize=8)
    bottom.set_xlabel(t("chart-hour-axis", lang, zone=zone), fontsize=9)
    bottom.yaxis.set_major_locator(MaxNLocator(integer=True))
    bottom.set_title(t("chart-per-hour", lang), fontsize=10)
    bottom.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig
