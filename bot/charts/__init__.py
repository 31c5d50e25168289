"""PNG charts for summaries (matplotlib, headless Agg backend)."""
