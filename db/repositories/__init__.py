"""Queries, one module per table family. Every function takes the session first
and every read is scoped by server (``guild_id``)."""
