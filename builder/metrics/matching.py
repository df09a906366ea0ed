"""Match the items of two annotations of one text: each item used at most once, as many pairs
as possible.

``builder.metrics.prf`` matches overlapping spans greedily, which is enough to score
heuristics whose aggregated spans never overlap. Two human annotations may both hold
overlapping spans, and then the greedy count depends on the order of the spans and on which
side is the reference. A maximum bipartite matching does not: its size is the same for
``(a, b)`` and ``(b, a)`` and for any order of either list, so pairwise F1 is symmetric.

``Match`` names the two ways spans match, here and everywhere a score says which it used.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any, TypeVar

A = TypeVar("A")
B = TypeVar("B")
LabelledSpan = tuple[int, int, str]  # (start, end, label)


class Match(StrEnum):
    """How two spans match: ``exact`` needs the same start, end and label; ``overlap`` the same
    label and at least one shared character."""

    exact = "exact"
    overlap = "overlap"


ClaimKey = tuple[tuple[int, int] | None, tuple[int, int] | None, tuple[int, int] | None, bool]


def span_key(part: Mapping[str, Any] | None) -> tuple[int, int] | None:
    """``(start, end)`` of a span record (its ``text``, if any, left out)."""
    return None if part is None else (int(part["start"]), int(part["end"]))


def claim_key(c: Mapping[str, Any]) -> ClaimKey:
    """A claim record (human or pre-label) as ``(claim, source, cue, direct)`` spans."""
    return (
        span_key(c["claim"]),
        span_key(c.get("source")),
        span_key(c.get("cue")),
        bool(c.get("direct")),
    )


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Half-open ranges sharing at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def max_matching(left: Sequence[A], right: Sequence[B], fits: Callable[[A, B], bool]) -> int:
    """The size of a maximum matching between ``left`` and ``right`` where ``fits`` says which
    pairs may match (augmenting paths found breadth-first, no recursion)."""
    edges = [[j for j, r in enumerate(right) if fits(item, r)] for item in left]
    match_left = [-1] * len(left)
    match_right = [-1] * len(right)
    size = 0
    for root in range(len(left)):
        reached_from: dict[int, int] = {}  # right index -> the left index that reached it
        frontier, free = [root], -1
        while frontier and free < 0:
            following = []
            for i in frontier:
                for j in edges[i]:
                    if j in reached_from:
                        continue
                    reached_from[j] = i
                    if match_right[j] < 0:
                        free = j
                        break
                    following.append(match_right[j])
                if free >= 0:
                    break
            frontier = following
        if free < 0:
            continue
        j = free
        while True:  # flip the path root -> ... -> free
            i = reached_from[j]
            previous = match_left[i]
            match_left[i], match_right[j] = j, i
            if i == root:
                break
            j = previous
        size += 1
    return size


def matched_per_label(
    a: Iterable[LabelledSpan], b: Iterable[LabelledSpan], match: Match
) -> Counter[str]:
    """How many spans of ``a`` and ``b`` match, per label, each span at most once."""
    if match == Match.exact:
        common = Counter(a) & Counter(b)
        out: Counter[str] = Counter()
        for (_, _, label), n in common.items():
            out[label] += n
        return out
    by_label_a, by_label_b = _by_label(a), _by_label(b)
    return Counter(
        {
            label: n
            for label in by_label_a.keys() & by_label_b.keys()
            if (n := max_matching(by_label_a[label], by_label_b[label], _spans_overlap))
        }
    )


def count_labels(spans: Iterable[LabelledSpan]) -> Counter[str]:
    return Counter(label for _, _, label in spans)


def _by_label(spans: Iterable[LabelledSpan]) -> dict[str, list[LabelledSpan]]:
    out: dict[str, list[LabelledSpan]] = defaultdict(list)
    for span in spans:
        out[span[2]].append(span)
    return out


def _spans_overlap(a: LabelledSpan, b: LabelledSpan) -> bool:
    return overlap((a[0], a[1]), (b[0], b[1]))
