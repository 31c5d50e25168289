"""``analyze``: an export file read, its replies' vectors cached, the report in JSON or text."""

from __future__ import annotations

import argparse
import errno
import functools
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli.runtime import (
    EXIT_OK,
    MAX_WARNINGS,
    warn,
)
from bot.errors import CliError
from bot.i18n import os_reason, t

if TYPE_CHECKING:
    from bot.analysis.jsonl import ExportWarning


def cmd_analyze(args: argparse.Namespace) -> int:
    from bot.analysis.batch import analyze, analyze_rendered
    from bot.analysis.jsonl import EmptyExportError, read_export
    from bot.analysis.summary_json import report_text, summary_json_text

    path = Path(args.file)
    if not path.is_file():
        raise CliError(
            "cli-no-such-file" if not path.exists() else "cli-not-a-file", path=args.file
        )
    try:
        read = read_export(path)
    except EmptyExportError:
        raise CliError("cli-export-empty", path=args.file) from None
    except OSError as error:
        reason = os_reason(error)
        raise CliError("cli-cannot-read", path=args.file, reason=reason) from None
    if not read.discussions and read.warnings:
        first = _export_warning(read.warnings[0], args.lang)
        raise CliError("cli-not-an-export", path=args.file, skipped=len(read.warnings), first=first)
    for warning in read.warnings[:MAX_WARNINGS]:
        warn(args, args.file, _export_warning(warning, args.lang))
    if len(read.warnings) > MAX_WARNINGS:
        more = len(read.warnings) - MAX_WARNINGS
        print(t("cli-bad-lines-more", args.lang, file=args.file, more=more), file=sys.stderr)
    # the cache folder checked now, its vectors read while the opinion groups are found
    vectors_from = (
        None
        if args.no_themes
        else functools.partial(_reply_vectors, read.discussions, _vector_cache(args), args.lang)
    )
    workers = args.jobs or os.cpu_count() or 1
    if args.format == "json":
        # each discussion's JSON written by the workers, joined here
        entries = analyze_rendered(
            read.discussions, summary_json_text, workers=workers, vectors_from=vectors_from
        )
        sys.stdout.writelines(report_text(entries))
        sys.stdout.write("\n")
    else:
        from bot.analysis.text_report import render_text  # Fluent: only for the text report

        summaries = analyze(read.discussions, workers=workers, vectors_from=vectors_from)
        # each discussion in its own language (a server may have switched between two)
        blocks = [render_text([summary], summary.language) for summary in summaries]
        sys.stdout.write("\n\n".join(blocks) if blocks else render_text([], args.lang))
    return EXIT_OK


def _export_warning(warning: ExportWarning, language: str) -> str:
    """What of an export was skipped, in ``language``."""
    reason = t("cli-jsonl-" + warning.code, language, **warning.values)
    if warning.line is None:
        return reason
    return t("cli-line", language, line=warning.line, reason=reason)


def _vector_cache(args: argparse.Namespace) -> Path | None:
    """Where the replies' vectors are cached, None for nowhere (said when it cannot be)."""
    from bot.vector_cache import default_cache_dir

    cache = None if args.no_cache else Path(args.cache_dir or default_cache_dir())
    if cache is not None:
        try:
            _usable_folder(cache)
        except CliError as error:
            if args.cache_dir:  # asked for by name: say so and stop
                raise
            said = t(error.key, args.lang, **error.args_)
            print(t("cli-cache-skipped", args.lang, reason=said), file=sys.stderr)
            cache = None
    return cache


def _reply_vectors(discussions: Sequence[Any], cache: Path | None, language: str) -> dict[str, Any]:
    """Every reply's vector, from the cache or encoded, a progress bar on a terminal."""
    from bot.analysis.embeddings import default_encoder
    from bot.vector_cache import vectors_for

    texts = {r.id: r.text for d in discussions for r in d.replies}
    progress = (
        functools.partial(_progress_bar, t("cli-progress", language))
        if sys.stderr.isatty()
        else None
    )
    vectors = vectors_for(texts, default_encoder(), cache_dir=cache, progress=progress)
    if progress is not None:
        print(file=sys.stderr)
    return vectors


def _usable_folder(folder: Path) -> None:
    """Make ``folder`` (and its parents) if missing; :class:`CliError` when it cannot be."""
    if folder.exists() and not folder.is_dir():
        raise CliError("cli-not-a-folder", path=str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CliError("cli-cannot-write", path=str(folder), reason=os_reason(error)) from None
    if not os.access(folder, os.W_OK):
        raise CliError(
            "cli-cannot-write",
            path=str(folder),
            reason=os_reason(errno.EACCES),
        )


def _progress_bar(label: str, done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    bar = "#" * filled + "-" * (width - filled)
    print(f"\r{label} [{bar}] {done}/{total}", end="", file=sys.stderr, flush=True)
