"""The opinion map renders a PNG with no member names."""

from __future__ import annotations

import io

from matplotlib.axes import Axes
from matplotlib.image import imread
from matplotlib.transforms import Bbox

from bench.planted import planted_discussion
from bot.analysis.polis.groups import analyze_groups
from bot.charts.opinion_map import group_letter, opinion_map_figure, opinion_map_png

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_map_of_real_groups_is_a_png() -> None:
    result = analyze_groups(planted_discussion(n_groups=3, n_users=150, seed=1).discussion)
    members = [g["members"] for g in result["groups"]]
    png = opinion_map_png(result["projection"], members, "fr")
    assert png.startswith(PNG_MAGIC)
    image = imread(io.BytesIO(png), format="png")
    assert image.shape[0] > 200 and image.shape[1] > 200
    assert image.std() > 0.01, "not a blank image"


def test_map_handles_empty_and_ungrouped() -> None:
    assert opinion_map_png({}, [], "en").startswith(PNG_MAGIC)
    projection: dict[str, tuple[float, float] | list[float]] = {
        "a": (0.0, 1.0),
        "b": [1.0, 0.0],
        "c": (2.0, 2.0),
    }
    groups = [["a", "b"]]
    assert opinion_map_png(projection, groups, "en").startswith(PNG_MAGIC)
    (ax,) = opinion_map_figure(projection, groups, "en").axes
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["Group A (2 members)", "No group"]
    points = [len(c.get_offsets()) for c in ax.collections]
    assert points == [2, 1], "two points in group A, one grey point for c"
    texts = [t.get_text() for t in ax.texts] + [ax.get_title()]
    assert texts == ["Group A", "Opinion map"], "letters and a title, no member id"


def test_group_letters() -> None:
    assert [group_letter(i) for i in (0, 1, 25, 26)] == ["A", "B", "Z", "AA"]


def test_her_own_point_is_marked_on_the_map_she_is_shown() -> None:
    projection = {"a": (0.0, 1.0), "b": (1.0, 0.0), "c": (2.0, 2.0)}
    (ax,) = opinion_map_figure(projection, [["a", "b"]], "fr", you="b").axes
    assert [t.get_text() for t in ax.texts] == ["Groupe A", "Vous"]
    assert [len(c.get_offsets()) for c in ax.collections] == [2, 1, 1]
    assert list(ax.collections[-1].get_offsets()[0]) == [1.0, 0.0]
    (ax,) = opinion_map_figure(projection, [["a", "b"]], "en", you="stranger").axes
    assert [t.get_text() for t in ax.texts] == ["Group A"]  # not on the map: no mark


def test_members_on_one_point_make_one_larger_dot() -> None:
    """Members who voted alike share a point: one dot each would hide all but one."""
    projection = {"a": (0.0, 1.0), "b": (0.0, 1.0), "c": (0.0, 1.0), "d": (2.0, 0.0)}
    (ax,) = opinion_map_figure(projection, [["a", "b", "c", "d"]], "en").axes
    (dots,) = ax.collections
    assert sorted(map(tuple, dots.get_offsets().tolist())) == [(0.0, 1.0), (2.0, 0.0)]
    assert sorted(dots.get_sizes().tolist()) == [28.0, 84.0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Group A (4 members)"]


def test_a_dot_stops_growing_before_it_covers_the_map() -> None:
    projection = {f"m{i}": (0.0, 0.0) for i in range(1000)} | {"x": (1.0, 1.0)}
    (ax,) = opinion_map_figure(projection, [list(projection)], "en").axes
    assert sorted(ax.collections[0].get_sizes().tolist()) == [28.0, 28.0 * 16]


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_each_groups_label_is_readable_on_its_box() -> None:
    """The letters' white text on its group's colour: WCAG AA's 4.5:1 (11 pt bold is not
    large text). « Groupe B » on orange was 2.8:1, « Groupe C » on green 2.9:1, in the
    image the web room and Discord show."""
    from matplotlib.colors import to_rgb

    projection = {str(n): (float(n), float(n % 3)) for n in range(14)}
    groups = [[str(n)] for n in range(7)]  # every colour of the palette
    (ax,) = opinion_map_figure(projection, groups, "fr").axes
    ratios = {}
    for text in ax.texts:
        box = text.get_bbox_patch()
        assert box is not None
        ink, ground = _luminance(to_rgb(text.get_color())), _luminance(box.get_facecolor())
        ratios[text.get_text()] = (max(ink, ground) + 0.05) / (min(ink, ground) + 0.05)
    assert len(ratios) == 7
    assert {label: round(r, 2) for label, r in ratios.items() if r < 4.5} == {}


def _label_boxes(ax: Axes) -> list[Bbox]:
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    return [text.get_window_extent(renderer) for text in ax.texts]


def test_a_group_letter_covers_none_of_the_dots() -> None:
    """Four members who voted alike sit on one dot: the letter drawn on the group's centre
    hid it, and a fifth of the map looked empty beside « Group B (4 members) »."""
    projection = {f"a{i}": (-1.0 + 0.1 * i, -0.2 * i) for i in range(5)}
    projection |= {f"b{i}": (1.0, -0.15) for i in range(4)} | {"c0": (0.0, 1.0), "c1": (0.1, 0.8)}
    groups = [[m for m in projection if m.startswith(g)] for g in "abc"]
    (ax,) = opinion_map_figure(projection, groups, "en").axes
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    dots = [
        ax.transData.transform(point)
        for collection in ax.collections
        for point in collection.get_offsets()
    ]
    inside = ax.get_window_extent(renderer)
    assert [t.get_text() for t in ax.texts] == ["Group A", "Group B", "Group C"]
    for box in _label_boxes(ax):
        assert not any(box.contains(x, y) for x, y in dots), box
        assert inside.x0 <= box.x0 and box.x1 <= inside.x1, "the letter runs off the map"


def test_the_legend_shows_every_group_with_one_dot_size() -> None:
    projection = {f"b{i}": (1.0, 0.0) for i in range(4)} | {"a": (0.0, 1.0)}
    (ax,) = opinion_map_figure(projection, [["a"], [f"b{i}" for i in range(4)]], "en").axes
    handles = ax.get_legend().legend_handles
    assert {tuple(h.get_sizes()) for h in handles} == {(28.0,)}


def test_the_png_names_no_software() -> None:
    """Matplotlib wrote ``Software: Matplotlib version…`` in every map, public ones too."""
    assert b"atplotlib" not in opinion_map_png({"a": (0.0, 1.0), "b": (1.0, 0.0)}, [["a"]], "fr")
