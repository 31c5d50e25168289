"""The export format, field by field, in process and through the CLI."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.services import export
from db.models import Discussion
from db.repositories import discussions, guilds, members, questions
from db.repositories.events import (
    ReplyDeleted,
    ReplyEdited,
    ReplySeen,
    StanceSet,
    VoteSet,
    apply_batch,
)
from tests.cli_run import cli

T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
GUILD = 1_100_000_000_000_000_001
OTHER = 1_100_000_000_000_000_002
ALICE, BRUNO, CAROL = 900_000_000_000_000_001, 900_000_000_000_000_002, 900_000_000_000_000_003
R = 1_300_000_000_000_000_000  # message ids: R + n
THREAD = 1_200_000_000_000_000_000
OPTIONS = ["Oui", "Non", "Nuancé"]
ISO_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")

DISCUSSION_KEYS = {
    "type", "id", "guild_id", "question", "options", "language",
    "channel_id", "thread_id", "opened_at", "closes_at", "closed_at",
}  # fmt: skip
REPLY_KEYS = {
    "type", "id", "discussion_id", "author_id", "author_name",
    "text", "created_at", "edited_at", "reply_to",
}  # fmt: skip
STANCE_KEYS = {"type", "discussion_id", "author_id", "option", "at"}
REACTION_KEYS = {"type", "discussion_id", "reply_id", "user_id", "value"}
CSV_HEADER = [
    "discussion_id", "question", "reply_id", "author_id", "author_name",
    "created_at", "edited_at", "reply_to", "declared_stance", "text",
]  # fmt: skip


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def z(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


async def _discussion(session: Any, guild_id: int, text: str, **values: Any) -> Discussion:
    [question] = await questions.add_questions(
        session, guild_id, [(text, "fr", OPTIONS, None)], now=T0
    )
    return await discussions.create_discussion(
        session,
        Discussion(
            guild_id=guild_id,
            question_id=question.id,
            question_text=text,
            options=list(OPTIONS),
            language="fr",
            opened_at=T0,
            closes_at=at(72 * 60),
            **values,
        ),
    )


def _seen(d: Discussion, n: int, author: int, text: str, **extra: Any) -> ReplySeen:
    names = {ALICE: "Alice", BRUNO: "Bruno", CAROL: "Carol"}
    return ReplySeen(
        id=R + n,
        discussion_id=d.id,
        guild_id=d.guild_id,
        author_id=author,
        author_name=names.get(author, "Zoé"),
        text=text,
        created_at=at(n),
        **extra,
    )


def _vote(d: Discussion, n: int, voter: int, value: int) -> VoteSet:
    return VoteSet(R + n, voter, d.id, d.guild_id, value, at(30))


def _stance(d: Discussion, change: int, user: int, option: int) -> StanceSet:
    return StanceSet(change, d.id, d.guild_id, user, option, at(change % 100))


async def build(sessions: Any) -> tuple[Discussion, Discussion, Discussion]:
    """Two discussions in GUILD, one in OTHER; Carol has opted out of GUILD."""
    async with sessions.begin() as session:
        for guild_id in (GUILD, OTHER):
            await guilds.ensure_guild(
                session, guild_id, now=T0, timezone="Europe/Paris", language="fr"
            )
        d1 = await _discussion(
            session, GUILD, "L'IA va-t-elle remplacer les scénaristes ?",
            channel_id=GUILD + 5, thread_id=THREAD + 1, message_id=THREAD + 1, closed_at=at(4000),
        )  # fmt: skip
        d2 = await _discussion(
            session, GUILD, "Faut-il un label « fait main » ?", channel_id=GUILD + 5
        )
        foreign = await _discussion(
            session, OTHER, "Ailleurs ?", channel_id=OTHER + 5, thread_id=THREAD + 3
        )
        await members.set_opted_out(session, GUILD, CAROL, True, T0)
        await members.set_opted_out(session, OTHER, BRUNO, False, T0)
    async with sessions.begin() as session:
        await apply_batch(
            session,
            [
                _seen(d1, 1, ALICE, "Premier jet"),
                _seen(d1, 2, BRUNO, 'Non, "jamais", pas\nune machine; d\'accord?', reply_to=R + 1),
                _seen(d1, 3, CAROL, "Carol ne veut pas être exportée"),
                _seen(d1, 4, ALICE, "Je retire ça"),
                _seen(d2, 5, ALICE, "Oui, pour les affiches 🎬"),
                _seen(foreign, 6, ALICE, "Un autre serveur"),
                _stance(d1, 101, ALICE, 0),
                _stance(d1, 102, BRUNO, 2),
                _stance(d1, 103, CAROL, 1),
                _stance(foreign, 104, ALICE, 1),
                _vote(d1, 1, BRUNO, 1),
                _vote(d1, 2, ALICE, -1),
                _vote(d1, 2, 900_000_000_000_000_009, 0),
                _vote(d1, 1, CAROL, 1),  # an opted-out voter
                _vote(d1, 3, ALICE, 1),  # on an opted-out member's reply
                _vote(d1, 4, BRUNO, 1),  # on a reply deleted below
                _vote(foreign, 6, BRUNO, 1),
            ],
        )
    async with sessions.begin() as session:
        await apply_batch(
            session,
            [
                ReplyEdited(R + 1, "Version revue et corrigée", at(20)),
                ReplyDeleted(R + 4, d1.id, GUILD),
            ],
        )
    return d1, d2, foreign


def expected_records(d1: Discussion, d2: Discussion) -> list[dict[str, Any]]:
    def discussion(
        d: Discussion, question: str, thread: str | None, closed: str | None
    ) -> dict[str, Any]:
        return {
            "type": "discussion",
            "id": str(d.id),
            "guild_id": str(GUILD),
            "question": question,
            "options": OPTIONS,
            "language": "fr",
            "channel_id": str(GUILD + 5),
            "thread_id": thread,
            "opened_at": z(T0),
            "closes_at": z(at(72 * 60)),
            "closed_at": closed,
        }

    def reply(
        d: Discussion, n: int, author: int, name: str, text: str, **extra: Any
    ) -> dict[str, Any]:
        return {
            "type": "reply",
            "id": str(R + n),
            "discussion_id": str(d.id),
            "author_id": str(author),
            "author_name": name,
            "text": text,
            "created_at": z(at(n)),
            "edited_at": extra.get("edited_at"),
            "reply_to": extra.get("reply_to"),
        }

    return [
        discussion(d1, "L'IA va-t-elle remplacer les scénaristes ?", str(THREAD + 1), z(at(4000))),
        reply(d1, 1, ALICE, "Alice", "Version revue et corrigée", edited_at=z(at(20))),
        reply(d1, 2, BRUNO, "Bruno", 'Non, "jamais", pas\nune machine; d\'accord?', reply_to=str(R + 1)),
        {"type": "stance", "discussion_id": str(d1.id), "author_id": str(ALICE), "option": "Oui", "at": z(at(1))},
        {"type": "stance", "discussion_id": str(d1.id), "author_id": str(BRUNO), "option": "Nuancé", "at": z(at(2))},
        {"type": "reaction", "discussion_id": str(d1.id), "reply_id": str(R + 1), "user_id": str(BRUNO), "value": 1},
        {"type": "reaction", "discussion_id": str(d1.id), "reply_id": str(R + 2), "user_id": str(ALICE), "value": -1},
        {
            "type": "reaction",
            "discussion_id": str(d1.id),
            "reply_id": str(R + 2),
            "user_id": "900000000000000009",
            "value": 0,
        },
        discussion(d2, "Faut-il un label « fait main » ?", None, None),
        reply(d2, 5, ALICE, "Alice", "Oui, pour les affiches 🎬"),
    ]  # fmt: skip


async def _collect(stream: Any) -> list[Any]:
    return [item async for item in stream]


async def _records(session: Any, guild_id: int, discussion_id: int | None = None) -> Any:
    """The JSONL export read back as records."""
    async for line in export.jsonl(session, guild_id, discussion_id):
        yield json.loads(line)


async def test_records_jsonl_and_csv_field_by_field(sessions: Any) -> None:
    d1, d2, foreign = await build(sessions)
    async with sessions() as session:
        records = await _collect(_records(session, GUILD))
        lines = await _collect(export.jsonl(session, GUILD))
        chunks = await _collect(export.csv_rows(session, GUILD))
        only_d2 = await _collect(_records(session, GUILD, d2.id))
        none = await _collect(_records(session, GUILD, foreign.id))

    assert records == expected_records(d1, d2)
    keys = {
        "discussion": DISCUSSION_KEYS,
        "reply": REPLY_KEYS,
        "stance": STANCE_KEYS,
        "reaction": REACTION_KEYS,
    }
    for record in records:
        assert set(record) == keys[record["type"]], record
        for name, value in record.items():
            if name.endswith("id") or name in ("reply_to",):
                assert value is None or (isinstance(value, str) and value.isdigit()), (name, value)
            if name.endswith("_at") or name == "at":
                assert value is None or ISO_Z.match(value), (name, value)
                if value is not None:
                    assert datetime.fromisoformat(value).utcoffset() == timedelta(0)
        if record["type"] == "reaction":
            assert type(record["value"]) is int
        if record["type"] == "stance":
            assert record["option"] in OPTIONS
        if record["type"] == "discussion":
            assert isinstance(record["options"], list)

    # deleted replies and opted-out members never leave the database; one server only
    dump = json.dumps(records, ensure_ascii=False)
    for absent in (
        str(CAROL),
        str(R + 3),
        str(R + 4),
        "Je retire ça",
        "Premier jet",
        str(OTHER),
        "Ailleurs",
    ):
        assert absent not in dump, absent

    # JSONL: one JSON object a line, UTF-8 kept as is
    assert all(line.endswith("\n") and line.count("\n") == 1 for line in lines)
    assert [json.loads(line) for line in lines] == records
    assert "🎬" in "".join(lines) and "«" in "".join(lines)

    assert [r["type"] for r in only_d2] == ["discussion", "reply"]
    assert only_d2 == records[-2:]
    assert none == []

    # CSV: a BOM, the documented header, one row per exported reply
    text = "".join(chunks)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert rows[0] == CSV_HEADER
    assert rows[1:] == [
        [str(d1.id), d1.question_text, str(R + 1), str(ALICE), "Alice", z(at(1)), z(at(20)), "", "Oui",
         "Version revue et corrigée"],
        [str(d1.id), d1.question_text, str(R + 2), str(BRUNO), "Bruno", z(at(2)), "", str(R + 1), "Nuancé",
         'Non, "jamais", pas\nune machine; d\'accord?'],
        [str(d2.id), d2.question_text, str(R + 5), str(ALICE), "Alice", z(at(5)), "", "", "",
         "Oui, pour les affiches 🎬"],
    ]  # fmt: skip


async def test_export_through_the_cli_and_back_into_analyze(
    sessions: Any, database_url: str, tmp_path: Path
) -> None:
    d1, d2, _ = await build(sessions)
    async with sessions() as session:
        expected_csv = "".join(await _collect(export.csv_rows(session, GUILD)))

    done = cli("export", "--guild", str(GUILD), "--database-url", database_url, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line) for line in done.stdout.splitlines()] == expected_records(d1, d2)

    csv_file = tmp_path / "out.csv"
    done = cli(
        "export", "--guild", str(GUILD), "--format", "csv", "--output", str(csv_file),
        "--database-url", database_url,
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    raw = csv_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8") == expected_csv
    assert "lignes écrites dans" in done.stderr and done.stdout == ""  # French, the default


async def test_analyze_reads_the_export_back(sqlite_url: str, tmp_path: Path) -> None:
    from db.engine import open_engine, session_factory
    from db.migrate import upgrade

    engine = open_engine(sqlite_url)
    try:
        await upgrade(engine)
        sessions = session_factory(engine)
        d1, d2, _ = await build(sessions)
        async with sessions() as session:
            text = "".join(await _collect(export.jsonl(session, GUILD)))
    finally:
        await engine.dispose()
    jsonl_file = tmp_path / "export.jsonl"
    jsonl_file.write_text(text, encoding="utf-8")

    done = cli("analyze", str(jsonl_file), "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    entries = {entry["id"]: entry for entry in report["discussions"]}
    assert list(entries) == [str(d1.id), str(d2.id)]
    assert entries[str(d1.id)]["question"] == d1.question_text
    assert (entries[str(d1.id)]["replies"], entries[str(d1.id)]["participants"]) == (2, 2)
    assert (entries[str(d2.id)]["replies"], entries[str(d2.id)]["participants"]) == (1, 1)
    declared = entries[str(d1.id)]["stances"]["declared"]
    assert (declared["Oui"], declared["Nuancé"]) == (1, 1)


async def test_the_cli_exports_the_csv_for_an_excel_in_french(
    sessions: Any, database_url: str, tmp_path: Path
) -> None:
    """``--csv-dialect excel``: semicolons, a BOM, CRLF, the service's rows byte for byte,
    the cells of the default (comma) file but its ids, each a text formula ``="…"`` a
    double-clicked Excel shows whole (a bare 19-digit number it rounds past 15 digits)."""
    d1, _, _ = await build(sessions)
    async with sessions() as session:
        expected = "".join(await _collect(export.csv_rows(session, GUILD, dialect="excel")))
        commas = "".join(await _collect(export.csv_rows(session, GUILD)))
    excel_file = tmp_path / "excel.csv"
    done = cli(
        "export", "--guild", str(GUILD), "--format", "csv", "--csv-dialect", "excel",
        "--output", str(excel_file), "--database-url", database_url,
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    raw = excel_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfdiscussion_id;question;reply_id;")
    assert raw.endswith(b"\r\n")
    assert raw.decode("utf-8") == expected
    # Bruno's reply to Alice: every id whole, as a text formula
    assert f'"=""{d1.id}""";'.encode() in raw
    assert f';"=""{R + 2}""";"=""{BRUNO}""";Bruno;'.encode() in raw
    assert f';"=""{R + 1}""";Nuancé;'.encode() in raw
    rows = list(csv.reader(io.StringIO(expected[1:], newline=""), delimiter=";"))
    plain = list(csv.reader(io.StringIO(commas[1:], newline="")))
    assert len(rows) == 4 and {len(row) for row in rows} == {10}
    assert rows[0] == plain[0] == CSV_HEADER
    ids = [CSV_HEADER.index(c) for c in ("discussion_id", "reply_id", "author_id", "reply_to")]
    for row, comma_row in zip(rows[1:], plain[1:], strict=True):
        assert [cell for at, cell in enumerate(row) if at not in ids] == [
            cell for at, cell in enumerate(comma_row) if at not in ids
        ]
        assert [row[at] for at in ids] == [
            f'="{comma_row[at]}"' if comma_row[at] else "" for at in ids
        ]
    assert [row[2] for row in plain[1:]] == [str(R + 1), str(R + 2), str(R + 5)]
