"""Where a member stands, as its embed words it: what she is told she can still do."""

from __future__ import annotations

from bot.analysis.polis.standing import MemberStanding, Standing
from bot.discord_render.standing import standing_embed


def _told(standing: Standing, lang: str, *, closed: bool = False) -> str:
    found = MemberStanding(
        standing=standing, discussion_id=1, language="fr", closed=closed, quotes={}, links={}
    )
    description = standing_embed(found, lang).description
    assert description is not None
    return description


def test_she_is_asked_for_votes_only_while_she_can_cast_them() -> None:
    """The groups hold, she is in none and every reply left is hers: no "3 more votes"."""
    asked = Standing(votes=0, votes_needed=3, can_vote=4, groups=2, participants=20)
    assert _told(asked, "en").startswith("3 more votes (“Donner mon avis” button)")
    none_left = Standing(votes=0, votes_needed=3, can_vote=0, groups=2, participants=20)
    assert _told(none_left, "en") == (
        "No reply is left for you to vote on (not your own): you will find your place "
        "among the opinion groups once there are more replies."
    )
    assert _told(none_left, "fr").startswith("Il ne reste aucune réponse sur laquelle voter")
    assert _told(none_left, "en", closed=True) == (
        "Your votes were not enough to place you in an opinion group."
    )


def test_a_reply_she_did_not_vote_on_is_not_yet_voted_only_while_open() -> None:
    from bot.analysis.polis.standing import ReplyTally

    tally = ReplyTally(reply_id="7", mine=None, agree=9, disagree=1, passes=0)
    standing = Standing(
        votes=8,
        votes_needed=0,
        can_vote=1,
        group=0,
        group_size=10,
        groups=2,
        participants=20,
        stands_for=(("agree", tally),),
    )
    for closed, en, fr in (
        (False, "you: not voted yet", "vous\u00a0: pas encore voté"),
        (True, "you: did not vote", "vous\u00a0: pas voté"),
    ):
        found = MemberStanding(
            standing=standing,
            discussion_id=1,
            language="fr",
            closed=closed,
            quotes={"7": "Le cinéma survivra."},
            links={},
        )
        for lang, words in (("en", en), ("fr", fr)):
            (field,) = standing_embed(found, lang).fields
            assert field.value is not None and field.value.endswith(words), field.value
