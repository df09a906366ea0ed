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
    memory,
    numeric_lfs,
    org_context,
    suffixes,
    teams,
)
from builder.prelabel.entities.analysed import BODIES
from builder.prelabel.entities.analysis import Analysis, analysis
from builder.prelabel.lf import DocContext, LFCallable, registered
from builder.prelabel.together import Together, answer_together, steps

# A step: the body of one heuristic, or a family's call that answers several.
Step = tuple[Callable[[Analysis, DocContext], Sequence[Vote]] | None, Together | None]


def _plan() -> tuple[list[tuple[str, LFCallable]], list[Step]]:
    """The entity heuristics in the registry's order (layer, then name), and the steps that
    answer them: a body each, a family's call for a run of its members."""
    members = sorted((lf.name, lf.fn) for lf in registered() if lf.layer == "entities")
    plan: list[Step] = []
    for _, fn, run in steps(members):  # the runs other families answer together
        if run is not None:
            plan.append((None, run[1]))
            continue
        body = BODIES.get(fn) if fn is not None else None
        if body is None:  # a heuristic not written over the analysis: no call together
            return members, []
        plan.append((body, None))
    return members, plan


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


def _register() -> None:
    """Register the family's call, with every entity heuristic (imported above) as its
    members; the registry imports this module after the entity families. A set the members
    do not match calls each heuristic alone. Called once, below: the module runs once."""
    members, plan = _plan()
    if plan:
        _STEPS.extend(plan)
        answer_together(members, _together)


_register()
