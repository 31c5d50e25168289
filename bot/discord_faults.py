"""What a call to Discord raises when no answer came at all (a time-out, a dropped
connection): no HTTP status, and nothing says whether the request was carried out, so a
later try may do it, or find it done. A refusal (``discord.HTTPException``) is not one."""

from __future__ import annotations

from typing import Final

import aiohttp

NO_ANSWER: Final = (OSError, TimeoutError, aiohttp.ClientError)
