"""PNG charts for summaries (matplotlib, headless Agg backend).

:func:`bot.charts.summary_charts.draw_summary_charts` draws those of a typed
summary, for Discord and the web room alike. Importing this package does not
import matplotlib; drawing does.
"""
