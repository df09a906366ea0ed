"""Entity heuristics' accuracies learned from their agreements and disagreements, no labels.

A one-coin Dawid-Skene fit by expectation-maximisation. The unit is a *group* of a sentence:
entity votes whose spans overlap. Its hypotheses are the distinct (span, label) candidates the
heuristics voted for; a heuristic that voted in the group backs one candidate (its own) and
says every other is wrong; a heuristic that did not vote there abstains. Each heuristic has one
accuracy ``a``: the chance that what it votes is the group's truth.

- E step: the posterior of each candidate is proportional to the product, over the voters, of
  ``a`` for its backers and ``(1 - a) / (k - 1)`` for the others (``k`` candidates);
- M step: a heuristic's accuracy is the mean posterior of what it voted, with ``SMOOTHING``
  pseudo-votes at its declared prior (so a heuristic seen in a few groups keeps its prior).

Only groups where at least two heuristics voted tell anything (a lone vote agrees with itself).
Heuristics that never share a group keep their declared prior: the fallback. Deterministic:
groups in sentence order, a fixed number of rounds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from builder.model import EntityVote, Vote

ROUNDS = 30
SMOOTHING = 20.0
Group = tuple[int, list[tuple[str, int]]]  # (number of candidates, (heuristic, its candidate))


def groups_of(votes: Mapping[str, Sequence[Vote]]) -> list[Group]:
    """A sentence's informative groups (two voters or more)."""
    spans: list[tuple[int, int, str, str]] = sorted(
        (v.start, v.end, v.label, name)
        for name, vs in votes.items()
        for v in vs
        if isinstance(v, EntityVote) and v.start < v.end
    )
    out: list[Group] = []
    run: list[tuple[int, int, str, str]] = []
    reach = -1
    for item in [*spans, (1 << 62, 1 << 62, "", "")]:
        if run and item[0] >= reach:
            voters = {name for *_, name in run}
            if len(voters) >= 2:
                candidates = sorted({(s, e, lab) for s, e, lab, _ in run})
                index = {c: i for i, c in enumerate(candidates)}
                backs = sorted({(name, index[(s, e, lab)]) for s, e, lab, name in run})
                out.append((len(candidates), backs))
            run, reach = [], -1
        run.append(item)
        reach = max(reach, item[1])
    return out


def fit_priors(
    sentences: Iterable[Mapping[str, Sequence[Vote]]], declared: Mapping[str, float]
) -> dict[str, float]:
    """The estimated accuracy per entity heuristic (declared prior where it has no evidence),
    rounded to 4 digits; ``declared`` holds every heuristic's prior."""
    groups = [g for votes in sentences for g in groups_of(votes)]
    acc = {name: min(max(p, 0.05), 0.95) for name, p in declared.items()}
    for _ in range(ROUNDS):
        mass: dict[str, float] = {}
        seen: dict[str, int] = {}
        for k, backs in groups:
            post = [1.0] * k
            for name, c in backs:
                a = acc.get(name, 0.5)
                wrong = (1.0 - a) / (k - 1) if k > 1 else 1.0 - a
                post = [p * (a if i == c else wrong) for i, p in enumerate(post)]
            total = sum(post) or 1.0
            for name, c in backs:
                mass[name] = mass.get(name, 0.0) + post[c] / total
                seen[name] = seen.get(name, 0) + 1
        acc = {
            name: min(
                max((mass.get(name, 0.0) + SMOOTHING * p) / (seen.get(name, 0) + SMOOTHING), 0.05),
                0.95,
            )
            for name, p in declared.items()
        }
    return {name: round(a, 4) for name, a in sorted(acc.items())}
