"""Tokens, features and tags for the claim sequence model: a linear-chain CRF over a sentence's
tokens that tags the parts of attributions (the cue, its source, the content it attributes).

Per token: the word, its shape and last letters, whether it stands inside quotation marks and
the words three either side; and what the heuristics' claim votes say of it (the part each
vote gives it, the names of the heuristics whose cue covers it) and of its neighbours. Unlike
the entity model's, identities are not masked: the words that carry attributions ("said",
"backing", "criticism of") are a small open class that human corrections extend, and learning
the ones the cue lists lack is what the model is for.

Tags: ``B-``/``I-`` of ``CUE``, ``SRC`` and ``CON``, one a token. Where parts overlap (a quote
holding another attribution's cue), the cue wins over the source, the source over content.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from typing import Any

from builder.model import ClaimVote, Span, Vote
from builder.prelabel.learned.features import shape

# Claim part -> tag, weakest first: a later part overwrites an earlier one on a shared token.
PARTS = (("claim", "CON"), ("source", "SRC"), ("cue", "CUE"))
_OPEN, _CLOSE, _BOTH = frozenset("“‘«"), frozenset("”»"), frozenset(('"', "''", "``"))
CONTEXT = (-3, -2, -1, 1, 2, 3)  # the neighbours whose words a token's features hold

Offsets = Sequence[tuple[int, int]]


def _covered(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> range:
    """The tokens that share a character with ``[start, end)``: those ending after ``start``
    and starting before ``end`` (tokens are in order and do not overlap)."""
    return range(bisect_right(ends, start), bisect_left(starts, end))


def part_tags(spans: Offsets, parts: Sequence[tuple[str, int, int]]) -> list[str]:
    """BIO tags of the tokens from ``(part, start, end)`` triples, as if applied in the order
    of ``PARTS`` (the cue last, so it wins a shared token), each part over the tokens it
    overlaps, a later part writing over an earlier one: a token's tag is that of the last part
    covering it, B on that part's first token.

    Applied the other way round, each token is written once: the parts from the last, a token
    already tagged skipped (``_untagged`` finds the next untagged one). A hostile line's thousands
    of claim votes each covering the rest of it would otherwise be retagged thousands of times
    (quadratic in the line's length)."""
    tags = ["O"] * len(spans)
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    order = [
        (label, start, end)
        for name, label in PARTS
        for part, start, end in parts
        if part == name and start < end
    ]
    nxt = list(range(len(spans) + 1))  # a token's next untagged candidate; the last: past the end
    for label, start, end in reversed(order):
        tokens = _covered(starts, ends, start, end)
        i, stop = _untagged(nxt, tokens.start), tokens.stop
        while i < stop:
            tags[i] = ("B-" if i == tokens.start else "I-") + label
            nxt[i] = i + 1
            i = i + 1 if nxt[i + 1] == i + 1 else _untagged(nxt, i + 1)
    return tags


def _untagged(nxt: list[int], i: int) -> int:
    """The first untagged token at or after ``i``: the candidates followed to one that points
    at itself, and the path walked pointed there (so that it is not walked again)."""
    root = i
    while nxt[root] != root:
        root = nxt[root]
    while nxt[i] != root:
        nxt[i], i = root, nxt[i]
    return root


def record_parts(claims: Sequence[Mapping[str, Any]]) -> list[tuple[str, int, int]]:
    """The parts of claim records (pre-labels or human claims, sentence offsets)."""
    out = []
    for c in claims:
        for part, _ in PARTS:
            span = c.get(part)
            if span is not None:
                out.append((part, int(span["start"]), int(span["end"])))
    return out


def vote_parts(
    spans: Offsets, votes: Mapping[str, Sequence[Vote]], skip: str
) -> tuple[list[str], list[list[str]]]:
    """What the heuristics' claim votes say of each token: the part some vote gives it (a tag
    as ``part_tags`` makes them), and the names of the heuristics whose cue covers it. The
    votes of ``skip`` (the model itself) are left out."""
    parts: list[tuple[str, int, int]] = []
    names: list[list[str]] = [[] for _ in spans]
    starts, ends = [s for s, _ in spans], [e for _, e in spans]
    for name, vs in votes.items():
        if name == skip or not vs or type(vs[0]) is not ClaimVote:
            continue
        for v in vs:
            if not isinstance(v, ClaimVote):
                continue
            for part, _ in PARTS:
                span: Span | None = getattr(v, part)
                if span is not None:
                    parts.append((part, span.start, span.end))
            if v.cue is not None:
                for i in _covered(starts, ends, v.cue.start, v.cue.end):
                    names[i].append(f"lf={name}")
    return part_tags(spans, parts), names


def quoted(tokens: Sequence[str]) -> list[bool]:
    """Whether each token stands inside quotation marks (the marks themselves are not)."""
    inside, out = False, []
    for token in tokens:
        if token in _OPEN:
            out.append(False)
            inside = True
        elif token in _CLOSE:
            out.append(False)
            inside = False
        elif token in _BOTH:
            out.append(False)
            inside = not inside
        else:
            out.append(inside)
    return out


def features(
    tokens: Sequence[str], voted: Sequence[str], names: Sequence[list[str]]
) -> list[list[str]]:
    """Every token's feature strings (``voted`` and ``names``: ``vote_parts``)."""
    n = len(tokens)
    low = [t.lower() for t in tokens]
    inside = quoted(tokens)
    rows = []
    for i in range(n):
        word = low[i]
        row = ["b", f"w={word}", f"s={shape(tokens[i])}", f"x3={word[-3:]}", f"q={inside[i]:d}"]
        row += [f"v={voted[i]}", *names[i]]
        for d in CONTEXT:
            j = i + d
            row.append(f"{d}w={low[j]}" if 0 <= j < n else f"{d}w=<s>")
        if i:
            row += [f"-1s={shape(tokens[i - 1])}", f"-1v={voted[i - 1]}"]
        else:
            row.append("first")
        if i + 1 < n:
            row += [f"+1s={shape(tokens[i + 1])}", f"+1v={voted[i + 1]}"]
        rows.append(row)
    return rows


def runs(tags: Sequence[str], label: str) -> list[tuple[int, int]]:
    """``(first, last)`` token of each run tagged ``label`` (an I without its B opens one)."""
    out: list[tuple[int, int]] = []
    for i, tag in enumerate(tags):
        if tag[2:] != label:
            continue
        if tag[0] == "I" and out and out[-1][1] == i - 1:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


def _nearest(
    candidates: list[tuple[int, int]], starts: list[int], cue: tuple[int, int]
) -> tuple[int, int] | None:
    """The run closest to the cue in tokens (the earlier one on a tie): the last before it or
    the first after it (runs of other tags share no token with it; ``starts``: the runs')."""
    at = bisect_left(starts, cue[0])
    before = candidates[at - 1] if at else None
    after = candidates[at] if at < len(candidates) else None
    if before is None or (after is not None and after[0] - cue[1] < cue[0] - before[1]):
        return after
    return before


def attributions(
    tags: Sequence[str],
) -> list[tuple[tuple[int, int], tuple[int, int] | None, tuple[int, int]]]:
    """``(cue, source, content)`` token runs: each cue with the source and content runs
    nearest to it. A cue without content is no claim (a claim record needs its content)."""
    contents, sources = runs(tags, "CON"), runs(tags, "SRC")
    content_starts, source_starts = [r[0] for r in contents], [r[0] for r in sources]
    out = []
    for cue in runs(tags, "CUE"):
        content = _nearest(contents, content_starts, cue)
        if content is not None:
            out.append((cue, _nearest(sources, source_starts, cue), content))
    return out
