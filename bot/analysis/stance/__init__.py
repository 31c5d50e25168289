"""Stance of each reply: declared by its author, or inferred from its text.

Two kinds of option sets are handled:

* **polar** sets, where one option means "yes" and one "no" (``Oui``/``Non``,
  ``Yes``/``No``, optionally a nuanced option): hand-written French and
  English cues (:mod:`.lexicon`, read by :mod:`.cues`) give a zero-shot score,
  and a reply that opens with an explicit answer ("Oui, ...", "Non, ...")
  counts apart, as the clearest evidence. The server's declared stances
  (:mod:`.history`) may teach a naive-Bayes model of the words that go with
  "yes" and "no", lend the declared rate of similar past questions, and fit
  the regression that combines them (:mod:`.learners`); they are used only
  where, left out one discussion at a time, they beat zero-shot on that same
  history. The discussion's own declarations move its undeclared replies to
  its own yes rate;
* **open** sets (any other options, :mod:`.open_options`): words of each
  option found in the reply (negated or not) and, when declared stances exist
  for the same options, a one-vs-rest naive-Bayes model; a "none of them"
  class lets the reply stay unclassified.

Every inferred reply with words to read gets a leaning (its most probable
option; with a single option, that option only when it is at least as likely as
"none of them") and that option's probability; only those above the threshold
get an ``option``.
Who wrote a reply is never used to classify it: only its text and the
question. Everything is deterministic and linear in the number of replies.
"""

from bot.analysis.stance.cues import Kind, option_kinds
from bot.analysis.stance.model import ReplyStance, Source, StanceModel
from bot.analysis.stance.settings import DEFAULT_SETTINGS, StanceSettings

DEFAULT_MIN_CONFIDENCE = DEFAULT_SETTINGS.min_confidence
"""Below this probability a polar reply is left without an option."""

__all__ = [
    "DEFAULT_MIN_CONFIDENCE",
    "DEFAULT_SETTINGS",
    "Kind",
    "ReplyStance",
    "Source",
    "StanceModel",
    "StanceSettings",
    "option_kinds",
]
