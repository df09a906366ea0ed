"""The entity heuristics answered together (issue 14): one call gives every entity
heuristic's votes, in the registry's order, from the sentence's analysis looked up once.

Each heuristic stays registered and callable alone, with the same votes (``together.py``): a
set that leaves one out or replaces one calls them one by one. The bodies of the heuristics
take the analysis (``analysed.on_analysis``); the seven numeric ones are answered by their
own call (``numeric_lfs.py``), which this one makes where they stand in the order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from builder.model import Sentence, Vote
from builder.prelabel.entities import (  # noqa: F401  (the entity heuristics registered)
    context,
    gazetteer_lfs,
    lfs,
    numeric_lfs,
    suffixes,
    teams,
)
from builder.prelabel.entities.analysed import BODIES
from builder.prelabel.entities.analysis import Analysis, analysis
from builder.prelabel.lf import DocContext, LFCallable, registered
from builder.prelabel.together import Together, answer_together, runs

# A step: the body of one heuristic, or a family's call that answers several.
Step = tuple[Callable[[Analysis, DocContext], Sequence[Vote]] | None, Together | None]


def _plan() -> tuple[list[tuple[str, LFCallable]], list[Step]]:
    """The entity heuristics in the registry's order (layer, then name), and the steps that
    answer them: a body each, a family's call for a run of its members."""
    members = sorted((lf.name, lf.fn) for lf in registered() if lf.layer == "entities")
    steps: list[Step] = []
    i = 0
    while i < len(members):
        for group, call in runs():
            if tuple(members[i : i + len(group)]) == group:
                steps.append((None, call))
                i += len(group)
                break
        else:
            body = BODIES.get(members[i][1])
            if body is None:  # a heuristic not written over the analysis: no call together
                return members, []
            steps.append((body, None))
            i += 1
    return members, steps


_STEPS: list[Step] = []


def _together(sentence: Sentence, ctx: DocContext) -> Sequence[Sequence[Vote]]:
    """What each entity heuristic votes on ``sentence``, in the registry's order."""
    a = analysis(sentence, ctx)
    out: list[Sequence[Vote]] = []
    for body, call in _STEPS:
        if body is not None:
            out.append(body(a, ctx))
        else:
            assert call is not None
            out.extend(call(sentence, ctx))
    return out


def register() -> None:
    """Register the family's call, with the entity heuristics registered so far as its
    members: ``org_context.py``, the last entity family the registry imports (and which no
    module imports, so that this one need not import it), calls it once it has registered its
    own heuristic. A set the members do not match calls each heuristic alone."""
    if _STEPS:
        return  # registered once
    members, steps = _plan()
    if steps:
        _STEPS.extend(steps)
        answer_together(members, _together)
