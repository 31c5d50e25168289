"""The charts of one discussion's summary."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.analysis.summary import DiscussionSummary

log = logging.getLogger(__name__)

STANCES_FILE = "stances.png"
MAP_FILE = "map.png"


@dataclass(frozen=True, slots=True)
class SummaryCharts:
    stances: bytes | None = None
    """Declared and inferred members per option (PNG)."""
    opinion_map: bytes | None = None
    """The members' points, coloured by opinion group (PNG); only for stable groups."""

    def files(self) -> dict[str, bytes]:
        """The charts by the file name they are attached under."""
        named = {STANCES_FILE: self.stances, MAP_FILE: self.opinion_map}
        return {name: data for name, data in named.items() if data is not None}


def draw_summary_charts(summary: DiscussionSummary, language: str | None = None) -> SummaryCharts:
    """The summary's charts in ``language`` (default: the discussion's), the language of
    the text they are shown beside; one that fails is logged and left out (slow: run off
    the loop)."""
    from bot.charts.opinion_map import opinion_map_png
    from bot.charts.stance_bars import stance_chart_png

    lang = language or summary.language
    stances = opinion_map = None
    try:
        stances = stance_chart_png(summary.stances, summary.question, lang, closed=summary.closed)
    except Exception:
        log.exception("stance chart for discussion %s failed", summary.id)
    if summary.groups and summary.stable and summary.projection:
        try:
            members = [g.members for g in summary.groups]
            opinion_map = opinion_map_png(summary.projection, members, lang)
        except Exception:
            log.exception("opinion map for discussion %s failed", summary.id)
    return SummaryCharts(stances=stances, opinion_map=opinion_map)
