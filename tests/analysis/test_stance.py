"""Stance of replies: declared, inferred from French and English text, open questions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from bot.analysis.model import DeclaredStance, Discussion, Reply
from bot.analysis.stance import ReplyStance, StanceModel, option_kinds
from bot.analysis.summary import DiscussionSummary, StanceCounts
from tests.analysis.conftest import XStance, macro_f1

YES_NO = ("Oui", "Non", "Nuancé")


def infer_stances(
    discussion: Discussion,
    history: Sequence[Discussion] = (),
    *,
    min_confidence: float | None = None,
) -> list[ReplyStance]:
    """Stance of each reply of ``discussion``, the model fitted on it and ``history``."""
    model = StanceModel([discussion, *history])
    return model.predict(discussion, min_confidence=min_confidence)


def _discussion(texts: list[str], options: tuple[str, ...] = YES_NO, **kw: object) -> Discussion:
    replies = tuple(Reply(id=f"r{i}", author_id=f"a{i}", text=t) for i, t in enumerate(texts))
    return Discussion(
        id="d",
        question=str(kw.get("question", "Faut-il interdire les voitures en ville ?")),
        options=options,
        replies=replies,
    )


def _options(texts: list[str], options: tuple[str, ...] = YES_NO, **kw: object) -> list[str | None]:
    return [s.option for s in infer_stances(_discussion(texts, options, **kw))]


def test_option_kinds_recognise_polar_sets_in_both_languages() -> None:
    assert option_kinds(("Oui", "Non", "Nuancé")) == {
        "Oui": "yes",
        "Non": "no",
        "Nuancé": "nuanced",
    }
    assert option_kinds(("Yes", "No")) == {"Yes": "yes", "No": "no"}
    assert option_kinds(("Un simple outil", "Un co-créateur", "Aucun rôle")) is None


def test_declared_stance_applies_to_every_reply_of_its_author() -> None:
    d = Discussion(
        id="d",
        question="Q ?",
        options=YES_NO,
        replies=(
            Reply("r1", "alice", "Non, jamais."),
            Reply("r2", "alice", "Et puis quoi ?"),
            Reply("r3", "bob", "Oui, bien sûr !"),
        ),
        stances=(DeclaredStance("alice", "oui"),),
    )
    out = infer_stances(d)
    assert [(s.option, s.confidence, s.source) for s in out[:2]] == [("Oui", 1.0, "declared")] * 2
    assert out[2].source == "inferred" and out[2].option == "Oui"


def test_clear_french_replies() -> None:
    texts = [
        "Oui, absolument, c'est indispensable.",
        "Non, je suis contre, c'est inutile et dangereux.",
        "Je ne suis pas favorable à cette mesure.",
        "Je suis tout à fait favorable, il est temps !",
        "Ça dépend vraiment des cas, oui et non.",
    ]
    assert _options(texts) == ["Oui", "Non", "Non", "Oui", "Nuancé"]


def test_opposing_verbs_and_their_double_negation() -> None:
    stances = infer_stances(
        _discussion(
            ["Il ne faut pas s'opposer à ce projet.", "Je vais m'opposer à ce projet."],
            options=("Oui", "Non"),
        ),
        min_confidence=0.0,
    )
    # "ne pas s'opposer" is a double negation: a yes
    assert [s.option for s in stances] == ["Oui", "Non"]


def test_clear_english_replies() -> None:
    texts = [
        "Yes, absolutely, it is necessary.",
        "No. I disagree, this is useless and harmful.",
        "I am not in favour of this at all.",
        "It depends, yes and no.",
    ]
    out = _options(texts, ("Yes", "No", "Nuanced"), question="Should cars be banned downtown?")
    assert out == ["Yes", "No", "No", "Nuanced"]


def test_open_question_with_custom_options() -> None:
    options = ("Un simple outil", "Un co-créateur", "Aucun rôle")
    texts = [
        "Pour moi l'IA reste un outil, rien de plus, au service des artistes.",
        "Un vrai co-créateur : elle propose des idées que je n'aurais pas eues.",
        "Aucun rôle, l'art doit rester humain, non à l'IA.",
        "Vous avez vu le match hier soir ?",
    ]
    q = "Quel rôle l'IA devrait-elle jouer dans la création artistique ?"
    assert _options(texts, options, question=q) == [*options, None]


def test_open_question_learns_from_declared_replies() -> None:
    options = ("Vélo", "Métro", "Voiture")
    train = [
        ("pédaler au grand air le matin", "Vélo"),
        ("sous terre sans bouchons", "Métro"),
        ("je pédale tous les jours", "Vélo"),
        ("rapide sous terre", "Métro"),
        ("pédaler c'est la santé", "Vélo"),
        ("ligne souterraine directe", "Métro"),
    ]
    replies = [Reply(f"t{i}", f"u{i}", t) for i, (t, _) in enumerate(train)]
    replies.append(Reply("new", "x", "j'aime pédaler au grand air, c'est la santé"))
    d = Discussion(
        id="d",
        question="Comment venez-vous au travail ?",
        options=options,
        replies=tuple(replies),
        stances=tuple(DeclaredStance(f"u{i}", o) for i, (_, o) in enumerate(train)),
    )
    assert infer_stances(d)[-1].option == "Vélo"


def test_empty_and_one_reply_discussions() -> None:
    assert infer_stances(_discussion([])) == []
    (only,) = infer_stances(_discussion(["Non."]))
    assert only.option == "Non" and only.source == "inferred"
    assert infer_stances(Discussion(id="x", question="?", options=())) == []


@pytest.mark.parametrize(
    "text",
    [
        "a" * 10_000,
        "non " * 2_500,
        "🔥🔥🔥😂👍",
        "<@123> <@!456> <#789>",
        "Z̷̢͕̈a̶̰͝l̸̼͐g̴̱̈́o̵̟͝",
        "\u202eنعم\u202c \u200f",
        "",
        "   \n\t ",
    ],
)
def test_hostile_text_gives_a_valid_stance(text: str) -> None:
    (s,) = infer_stances(_discussion([text]))
    assert s.option in (*YES_NO, None)
    assert 0.0 <= s.confidence <= 1.0


def test_text_without_words_has_no_option() -> None:
    for text in ("🔥🔥🔥😂👍", "<@123> <@!456>", ""):
        (s,) = infer_stances(_discussion([text]))
        assert s.option is None and s.confidence == 0.0


def test_question_back_has_no_option() -> None:
    (s,) = infer_stances(_discussion(["Et vous, vous en pensez quoi du prix des billets ?"]))
    assert s.option is None


def test_author_is_never_used() -> None:
    d = _discussion(["Oui, c'est nécessaire.", "Non, c'est inutile."])
    renamed = replace(d, replies=tuple(replace(r, author_id="same") for r in d.replies))
    assert [s.option for s in infer_stances(d)] == [s.option for s in infer_stances(renamed)]


def test_zero_shot_gets_clear_cut_real_comments_right(xstance: XStance) -> None:
    discussions, truth = xstance
    clear = []
    for d in discussions:
        for r in d.replies:
            low = r.text.lower()
            if low.startswith(("oui", "non")) or "je suis contre" in low or "je suis pour" in low:
                clear.append((d, r))
    assert len(clear) >= 15
    right = 0
    for d, r in clear:
        (s,) = infer_stances(replace(d, replies=(r,)), min_confidence=0.0)
        right += s.option == truth[r.id]
    assert right / len(clear) >= 0.75


def test_zero_shot_beats_majority_on_real_comments(xstance: XStance) -> None:
    discussions, truth = xstance
    pairs = [
        (truth[s.reply_id], s.option)
        for d in discussions
        for s in infer_stances(d, min_confidence=0.0)
    ]
    majority = macro_f1([(t, "Oui") for t, _ in pairs])
    assert macro_f1(pairs) >= majority + 0.2


def test_history_of_declared_stances_helps_on_new_questions(xstance: XStance) -> None:
    discussions, truth = xstance
    labelled = [
        replace(d, stances=tuple(DeclaredStance(r.author_id, truth[r.id]) for r in d.replies))
        for d in discussions
    ]
    pairs = []
    for i in range(0, len(discussions), 5):  # every fifth question, history = all others
        model = StanceModel([discussions[i], *labelled[:i], *labelled[i + 1 :]])
        pairs += [
            (truth[s.reply_id], s.option) for s in model.predict(discussions[i], min_confidence=0.0)
        ]
    assert macro_f1(pairs) >= 0.55


def test_confident_inferences_are_mostly_right(xstance: XStance) -> None:
    discussions, truth = xstance
    confident = [
        truth[s.reply_id] == s.option
        for d in discussions
        for s in infer_stances(d)
        if s.option is not None and s.confidence >= 0.8
    ]
    assert len(confident) >= 10
    assert sum(confident) / len(confident) >= 0.75


def test_explicit_opening_answer_is_confident() -> None:
    stances = infer_stances(
        _discussion(
            [
                "Non, cela coûterait bien trop aux communes.",
                "Oui, les familles en ont besoin.",
                "Non seulement utile, c'est urgent et nécessaire.",
            ],
            options=("Oui", "Non"),
        )
    )
    assert [s.option for s in stances[:2]] == ["Non", "Oui"]
    assert stances[0].confidence >= 0.9 and stances[1].confidence >= 0.9
    # "non seulement" is no refusal
    assert stances[2].option != "Non"


def test_rather_for_or_against_opens_a_reply_as_its_answer() -> None:
    stances = infer_stances(
        _discussion(
            ["Plutôt pour, mais avec des limites.", "Plutôt contre, ça coûte cher."],
            options=("Oui", "Non"),
        )
    )
    assert [s.option for s in stances] == ["Oui", "Non"]
    assert all(s.evidence and s.confidence >= 0.9 for s in stances)


def _past(i: int, question: str, option: str, n: int = 12) -> Discussion:
    texts = ["Il faut voir les chiffres du rapport.", "Le rapport de la commission est clair."]
    replies = tuple(Reply(f"p{i}r{k}", f"p{i}a{k}", texts[k % 2]) for k in range(n))
    return Discussion(
        id=f"p{i}",
        question=question,
        options=("Oui", "Non"),
        replies=replies,
        stances=tuple(DeclaredStance(r.author_id, option) for r in replies),
    )


def test_a_similar_past_question_lends_its_declared_rate() -> None:
    question = "Faut-il interdire les voitures en ville ?"
    unclear = _discussion(["Il faut voir les chiffres."], options=("Oui", "Non"))
    other_topics = [
        _past(i, f"Faut-il financer le projet numéro {i} de la commune ?", option)
        for i, option in enumerate(["Oui", "Non"] * 6)
    ]

    def p_yes(history: list[Discussion]) -> float:
        stance = infer_stances(unclear, history, min_confidence=0.0)[0]
        return stance.confidence if stance.option == "Oui" else 1.0 - stance.confidence

    elsewhere = "Faut-il baisser les impôts des entreprises ?"
    for option in ("Non", "Oui"):
        # the same labels, once under the same question asked before, once elsewhere
        same = p_yes([*other_topics, _past(99, question, option), _past(98, question, option)])
        apart = p_yes([*other_topics, _past(99, elsewhere, option), _past(98, elsewhere, option)])
        assert (same < apart) if option == "Non" else (same > apart)


def test_the_discussions_own_declared_side_moves_its_undeclared_replies() -> None:
    history = [
        _past(i, f"Faut-il financer le projet numéro {i} de la commune ?", option)
        for i, option in enumerate(["Oui", "Non"] * 6)
    ]
    texts = [f"Je l'ai lu dans le rapport numéro {k}." for k in range(8)]

    def p_undeclared(option: str) -> float:
        d = _discussion([*texts, "Il faut voir les chiffres."], options=("Oui", "Non"))
        d = replace(d, stances=tuple(DeclaredStance(f"a{k}", option) for k in range(8)))
        stance = infer_stances(d, history, min_confidence=0.0)[-1]
        assert stance.source == "inferred"
        return stance.confidence if stance.option == "Oui" else 1.0 - stance.confidence

    assert p_undeclared("Oui") > 0.6 > 0.4 > p_undeclared("Non")


def test_every_reply_with_words_gets_a_leaning_even_without_an_option() -> None:
    texts = [
        "Oui, absolument, c'est indispensable.",
        "Il faudrait voir.",
        "Et vous, vous en pensez quoi du prix des billets ?",
        "🔥🔥🔥",
    ]
    stances = infer_stances(_discussion(texts, options=("Oui", "Non")))
    assert [s.leaning is not None for s in stances] == [True, True, True, False]
    assert stances[0].option == stances[0].leaning == "Oui"
    unsure = stances[1]
    assert unsure.option is None and unsure.leaning in ("Oui", "Non")
    assert 0.5 <= unsure.confidence < 0.65
    assert stances[2].option is None and stances[2].leaning is not None


def test_a_reply_says_whether_anything_in_it_was_read() -> None:
    texts = ["Oui, c'est indispensable.", "Je regarde ça demain soir.", "Ce n'est pas utile."]
    stances = infer_stances(_discussion(texts, options=("Oui", "Non")))
    assert [s.evidence for s in stances] == [True, False, True]
    assert stances[1].leaning is not None  # every reply still gets a leaning


def test_leanings_count_only_replies_under_the_threshold() -> None:
    stances = (
        ReplyStance("a", "Oui", 0.9, "inferred", "Oui", True),
        ReplyStance("b", None, 0.55, "inferred", "Oui", True),
        ReplyStance("c", None, 0.52, "inferred", "Non", True),
        ReplyStance("d", None, 0.58, "inferred", "Non", True),
        ReplyStance("e", None, 0.0, "inferred", None),
        ReplyStance("f", "Non", 1.0, "declared", "Non", True),
        # nothing read in it: its leaning is the base rate, not a leaning to report
        ReplyStance("g", None, 0.51, "inferred", "Oui", False),
    )
    summary = DiscussionSummary(
        id="d",
        question="Q ?",
        options=("Oui", "Non", "Nuancé"),
        language="fr",
        participant_count=6,
        reply_count=6,
        stances=StanceCounts({}, {}, {}),
        reply_stances=stances,
        arguments={},
        keywords=(),
    )
    assert summary.leanings() == {"Oui": 1, "Non": 2}


@pytest.mark.parametrize(
    "options", [(), ("Oui",), ("Seul choix",), ("Oui", "Non"), ("A", "B", "C")]
)
def test_no_crash_for_no_options_one_option_or_no_replies(options: tuple[str, ...]) -> None:
    d = Discussion(id="x", question="Q ?", options=options)
    assert StanceModel([d]).predict(d) == []
    d = replace(d, replies=(Reply("r", "a", "Oui, bien sûr."),))
    (s,) = StanceModel([d]).predict(d)
    assert s.option is None or s.option in options
    assert s.leaning is None or s.leaning in options
    if not options:
        assert s.option is None and s.leaning is None
