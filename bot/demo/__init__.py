"""``python -m bot demo``: the real bot on a simulated Discord (SimCord), offline.

A server "Cinéphiles" with a forum, the first seed question posted by a
moderator, a dozen members who reply in French, declare stances, edit,
delete, react and vote on the card; then the discussion closes and its
summary is posted. The terminal shows the thread as a member sees it; the
database, a JSONL export and the summary charts stay in the output folder.

The story is data (``dialogue.toml``, read by :mod:`bot.demo.script`);
:mod:`bot.demo.driver` plays it with :mod:`bot.demo.server`'s members and
prints the thread with :mod:`bot.demo.printer`. No token and no network:
SimCord plays Discord inside this process.
"""
