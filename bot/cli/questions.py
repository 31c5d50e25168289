"""``questions import`` (a file or a link) and ``questions list``."""

from __future__ import annotations

import argparse
import asyncio
import re
from pathlib import Path
from typing import Any

from bot.cli.runtime import (
    EXIT_OK,
    settings_of,
    warn,
    with_sessions,
)
from bot.errors import CliError
from bot.i18n import os_reason, t


def _read_article(path: str) -> bytes:
    """The article's bytes, read no further than the import's limit."""
    from bot.importer import MAX_ARTICLE_BYTES

    try:
        with Path(path).open("rb") as fh:
            data = fh.read(MAX_ARTICLE_BYTES + 1)
    except FileNotFoundError as error:
        if re.match(r"[a-z][a-z0-9+.-]*://", path, re.IGNORECASE):  # ftp://, htps://…
            raise CliError("cli-import-scheme", path=path) from None
        raise CliError("cli-cannot-read", path=path, reason=os_reason(error)) from None
    except OSError as error:
        raise CliError("cli-cannot-read", path=path, reason=os_reason(error)) from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise CliError("cli-file-too-large", path=path, max=MAX_ARTICLE_BYTES)
    return data


def _fetch_article(url: str, settings: Any) -> tuple[bytes, str]:
    """The article at ``url`` (fetched as ``/question import url:`` fetches it: public
    addresses only, every guard on) and the source it is kept under."""
    from bot.errors import UserError
    from bot.services import article_fetch

    async def fetch() -> Any:
        return await article_fetch.fetch_article(url, allow_loopback=settings.import_allow_loopback)

    try:
        page = asyncio.run(fetch())
    except UserError as error:  # the bot's own words for what went wrong, on one line
        raise CliError(error.key, **{k: _unescaped(v) for k, v in error.args_.items()}) from None
    return page.data, article_fetch.source_of(page.url)


def _unescaped(value: Any) -> Any:
    """A value the bot made inert for Discord (``127\\.0.0.1``), as a terminal shows it."""
    if not isinstance(value, str):
        return value
    return re.sub(r"\\([^\w\s])", r"\1", value).replace("\u200b", "")


def _is_link(argument: str) -> bool:
    return argument.lower().startswith(("http://", "https://"))


def cmd_questions_import(args: argparse.Namespace) -> int:
    from bot import importer
    from bot.services import bank, cli_ops

    settings = settings_of(args)
    if _is_link(args.file):
        data, source = _fetch_article(args.file, settings)
    else:
        data, source = _read_article(args.file), Path(args.file).name

    async def work(sessions: Any) -> int:
        outcome = await cli_ops.import_questions(
            sessions,
            settings,
            args.guild,
            data,
            options=args.options,
            source=source,
            category=args.category,
        )
        for line in outcome.left_out:
            why = line.reason.replace("_", "-")
            said = t(
                f"cli-import-line-{why}",
                args.lang,
                line=line.line_number,
                length=line.length,
                max=importer.MAX_QUESTION_CHARS,
            )
            warn(args, args.file, said)
        for question in outcome.added:
            shown = {
                "id": question.id,
                "text": question.text,
                "options": " | ".join(question.options),
            }
            print(t("cli-import-added", args.lang, **shown))
        for duplicate in outcome.skipped:
            if duplicate.bank_id is None:
                print(t("cli-import-repeated", args.lang, text=duplicate.text))
            else:
                said = t(
                    "cli-import-duplicate", args.lang, id=duplicate.bank_id, text=duplicate.text
                )
                print(said)
        added, skipped = len(outcome.added), len(outcome.skipped)
        print(t("cli-import-total", args.lang, added=added, skipped=skipped))
        rotation = await bank.missed_rotation(sessions, args.guild, outcome.added)
        if rotation:
            names = ", ".join(rotation)
            warn(args, args.file, t("cli-import-outside", args.lang, added=added, categories=names))
        return EXIT_OK

    return asyncio.run(with_sessions(settings, work, writable=True))


def cmd_questions_list(args: argparse.Namespace) -> int:
    from bot.services import cli_ops

    settings = settings_of(args)

    async def work(sessions: Any) -> int:
        rows = await cli_ops.list_questions(sessions, args.guild)
        for q in rows:
            category = f"\t{q.category}" if q.category else ""
            print(
                f"#{q.id}\t{q.position}\t{q.status}\t{q.text}\t[{' | '.join(q.options)}]{category}"
            )
        return EXIT_OK

    return asyncio.run(with_sessions(settings, work))
