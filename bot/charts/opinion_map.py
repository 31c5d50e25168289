"""The opinion map: members as anonymous points, coloured by opinion group, in a
:mod:`~bot.charts.theme`."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from bot.analysis.summary import group_letter
from bot.charts import PNG_METADATA
from bot.charts.theme import LIGHT, ChartTheme, luminance
from bot.i18n import language_of, t

_MARGIN = 0.12
"""Room around the outermost dots, for a group's letter beside them."""
_LABEL_OFFSETS = (
    (0.0, 0.0),
    *((dx, dy) for r in (18, 32, 48) for dx, dy in ((0, r), (0, -r), (r * 1.6, 0), (-r * 1.6, 0))),
)
"""Where a group's letter is tried, in points from its centre, nearest first."""
_MOST_PER_DOT = 16
"""A dot grows with the members on it up to this many (four times as wide): a thousand
members voting alike would otherwise cover the map."""


def opinion_map_png(
    projection: Mapping[str, Sequence[float]],
    groups: Sequence[Sequence[str]],
    language: str,
    *,
    you: str | None = None,
    theme: ChartTheme = LIGHT,
) -> bytes:
    """PNG of the 2-D opinion map; no member names, only points and group labels.

    ``projection`` maps member ids to ``(x, y)``; ``groups`` holds the members
    of each opinion group, in group order (members of no group are grey). With
    ``you`` (a member id), that member's own point is marked "Vous" / "You": the
    map as she alone is shown it. Drawn in ``theme``'s colours.
    """
    fig = opinion_map_figure(projection, groups, language, you=you, theme=theme)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata=PNG_METADATA)
    return buffer.getvalue()


