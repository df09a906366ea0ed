"""Entity labeling functions of the numeric patterns (``numeric.py``): one LF a label, all
reading the hits of one pass over the sentence."""

from __future__ import annotations

from collections.abc import Sequence

from builder.model import EntityVote, Sentence, Vote
from builder.prelabel.entities import numeric
from builder.prelabel.entities.analysis import Analysis, analysis, in_longer_run
from builder.prelabel.entities.entity_votes import entity_vote
from builder.prelabel.lf import DocContext, LFCallable, labeling_function
from builder.prelabel.together import answer_together


def _numeric_by_label(a: Analysis, ctx: DocContext) -> dict[str, list[tuple[int, int]]]:
    """The numeric hits per label, in text order: each of the seven numeric LFs takes its own
    instead of filtering all of them."""
    slot = "entities.numeric_by_label"
    cached = ctx.state.get(slot)
    if isinstance(cached, tuple) and cached[0] is a:
        by_label: dict[str, list[tuple[int, int]]] = cached[1]
        return by_label
    by_label = {}
    for s, e, label in numeric.find(a.text):
        by_label.setdefault(label, []).append((s, e))
    ctx.state[slot] = (a, by_label)
    return by_label


def _votes(
    spans: list[tuple[int, int]] | None, label: str, name: str, a: Analysis
) -> list[EntityVote]:
    if not spans:
        return []
    if label != "CARDINAL" or not a.runs:
        return [entity_vote(s, e, label, 1.0, name) for s, e in spans]
    # v3: a number in digits inside a name's run is the name's ("Rossiya 24", "Radio 4";
    # numbered.py): a weak vote, that the run's outweighs. (A number word in capitals, "BBC
    # One", stays the patterns': cap_run would read the run as a person's name.)
    text = a.text
    return [
        entity_vote(s, e, label, 0.4 if text[s].isdigit() and in_longer_run(a, s, e) else 1.0, name)
        for s, e in spans
    ]


def _numeric_lf(label: str, prior: float) -> LFCallable:
    name = f"numeric_{label.lower()}"

    def lf(sentence: Sentence, ctx: DocContext) -> list[EntityVote]:
        a = analysis(sentence, ctx)
        return _votes(_numeric_by_label(a, ctx).get(label), label, name, a)

    # 2: no CARDINAL inside "24/7" or "3/4", one token (issue 15); 3: a CARDINAL inside a
    # name's run is weak ("Rossiya 24"; the others are the same as v2)
    return labeling_function(
        name,
        version=3 if label == "CARDINAL" else 2,
        layer="entities",
        description=f"{label} expressions matched by the patterns of numeric.py.",
        prior=prior,
        data=numeric.DATA,
    )(lf)


NUMERIC_LFS = [_numeric_lf(label, 0.6 if label == "CARDINAL" else 0.8) for label in numeric.ORDER]
# The seven in the registry's order (by name), answered by one call (together.py).
_MEMBERS = sorted(
    (f"numeric_{label.lower()}", lf, label)
    for label, lf in zip(numeric.ORDER, NUMERIC_LFS, strict=True)
)
_NONE: tuple[Sequence[Vote], ...] = tuple(() for _ in _MEMBERS)  # no numeric expression


def _together(sentence: Sentence, ctx: DocContext) -> Sequence[Sequence[Vote]]:
    """What each of the seven votes on ``sentence``, in their order."""
    a = analysis(sentence, ctx)
    by_label = _numeric_by_label(a, ctx)
    if not by_label:
        return _NONE
    return [_votes(by_label.get(label), label, name, a) for name, _, label in _MEMBERS]


answer_together([(name, lf) for name, lf, _ in _MEMBERS], _together)
