"""The export's one writer: the fast row writers write exactly the canonical line."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from bot.export_format import (
    iso,
    reaction_lines,
    record_line,
    reply_lines,
    stance_lines,
)

ids = st.integers(min_value=1, max_value=2**63 - 1)
times = st.datetimes(
    min_value=datetime(2015, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)
texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)


@given(ids, ids, ids, texts, texts, times, st.none() | times, st.none() | ids, st.booleans())
def test_a_reply_line_is_its_record_as_json(
    did: int,
    rid: int,
    aid: int,
    name: str,
    text: str,
    created: datetime,
    edited: datetime | None,
    reply_to: int | None,
    marked: bool,
) -> None:
    (line,) = reply_lines([(did, rid, aid, name, text, created, edited, reply_to, marked)])
    assert line == record_line(
        {
            "type": "reply",
            "id": str(rid),
            "discussion_id": str(did),
            "author_id": str(aid),
            "author_name": name,
            "text": text,
            "created_at": iso(created),
            "edited_at": iso(edited),
            "reply_to": None if reply_to is None else str(reply_to),
        }
        | ({"edited_after_votes": True} if marked else {})
    )


@given(ids, ids, st.lists(texts, min_size=1, max_size=5), st.integers(-1, 6), st.none() | times)
def test_a_stance_line_is_its_record_as_json(
    did: int, uid: int, options: list[str], option: int, at: datetime | None
) -> None:
    (line,) = stance_lines([(did, uid, option, at)], options)
    label = options[option] if 0 <= option < len(options) else None
    assert line == record_line(
        {"type": "stance", "discussion_id": str(did), "author_id": str(uid), "option": label,
         "at": iso(at)}
    )  # fmt: skip


@given(ids, ids, ids, st.sampled_from([1, -1, 0]))
def test_a_reaction_line_is_its_record_as_json(did: int, rid: int, uid: int, value: int) -> None:
    (line,) = reaction_lines([(did, rid, uid, value)])
    assert line == record_line(
        {"type": "reaction", "discussion_id": str(did), "reply_id": str(rid),
         "user_id": str(uid), "value": value}
    )  # fmt: skip