def opinion_map_figure(
    projection: Mapping[str, Sequence[float]],
    groups: Sequence[Sequence[str]],
    language: str,
    *,
    you: str | None = None,
    theme: ChartTheme = LIGHT,
) -> Figure:
    """The figure :func:`opinion_map_png` draws."""
    lang = language_of(language)
    fig = Figure(figsize=(6.4, 5.2), dpi=110)
    fig.set_facecolor(theme.paper)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_facecolor(theme.paper)
    labels: list[tuple[str, str, tuple[float, float]]] = []
    placed = _plot_groups(ax, projection, groups, lang, labels, theme)
    rest = [p for m, p in projection.items() if m not in placed]
    if rest:
        xs, ys, sizes = _dots(rest, 18)
        ax.scatter(
            xs,
            ys,
            s=sizes,
            color=theme.ungrouped,
            alpha=theme.dot_alpha,
            label=t("chart-ungrouped", lang),
        )
    ax.set_title(t("chart-map-title", lang), color=theme.ink)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.axhline(0, color=theme.line, linewidth=0.8, zorder=0)
    ax.axvline(0, color=theme.line, linewidth=0.8, zorder=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_color(theme.line)
    ax.margins(_MARGIN)
    if projection:
        legend = ax.legend(loc="best", fontsize=8, frameon=False, labelcolor=theme.ink)
        for handle in legend.legend_handles:  # one size: a dot's size is its members'
            if isinstance(handle, PathCollection):
                handle.set_sizes([28])
    fig.tight_layout()
    dots = _dot_boxes(ax)
    for label, colour, centre in labels:
        _place_label(ax, label, colour, centre, dots)
    if you is not None and you in projection:
        _mark_you(ax, projection[you], lang, theme)
    return fig


def _place_label(
    ax: Axes, label: str, colour: str, centre: tuple[float, float], dots: np.ndarray
) -> None:
    """A group's letter near its centre, where it covers no member's dot and stays inside
    the map: on the centre itself it hid a group whose members all sit on one point.
    ``dots``: each dot's display box, one row ``(x0, y0, x1, y1)`` each."""
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    inside = ax.get_window_extent(renderer)
    best: tuple[int, Any] | None = None
    for dx, dy in _LABEL_OFFSETS:
        text = ax.annotate(
            label,
            centre,
            xytext=(dx, dy),
            textcoords="offset points",
            ha="center",
            va="center",
            fontsize=11,
            fontweight="bold",
            color="white",
            zorder=4,
            bbox={
                "boxstyle": "round,pad=0.3",
                "facecolor": _label_box(colour),
                "edgecolor": "none",
            },
        )
        box = text.get_window_extent(renderer).expanded(1.15, 1.3)
        covered = _dots_under(box, dots) + (0 if _within(box, inside) else 100)
        if best is None or covered < best[0]:
            if best is not None:
                best[1].remove()
            best = (covered, text)
        else:
            text.remove()
        if covered == 0:
            return


def _dot_boxes(ax: Axes) -> np.ndarray:
    """The display box of every dot drawn so far, ``(x0, y0, x1, y1)`` a row."""
    boxes = [np.empty((0, 4))]
    points_to_pixels = ax.figure.dpi / 72
    for collection in ax.collections:
        if not isinstance(collection, PathCollection):
            continue
        centres = ax.transData.transform(collection.get_offsets())
        sizes = np.resize(collection.get_sizes(), len(centres))
        radius = (np.sqrt(sizes) / 2 * points_to_pixels)[:, None]
        boxes.append(np.hstack([centres - radius, centres + radius]))
    return np.vstack(boxes)


def _dots_under(box: Bbox, dots: np.ndarray) -> int:
    """How many of ``dots`` (:func:`_dot_boxes`) the box overlaps; a thousand members'
    map tried a dozen places a letter, one Python call per dot and place."""
    return int(
        np.count_nonzero(
            (dots[:, 0] < box.x1)
            & (dots[:, 2] > box.x0)
            & (dots[:, 1] < box.y1)
            & (dots[:, 3] > box.y0)
        )
    )


def _within(box: Bbox, outer: Bbox) -> bool:
    return bool(
        box.x0 >= outer.x0 and box.x1 <= outer.x1 and box.y0 >= outer.y0 and box.y1 <= outer.y1
    )


def _plot_groups(
    ax: Axes,
    projection: Mapping[str, Sequence[float]],
    groups: Sequence[Sequence[str]],
    lang: str,
    labels: list[tuple[str, str, tuple[float, float]]],
    theme: ChartTheme,
) -> set[str]:
    """Each group's points in its colour; its letter, colour and centre go to ``labels``.
    Returns who was placed."""
    placed: set[str] = set()
    for index, group in enumerate(groups):
        members = [str(m) for m in group]
        points = [projection[m] for m in members if m in projection]
        placed.update(m for m in members if m in projection)
        if not points:
            continue
        colour = theme.palette[index % len(theme.palette)]
        xs, ys, sizes = _dots(points, 28)
        label = t("chart-group", lang, letter=group_letter(index))
        size_label = t("chart-group-size", lang, n=len(points))
        ax.scatter(
            xs,
            ys,
            s=sizes,
            color=colour,
            alpha=theme.dot_alpha,
            edgecolors=theme.paper,
            linewidths=0.5,
            label=f"{label} ({size_label})",
        )
        cx = sum(float(p[0]) for p in points) / len(points)
        cy = sum(float(p[1]) for p in points) / len(points)
        labels.append((label, colour, (cx, cy)))
    return placed


def _label_box(colour: str) -> tuple[float, float, float]:
    """The group's colour, darkened until its white letters reach WCAG AA's 4.5:1
    (white on the palette's orange was 2.8:1): the same hue as its dots."""
    rgb = to_rgb(colour)
    for step in range(21):
        shade = tuple(c * (1 - step / 20) for c in rgb)
        if 1.05 / (luminance(shade) + 0.05) >= 4.5:
            break
    return shade[0], shade[1], shade[2]


def _dots(
    points: Sequence[Sequence[float]], area: float
) -> tuple[list[float], list[float], list[float]]:
    """One dot per distinct place, its area growing with the members there: members who
    voted alike sit on one point, and a legend of 4 members over 2 dots looked wrong."""
    counts: dict[tuple[float, float], int] = {}
    for p in points:
        key = (round(float(p[0]), 9), round(float(p[1]), 9))
        counts[key] = counts.get(key, 0) + 1
    xs = [x for x, _ in counts]
    ys = [y for _, y in counts]
    return xs, ys, [area * min(n, _MOST_PER_DOT) for n in counts.values()]


def _mark_you(ax: Axes, point: Sequence[float], lang: str, theme: ChartTheme) -> None:
    x, y = float(point[0]), float(point[1])
    ax.scatter([x], [y], s=220, marker="*", color=theme.you, edgecolors=theme.paper, zorder=5)
    ax.annotate(
        t("chart-you", lang),
        (x, y),
        xytext=(8, 8),
        textcoords="offset points",
        fontsize=10,
        fontweight="bold",
        color=theme.you,
        zorder=6,
    )
