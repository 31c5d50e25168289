"""The CLI's language: French first, English on request; what programs read never changes.

Each command is run in French and in English and checked on its key lines; the
choice of language is checked in its order (``--lang`` > ``ETVOUS_LANG`` >
``LC_ALL`` > ``LC_MESSAGES`` > ``LANG`` > French).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import io
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import language as cli_language
from bot.cli import main
from bot.cli.parser import build_parser
from bot.config import Settings
from bot.i18n import t
from db.engine import open_engine, session_factory
from db.models import Discussion
from db.repositories import discussions, guilds, questions
from db.repositories.events import ReplySeen, StanceSet, apply_batch
from tests.cli_run import LANGUAGE_VARIABLES, REPO, cli
from tests.conftest import MigratedTemplates
from tests.ports import reserved_port

GUILD = 1_100_000_000_000_000_001
ALICE = 900_000_000_000_000_001
T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
DEMO_EXPORT = REPO / "tests" / "analysis" / "fixtures" / "demo_export.jsonl"
ARTICLE = (
    b"Un article.\n\nEt vous ?\n"
    b"Faut-il taxer les robots ?\n"
    b"Faut-il \xff\xfe interdire ?\n"  # line 5: not UTF-8
    b"Quel avenir pour le cin\xc3\xa9ma ?\n"
)


@pytest.fixture(autouse=True)
def no_language_inherited(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """This process's ``main`` sees no language but the test's (and no ``.env``)."""
    for name in LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def url(tmp_path: Path, migrated_templates: MigratedTemplates) -> str:
    """A migrated SQLite database (a copy of the template) where GUILD is set up, with one
    discussion Alice replied to."""
    database = migrated_templates.sqlite(tmp_path / "etvous.db")

    async def prepare() -> None:
        engine = open_engine(database)
        sessions = session_factory(engine)
        async with sessions.begin() as session:
            await guilds.ensure_guild(session, GUILD, now=T0, timezone="UTC", language="fr")
            [question] = await questions.add_questions(
                session, GUILD, [("Q ?", "fr", ["Oui", "Non"], None)], now=T0
            )
            discussion = await discussions.create_discussion(
                session,
                Discussion(
                    guild_id=GUILD,
                    question_id=question.id,
                    question_text="Q ?",
                    options=["Oui", "Non"],
                    language="fr",
                    channel_id=1,
                    opened_at=T0,
                    closes_at=T0 + timedelta(days=3),
                ),
            )
        async with sessions.begin() as session:
            await apply_batch(
                session,
                [
                    ReplySeen(1, discussion.id, GUILD, ALICE, "Alice", "=1+1 oui", T0),
                    StanceSet(2, discussion.id, GUILD, ALICE, 0, T0),
                ],
            )
        await engine.dispose()

    asyncio.run(prepare())
    return database


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- choosing the language -----------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "environ", "expected"),
    [
        (None, {}, "fr"),
        (None, {"LANG": "C"}, "fr"),
        (None, {"LANG": "POSIX"}, "fr"),
        (None, {"LANG": "C.UTF-8"}, "fr"),
        (None, {"LANG": "de_DE.UTF-8"}, "fr"),
        (None, {"LANG": "fr_FR.UTF-8"}, "fr"),
        (None, {"LANG": "en_US.UTF-8"}, "en"),
        (None, {"LANG": "en"}, "en"),
        (None, {"LANG": "en_US.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "fr"),
        (None, {"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "en_US.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, "fr"),
        (None, {"LC_MESSAGES": "fr_FR.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
        (None, {"LC_ALL": "de_DE.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        (None, {"LC_ALL": "", "LANG": "en_US.UTF-8"}, "en"),
        (None, {"ETVOUS_LANG": "fr", "LC_ALL": "en_US.UTF-8"}, "fr"),
        (None, {"ETVOUS_LANG": "en", "LC_ALL": "fr_FR.UTF-8"}, "en"),
        (None, {"ETVOUS_LANG": "EN"}, "en"),
        (None, {"ETVOUS_LANG": "", "LANG": "en_US.UTF-8"}, "en"),
        ("en", {"ETVOUS_LANG": "fr", "LC_ALL": "fr_FR.UTF-8"}, "en"),
        ("fr", {"ETVOUS_LANG": "en", "LC_ALL": "en_US.UTF-8"}, "fr"),
        ("en", {"ETVOUS_LANG": "klingon"}, "en"),
    ],
)
def test_the_language_is_chosen_in_order(
    option: str | None, environ: dict[str, str], expected: str
) -> None:
    assert cli_language.choose(option, environ) == expected


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--lang", "en", "export"], "en"),
        (["export", "--lang=en"], "en"),
        (["--lang", "en", "db", "upgrade", "--lang", "fr"], "fr"),
        (["analyze", "--", "--lang", "en"], None),
        (["export", "--lang"], None),
        (["export"], None),
    ],
)
def test_the_option_is_read_anywhere_before_a_double_dash(
    argv: list[str], expected: str | None
) -> None:
    assert cli_language.requested(argv) == expected


def test_an_unknown_language_is_said_in_the_language_chosen_without_it() -> None:
    with pytest.raises(cli_language.UnknownLanguage) as option:
        cli_language.choose("de", {"ETVOUS_LANG": "en"})
    assert (option.value.source, option.value.value, option.value.speak) == ("--lang", "de", "en")
    with pytest.raises(cli_language.UnknownLanguage) as variable:
        cli_language.choose(None, {"ETVOUS_LANG": "klingon", "LANG": "en_US.UTF-8"})
    assert (variable.value.source, variable.value.speak) == ("ETVOUS_LANG", "en")


@pytest.mark.parametrize(
    ("argv", "environ", "expected"),
    [
        ([], {}, "fr"),
        ([], {"LANG": "en_US.UTF-8"}, "en"),
        ([], {"LANG": "en_US.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "fr"),
        ([], {"LC_MESSAGES": "fr_FR.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
        ([], {"LC_ALL": "en_US.UTF-8", "ETVOUS_LANG": "fr"}, "fr"),
        (["--lang", "en"], {"ETVOUS_LANG": "fr", "LC_ALL": "fr_FR.UTF-8"}, "en"),
        (["--lang", "EN"], {}, "en"),
    ],
    ids=["default", "LANG", "LC_MESSAGES", "LC_ALL", "ETVOUS_LANG", "option", "option-case"],
)
def test_db_upgrade_speaks_the_language_chosen(
    argv: list[str],
    environ: dict[str, str],
    expected: str,
    url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    code, out, err = run(capsys, "db", "upgrade", "--database-url", url, *argv)
    assert code == 0, err
    assert (
        out
        == {
            "fr": f"la base de données {url} est à jour\n",
            "en": f"database at {url} is up to date\n",
        }[expected]
    )


@pytest.mark.parametrize(
    ("args", "env", "line"),
    [
        (["--lang", "de"], {}, "erreur\u00a0: --lang\u00a0: langue inconnue «\u202fde\u202f» (fr ou en)"),
        (["--lang", "de"], {"LANG": "en_US.UTF-8"}, 'error: --lang: unknown language "de" (fr or en)'),
        (["--lang="], {}, "erreur\u00a0: --lang\u00a0: langue inconnue «\u202f\u202f» (fr ou en)"),
        ([], {"ETVOUS_LANG": "klingon"}, "erreur\u00a0: ETVOUS_LANG\u00a0: langue inconnue «\u202fklingon\u202f» (fr ou en)"),
        ([], {"ETVOUS_LANG": "de", "LC_ALL": "en_GB.UTF-8"}, 'error: ETVOUS_LANG: unknown language "de" (fr or en)'),
    ],
    ids=["option", "option-in-english", "empty-option", "variable", "variable-in-english"],
)  # fmt: skip
def test_an_unknown_language_is_refused_in_one_line_before_anything_runs(
    args: list[str], env: dict[str, str], line: str, tmp_path: Path
) -> None:
    database = f"sqlite+aiosqlite:///{tmp_path / 'etvous.db'}"
    done = cli("db", "upgrade", "--database-url", database, *args, cwd=tmp_path, **env)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [line]
    assert done.stdout == ""
    assert not (tmp_path / "etvous.db").exists()


def test_a_valid_option_overrides_an_unknown_variable(tmp_path: Path) -> None:
    done = cli("run", "--lang", "en", cwd=tmp_path, ETVOUS_LANG="klingon")
    assert done.returncode == 1
    assert done.stderr.startswith("error: DISCORD_TOKEN is not set")


# --- argparse, settings, start-up ------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        ("fr", [
            "python -m bot export\u00a0: erreur\u00a0: arguments obligatoires manquants\u00a0: --guild",
            "python -m bot export\u00a0: erreur\u00a0: argument --guild\u00a0: «\u202f-1\u202f» n’est pas un nombre entier positif",
            "python -m bot export\u00a0: erreur\u00a0: argument --format\u00a0: choix invalide\u00a0: 'xml' (au choix\u00a0: 'jsonl', 'csv')",
            "python -m bot web\u00a0: erreur\u00a0: argument --port\u00a0: «\u202f70000\u202f» n’est pas un port (1-65535)",
            "python -m bot\u00a0: erreur\u00a0: argument COMMANDE\u00a0: choix invalide\u00a0: 'exporter' (au choix\u00a0: "
            "'run', 'db', 'questions', 'export', 'analyze', 'forget', 'web', 'demo')",
            "python -m bot forget\u00a0: erreur\u00a0: arguments non reconnus\u00a0: --everything",
            "python -m bot questions\u00a0: erreur\u00a0: arguments obligatoires manquants\u00a0: "
            "COMMANDE, parmi import, list",
        ]),
        ("en", [
            "python -m bot export: error: the following arguments are required: --guild",
            "python -m bot export: error: argument --guild: '-1' is not a positive whole number",
            "python -m bot export: error: argument --format: invalid choice: 'xml' (choose from 'jsonl', 'csv')",
            "python -m bot web: error: argument --port: '70000' is not a port (1-65535)",
            "python -m bot: error: argument COMMAND: invalid choice: 'exporter' (choose from "
            "'run', 'db', 'questions', 'export', 'analyze', 'forget', 'web', 'demo')",
            "python -m bot forget: error: unrecognized arguments: --everything",
            "python -m bot questions: error: the following arguments are required: COMMAND, "
            "one of import, list",
        ]),
    ],
)  # fmt: skip
def test_usage_errors_are_in_the_language(
    language: str, lines: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    usages = {"fr": "utilisation\u00a0: python -m bot", "en": "usage: python -m bot"}
    for argv, line in zip(
        [
            ["export"],
            ["export", "--guild", "-1"],
            ["export", "--guild", "1", "--format", "xml"],
            ["web", "--guild", "1", "--port", "70000"],
            ["exporter"],
            ["forget", "--guild", "1", "--user", "2", "--everything"],
            ["questions"],  # which commands there are, not only that one is missing
        ],
        lines,
        strict=True,
    ):
        with pytest.raises(SystemExit) as exited:
            main([*argv, "--lang", language])
        assert exited.value.code == 2
        err = capsys.readouterr().err
        assert err.startswith(usages[language]), err
        assert err.splitlines()[-1] == line
        # the usage of the command refused, with its options (not the top parser's)
        assert err.startswith(f"{usages[language]} {argv[0]}") or argv[0] == "exporter", err


@pytest.mark.parametrize(
    ("env", "words"),
    [
        ({}, ["erreur\u00a0: DISCORD_TOKEN n’est pas défini", ".env"]),
        ({"ETVOUS_LANG": "en"}, ["error: DISCORD_TOKEN is not set", ".env"]),
        ({"LOG_LEVEL": "LOUD"}, ["erreur\u00a0: LOG_LEVEL doit valoir CRITICAL, ERROR"]),
        (
            {"LOG_LEVEL": "LOUD", "LANG": "en_US.UTF-8"},
            ["error: LOG_LEVEL must be one of CRITICAL"],
        ),
    ],
    ids=["token-fr", "token-en", "setting-fr", "setting-en"],
)
def test_start_up_errors_are_in_the_language(
    env: dict[str, str], words: list[str], tmp_path: Path
) -> None:
    done = cli("run", cwd=tmp_path, **env)
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert all(word in line for word in words), line


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["{env}\u00a0: ligne 1\u00a0: pas une ligne NOM=valeur, ignorée",
                "{env}\u00a0: ligne 2\u00a0: pas du texte UTF-8, ignorée"]),
        ("en", ["{env}: line 1: not a NAME=value line, skipped",
                "{env}: line 2: not UTF-8 text, skipped"]),
    ],
)  # fmt: skip
def test_settings_file_warnings_are_in_the_language(
    language: str, expected: list[str], url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = tmp_path / "bot.env"
    env.write_bytes(b"=orphan\nLOG_LEVEL=\xff\n")
    code, _, err = run(
        capsys, "db", "upgrade", "--env-file", str(env), "--database-url", url, "--lang", language
    )
    assert code == 0, err
    assert err.splitlines() == [line.format(env=env) for line in expected]


# --- each command, in French and in English --------------------------------------------


@pytest.mark.parametrize(
    ("language", "first", "again"),
    [
        ("fr", ["ajoutée n°\u00a0", "2 ajoutées, 0 ignorée"], ["ignorée (déjà dans la banque, question n°\u00a0", "0 ajoutée, 2 ignorées"]),
        ("en", ["added #", "2 added, 0 skipped"], ["skipped (already in the bank: question #", "0 added, 2 skipped"]),
    ],
)  # fmt: skip
def test_questions_import_and_list(
    language: str,
    first: list[str],
    again: list[str],
    url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(ARTICLE)
    command = ["questions", "import", str(article), "--guild", str(GUILD), "--database-url", url]
    code, out, err = run(capsys, *command, "--lang", language)
    assert code == 0, err
    assert out.splitlines()[0].startswith(first[0]) and out.splitlines()[-1] == first[1]
    assert err.splitlines() == [
        {
            "fr": f"{article}\u00a0: ligne 5\u00a0: pas du texte UTF-8, ignorée",
            "en": f"{article}: line 5: not UTF-8 text, skipped",
        }[language]
    ]
    code, out, _ = run(capsys, *command, "--lang", language)
    assert out.splitlines()[0].startswith(again[0]) and out.splitlines()[-1] == again[1]

    listing = ["questions", "list", "--guild", str(GUILD), "--database-url", url]
    french, english = (run(capsys, *listing, "--lang", lang)[1] for lang in ("fr", "en"))
    assert french == english and len(french.splitlines()) == 3  # data, not sentences
    assert french.splitlines()[1].split("\t")[3] == "Faut-il taxer les robots\u202f?"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["ajoutée n°\u00a0{n}\u00a0: Faut-il taxer les robots\u202f?  [Oui | Non | Nuancé]",
                "ignorée (posée deux fois dans l’article)\u00a0: Faut-il taxer les robots ?",
                "1 ajoutée, 1 ignorée",
                "ignorée (déjà dans la banque, question n°\u00a0{n})\u00a0: Faut-il taxer les robots ?",
                "ignorée (déjà dans la banque, question n°\u00a0{n})\u00a0: Faut-il taxer les robots ?",
                "0 ajoutée, 2 ignorées"]),
        ("en", ["added #{n}: Faut-il taxer les robots\u202f?  [Oui | Non | Nuancé]",
                "skipped (asked twice in the article): Faut-il taxer les robots ?",
                "1 added, 1 skipped",
                "skipped (already in the bank: question #{n}): Faut-il taxer les robots ?",
                "skipped (already in the bank: question #{n}): Faut-il taxer les robots ?",
                "0 added, 2 skipped"]),
    ],
)  # fmt: skip
def test_an_import_says_which_duplicates_the_bank_has_and_which_the_article_repeats(
    language: str,
    expected: list[str],
    url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(b"Et vous ?\nFaut-il taxer les robots ?\nFaut-il taxer les robots ?\n")
    command = ["questions", "import", str(article), "--guild", str(GUILD), "--database-url", url]
    first = run(capsys, *command, "--lang", language)
    again = run(capsys, *command, "--lang", language)
    assert (first[0], again[0]) == (0, 0), first[2] + again[2]
    with_number = [line.format(n=_imported_number(first[1])) for line in expected]
    assert [*first[1].splitlines(), *again[1].splitlines()] == with_number


def _imported_number(out: str) -> int:
    """The number of the one question an import added (the guild's bank is not empty)."""
    [number] = re.findall(r"(?:#|n°\u00a0)(\d+)", out.splitlines()[0])
    return int(number)


def test_a_refused_import_is_in_the_language(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(b"Rien ici.\n")
    command = ["questions", "import", str(article), "--guild", str(GUILD), "--database-url", url]
    assert run(capsys, *command)[2] == (
        "erreur\u00a0: Aucune section «\u202fEt vous\u202f?\u202f», «\u202fAnd you?\u202f» ou «\u202fOver to you\u202f» trouvée.\n"
    )
    assert run(capsys, *command, "--lang", "en")[2] == (
        "error: No 'Et vous ?', 'And you?' or 'Over to you' section was found.\n"
    )
    options = [*command, "--options", "Oui"]
    assert run(capsys, *options)[2] == "erreur\u00a0: Donnez entre 2 et 20 options.\n"
    unknown = ["questions", "list", "--guild", "7", "--database-url", url]
    assert "serveur inconnu 7\u00a0: lancez d’abord /setup" in run(capsys, *unknown)[2]
    assert "unknown server 7: run /setup there first" in run(capsys, *unknown, "--lang", "en")[2]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_bytes_do_not_depend_on_the_language(
    fmt: str, url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command = ["export", "--guild", str(GUILD), "--format", fmt, "--database-url", url]
    french, english = (run(capsys, *command, "--lang", lang) for lang in ("fr", "en"))
    assert french == english
    assert french[0] == 0 and french[2] == "" and "=1+1 oui" in french[1]

    written = {}
    for language, line in (("fr", r"\d+ lignes écrites dans "), ("en", r"\d+ lines written to ")):
        target = tmp_path / f"{language}.{fmt}"
        code, out, err = run(capsys, *command, "--output", str(target), "--lang", language)
        assert code == 0 and out == ""
        assert re.fullmatch(line + re.escape(str(target)) + "\n", err), err
        written[language] = target.read_bytes()
    assert written["fr"] == written["en"] == french[1].encode()


def test_analyze_reports_do_not_depend_on_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "export.jsonl"
    export.write_bytes(DEMO_EXPORT.read_bytes() + b"{broken\n")
    bad = len(DEMO_EXPORT.read_bytes().splitlines()) + 1
    reports = {}
    for fmt in ("json", "text"):
        command = ["analyze", str(export), "--format", fmt, "--no-themes", "--jobs", "1"]
        french, english = (run(capsys, *command, "--lang", lang) for lang in ("fr", "en"))
        assert french[:2] == english[:2], fmt
        assert french[2] == f"{export}\u00a0: ligne {bad}\u00a0: JSON invalide\n"
        assert english[2] == f"{export}: line {bad}: invalid JSON\n"
        reports[fmt] = french[1]
    assert json.loads(reports["json"])["discussions"][0]["replies"] > 0
    assert t("report-stances", "fr") in reports["text"]  # the discussion's language


def test_analyze_refusals_are_in_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = tmp_path / "notes.txt"
    wrong.write_text("".join(f"root:x:{n}\n" for n in range(1500)))
    _, out, err = run(capsys, "analyze", str(wrong), "--no-themes")
    assert out == ""
    assert err == (
        f"erreur\u00a0: {wrong}\u00a0: pas un export\u00a0: aucune discussion "
        "(1\u202f500 lignes ignorées, la première ligne 1\u00a0: JSON invalide)\n"
    )
    _, _, err = run(capsys, "analyze", str(wrong), "--no-themes", "--lang", "en")
    assert err == (
        f"error: {wrong}: not an export: no discussion in it "
        "(1,500 lines skipped, first line 1: invalid JSON)\n"
    )
    assert (
        run(capsys, "analyze", "absent.jsonl")[2]
        == "erreur\u00a0: absent.jsonl\u00a0: fichier introuvable\n"
    )
    one = tmp_path / "one.txt"
    one.write_text("root:x:0\n")
    assert run(capsys, "analyze", str(one))[2] == (
        f"erreur\u00a0: {one}\u00a0: pas un export\u00a0: aucune discussion "
        "(1 ligne ignorée, la première ligne 1\u00a0: JSON invalide)\n"
    )
    assert run(capsys, "analyze", str(one), "--lang", "en")[2] == (
        f"error: {one}: not an export: no discussion in it "
        "(1 line skipped, first line 1: invalid JSON)\n"
    )


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("fr", f"données du membre {ALICE} effacées sur le serveur {GUILD} (1 réponse, 0 proposition)"),
        ("en", f"erased the data of member {ALICE} in server {GUILD} (1 reply, 0 suggestions)"),
    ],
)  # fmt: skip
def test_forget(language: str, line: str, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    command = ["forget", "--guild", str(GUILD), "--user", str(ALICE), "--database-url", url]
    code, out, err = run(capsys, *command, "--lang", language)
    assert code == 0, err
    assert out.splitlines() == [line]


@pytest.mark.parametrize(
    ("language", "error", "login", "hint"),
    [
        ("fr", "erreur\u00a0: aucun serveur 7 dans cette base de données\u00a0: lancez d’abord "
               "/setup (/configurer) sur ce serveur, ou vérifiez --guild et DATABASE_URL",
         f"Salle d’examen du serveur {GUILD}\u00a0: http://127.0.0.1:",
         "(le lien sert une fois, dans les 10 minutes\u202f; Ctrl+C arrête la salle d’examen)"),
        ("en", "error: no server 7 in this database: run /setup on that server first, "
               "or check --guild and DATABASE_URL",
         f"Review room of server {GUILD}: http://127.0.0.1:",
         "(the link works once, within 10 minutes; Ctrl+C stops the review room)"),
    ],
)  # fmt: skip
def test_web(
    language: str,
    error: str,
    login: str,
    hint: str,
    url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bot.web_cli import _serve

    command = ["web", "--guild", "7", "--database-url", url, "--lang", language]
    assert run(capsys, *command)[2].splitlines() == [error]

    out = io.StringIO()

    async def serve_once(settings: Settings) -> None:
        stop = asyncio.Event()
        stop.set()
        await _serve(settings, GUILD, language, out, stop)

    with reserved_port() as port:
        asyncio.run(serve_once(dataclasses.replace(Settings(database_url=url), web_port=port)))
    shown = out.getvalue().splitlines()
    assert shown[0].startswith(login) and "/login/" in shown[0]
    assert shown[1] == hint


@pytest.mark.parametrize(
    ("language", "usage"),
    [
        ("fr", "--guild SERVEUR --user MEMBRE"),
        ("en", "--guild SERVER --user MEMBER"),
    ],
)
def test_help_names_the_values_in_the_language(
    language: str, usage: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["forget", "--help", "--lang", language])
    shown = " ".join(capsys.readouterr().out.split())
    assert usage in shown
    assert ("--env-file FICHIER" if language == "fr" else "--env-file ENV_FILE") in shown


def test_analyze_reports_each_discussion_in_its_own_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A server that switched to English: its French discussion first, then its English one;
    the text report words each in its language (README: "in each discussion's language")."""
    lines = [
        {
            "type": "discussion",
            "id": 1,
            "guild_id": "g",
            "question": "Faut-il l'IA ?",
            "options": ["Oui", "Non"],
            "language": "fr",
        },
        {
            "type": "reply",
            "id": "r1",
            "discussion_id": 1,
            "author_id": "u1",
            "author_name": "a",
            "text": "Oui, bien sûr.",
        },
        {
            "type": "discussion",
            "id": 2,
            "guild_id": "g",
            "question": "Should AI write news?",
            "options": ["Yes", "No"],
            "language": "en",
        },
        {
            "type": "reply",
            "id": "r2",
            "discussion_id": 2,
            "author_id": "u1",
            "author_name": "a",
            "text": "No, never.",
        },
    ]
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    code, out, _ = run(capsys, "analyze", str(export), "--no-themes", "--jobs", "1")
    assert code == 0
    french, english = out.split("\n\n## ")
    assert t("report-stances", "fr") in french and t("report-stances", "en") not in french
    assert t("report-stances", "en") in english and t("report-stances", "fr") not in english


def _every_help(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[str, str]]:
    """``(command, help)`` for ``parser`` and each of its commands, however deep."""
    yield " ".join(path) or "(top)", parser.format_help()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, command in action.choices.items():
                yield from _every_help(command, (*path, name))


# A colon ending a word (a heading, "par défaut :"), never one inside an address or a path.
_COLON = re.compile(r"(?<!\u00a0):(?=\s|$)")


def test_every_french_help_is_set_in_french_typography() -> None:
    """Every ``--help`` in French, its headings ("arguments", "options") included, has
    U+00A0 before a colon and U+202F before ; ! ? » and after «."""
    wrong = []
    for command, text in _every_help(build_parser("fr")):
        for line in text.splitlines():
            if _COLON.search(line) or re.search(r"[^\u202f][;!?»]|«[^\u202f]", line):
                wrong.append(f"{command}: {line!r}")
    assert wrong == []


def _listed(parser: argparse.ArgumentParser) -> Iterator[tuple[argparse.ArgumentParser, str]]:
    """Each command under ``parser``, however deep, with the line its parent lists it with."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for listed in action._choices_actions:
                command = action.choices[listed.dest]
                yield command, str(listed.help)
                yield from _listed(command)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_command_help_says_what_the_command_does(language: str) -> None:
    """``python -m bot web --help`` says what ``python -m bot --help`` lists ``web`` with
    (before, a command's own help held its usage and options, and no word of what it does)."""
    silent = [
        command.prog
        for command, line in _listed(build_parser(language))
        if line not in " ".join(command.format_help().split())
    ]
    assert silent == []


@pytest.mark.parametrize(("language", "word"), [("fr", "par défaut"), ("en", "default")])
def test_every_option_with_a_default_names_it_in_its_help(language: str, word: str) -> None:
    """``demo --output`` writes to ``demo-output`` unless told: its help says so, as
    ``export --format``'s says ``jsonl`` (an option that has a default names it)."""
    unsaid = [
        f"{command.prog} {action.option_strings[-1]}"
        for command, _ in _listed(build_parser(language))
        for action in command._actions
        if action.option_strings
        and action.default not in (None, False, argparse.SUPPRESS)
        and not (word in str(action.help) and str(action.default) in str(action.help))
    ]
    assert unsaid == []
