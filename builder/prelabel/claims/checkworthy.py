"""Check-worthiness labeling functions (layer ``check_worthy``), one per rule of
``checkworthy.yaml``: a rule votes its label when one of its patterns occurs in the sentence.

A fact-checker verifies figures, comparisons, accusations, legislative acts and what named
actors (or the speaker, "I voted") did; wishes, plans and first-person stances are no claims of
fact. The aggregation weighs the rules' priors against ``cw_threshold``, a "no" vote on every
sentence (issue 13): a claim needs cues that outweigh it, a figure alone or a past action with
a named actor, not a lone past tense or pronoun.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from builder.datafiles import check_words, load_mapping
from builder.model import LabelVote, Sentence, Vote
from builder.prelabel.claims.cw_parts import Parts, load_parts, whole
from builder.prelabel.claims.cw_phrases import occurs
from builder.prelabel.claims.cw_scans import has_name, has_past
from builder.prelabel.claims.cw_split import scan_after
from builder.prelabel.digit_lead import scan_from
from builder.prelabel.lf import DocContext, LFCallable, labeling_function
from builder.prelabel.sentence_words import first_digit, lower_words
from builder.prelabel.together import answer_together
from builder.prelabel.word_gates import has_folds

RULES_FILE = Path(__file__).with_name("checkworthy.yaml")
Scan = Callable[[str], bool]
# Sentences this short are rarely a checkable claim ("Not at all.", "Thank you, Jim.").
_MIN_WORDS = 5


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    label: str
    prior: float
    pattern: re.Pattern[str] | None  # None: the trigger words are the whole rule
    triggers: frozenset[str]
    version: int = 1
    weak: bool = False  # a "yes" cue that votes only beside another, not weak, "yes" cue


def load_rules(path: Path = RULES_FILE) -> list[Rule]:
    data = load_mapping(path)  # parsed once (cached) for the rules and the threshold
    rules = []
    for r in data["rules"]:
        pattern = whole(r["patterns"]) if "patterns" in r else None
        triggers = frozenset(check_words(path, f"rules.{r['name']}.triggers", r["triggers"]))
        label, prior, version = str(r["label"]), float(r["prior"]), int(r.get("version", 1))
        weak = bool(r.get("weak", False))
        rules.append(Rule(r["name"], label, prior, pattern, triggers, version, weak))
    return rules


def load_threshold(path: Path = RULES_FILE) -> tuple[float, int]:
    """(prior, version) of the "no" vote every sentence gets."""
    spec = load_mapping(path)["threshold"]
    return float(spec["prior"]), int(spec["version"])


_STATE = "check_worthy.fired"
# "#past": a lower-case word in -ed (voted), not in -eed (need); "#name": a capitalised word
# after a lower-case one or a comma (cw_scans.py).
_SCANNED: dict[str, Scan] = {"#past": has_past, "#name": has_name}
# The scanned cues to read first, and those left for later with the rules they trigger.
Plan = tuple[tuple[tuple[str, Scan], ...], tuple[tuple[Scan, tuple[int, ...]], ...]]


def plan_cues(rules: Sequence[Rule], index: dict[str, tuple[int, ...]]) -> Plan:
    """The scanned cues, first or later: later those whose rules are all weak and have no
    patterns (``#past``: past_tense, ``#name``: proper_name). Such a rule fires on its trigger
    alone and counts only beside a strong rule, so its cue is scanned only when a strong rule
    fired and the rule was not triggered by a word already ("was", "had")."""
    first: list[tuple[str, Scan]] = []
    later: list[tuple[Scan, tuple[int, ...]]] = []
    for cue, scan in _SCANNED.items():
        ns = index.get(cue, ())
        if all(rules[n].weak and rules[n].pattern is None for n in ns):
            later.append((scan, ns))
        else:
            first.append((cue, scan))
    return tuple(first), tuple(later)


def trigger_index(rules: Sequence[Rule]) -> dict[str, tuple[int, ...]]:
    """Trigger word -> positions of the rules it triggers: one dictionary look-up a word of the
    sentence instead of one set test a rule (27 rules cost 5.5 us a sentence in set tests)."""
    index: dict[str, list[int]] = {}
    for n, r in enumerate(rules):
        for word in r.triggers:
            index.setdefault(word, []).append(n)
    return {word: tuple(ns) for word, ns in index.items()}


def fired(
    text: str,
    rules: Sequence[Rule],
    index: dict[str, tuple[int, ...]] | None = None,
    parts: Sequence[Parts | None] | None = None,
) -> frozenset[str]:
    """Names of the rules whose patterns occur in ``text`` (``index``: ``trigger_index(rules)``;
    ``parts``: ``load_parts(RULES_FILE)`` of the same rules, the same answer in less time)."""
    present = lower_words(text)
    words = set(present)
    digit = first_digit(text)
    if digit >= 0:
        words.add("#digit")
    if index is None:
        index = trigger_index(rules)
    plan: Plan = (tuple(_SCANNED.items()), ())  # each cue scanned first, as before the parts
    if parts is not None:
        plan = _PLAN if index is INDEX else plan_cues(rules, index)
    first, later = plan
    for cue, scan in first:
        if scan(text):
            words.add(cue)
    if "?" in text:
        words.add("#question")
    triggered: set[int] = set()
    for word in words & index.keys():  # a C-level intersection, then the few trigger words
        triggered.update(index[word])
    # At most _MIN_WORDS pieces (the last one the rest): the words are not all cut out.
    long_enough = len(text.split(None, _MIN_WORDS - 1)) >= _MIN_WORDS
    hits: list[int] = []  # the positions of the rules that fired
    folded: bool | None = None  # whether a gate cannot be read (word_gates.FOLDS)
    low = text.lower() if text.isascii() else None  # where phrases are looked up (cw_phrases)
    for n in sorted(triggered):  # rule order: the patterns run in the file's order
        r = rules[n]
        if not long_enough and r.label == "yes":
            continue
        rule_parts = parts[n] if parts is not None else None
        if rule_parts is None:
            if r.pattern is None or r.pattern.search(text):
                hits.append(n)
            continue
        if folded is None:
            folded = has_folds(text)
        for _expr, needs, ahead, spelled, marked, searcher in rule_parts:
            if spelled is not None and low is not None:
                if occurs(*spelled, present, low):
                    hits.append(n)
                    break
                continue
            if not (needs is None or folded or not needs.isdisjoint(present)):
                continue
            pos = scan_from(digit, ahead)
            if marked is not None and pos is not None:
                after = scan_after(text, marked)
                pos = None if after is None else max(pos, after)
            if pos is not None and searcher.search(text, pos):  # None: it needs a digit or a mark
                hits.append(n)
                break
    # Weak cues (a past tense, a name, a pronoun) narrate every news sentence ("Henry finished
    # with aplomb"): without a content cue beside them they do not vote.
    strong = any(rules[n].label == "yes" and not rules[n].weak for n in hits)
    if strong:  # the weak rules of the cues left for later: they count only now
        for scan, ns in later:
            pending = [
                n for n in ns if n not in triggered and (long_enough or rules[n].label != "yes")
            ]
            if pending and scan(text):
                hits += pending
    return frozenset(rules[n].name for n in hits if strong or not rules[n].weak)


def _fired(sentence: Sentence, ctx: DocContext) -> frozenset[str]:
    """``fired`` once per sentence, shared by the rules' LFs through the document state."""
    cached = ctx.state.get(_STATE)
    # Identity first: 24 rules ask for the same sentence object, a string compare each costs.
    if cached is not None and (cached[0] is sentence or cached[0].id == sentence.id):
        names: frozenset[str] = cached[1]
        return names
    names = fired(sentence.text, RULES, INDEX, PARTS)
    ctx.state[_STATE] = (sentence, names)
    return names


def _make(rule: Rule) -> tuple[LFCallable, tuple[LabelVote]]:
    """The rule's heuristic, and the vote it casts (the one object every call returns)."""
    name = f"cw_{rule.name}"
    rule_name = rule.name
    vote = (LabelVote(rule.label, 1.0, name),)  # immutable: shared by every sentence

    def lf(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
        # The names of the same sentence object read here: a call less for 26 of 27 rules
        cached = ctx.state.get(_STATE)
        names = cached[1] if cached is not None and cached[0] is sentence else _fired(sentence, ctx)
        return vote if rule_name in names else ()

    made = labeling_function(
        name,
        version=rule.version,
        layer="check_worthy",
        description=f"Votes {rule.label!r} on {rule.name} cues ({RULES_FILE.name}).",
        prior=rule.prior,
        data=[RULES_FILE],
    )(lf)
    return made, vote


RULES = load_rules()
INDEX = trigger_index(RULES)
PARTS = load_parts(RULES_FILE)
_PLAN = plan_cues(RULES, INDEX)
_RULE_LFS = [(f"cw_{r.name}", *_make(r), r) for r in RULES]

_THRESHOLD, _THRESHOLD_VERSION = load_threshold()
_NO = (LabelVote("no", 1.0, "cw_threshold"),)


@labeling_function(
    "cw_threshold",
    version=_THRESHOLD_VERSION,
    layer="check_worthy",
    prior=_THRESHOLD,
    data=[RULES_FILE],
    description='Votes "no" on every sentence: the "yes" cues must outweigh it (checkworthy.yaml).',
)
def cw_threshold(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    return _NO


# The rules' heuristics and the threshold in the registry's order (by name), each with the
# rule it reads (None: the threshold) and its vote.
_MEMBERS = sorted(
    [(n, fn, r.name, vote) for n, fn, vote, r in _RULE_LFS]
    + [("cw_threshold", cw_threshold, None, _NO)]
)
# What the members vote when no rule fires (the threshold alone), and where each rule's vote
# goes in their order.
_NONE_FIRED: list[Sequence[Vote]] = [_NO if rule is None else () for *_, rule, _vote in _MEMBERS]
_PLACE = {rule: (k, vote) for k, (*_, rule, vote) in enumerate(_MEMBERS) if rule is not None}


def _together(sentence: Sentence, ctx: DocContext) -> Sequence[Sequence[Vote]]:
    """What each of ``_MEMBERS`` votes on ``sentence``, in one call (together.py)."""
    answer = _NONE_FIRED.copy()
    for rule in _fired(sentence, ctx):
        k, vote = _PLACE[rule]
        answer[k] = vote
    return answer


answer_together([(n, fn) for n, fn, *_ in _MEMBERS], _together)
