"""Typed settings read from the environment and ``.env``.

``Settings.from_env()`` reads the process environment (after ``load_env()`` has merged
``.env``); ``Settings(discord_token=..., database_url=...)`` builds one
directly with defaults for the rest. The token is a :class:`Secret`: it never
appears in ``repr``, ``str`` or logs.
"""

from __future__ import annotations

import codecs
import io
import logging
import os
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from dotenv import load_dotenv
from dotenv.parser import parse_stream

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///etvous.db"
LANGUAGES = ("fr", "en")
LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
MAX_SNOWFLAKE = 2**63 - 1
"""Discord's ids are positive and fit a signed 64-bit integer (the database's column)."""
MAX_LOCK_WAIT_SECONDS = 600
MAX_STOP_FLUSH_SECONDS = 3600
"""An hour: longer is a typo (a stop that would never end), not a choice."""
MAX_FORGET_DAYS = 3650
"""Ten years: longer is a typo; 0 already says "never"."""


class SettingsError(ValueError):
    """A setting is missing or malformed: the catalog message ``key``, which names it.

    ``str()`` is the English message (for logs); the CLI prints it in its own language.
    """

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args

    def __str__(self) -> str:
        from bot.i18n import t

        return t(self.key, "en", **self.args_)


@dataclass(frozen=True)
class EnvLineSkipped:
    """A line of the settings file left out: ``reason`` is ``not_utf8`` or ``not_name_value``."""

    line: int
    reason: str


class Secret:
    """A string that hides itself from ``repr``, ``str`` and formatting."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('**********')" if self._value else "Secret('')"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


_BOT_TOKEN = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
"""A bot token as the Developer Portal gives it: three base64url parts joined by dots."""


def check_bot_token(token: Secret) -> None:
    """:class:`SettingsError` (which never shows the token) unless ``token`` has a bot
    token's shape: what else gets pasted there (the client secret, the application id,
    ``Bot …``, quotes, an invisible character) is refused before Discord is asked."""
    if not _BOT_TOKEN.fullmatch(token.get()):
        raise SettingsError("settings-token-malformed")


MAX_ENV_BYTES = 1_000_000


def load_env(path: str | os.PathLike[str] | None = None) -> list[EnvLineSkipped]:
    """Merge ``.env`` (current directory by default) into the environment.

    Variables already set in the environment win, as python-dotenv does.
    Returns one :class:`EnvLineSkipped` per line left out: a line that is
    not UTF-8 text (or holds a NUL) is skipped, not fatal. A file starting with
    UTF-16's BOM (Windows PowerShell's ``>``, Notepad's "Unicode") is read as UTF-16. A file given by name must exist;
    :class:`SettingsError` when it is missing, unreadable or too large.
    """
    file = Path(path) if path else Path.cwd() / ".env"
    if not file.is_file():
        if path and file.is_dir():
            raise SettingsError("settings-env-folder", file=str(file))
        if path:
            raise SettingsError("settings-env-missing", file=str(file))
        return []
    try:
        with file.open("rb") as fh:
            data = fh.read(MAX_ENV_BYTES + 1)
    except OSError as error:
        from bot.i18n import os_reason

        raise SettingsError(
            "settings-env-unreadable", file=str(file), reason=os_reason(error)
        ) from None
    if len(data) > MAX_ENV_BYTES:
        raise SettingsError("settings-env-too-large", file=str(file), max=MAX_ENV_BYTES)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # as Windows PowerShell's > and Notepad's "Unicode" save it
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    kept: list[str] = []
    left_out: list[EnvLineSkipped] = []
    for number, raw in enumerate(data.splitlines(), start=1):
        try:
            line: str | None = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            line = None
        if line is None or "\0" in line:  # no environment variable can hold a NUL
            left_out.append(EnvLineSkipped(number, "not_utf8"))
            line = ""
        kept.append(line)
    text = "\n".join(kept)
    for binding in parse_stream(io.StringIO(text)):
        if binding.error:  # python-dotenv skips it with a log line that names no file
            left_out.append(EnvLineSkipped(binding.original.line, "not_name_value"))
    dotenv_log = logging.getLogger("dotenv.main")
    was_disabled, dotenv_log.disabled = dotenv_log.disabled, True
    try:
        load_dotenv(stream=io.StringIO(text), override=False)
    finally:
        dotenv_log.disabled = was_disabled
    return sorted(left_out, key=lambda skipped: skipped.line)


def redact_url(url: str) -> str:
    """``url`` with its password replaced, for logs and errors."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    credentials, _, host = rest.rpartition("@")
    user, has_password, _ = credentials.partition(":")
    return f"{scheme}://{user}{':***' if has_password else ''}@{host}"


