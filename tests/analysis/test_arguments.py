"""Arguments per option: confident replies only, agreed ones first, no near-duplicates."""

from __future__ import annotations

from bot.analysis.arguments import select_arguments
from bot.analysis.embeddings import UniversalSentenceEncoder
from bot.analysis.model import Discussion, Reply, Vote
from bot.analysis.stance import ReplyStance


def _setup(texts: list[str], votes: tuple[Vote, ...] = ()) -> Discussion:
    return Discussion(
        id="d",
        question="Q ?",
        options=("Oui", "Non"),
        replies=tuple(Reply(f"r{i}", f"a{i}", t) for i, t in enumerate(texts)),
        votes=votes,
    )


def _stances(n: int, option: str = "Oui", confidence: float = 0.95) -> list[ReplyStance]:
    return [ReplyStance(f"r{i}", option, confidence, "inferred") for i in range(n)]


def test_near_duplicates_are_dropped_and_agreed_replies_come_first() -> None:
    texts = [
        "Le télétravail fait gagner du temps de transport à tout le monde.",
        "Le télétravail fait gagner du temps de transport à tout le monde !",
        "Moins de bureaux, donc moins de loyers payés par les entreprises.",
        "Les parents peuvent mieux organiser leurs journées avec les enfants.",
    ]
    votes = (Vote("r3", "a0", 1), Vote("r3", "a1", 1), Vote("r3", "a3", 1))
    args = select_arguments(_setup(texts, votes), _stances(4))
    ids = [a.reply_id for a in args["Oui"]]
    assert ids[0] == "r3"
    assert not {"r0", "r1"} <= set(ids)
    assert len(ids) == 3 and args["Non"] == []


def test_own_votes_do_not_count() -> None:
    texts = [
        "Premier argument assez long pour être cité ici.",
        "Second argument différent, pour voir.",
    ]
    votes = tuple(Vote("r1", "a1", 1) for _ in range(5))
    args = select_arguments(_setup(texts, votes), _stances(2))
    assert args["Oui"][0].reply_id == "r0"


def test_unconfident_or_empty_replies_are_not_quoted() -> None:
    texts = ["Un argument tout à fait valable mais incertain.", "ok", "🔥🔥🔥"]
    stances = [ReplyStance("r0", "Oui", 0.6, "inferred"), *_stances(3)[1:]]
    assert select_arguments(_setup(texts), stances)["Oui"] == []


def test_quotes_are_cut_at_a_word_boundary() -> None:
    long = "Premièrement " + "le projet coûte vraiment très cher " * 30
    (arg,) = select_arguments(_setup([long]), _stances(1))["Oui"]
    assert len(arg.quote) <= 300 and arg.quote.endswith("…")
    assert long.startswith(arg.quote[:-1].rstrip())


def test_at_most_five_quotes_per_option() -> None:
    texts = [
        "Les transports publics seraient enfin moins saturés aux heures de pointe.",
        "Les loyers des bureaux baisseraient pour toutes les entreprises du quartier.",
        "Les familles retrouvent du temps avec leurs enfants le soir.",
        "La santé mentale des employés s'améliore sans trajets stressants.",
        "Moins de pollution et de bruit dans les centres-villes.",
        "Les régions rurales attirent de nouveaux habitants actifs.",
        "Chacun organise sa journée selon son propre rythme biologique.",
    ]
    assert len(select_arguments(_setup(texts), _stances(7))["Oui"]) == 5


def test_with_vectors_a_point_made_in_other_words_is_quoted_once_and_themes_spread(
    encoder: UniversalSentenceEncoder,
) -> None:
    texts = [
        "Je suis contre, l'intelligence artificielle va tuer des emplois au cinéma.",
        "Je suis contre car des emplois vont disparaître au cinéma avec l'IA.",
        "Un film doit rester l'œuvre d'un regard humain et singulier.",
        "Les effets spéciaux coûteront beaucoup moins cher aux petits studios.",
    ]
    d = _setup(texts)
    matrix = encoder.encode(texts)
    vectors = {f"r{i}": matrix[i] for i in range(4)}
    plain = [a.reply_id for a in select_arguments(d, _stances(4), limit=3)["Oui"]]
    assert {"r0", "r1"} <= set(plain)  # few shared words: both kept by the word test
    by_meaning = [a.reply_id for a in select_arguments(d, _stances(4), vectors=vectors)["Oui"]]
    assert len({"r0", "r1"} & set(by_meaning)) == 1 and {"r2", "r3"} <= set(by_meaning)
    one_theme_but_r3 = {"r0": "t1", "r1": "t1", "r2": "t1", "r3": "t2"}
    themed = select_arguments(d, _stances(4), limit=2, vectors=vectors, theme_of=one_theme_but_r3)
    assert "r3" in [a.reply_id for a in themed["Oui"]]


def _ranked(texts: list[str]) -> list[ReplyStance]:
    """The replies ranked in order: each less confident than the one before."""
    return [ReplyStance(f"r{i}", "Oui", 0.99 - 0.05 * i, "inferred") for i in range(len(texts))]


def test_a_quote_sharing_half_its_words_with_a_better_one_is_a_near_duplicate() -> None:
    """Word stems shared / stems of the two together: 3 of 6 is half, a near-duplicate;
    3 of 7 is less, another point (the union counted, never built)."""
    first = "Parapluie bicyclette chocolat dinosaure."
    half = "Parapluie bicyclette chocolat girafe hibou."
    less = "Parapluie bicyclette chocolat girafe hibou koala."
    args = select_arguments(_setup([first, half]), _ranked([first, half]))
    assert [a.reply_id for a in args["Oui"]] == ["r0"]
    args = select_arguments(_setup([first, less]), _ranked([first, less]))
    assert [a.reply_id for a in args["Oui"]] == ["r0", "r1"]
