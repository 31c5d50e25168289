"""Reading the export JSONL: streamed, bad lines reported, empty file an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.analysis.jsonl import EmptyExportError, read_export

LINES = [
    {
        "type": "discussion",
        "id": 1,
        "guild_id": 9,
        "question": "Q ?",
        "options": ["Oui", "Non"],
        "channel_id": "c",
        "thread_id": "t",
        "opened_at": "x",
        "closes_at": None,
        "closed_at": None,
    },
    {
        "type": "reply",
        "id": 10,
        "discussion_id": 1,
        "author_id": 5,
        "author_name": "Ann",
        "text": "Oui !",
        "created_at": "x",
        "edited_at": None,
        "reply_to": None,
    },
    {"type": "stance", "discussion_id": "1", "author_id": "5", "option": "Non", "at": "x"},
    {"type": "stance", "discussion_id": "1", "author_id": "5", "option": "Oui", "at": "y"},
    {"type": "reaction", "discussion_id": "1", "reply_id": "10", "user_id": "6", "value": 1},
    {
        "type": "discussion",
        "id": "2",
        "guild_id": "9",
        "question": "Is it?",
        "options": ["Yes", "No"],
        "language": "en",
    },
]


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reads_discussions_with_string_ids(tmp_path: Path) -> None:
    result = read_export(_write(tmp_path, [json.dumps(x) for x in LINES]))
    assert result.warnings == []
    first, second = result.discussions
    assert (first.id, first.guild_id, first.options, first.language) == (
        "1",
        "9",
        ("Oui", "Non"),
        "fr",
    )
    assert first.replies[0].id == "10" and first.replies[0].author_id == "5"
    assert [(s.author_id, s.option) for s in first.stances] == [("5", "Oui")]
    assert [(v.reply_id, v.user_id, v.value) for v in first.votes] == [("10", "6", 1)]
    assert second.language == "en" and second.replies == ()


def test_bad_lines_are_reported_with_their_number_and_skipped(tmp_path: Path) -> None:
    lines = [json.dumps(x) for x in LINES]
    lines.insert(1, '{"type": "reply", "id": "11", "discussion_id": "1", "te')  # truncated
    lines.insert(3, json.dumps({"type": "vote"}))
    lines.insert(4, json.dumps({"type": "reply", "id": "12", "discussion_id": "1"}))
    lines.append(
        json.dumps(
            {"type": "reaction", "discussion_id": "1", "reply_id": "10", "user_id": "7", "value": 5}
        )
    )
    lines.append("[1, 2]")
    result = read_export(_write(tmp_path, lines))
    assert [w.split(":")[0] for w in result.warnings] == [
        "line 2",
        "line 4",
        "line 5",
        "line 10",
        "line 11",
    ]
    assert len(result.discussions) == 2 and len(result.discussions[0].replies) == 1


def test_lines_of_a_missing_discussion_are_reported(tmp_path: Path) -> None:
    reply = {"type": "reply", "id": "1", "discussion_id": "404", "author_id": "a", "text": "x"}
    result = read_export(_write(tmp_path, [json.dumps(reply)]))
    assert result.discussions == [] and "404" in result.warnings[0]


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_empty_file_is_an_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EmptyExportError):
        read_export(path)


def test_reads_any_iterable_of_lines() -> None:
    result = read_export(json.dumps(x) for x in LINES)
    assert len(result.discussions) == 2


def test_warnings_carry_a_code_to_word_them_and_quote_at_most_200_characters() -> None:
    result = read_export(
        [
            '{"type": "' + "x" * 5000 + '"}\n',
            '{"type": "reply", "id": "1"}\n',
            "{broken\n",
            '{"type": "stance", "discussion_id": "9", "author_id": "1", "option": null}\n',
        ]
    )
    unknown, missing, broken, orphan = result.warnings
    assert len(unknown) <= len("line 1: ") + 200
    assert (unknown.code, len(unknown.values["kind"])) == ("unknown-type", 200)
    assert (missing.code, missing.line, missing.values) == (
        "missing",
        2,
        {"kind": "reply", "fields": "discussion_id, author_id, text"},
    )
    assert (broken, broken.code) == ("line 3: invalid JSON", "invalid-json")
    assert (orphan.code, orphan.line, orphan.values) == ("orphans", None, {"id": "9", "count": 0})


def test_a_reply_edited_after_its_votes_is_read_as_such_and_older_exports_still_read() -> None:
    reply = {k: v for k, v in LINES[1].items()}
    lines = [json.dumps(LINES[0]), json.dumps(reply)]
    lines.append(json.dumps(reply | {"id": 11, "edited_after_votes": True}))
    lines.append(json.dumps(reply | {"id": 12, "edited_after_votes": "yes"}))  # not a boolean
    (first,) = read_export(lines).discussions
    assert [(r.id, r.edited_after_votes) for r in first.replies] == [
        ("10", False),
        ("11", True),
        ("12", False),
    ]
