"""A count that can be 1 is written in the singular, in French and in English, and a
count of 0 (French's "one" form too) is written as 0, never as 1."""

from __future__ import annotations

import pytest

from bot.services.review import ReviewRoom
from tests.web.conftest import HOME, Room, _discussion
from web.render import Words


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


async def test_a_server_of_one_member_is_in_the_singular(room: Room) -> None:
    async def one(guild: int) -> int | None:
        return 1 if guild == HOME else None

    room.context.room = ReviewRoom(room.app, member_count=one)
    await room.sign_in()
    page = await room.html("/discussions")
    assert "le seul membre du serveur" in page and "1 membres" not in page


async def test_a_discussion_without_replies_counts_zero(room: Room) -> None:
    async with room.app.sessions.begin() as session:
        empty = await _discussion(session, HOME, "Personne encore ?", 77_777)
    await room.sign_in()
    page = await room.html(f"/discussions/{empty.id}")
    assert "0 participant, 0 réponse" in page
    assert "1 réponse" not in page and "1 participant" not in page


@pytest.mark.parametrize(
    ("language", "key", "args", "expected"),
    [
        ("fr", "web-members-discord", {"n": 1}, "Part calculée sur le seul membre du serveur."),
        ("en", "web-members-discord", {"n": 1}, "Shares are out of the server's only member."),
        ("fr", "web-members-known", {"n": 1}, "Part calculée sur le seul membre qui a participé."),
        ("en", "web-members-known", {"n": 1}, "Shares are out of the only member who took part."),
        (
            "en",
            "web-members-known",
            {"n": 2},
            "Shares are out of the 2 members who ever took part.",
        ),
        ("fr", "groups-missing", {"votes": 1}, "il faut environ 1 vote de plus"),
        ("en", "groups-missing", {"votes": 1}, "about 1 more vote is needed"),
        ("en", "groups-missing", {"votes": 5}, "about 5 more votes are needed"),
        ("fr", "groups-missing", {"votes": 1, "missing": "too_few_participants"}, "1 vote de"),
        ("en", "groups-missing", {"votes": 1, "missing": "too_few_participants"}, "1 more vote is"),
        (
            "fr",
            "web-summary-counts",
            {"participants": 1, "replies": 1},
            "1 participant · 1 réponse analysée.",
        ),
        (
            "fr",
            "web-summary-counts",
            {"participants": 2, "replies": 3},
            "2 participants · 3 réponses analysées.",
        ),
        (
            "fr",
            "web-summary-counts",
            {"participants": 0, "replies": 0},
            "0 participant · 0 réponse analysée.",
        ),
        (
            "fr",
            "web-discussion-figures",
            {"participants": 0, "replies": 0},
            "0 participant, 0 réponse",
        ),
        ("fr", "web-members-known", {"n": 0}, "les 0 membres"),
        ("fr", "web-reply-history", {"n": 0}, "0 version antérieure"),
        ("fr", "web-theme-replies", {"n": 0}, "0 réponse"),
        ("fr", "groups-missing", {"votes": 0}, "environ 0 vote de plus"),
        ("fr", "web-groups-group", {"letter": "A", "n": 0}, "Groupe A (0 membre)"),
        ("fr", "web-groups-profile", {"n": 0}, "0 réponse décrit"),
    ],
)
def test_counts_of_one(language: str, key: str, args: dict[str, object], expected: str) -> None:
    if key == "groups-missing":
        args = {"missing": "no_structure", "card": "Donner mon avis", **args}
    assert expected in Words(language)(key, **args) + "."
