"""Profile statements (Pol.is's "meta" comments) told apart from opinions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.analysis.model import Discussion, Reply, Vote
from bot.analysis.polis.groups import find_groups
from bot.analysis.polis.profile import describes_author
from tests.analysis.conftest import XStance

# Our own sentences, not the evaluation conversations' (a rule must not name those).
PROFILE = [
    "I am between 18 and 24 years old.",
    "I'm 45",
    "I identify as non-binary",
    "My ethnicity is Latino.",
    "Spanish is my first language",
    "I live on a farm",
    "I work at a hospital",
    "I am of Irish descent",
    "My household has four people",
    "J'ai entre 18 et 25 ans.",
    "J'ai 32 ans",
    "Je suis une femme",
    "Je m'identifie comme homme",
    "Ma langue maternelle est l'arabe",
    "J'habite à Lyon",
    "Je suis d'origine marocaine",
]

OPINION = [
    "I am between two minds: AI films should be labelled.",
    "I think AI will never replace actors",
    "I am against AI-generated actors",
    "I live in fear that studios will replace us because it is cheaper",
    "My gender should not matter when we talk about cinema",
    "English is my first language but subtitles are better",
    "Je suis contre, il faut protéger les scénaristes",
    "J'ai 20 ans et je pense que Sora va tout changer",
    "Je suis une femme et je trouve ça injuste",
    "Mon avis : l'IA est un outil comme un autre",
    "Il faut encadrer Sora",
    "Je suis mère de deux enfants et l'IA me fait peur",
    "I am a parent and it worries me",
    "Je suis pour",
    "Je suis d'accord avec Camille",
    "My job is at risk",
    "Oui",
    "",
    "I am between 30 and 35 years old and I think the studios need rules, "
    "more funding and far more oversight from the people they serve every day",
]


@pytest.mark.parametrize("text", PROFILE)
def test_profile_statements_are_recognised(text: str) -> None:
    assert describes_author(text)


@pytest.mark.parametrize("text", OPINION)
def test_opinions_are_not_profile_statements(text: str) -> None:
    assert not describes_author(text)


@given(st.sampled_from(PROFILE), st.text(max_size=200))
def test_an_opinion_after_a_self_description_makes_it_an_argument(profile: str, rest: str) -> None:
    assert not describes_author(f"{profile} et je pense que {rest}")
    assert not describes_author(f"{profile} but I think {rest}")
    assert not describes_author(f"{profile} " + "encore " * 30)  # no longer one short sentence


@given(st.sampled_from(PROFILE), st.sampled_from(["", " ", " !", ".", "  "]), st.booleans())
def test_case_and_final_punctuation_change_nothing(profile: str, tail: str, upper: bool) -> None:
    assert describes_author((profile.upper() if upper else profile) + tail)


def _planted(profile_text: str) -> Discussion:
    """Two opinion camps over six replies, plus one reply voted on by a third of everyone."""
    replies = [Reply(str(i), "0", f"statement {i}") for i in range(6)]
    replies.append(Reply("p", "0", profile_text))
    votes = []
    for u in range(24):
        camp = 1 if u < 12 else -1
        for i in range(6):
            value = 0 if i == u % 6 else (camp if i < 3 else -camp)
            votes.append(Vote(str(i), f"u{u}", value))
        votes.append(Vote("p", f"u{u}", 1 if u % 3 == 0 else -1))
    return Discussion(id="d", question="", options=(), replies=tuple(replies), votes=tuple(votes))


def test_profile_replies_are_left_out_of_the_groups_but_count_as_participation() -> None:
    result = find_groups(_planted("I am between 15 and 19 years old."))
    assert result.profile_replies == ("p",)
    assert len(result.groups) == 2
    assert {len(g.members) for g in result.groups} == {12}
    listed = {r.reply_id for g in result.groups for r in g.representative}
    listed |= {c["reply_id"] for c in result.consensus} | {d["reply_id"] for d in result.divisive}
    assert "p" not in listed


def test_an_opinion_reply_stays_in_the_groups() -> None:
    result = find_groups(_planted("Sora should be banned from festivals"))
    assert result.profile_replies == ()


def test_a_discussion_of_only_profile_statements_keeps_them() -> None:
    replies = tuple(Reply(str(i), "0", f"I am {20 + i}") for i in range(3))
    discussion = Discussion(id="d", question="", options=(), replies=replies)
    assert find_groups(discussion).profile_replies == ()


def test_no_real_french_opinion_is_taken_for_a_profile_statement(xstance: XStance) -> None:
    discussions, _ = xstance
    replies = [r for d in discussions for r in d.replies]
    assert len(replies) > 500
    assert [r.text for r in replies if describes_author(r.text)] == []
