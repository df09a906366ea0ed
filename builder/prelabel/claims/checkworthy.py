"""Check-worthiness labeling functions (layer ``check_worthy``), one per rule of
``checkworthy.yaml``: a rule votes its label when one of its patterns occurs in the sentence.

A fact-checker verifies figures, comparisons, casualties, accusations and legislative acts;
questions, wishes and first-person feelings are no claims of fact. The aggregation weighs the
rules' priors, so a question with a number ("Did 40% vote?") can still lean "no".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from builder.datafiles import check_words
from builder.model import LabelVote, Sentence, Vote
from builder.prelabel.lf import DocContext, LFCallable, labeling_function
from builder.prelabel.sentence_words import lower_words

RULES_FILE = Path(__file__).with_name("checkworthy.yaml")
# Sentences this short are rarely a checkable claim ("Not at all.", "Thank you, Jim.").
_MIN_WORDS = 5


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    label: str
    prior: float
    pattern: re.Pattern[str]
    triggers: frozenset[str]


def load_rules(path: Path = RULES_FILE) -> list[Rule]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules = []
    for r in data["rules"]:
        # Whole words only: "taxi" is no "tax"; anchors and "\b" in a pattern still apply.
        joined = "|".join(f"(?:{p})" for p in r["patterns"])
        pattern = re.compile(rf"(?<![\w-])(?:{joined})(?![\w-])", re.IGNORECASE)
        triggers = frozenset(check_words(path, f"rules.{r['name']}.triggers", r["triggers"]))
        rules.append(Rule(r["name"], str(r["label"]), float(r["prior"]), pattern, triggers))
    return rules


_DIGIT = re.compile(r"\d")
_STATE = "check_worthy.fired"


def fired(text: str, rules: Sequence[Rule]) -> frozenset[str]:
    """Names of the rules whose patterns occur in ``text``."""
    words = set(lower_words(text))
    if _DIGIT.search(text):
        words.add("#digit")
    if "?" in text:
        words.add("#question")
    long_enough = len(text.split()) >= _MIN_WORDS
    return frozenset(
        r.name
        for r in rules
        if (long_enough or r.label != "yes")
        and not r.triggers.isdisjoint(words)
        and r.pattern.search(text)
    )


def _fired(sentence: Sentence, ctx: DocContext) -> frozenset[str]:
    """``fired`` once per sentence, shared by the rules' LFs through the document state."""
    cached = ctx.state.get(_STATE)
    if cached is not None and cached[0] == sentence.id:
        names: frozenset[str] = cached[1]
        return names
    names = fired(sentence.text, RULES)
    ctx.state[_STATE] = (sentence.id, names)
    return names


def _make(rule: Rule) -> LFCallable:
    name = f"cw_{rule.name}"
    vote = (LabelVote(rule.label, 1.0, name),)  # immutable: shared by every sentence

    def lf(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
        return vote if rule.name in _fired(sentence, ctx) else ()

    lf.__doc__ = f"Votes {rule.label!r} on {rule.name} cues ({RULES_FILE.name})."
    return labeling_function(
        name, version=1, layer="check_worthy", prior=rule.prior, data=[RULES_FILE]
    )(lf)


RULES = load_rules()
for _rule in RULES:
    _make(_rule)
