"""The web review room: an HTTP adapter beside the cogs.

Like ``cogs/``, it parses a request, checks the session, calls
``bot.services`` and renders (server-side Jinja2, no script); it never
touches the database. ``web.server.WebServer`` runs it in the bot's own
event loop; ``python -m bot web`` runs it alone.
"""
