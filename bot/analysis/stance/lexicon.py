"""Hand-written French and English stance cues, in named groups (written for this project).

The cues are words people use to say where they stand in any debate of the
product's domain (opinions on technology, media and society): explicit
answers, reasons for and against, costs and harms. No cue names the subject
of a question (no policy, institution or place): a topic word says what a
reply is about, not which side it takes. ``bench/README.md`` says how each
group was chosen, and which were written after reading which data.

Each cue is a folded phrase (lower case, no accents, words separated by
spaces) and a weight; a group leans to "yes", "no" or "nuance". A cue
preceded by a negation within three words counts with the opposite sign
("pas necessaire", "not needed").
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

Lean = Literal["yes", "no", "nuance"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class CueGroup:
    name: str
    lean: Lean
    cues: MappingProxyType[str, float]


def _group(name: str, lean: Lean, cues: dict[str, float]) -> CueGroup:
    return CueGroup(name, lean, MappingProxyType(cues))


ANSWERS_YES = _group(
    "answers_yes",
    "yes",
    {
        "oui": 2.0,
        "plutot oui": 2.0,
        "plutot pour": 2.0,
        "je suis pour": 2.5,
        "suis pour": 1.5,
        "favorable": 2.0,
        "en faveur": 2.0,
        "d accord": 1.5,
        "tout a fait": 1.5,
        "absolument": 1.0,
        "evidemment": 1.0,
        "bien sur": 1.0,
        "je soutiens": 2.0,
        "soutiens": 1.5,
        "approuve": 2.0,
        "bonne idee": 1.5,
        "bonne chose": 1.2,
        "il est temps": 1.2,
        "enfin": 0.4,
        "yes": 2.0,
        "i agree": 2.0,
        "agree": 1.5,
        "in favour": 2.0,
        "in favor": 2.0,
        "i support": 2.0,
        "support": 1.0,
        "absolutely": 1.0,
        "definitely": 1.0,
        "of course": 1.0,
        "good idea": 1.5,
        "about time": 1.2,
        # English counterparts of the French entries, and informal answers (see bench/README.md)
        "yeah": 2.0,
        "yep": 2.0,
        "approve": 2.0,
        "good thing": 1.2,
    },
)
"""Explicit agreement, as any poll or forum answer says it."""

ANSWERS_NO = _group(
    "answers_no",
    "no",
    {
        "non": 2.0,
        "plutot non": 2.0,
        "plutot contre": 2.0,
        "je suis contre": 2.5,
        "suis contre": 1.5,
        "contre": 0.8,
        "oppose": 2.0,
        "defavorable": 2.0,
        "refuse": 1.2,
        "rejette": 1.2,
        # infinitives, so that "il ne faut pas s'opposer a ..." reads as a double negation
        "opposer": 1.5,
        "refuser": 1.2,
        "rejeter": 1.2,
        "mauvaise idee": 1.5,
        "mauvaise chose": 1.2,
        "no": 2.0,
        "disagree": 2.0,
        "against": 1.5,
        "opposed": 2.0,
        "bad idea": 1.5,
        # English counterparts of the French entries, and informal answers (see bench/README.md)
        "nope": 2.0,
        "nah": 2.0,
        "reject": 1.2,
        "bad thing": 1.2,
    },
)
"""Explicit refusal."""

REASONS_YES = _group(
    "reasons_yes",
    "yes",
    {
        "indispensable": 1.0,
        "indispensables": 1.0,
        "necessaire": 0.8,
        "necessaires": 0.8,
        "essentiel": 0.8,
        "essentielle": 0.8,
        "primordial": 1.0,
        "important": 0.6,
        "urgent": 0.8,
        "urgence": 0.8,
        "juste": 0.4,
        "equitable": 0.6,
        "progres": 0.5,
        "benefique": 0.8,
        "positif": 0.6,
        "avantage": 0.4,
        "avantages": 0.4,
        "logique": 0.8,
        "normal": 0.6,
        "souhaitable": 1.0,
        "bienvenu": 1.0,
        "bienvenue": 1.0,
        "pertinent": 0.8,
        "judicieux": 1.0,
        "raisonnable": 0.6,
        "du sens": 0.6,
        "prioritaire": 0.8,
        "priorite": 0.6,
        "opportunite": 0.6,
        "meilleur": 0.3,
        "mieux": 0.3,
        "necessary": 0.8,
        "essential": 0.8,
        "needed": 0.6,
        "fair": 0.5,
        "beneficial": 0.8,
        "makes sense": 1.0,
        "great": 0.6,
        "better": 0.3,
        "priority": 0.8,
        # English counterparts of the French entries (see bench/README.md)
        "progress": 0.5,
        "positive": 0.6,
        "advantage": 0.4,
        "advantages": 0.4,
        "logical": 0.8,
        "desirable": 1.0,
        "welcome": 1.0,
        "wise": 1.0,
        "reasonable": 0.6,
        "opportunity": 0.6,
    },
)
"""Words that call a change needed, good or fair."""

ENABLERS_YES = _group(
    "enablers_yes",
    "yes",
    {
        "permettrait": 0.5,
        "permet": 0.3,
        "permettra": 0.4,
        "permettre": 0.3,
        "ameliorer": 0.4,
        "renforcer": 0.3,
        "soutenir": 0.3,
        "encourager": 0.4,
        "favoriser": 0.4,
        "garantir": 0.4,
        "helps": 0.4,
    },
)
"""Verbs saying what a change would make possible."""

MODALS_YES = _group(
    "modals_yes",
    "yes",
    {
        "il faut": 0.4,
        "doit": 0.3,
        "doivent": 0.3,
        "devrait": 0.3,
        "devraient": 0.3,
        "faudrait": 0.4,
        "nous devons": 0.5,
        "should": 0.3,
        "must": 0.4,
    },
)
"""Weak signs of wanting the change: "it must", "we should"."""

REASONS_NO = _group(
    "reasons_no",
    "no",
    {
        "inutile": 1.5,
        "suffisant": 1.2,
        "suffisante": 1.2,
        "suffisantes": 1.2,
        "suffisants": 1.2,
        "suffit": 1.0,
        "suffisent": 1.2,
        "suffisamment": 0.8,
        "deja": 0.8,
        "trop": 0.6,
        "dangereux": 0.8,
        "danger": 0.6,
        "risque": 0.4,
        "nefaste": 1.2,
        "absurde": 1.2,
        "excessif": 1.0,
        "exagere": 1.0,
        "contre productif": 1.5,
        "inacceptable": 1.0,
        "irrealiste": 1.0,
        "utopique": 1.0,
        "illusoire": 1.0,
        "impossible": 0.8,
        "inefficace": 1.2,
        "mauvais": 0.8,
        "mauvaise": 0.8,
        "pire": 0.8,
        "erreur": 0.8,
        "inapproprie": 1.0,
        "premature": 0.8,
        "abus": 0.6,
        "menace": 0.5,
        "aucun": 0.4,
        "jamais": 0.4,
        "unnecessary": 1.5,
        "useless": 1.5,
        "pointless": 1.5,
        "already": 0.8,
        "enough": 0.8,
        "too": 0.5,
        "dangerous": 0.8,
        "harmful": 1.2,
        "risky": 0.6,
        "nonsense": 1.2,
        "overkill": 1.2,
        "never": 0.5,
        "unfair": 1.0,
        "ineffective": 1.2,
        "counterproductive": 1.5,
        "worse": 0.6,
        "wrong": 1.0,
        "mistake": 1.0,
        # English counterparts of the French entries (see bench/README.md)
        "absurd": 1.2,
        "excessive": 1.0,
        "exaggerated": 1.0,
        "unacceptable": 1.0,
        "unrealistic": 1.0,
        "utopian": 1.0,
        "illusory": 1.0,
        "bad": 0.8,
        "inappropriate": 1.0,
        "abuse": 0.6,
        "threat": 0.5,
    },
)
"""Words that call a change useless, harmful, excessive or already done."""

COSTS_NO = _group(
    "costs_no",
    "no",
    {
        "couteux": 0.6,
        "cout": 0.4,
        "couts": 0.5,
        "cher": 0.5,
        "lourd": 0.6,
        "complique": 0.6,
        "frein": 0.6,
        "freiner": 0.6,
        "nuire": 1.0,
        "nuirait": 1.0,
        "penaliser": 0.8,
        "penalise": 0.8,
        "affaiblir": 0.8,
        "costly": 0.6,
        "waste": 1.0,
        "burden": 0.8,
        # English counterparts of the French entries (see bench/README.md)
        "cost": 0.4,
        "costs": 0.5,
        "expensive": 0.5,
        "complicated": 0.6,
        "hinder": 0.6,
        "harm": 1.0,
        "penalize": 0.8,
        "weaken": 0.8,
    },
)
"""What a change would cost or harm."""

TECH_YES = _group(
    "tech_yes",
    "yes",
    {
        "utile": 0.8,
        "pratique": 0.5,
        "prometteur": 0.8,
        "genial": 1.0,
        "excellent": 0.8,
        "formidable": 0.8,
        "useful": 0.8,
        "promising": 0.8,
        "awesome": 1.0,
        "excellent idea": 1.2,
        "practical": 0.5,
        "handy": 0.5,
    },
)
"""How tech-news readers praise a product or a change."""

TECH_NO = _group(
    "tech_no",
    "no",
    {
        "gadget": 0.8,
        "arnaque": 1.0,
        "inquietant": 0.8,
        "effrayant": 0.8,
        "dystopique": 1.0,
        "ridicule": 1.0,
        "n importe quoi": 1.2,
        "gimmick": 0.8,
        "scam": 1.0,
        "worrying": 0.8,
        "scary": 0.8,
        "creepy": 0.8,
        "dystopian": 1.0,
        "ridiculous": 1.0,
    },
)
"""How tech-news readers dismiss a product or a change."""

NUANCE = _group(
    "nuance",
    "nuance",
    {
        "ca depend": 2.0,
        "cela depend": 2.0,
        "tout depend": 2.0,
        "nuance": 1.5,
        "nuancee": 1.5,
        "mitige": 1.5,
        "d un cote": 1.2,
        "partiellement": 1.2,
        "en partie": 1.0,
        "a condition": 1.0,
        "sous condition": 1.0,
        "sous certaines conditions": 1.5,
        "dans certains cas": 1.2,
        "oui et non": 2.5,
        "oui mais": 1.0,
        "pourquoi pas": 0.8,
        "it depends": 2.0,
        "depends": 1.2,
        "mixed": 1.2,
        "partly": 1.2,
        "partially": 1.2,
        "on one hand": 1.5,
        "in some cases": 1.2,
        "yes and no": 2.5,
        "yes but": 1.0,
        "nuanced": 1.5,
        "to some extent": 1.2,
        "not sure": 1.0,
        "pas sur": 1.0,
        "je ne sais pas": 1.0,
        "i don t know": 1.0,
        # English counterparts of the French entries (see bench/README.md)
        "why not": 0.8,
        "as long as": 1.0,
        "under certain conditions": 1.5,
        "in certain cases": 1.2,
    },
)
"""Cues that a reply weighs both sides."""

GROUPS: tuple[CueGroup, ...] = (
    ANSWERS_YES,
    ANSWERS_NO,
    REASONS_YES,
    ENABLERS_YES,
    MODALS_YES,
    REASONS_NO,
    COSTS_NO,
    TECH_YES,
    TECH_NO,
    NUANCE,
)
GROUP_NAMES = frozenset(g.name for g in GROUPS)

NEGATORS = _words("ne n pas jamais aucun aucune sans ni guere not never no t nor without cannot")

YES_OPTIONS = _words(
    """
    oui yes y pour favorable d_accord agree for approve ok plutot_oui yes_please
    je_suis_pour absolument tout_a_fait mostly_yes
    """
)
NO_OPTIONS = _words(
    "non no n contre against defavorable pas_d_accord disagree oppose plutot_non je_suis_contre"
    " mostly_no"
)
NUANCE_OPTIONS = _words(
    """
    nuance nuancee nuanced mitige mixed ca_depend it_depends depends neutre neutral partage
    both sans_avis autre other peut_etre maybe je_ne_sais_pas ne_sais_pas indecis unsure
    dont_know i_don_t_know don_t_know not_sure i_m_not_sure no_opinion undecided pas_sur
    ne_sait_pas sans_opinion
    """
)
"""Option texts (folded, words joined by ``_``) recognised as yes, no or nuanced."""
