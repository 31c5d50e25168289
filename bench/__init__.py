"""Benchmarks, and what they share with the tests: throw-away PostgreSQL
databases and the readers of the evaluation data (``../shared``).

The tests may import from here; nothing here imports the tests.
"""
