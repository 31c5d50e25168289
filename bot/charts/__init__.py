"""PNG charts for summaries (matplotlib, headless Agg backend).

:func:`bot.charts.summary_charts.draw_summary_charts` draws those of a typed
summary, for Discord and the web room alike. Importing this package does not
import matplotlib; drawing does.
"""

PNG_METADATA: dict[str, str | None] = {"Software": None}
"""What a chart's PNG says of itself: nothing. Matplotlib wrote its name and version in
each, which the web room's public reports gave anyone (its ``Server`` header names no
software, for the same reason)."""
