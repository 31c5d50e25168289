"""A count that can be 1 is written in the singular, in French and in English."""

from __future__ import annotations

import pytest

from bot.services.review import ReviewRoom
from tests.web.conftest import HOME, Room
from web.render import Words


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


async def test_a_server_of_one_member_is_in_the_singular(room: Room) -> None:
    room.context.room = ReviewRoom(
        room.app, member_count=lambda guild: 1 if guild == HOME else None
    )
    await room.sign_in()
    page = await room.html("/discussions")
    assert "le seul membre du serveur" in page and "1 membres" not in page


@pytest.mark.parametrize(
    ("language", "key", "args", "expected"),
    [
        ("fr", "web-members-discord", {"n": 1}, "Part calculée sur le seul membre du serveur."),
        ("en", "web-members-discord", {"n": 1}, "Shares are of the server's only member."),
        ("fr", "web-members-known", {"n": 1}, "Part calculée sur le seul membre qui a participé."),
        ("en", "web-members-known", {"n": 1}, "Shares are of the only member who took part."),
        ("en", "web-members-known", {"n": 2}, "Shares are of the 2 members who ever took part."),
        ("fr", "web-groups-unclear", {"votes": 1}, "il faut environ 1 vote de plus"),
        ("en", "web-groups-unclear", {"votes": 1}, "about 1 more vote is needed"),
        ("en", "web-groups-unclear", {"votes": 5}, "about 5 more votes are needed"),
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
    ],
)
def test_counts_of_one(language: str, key: str, args: dict[str, int], expected: str) -> None:
    assert expected in Words(language)(key, **args) + "."
