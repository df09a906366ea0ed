"""Entity labeling functions of the numeric patterns (``numeric.py``): one LF a label, all
reading the hits of one pass over the sentence."""

from __future__ import annotations

from collections.abc import Sequence

from builder.model import EntityVote, Sentence, Vote
from builder.prelabel.entities import numeric
from builder.prelabel.entities.analysis import Analysis, analysis
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
    at = a.numbered  # v3 of numeric_cardinal: no vote on the number a name's run took
    for s, e, label in numeric.find(a.text):  # ("Rossiya 24", "Radio 4's"; numbered.py)
        if s != at or label != "CARDINAL":
            by_label.setdefault(label, []).append((s, e))
    ctx.state[slot] = (a, by_label)
    return by_label


def _votes(spans: list[tuple[int, int]] | None, label: str, name: str) -> list[EntityVote]:
    return [entity_vote(s, e, label, 1.0, name) for s, e in spans] if spans else []


def _numeric_lf(label: str, prior: float) -> LFCallable:
    name = f"numeric_{label.lower()}"

    def lf(sentence: Sentence, ctx: DocContext) -> list[EntityVote]:
        return _votes(_numeric_by_label(analysis(sentence, ctx), ctx).get(label), label, name)

    # 2: no CARDINAL inside "24/7" or "3/4", one token (issue 15); 3 (CARDINAL alone): none
    # on the number a name's run took ("Rossiya 24"; analysis.numbered); 4: a holiday's year
    # and a score line's number are no name's ("Christmas 2004", "Portsmouth 1, Southampton")
    return labeling_function(
        name,
        version=4 if label == "CARDINAL" else 2,
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
    by_label = _numeric_by_label(analysis(sentence, ctx), ctx)
    if not by_label:
        return _NONE
    return [_votes(by_label.get(label), label, name) for name, _, label in _MEMBERS]


answer_together([(name, lf) for name, lf, _ in _MEMBERS], _together)
