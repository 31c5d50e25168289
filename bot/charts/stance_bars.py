"""Stacked bars of stances per option: declared (solid) and inferred (light)."""

from __future__ import annotations

import io
import textwrap

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.analysis.summary import StanceCounts
from bot.i18n import language_of, t

_DECLARED = "#3b6fb6"
_INFERRED = "#a9c4ea"


def _wrap(label: str, width: int = 18, lines: int = 3) -> str:
    parts = textwrap.wrap(label, width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return "\n".join(parts)


def stance_chart_png(
    counts: StanceCounts, title: str, language: str = "fr", *, closed: bool = False
) -> bytes:
    """A PNG of declared + inferred stance counts per option.

    Options are those of either side, in order; one missing from a side counts 0.
    An empty chart of a ``closed`` discussion does not say "yet".
    """
    lang = language_of(language)
    declared, inferred = counts.declared, counts.inferred
    options = list(dict.fromkeys([*declared, *inferred]))
    d = [int(declared.get(o, 0)) for o in options]
    i = [int(inferred.get(o, 0)) for o in options]
    fig = Figure(figsize=(max(5.0, 1.6 * len(options) + 2.0), 4.2), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    x = list(range(len(options)))
    ax.bar(x, d, color=_DECLARED, label=t("chart-declared", lang), width=0.6)
    ax.bar(x, i, bottom=d, color=_INFERRED, label=t("chart-inferred", lang), width=0.6)
    top = max([a + b for a, b in zip(d, i, strict=True)] or [0])
    for xi, a, b in zip(x, d, i, strict=True):
        if a + b:
            ax.text(xi, a + b + top * 0.02, str(a + b), ha="center", va="bottom", fontsize=10)
    # the options and the question are staff's text: a "$" in them is a dollar, not TeX
    ax.set_xticks(x, [_wrap(o) for o in options], fontsize=9, parse_math=False)
    ax.set_ylabel(t("chart-members", lang))
    ax.set_ylim(0, max(1.0, top * 1.18))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(_wrap(title, 70, 2), fontsize=11, pad=24, parse_math=False)
    if top == 0:
        ax.text(
            0.5,
            0.5,
            t("chart-no-stance-closed" if closed else "chart-no-stance", lang),
            transform=ax.transAxes,
            ha="center",
            va="center",
            color="grey",
        )
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False, fontsize=9)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()
