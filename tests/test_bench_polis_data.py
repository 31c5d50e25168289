"""bench/polis_data.py reads Pol.is exports that differ from the eight of ../shared/eval.

Acceptance runs bench/polis_agreement.py on other conversations of the same open data:
every file here is synthetic, written in tmp_path, in the export's format with the
variations another export (or a spreadsheet that opened it) may show.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import polis_data
from bench.polis_data import load_polis, read_conversations
from bot.analysis.model import Vote

COMMENTS = [
    [
        "timestamp",
        "datetime",
        "comment-id",
        "author-id",
        "agrees",
        "disagrees",
        "moderated",
        "comment-body",
    ],
    ["1000", "d", "0", "0", "1", "1", "1", "Premier avis"],
    ["3000", "d", "2", "1", "1", "0", "-1", "Retiré par la modération"],
    ["2000", "d", "1", "1", "0", "1", "0", "Second avis, avec une virgule"],
]
VOTES = [
    ["timestamp", "datetime", "comment-id", "voter-id", "vote"],
    ["1500", "d", "0", "1", "1"],
    ["1100", "d", "0", "0", "-1"],
    ["1200", "d", "0", "0", "1"],
    ["2500", "d", "1", "1", "-1"],
    ["3500", "d", "2", "0", "1"],
]
PARTICIPANTS = [
    ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree", "0", "1", "2"],
    ["0", "0", "1", "2", "2", "0", "1", "", "1"],
    ["1", "1", "1", "2", "1", "1", "1", "-1", ""],
    ["2", "", "0", "0", "0", "0", "", "", ""],
]
EXPECTED_VOTES = (
    Vote("0", "0", -1),
    Vote("0", "0", 1),
    Vote("0", "1", 1),
    Vote("1", "1", -1),
    Vote("2", "0", 1),
)


def csv_text(rows: list[list[str]], newline: str = "\n") -> str:
    def cell(value: str) -> str:
        return f'"{value}"' if "," in value else value

    return "".join(",".join(cell(v) for v in row) + newline for row in rows)


def write(
    folder: Path,
    comments: list[list[str]] = COMMENTS,
    votes: list[list[str]] = VOTES,
    participants: list[list[str]] = PARTICIPANTS,
    *,
    prefix: str = "",
    newline: str = "\n",
) -> Path:
    folder.mkdir(parents=True)
    for name, rows in (
        ("comments.csv", comments),
        ("votes.csv", votes),
        ("participants-votes.csv", participants),
    ):
        text = prefix + csv_text(rows, newline)
        (folder / name).write_bytes(text.encode("utf-8"))
    return folder


def columns(rows: list[list[str]], order: list[int]) -> list[list[str]]:
    return [[row[i] for i in order] for row in rows]


def test_the_plain_export_reads_as_the_open_data_says(tmp_path: Path) -> None:
    discussion, groups = load_polis(write(tmp_path / "c"))
    assert [(r.id, r.author_id, r.text) for r in discussion.replies] == [
        ("0", "0", "Premier avis"),
        ("1", "1", "Second avis, avec une virgule"),
    ]
    assert discussion.votes == EXPECTED_VOTES
    assert groups == {"0": 0, "1": 1}


def test_a_byte_order_mark_and_crlf_read_the_same(tmp_path: Path) -> None:
    plain = load_polis(write(tmp_path / "plain"))
    marked = load_polis(write(tmp_path / "marked", prefix="\ufeff", newline="\r\n"))
    assert marked[0].replies == plain[0].replies
    assert marked[0].votes == plain[0].votes
    assert marked[1] == plain[1]


def test_columns_are_found_by_name_in_any_order_and_spelling(tmp_path: Path) -> None:
    comments = columns(COMMENTS, [7, 6, 3, 2, 0, 5, 4])  # no datetime, reordered
    comments[0] = [
        "Comment_Body",
        "moderated",
        "author_id",
        "comment id",
        "timestamp",
        "disagrees",
        "agrees",
    ]
    votes = columns(VOTES, [4, 3, 2, 0])
    votes[0] = ["vote", "voter_id", "Comment-Id", "timestamp"]
    participants = columns(PARTICIPANTS, [1, 0, 6, 7, 8])
    participants[0] = [" group-id", "participant ", "0", "1", "2"]
    discussion, groups = load_polis(write(tmp_path / "c", comments, votes, participants))
    assert [r.id for r in discussion.replies] == ["0", "1"]
    assert discussion.votes == EXPECTED_VOTES
    assert groups == {"0": 0, "1": 1}


def test_numbers_written_as_decimals_and_timestamps_in_seconds(tmp_path: Path) -> None:
    def seconds(rows: list[list[str]]) -> list[list[str]]:
        return [rows[0]] + [[f"{int(r[0]) / 1000:.3f}", *r[1:]] for r in rows[1:]]

    comments = [[*r[:6], f"{r[6]}.0" if i else r[6], *r[7:]] for i, r in enumerate(COMMENTS)]
    votes = [[*r[:4], f"{r[4]}.0" if i else r[4]] for i, r in enumerate(VOTES)]
    participants = [[*r[:1], "1.0" if r[1] == "1" else r[1], *r[2:]] for r in PARTICIPANTS]
    folder = write(tmp_path / "c", seconds(comments), seconds(votes), participants)
    discussion, groups = load_polis(folder)
    assert [r.id for r in discussion.replies] == ["0", "1"]
    assert discussion.votes == EXPECTED_VOTES
    assert groups == {"0": 0, "1": 1}


def test_short_rows_blank_lines_and_participants_without_votes(tmp_path: Path) -> None:
    participants = [*PARTICIPANTS, ["3"], [], ["4", ""]]
    folder = write(tmp_path / "c", participants=participants)
    (folder / "votes.csv").write_text(csv_text(VOTES) + "\n\n", encoding="utf-8")
    discussion, groups = load_polis(folder)
    assert discussion.votes == EXPECTED_VOTES
    assert groups == {"0": 0, "1": 1}


def test_a_vote_row_without_a_value_or_an_id_is_dropped_and_said(tmp_path: Path) -> None:
    votes = [
        *VOTES,
        ["4000", "d", "1", "0", ""],
        ["4001", "d", "", "0", "1"],
        ["4002", "d", "1", " ", "1"],
    ]
    conv = polis_data.read_polis(write(tmp_path / "c", votes=votes))
    assert conv.discussion.votes == EXPECTED_VOTES
    assert conv.notes == ("votes.csv: 3 rows with an empty vote, comment-id or voter-id dropped",)


def test_a_repeated_or_empty_comment_id_keeps_the_earliest_comment_and_is_said(
    tmp_path: Path,
) -> None:
    comments = [
        *COMMENTS,
        ["500", "d", "1", "0", "1", "1", "1", "Le même identifiant, plus tôt"],
        ["5000", "d", "0", "0", "1", "1", "1", "Le même identifiant, plus tard"],
        ["6000", "d", "", "0", "1", "1", "1", "Sans identifiant"],
    ]
    conv = polis_data.read_polis(write(tmp_path / "c", comments))
    assert [(r.id, r.text) for r in conv.discussion.replies] == [
        ("1", "Le même identifiant, plus tôt"),
        ("0", "Premier avis"),
    ]
    assert conv.notes == (
        "comments.csv: 3 rows with an empty or repeated comment-id left out"
        " (the earliest of each id kept)",
    )


def test_votes_on_comments_absent_from_comments_csv_are_kept_and_said(tmp_path: Path) -> None:
    votes = [*VOTES, ["4000", "d", "9", "0", "1"], ["4001", "d", "9", "1", "-1"]]
    conv = polis_data.read_polis(write(tmp_path / "c", votes=votes))
    assert conv.discussion.votes == (*EXPECTED_VOTES, Vote("9", "0", 1), Vote("9", "1", -1))
    assert conv.notes == (
        "votes.csv: 2 votes on 1 comment-ids absent from comments.csv"
        " (kept, as votes on moderated-out comments are)",
    )


def test_optional_columns_absent(tmp_path: Path) -> None:
    comments = columns(COMMENTS, [2, 7])  # comment-id and body only
    participants = columns(PARTICIPANTS, [0, 6, 7, 8])  # no group-id: Pol.is grouped no one
    conv = polis_data.read_polis(write(tmp_path / "c", comments, participants=participants))
    assert [r.id for r in conv.discussion.replies] == ["0", "2", "1"]  # file order, none moderated
    assert conv.groups == {}
    assert "comments.csv has no moderated column: every comment kept" in conv.notes
    assert "participants-votes.csv has no group-id column: Pol.is grouped no one" in conv.notes


def test_an_empty_moderated_value_keeps_the_comment(tmp_path: Path) -> None:
    comments = [[*r[:6], "" if r[2] == "1" else r[6], *r[7:]] for r in COMMENTS]
    discussion, _ = load_polis(write(tmp_path / "c", comments))
    assert [r.id for r in discussion.replies] == ["0", "1"]


def test_comments_not_in_utf8_are_read_and_said(tmp_path: Path) -> None:
    folder = write(tmp_path / "c")
    text = csv_text([*COMMENTS, ["4000", "d", "3", "0", "0", "0", "1", "Déjà vu"]])
    (folder / "comments.csv").write_bytes(text.encode("cp1252"))
    conv = polis_data.read_polis(folder)
    assert conv.discussion.replies[-1].text == "Déjà vu"
    assert conv.notes[0].startswith("comments.csv is not UTF-8")


def test_votes_whose_signs_look_inverted_are_said(tmp_path: Path) -> None:
    comments = [[*r[:4], r[5], r[4], *r[6:]] if i else r for i, r in enumerate(COMMENTS)]
    conv = polis_data.read_polis(write(tmp_path / "c", comments))
    assert conv.discussion.votes == EXPECTED_VOTES  # read as written
    assert conv.notes[0].startswith("votes.csv looks sign-inverted")
    assert polis_data.read_polis(write(tmp_path / "plain")).notes == ()


def test_an_unreadable_conversation_is_named_and_the_others_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "eval" / "polis"
    write(root / "a-good")
    (write(root / "b-no-votes") / "votes.csv").unlink()
    (write(root / "c-no-groups-file") / "participants-votes.csv").unlink()
    write(root / "d-bad-vote", votes=[*VOTES, ["4000", "d", "1", "0", "oui"]])
    write(root / "e-no-voter", votes=columns(VOTES, [0, 2, 4]))
    write(root / "f-good")
    (root / "__MACOSX" / "a-good").mkdir(parents=True)
    (root / "notes.txt").write_text("not a conversation", encoding="utf-8")
    monkeypatch.setenv("ETVOUS_SHARED", str(tmp_path))
    read, unreadable = read_conversations()
    assert [c.name for c in read] == ["a-good", "f-good"]
    assert [(u.name, u.reason) for u in unreadable] == [
        ("b-no-votes", "votes.csv is absent"),
        ("c-no-groups-file", "participants-votes.csv is absent"),
        ("d-bad-vote", "votes.csv: vote 'oui' is no number"),
        ("e-no-voter", "votes.csv has no column voter-id (columns: timestamp, comment-id, vote)"),
    ]
    assert [c.name for c in read_conversations(limit=1)[0]] == ["a-good"]
    assert [p.name for p in polis_data.other_folders()] == ["__MACOSX"]
