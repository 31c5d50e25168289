"""Pure analysis of discussions: plain data in, plain results out.

Nothing here imports discord, SQLAlchemy or :mod:`db`, so the bot, the CLI
and the benchmarks run exactly the same code.
"""
