"""Discord's side of rendering: typed results into messages that fit Discord.

The analysis returns typed summaries and knows nothing of Discord; the web
room renders the same objects as HTML. Here they become embeds, measured
against every Discord limit (:mod:`.limits`) and split across messages
(:mod:`.messages`), with member text made inert (:mod:`.inert`). Only the
cogs and the services that post to Discord themselves (the closing summary)
import this package; the analysis, the charts and ``db`` never do (an
import-linter contract).
"""