def _env_int(name: str, raw: str | None) -> int | None:
    if raw is None or raw.strip() == "":
        return None
    try:
        return int(raw.strip())
    except ValueError:
        raise SettingsError("settings-not-integer", name=name, raw=repr(raw)) from None


def _env_seconds(name: str, raw: str | None) -> float | None:
    if raw is None or raw.strip() == "":
        return None
    text = raw.strip()
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # « 2,5 », as French writes a decimal
    try:
        return float(text)
    except ValueError:
        raise SettingsError("settings-not-seconds", name=name, raw=repr(raw)) from None


def _env_int_list(name: str, raw: str | None) -> tuple[int, ...] | None:
    if raw is None or raw.strip() == "":
        return None
    try:
        return tuple(int(part) for part in raw.replace(",", " ").split())
    except ValueError:
        raise SettingsError("settings-not-integer-list", name=name, raw=repr(raw)) from None


def _env_bool(name: str, raw: str | None) -> bool | None:
    if raw is None or raw.strip() == "":
        return None
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise SettingsError("settings-not-on-off", name=name, raw=repr(raw))


SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
"""libpq's ``sslmode`` values, which asyncpg's ``ssl`` takes as they are."""
POSTGRESQL_OPTIONS = frozenset(
    {"sslmode", "ssl", "direct_tls", "host", "port", "passfile", "service", "servicefile"}
    | {"timeout", "command_timeout", "target_session_attrs", "krbsrvname", "gsslib"}
    | {"statement_cache_size", "max_cached_statement_lifetime", "max_cacheable_statement_size"}
    | {"prepared_statement_cache_size"}
)
"""What a PostgreSQL URL may carry after ``?``: asyncpg's connection options (and libpq's
``sslmode``); any other would stop the first connection with a ``TypeError``."""


PLAIN_DRIVERS = {
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "sqlite": "sqlite+aiosqlite",
}
"""URL schemes without a driver, as hosting services hand them out (``postgres://``),
read as the driver the bot runs on."""


