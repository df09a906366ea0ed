"""Labeling functions answered together, by one call.

A family whose functions each read one shared answer of the sentence (the check-worthiness
rules read which rules fired) registers a call that returns the votes of every one of them,
in their order: the labeler makes that call where its set holds all of them, in that order
and next to each other (``apply.py``), instead of calling each (33 calls a sentence for the
check-worthiness rules, most of them abstaining). Each function stays registered and callable
alone, with the same votes: a set that leaves one out, or replaces one, calls them one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from builder.model import Sentence, Vote
from builder.prelabel.lf import DocContext, LFCallable

# The votes of each member, in the members' order.
Together = Callable[[Sentence, DocContext], Sequence[Sequence[Vote]]]
Members = tuple[tuple[str, LFCallable], ...]

# A step of the labeler: (name, function, None) for a function called alone, (first name,
# None, (the names, the call)) for a run answered together.
Step = tuple[str, LFCallable | None, tuple[tuple[str, ...], Together] | None]
_TOGETHER: list[tuple[Members, Together]] = []


def answer_together(members: Sequence[tuple[str, LFCallable]], call: Together) -> None:
    """Register ``call``: for a sentence, the votes of each of ``members`` (name, function),
    in that order: what each function returns for it."""
    _TOGETHER.append((tuple(members), call))


def steps(calls: Sequence[tuple[str, LFCallable]]) -> list[Step]:
    """``calls`` (name, function), with each run that a registered call answers together
    replaced by that call."""
    out: list[Step] = []
    i = 0
    while i < len(calls):
        for members, call in _TOGETHER:
            if tuple(calls[i : i + len(members)]) == members:
                out.append((members[0][0], None, (tuple(n for n, _ in members), call)))
                i += len(members)
                break
        else:
            out.append((calls[i][0], calls[i][1], None))
            i += 1
    return out


def cast(
    plan: Sequence[Step], sentence: Sentence, ctx: DocContext, votes: dict[str, Sequence[Vote]]
) -> None:
    """The votes of each step of ``plan`` for ``sentence`` into ``votes``, by function name."""
    for name, fn, together in plan:
        if fn is not None:
            votes[name] = fn(sentence, ctx)
        elif together is not None:
            names, call = together
            votes.update(zip(names, call(sentence, ctx), strict=True))


def runs() -> list[tuple[Members, Together]]:
    """The registered calls, each with its members."""
    return list(_TOGETHER)
