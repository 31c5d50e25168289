"""The opinion map: members as anonymous points, coloured by opinion group."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

_PALETTE = ("#4C72B0", "#DD8452", "#55A868", "#C44E52", "#8172B3", "#937860", "#DA8BC3")
_UNGROUPED = "#B0B0B0"
_LABELS = {
    "fr": ("Groupe {}", "Carte des opinions", "Sans groupe", "{} membres"),
    "en": ("Group {}", "Opinion map", "No group", "{} members"),
}


def group_letter(index: int) -> str:
    """0 -> A, 1 -> B, ... 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def opinion_map_png(
    projection: Mapping[str, tuple[float, float] | list[float]],
    groups: Sequence[Mapping[str, object]],
    language: str,
) -> bytes:
    """PNG of the 2-D opinion map; no member names, only points and group labels.

    ``projection`` maps member ids to ``[x, y]``; ``groups`` are the
    ``"groups"`` of :func:`bot.analysis.groups.analyze_groups` (their
    ``"members"`` colour the points; members of no group are grey).
    """
    group_word, title, ungrouped, members_word = _LABELS.get(language[:2], _LABELS["en"])
    fig = Figure(figsize=(6.4, 5.2), dpi=110)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    placed: set[str] = set()
    for index, group in enumerate(groups):
        members = [str(m) for m in _as_list(group.get("members"))]
        points = [projection[m] for m in members if m in projection]
        placed.update(m for m in members if m in projection)
        if not points:
            continue
        colour = _PALETTE[index % len(_PALETTE)]
        xs = [float(p[0]) for p in points]
        ys = [float(p[1]) for p in points]
        label = group_word.format(group_letter(index))
        ax.scatter(
            xs,
            ys,
            s=28,
            color=colour,
            alpha=0.75,
            edgecolors="white",
            linewidths=0.5,
            label=f"{label} ({members_word.format(len(points))})",
        )
        cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
        ax.annotate(
            label,
            (cx, cy),
            ha="center",
            va="center",
            fontsize=11,
            fontweight="bold",
            color="white",
            bbox={"boxstyle": "round,pad=0.3", "facecolor": colour, "edgecolor": "none"},
        )
    rest = [p for m, p in projection.items() if m not in placed]
    if rest:
        ax.scatter(
            [float(p[0]) for p in rest],
            [float(p[1]) for p in rest],
            s=18,
            color=_UNGROUPED,
            alpha=0.6,
            label=ungrouped,
        )
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.axhline(0, color="#dddddd", linewidth=0.8, zorder=0)
    ax.axvline(0, color="#dddddd", linewidth=0.8, zorder=0)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_color("#cccccc")
    if projection:
        ax.legend(loc="best", fontsize=8, frameon=False)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def _as_list(value: object) -> list[object]:
    if isinstance(value, list | tuple):
        return list(value)
    return []