def _check_database_url(url: str, *, postgresql: bool) -> None:
    """:class:`SettingsError` for a URL the driver would choke on (never echoing it)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise SettingsError("settings-database-url", example=DEFAULT_DATABASE_URL) from None
    except ValueError:  # what follows the host's ":" is not a number
        raise SettingsError("settings-database-port") from None
    port = parsed.port
    if port is not None and not 1 <= port <= 65535:
        raise SettingsError("settings-database-port")
    if not postgresql:
        return
    for option in parsed.query:
        if option not in POSTGRESQL_OPTIONS:
            raise SettingsError("settings-database-option", option=option)
    mode = parsed.query.get("sslmode")
    if mode is not None and mode not in SSL_MODES:
        raise SettingsError("settings-database-sslmode", modes=", ".join(SSL_MODES))


@dataclass(frozen=True, kw_only=True)
class Settings:
    discord_token: Secret = field(default_factory=lambda: Secret(""))
    database_url: str = DEFAULT_DATABASE_URL
    log_level: str = "INFO"
    log_file: str | None = None
    default_timezone: str = "Europe/Paris"
    default_language: str = "fr"
    dev_guild_id: int | None = None
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    message_cache_size: int = 200
    stop_flush_seconds: float = 8.0
    """How long a stop (SIGTERM, Ctrl-C) waits for the database to take what is still queued
    to be written; then the process exits, saying how many events were not written. Under
    ``docker stop``'s 10 s grace (then SIGKILL), so the count is logged there too."""
    lock_wait_seconds: float = 10.0
    """How long the bot and the CLI wait for a table or row another process holds (a
    ``sqlite3`` shell in a write transaction, a stuck session on PostgreSQL) before taking
    the database as held: the bot tries again later, the CLI says so in one line."""
    web_enabled: bool = True
    web_host: str = "127.0.0.1"
    web_port: int = 8080
    public_url: str | None = None
    """Where members reach the web room (behind a reverse proxy), without a trailing slash."""
    web_secret: Secret = field(default_factory=lambda: Secret(""))
    """Signs login links and forms; empty: one is generated and kept in the database."""
    forget_removed_servers_days: int = 30
    """A server that removed the bot has everything stored about it erased this many days
    later (its settings, questions, discussions, replies, votes, logs), unless it invites
    the bot back first; 0 keeps it until a retention setting or an erasure removes it."""
    import_allow_loopback: bool = False
    """Lets ``/question import`` fetch a link on this machine (127.0.0.0/8, ``::1``): for
    tests' local server only. Every other private or local address stays refused."""

    def __post_init__(self) -> None:
        if isinstance(self.discord_token, str):
            object.__setattr__(self, "discord_token", Secret(self.discord_token))
        if isinstance(self.web_secret, str):
            object.__setattr__(self, "web_secret", Secret(self.web_secret))
        self._validate()
        self._validate_web()

    def _validate_web(self) -> None:
        if not 1 <= self.web_port <= 65535:
            raise SettingsError("settings-web-port")
        if not self.web_host.strip():
            raise SettingsError("settings-web-host")
        if self.public_url is not None:
            url = self.public_url.strip().rstrip("/")
            scheme, sep, rest = url.partition("://")
            if (
                scheme not in ("http", "https")
                or not sep
                or not rest
                or any(c in rest for c in " ?#")
            ):
                raise SettingsError("settings-public-url")
            _, slash, path = rest.partition("/")
            if slash:  # the pages link from the root: /static/…, /discussions, /login/…
                raise SettingsError("settings-public-url-path", path="/" + path)
            object.__setattr__(self, "public_url", url)
        if self.web_secret and len(self.web_secret.get()) < 32:
            raise SettingsError("settings-web-secret")
        if self.web_enabled and self.web_host not in LOOPBACK_HOSTS and not self.public_url:
            raise SettingsError("settings-web-host-public", host=self.web_host)

    @property
    def web_base_url(self) -> str:
        """The address login links and reports point to."""
        if self.public_url:
            return self.public_url
        host = f"[{self.web_host}]" if ":" in self.web_host else self.web_host
        return f"http://{host}:{self.web_port}"

    def _validate(self) -> None:
        if not self.database_url or "://" not in self.database_url:
            raise SettingsError("settings-database-url", example=DEFAULT_DATABASE_URL)
        driver, rest = self.database_url.split("://", 1)
        if driver in PLAIN_DRIVERS:
            driver = PLAIN_DRIVERS[driver]
            object.__setattr__(self, "database_url", f"{driver}://{rest}")
        if driver not in ("sqlite+aiosqlite", "postgresql+asyncpg"):
            raise SettingsError("settings-database-driver", driver=driver)
        _check_database_url(self.database_url, postgresql=driver == "postgresql+asyncpg")
        if self.log_level.upper() not in LOG_LEVELS:
            raise SettingsError("settings-log-level", levels=", ".join(LOG_LEVELS))
        object.__setattr__(self, "log_level", self.log_level.upper())
        from bot.cron import ScheduleError, canonical_zone

        try:
            object.__setattr__(self, "default_timezone", canonical_zone(self.default_timezone))
        except ScheduleError:
            raise SettingsError("settings-timezone", value=repr(self.default_timezone)) from None
        object.__setattr__(self, "default_language", self.default_language.lower())
        if self.default_language not in LANGUAGES:
            raise SettingsError("settings-language", languages=", ".join(LANGUAGES))
        if self.dev_guild_id is not None and not 0 < self.dev_guild_id <= MAX_SNOWFLAKE:
            raise SettingsError("settings-dev-guild", raw=repr(str(self.dev_guild_id)))
        if self.shard_ids is not None and self.shard_count is None:
            raise SettingsError("settings-shard-ids-alone")
        if self.shard_count is not None:
            if self.shard_count < 1:
                raise SettingsError("settings-shard-count")
            for shard in self.shard_ids or ():
                if not 0 <= shard < self.shard_count:
                    raise SettingsError("settings-shard-ids-range", last=self.shard_count - 1)
        if self.message_cache_size < 0:
            raise SettingsError("settings-message-cache")
        if not 0 < self.stop_flush_seconds <= MAX_STOP_FLUSH_SECONDS:  # NaN included
            raise SettingsError("settings-stop-flush", max=MAX_STOP_FLUSH_SECONDS)
        if not 0 < self.lock_wait_seconds <= MAX_LOCK_WAIT_SECONDS:
            raise SettingsError("settings-lock-wait", max=MAX_LOCK_WAIT_SECONDS)
        if not 0 <= self.forget_removed_servers_days <= MAX_FORGET_DAYS:
            raise SettingsError("settings-forget-removed", max=MAX_FORGET_DAYS)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``environ`` (default: ``os.environ``), then ``overrides``."""
        env = dict(os.environ if environ is None else environ)
        values: dict[str, Any] = {
            "discord_token": Secret(env.get("DISCORD_TOKEN", "").strip()),
            "database_url": env.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL,
            "log_level": env.get("LOG_LEVEL", "").strip() or "INFO",
            "log_file": env.get("LOG_FILE", "").strip() or None,
            "default_timezone": env.get("DEFAULT_TIMEZONE", "").strip() or "Europe/Paris",
            "default_language": env.get("DEFAULT_LANGUAGE", "").strip() or "fr",
            "dev_guild_id": _env_int("DEV_GUILD_ID", env.get("DEV_GUILD_ID")),
            "shard_count": _env_int("SHARD_COUNT", env.get("SHARD_COUNT")),
            "shard_ids": _env_int_list("SHARD_IDS", env.get("SHARD_IDS")),
            "web_enabled": _env_bool("WEB_ENABLED", env.get("WEB_ENABLED")),
            "web_host": env.get("WEB_HOST", "").strip() or None,
            "web_port": _env_int("WEB_PORT", env.get("WEB_PORT")),
            "public_url": env.get("PUBLIC_URL", "").strip() or None,
            "web_secret": Secret(env.get("WEB_SECRET", "").strip()),
            "import_allow_loopback": _env_bool(
                "IMPORT_ALLOW_LOOPBACK", env.get("IMPORT_ALLOW_LOOPBACK")
            ),
        }
        values = {k: v for k, v in values.items() if v is not None}
        cache = _env_int("MESSAGE_CACHE_SIZE", env.get("MESSAGE_CACHE_SIZE"))
        if cache is not None:
            values["message_cache_size"] = cache
        stop_flush = _env_seconds("STOP_FLUSH_SECONDS", env.get("STOP_FLUSH_SECONDS"))
        if stop_flush is not None:
            values["stop_flush_seconds"] = stop_flush
        forget_after = _env_int(
            "FORGET_REMOVED_SERVERS_DAYS", env.get("FORGET_REMOVED_SERVERS_DAYS")
        )
        if forget_after is not None:
            values["forget_removed_servers_days"] = forget_after
        lock_wait = _env_seconds(
            "DATABASE_LOCK_WAIT_SECONDS", env.get("DATABASE_LOCK_WAIT_SECONDS")
        )
        if lock_wait is not None:
            values["lock_wait_seconds"] = lock_wait
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def __repr__(self) -> str:
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "database_url":
                value = redact_url(value)
            parts.append(f"{f.name}={value!r}")
        return f"Settings({', '.join(parts)})"

    def owns_guild(self, guild_id: int) -> bool:
        """Whether this process serves ``guild_id`` (Discord's shard formula)."""
        if self.shard_count is None or self.shard_ids is None:
            return True
        return (guild_id >> 22) % self.shard_count in self.shard_ids
