"""Discord glue: commands, events and components. They parse, check, call a
service from :mod:`bot.services` and render; no SQL and no analysis here."""
