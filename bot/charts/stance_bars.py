"""Stacked bars of stances per option: declared (solid) and inferred (hatched), in a
:mod:`~bot.charts.theme`."""

from __future__ import annotations

import io
import textwrap
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from bot.analysis.summary import StanceCounts
from bot.charts import PNG_METADATA
from bot.charts.drawable import drawable
from bot.charts.theme import LIGHT, ChartTheme
from bot.i18n import language_of, t

COLUMNS = 5
"""Up to this many options, their bars stand side by side; past it they lie one under the
other (20 options side by side made a 3,740 × 462 strip, its labels a pixel or two high
where Discord shows it some 400 pixels wide)."""
_HATCH = "///"
"""The inferred bars' stripes: told from the declared ones by more than their colour."""


def _wrap(label: str, width: int = 18, lines: int = 3) -> str:
    parts = textwrap.wrap(label, width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return "\n".join(parts)


def stance_chart_png(
    counts: StanceCounts,
    title: str,
    language: str = "fr",
    *,
    closed: bool = False,
    theme: ChartTheme = LIGHT,
) -> bytes:
    """A PNG of declared + inferred stance counts per option, in ``theme``'s colours.

    Options are those of either side, in order; one missing from a side counts 0.
    An empty chart of a ``closed`` discussion does not say "yet".
    """
    fig = stance_chart_figure(counts, title, language, closed=closed, theme=theme)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata=PNG_METADATA)
    return buf.getvalue()


def stance_chart_figure(
    counts: StanceCounts,
    title: str,
    language: str = "fr",
    *,
    closed: bool = False,
    theme: ChartTheme = LIGHT,
) -> Figure:
    """The figure :func:`stance_chart_png` draws."""
    lang = language_of(language)
    declared, inferred = counts.declared, counts.inferred
    options = list(dict.fromkeys([*declared, *inferred]))
    d = [int(declared.get(o, 0)) for o in options]
    i = [int(inferred.get(o, 0)) for o in options]
    lying = len(options) > COLUMNS
    size = (8.0, 1.9 + 0.42 * len(options)) if lying else (max(5.0, 1.6 * len(options) + 2.0), 4.2)
    fig = Figure(figsize=size, dpi=110)
    fig.set_facecolor(theme.paper)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_facecolor(theme.paper)
    x = list(range(len(options)))
    declared_label, inferred_label = t("chart-declared", lang), t("chart-inferred", lang)
    stripes: dict[str, Any] = {"hatch": _HATCH, "hatchcolor": theme.paper, "linewidth": 0}
    if lying:
        ax.barh(x, d, 0.6, color=theme.declared, label=declared_label)
        ax.barh(x, i, 0.6, left=d, color=theme.inferred, label=inferred_label, **stripes)
    else:
        ax.bar(x, d, 0.6, color=theme.declared, label=declared_label)
        ax.bar(x, i, 0.6, bottom=d, color=theme.inferred, label=inferred_label, **stripes)
    top = max([a + b for a, b in zip(d, i, strict=True)] or [0])
    for xi, a, b in zip(x, d, i, strict=True):
        if a + b:
            end = a + b + top * 0.02
            ax.text(
                end if lying else xi,
                xi if lying else end,
                str(a + b),
                ha="left" if lying else "center",
                va="center" if lying else "bottom",
                fontsize=10,
                color=theme.ink,
            )
    # the options and the question are staff's text: a "$" in them is a dollar, not TeX
    labels = [drawable(o) or t("chart-option", lang, n=n) for n, o in enumerate(options, 1)]
    if lying:  # one under the other, the first on top: the chart grows down, not across
        ax.set_yticks(x, [_wrap(label, 28, 2) for label in labels], fontsize=9, parse_math=False)
        ax.invert_yaxis()
        ax.set_xlabel(t("chart-members", lang), color=theme.ink)
        ax.set_xlim(0, max(1.0, top * 1.18))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        ax.set_xticks(x, [_wrap(label) for label in labels], fontsize=9, parse_math=False)
        ax.set_ylabel(t("chart-members", lang), color=theme.ink)
        ax.set_ylim(0, max(1.0, top * 1.18))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.tick_params(colors=theme.ink)
    ax.spines[["top", "right"]].set_visible(False)
    ax.spines[["bottom", "left"]].set_color(theme.ink)
    ax.set_title(
        _wrap(drawable(title), 70, 2), fontsize=11, pad=24, parse_math=False, color=theme.ink
    )
    if top == 0:
        ax.text(
            0.5,
            0.5,
            t("chart-no-stance-closed" if closed else "chart-no-stance", lang),
            transform=ax.transAxes,
            ha="center",
            va="center",
            color=theme.muted,
        )
    ax.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncol=2,
        frameon=False,
        fontsize=9,
        labelcolor=theme.ink,
    )
    fig.tight_layout()
    return fig
