"""The CLI's ``export --csv-dialect``: in its help, a value it does not know refused as a
usage error, and refused beside a JSONL export, in the CLI's language. (The file it
writes: ``tests/storage/test_export_format.py``.)"""

from __future__ import annotations

import pytest

from bot.cli import main


@pytest.mark.parametrize(
    ("language", "help_words", "refusal"),
    [
        ("fr", "un Excel en français l’ouvre en colonnes",
         "python -m bot export\u00a0: erreur\u00a0: argument --csv-dialect\u00a0: choix invalide\u00a0: "
         "'xml' (au choix\u00a0: 'rfc4180', 'excel')"),
        ("en", "an Excel in French opens it in columns",
         "python -m bot export: error: argument --csv-dialect: invalid choice: 'xml' "
         "(choose from 'rfc4180', 'excel')"),
    ],
)  # fmt: skip
def test_the_option_is_in_the_help_and_an_unknown_value_is_a_usage_error(
    language: str, help_words: str, refusal: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["export", "--help", "--lang", language])
    assert exited.value.code == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "--csv-dialect {rfc4180,excel}" in shown and help_words in shown
    assert ('="…"' in shown) and ("15 chiffres" if language == "fr" else "15 digits") in shown

    with pytest.raises(SystemExit) as exited:
        main(
            [
                "export",
                "--guild",
                "1",
                "--format",
                "csv",
                "--csv-dialect",
                "xml",
                "--lang",
                language,
            ]
        )
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == refusal


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("fr", "erreur\u00a0: --csv-dialect excel vaut pour un export CSV\u00a0: ajoutez --format csv"),
        ("en", "error: --csv-dialect excel is for a CSV export: add --format csv"),
    ],
)  # fmt: skip
@pytest.mark.parametrize("given", [[], ["--format", "jsonl"]])
def test_a_separator_for_a_jsonl_export_is_refused_in_one_line(
    language: str, line: str, given: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Refused before the database is opened (none is named here): a JSONL file has no
    separator, and one asked for is never dropped in silence."""
    code = main(["export", "--guild", "1", *given, "--csv-dialect", "excel", "--lang", language])
    assert code == 1
    out = capsys.readouterr()
    assert out.err.splitlines() == [line] and out.out == ""
