"""Use cases, one function each. Cogs call these; these call :mod:`db`."""
