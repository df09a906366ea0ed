"""Entity votes resolved into entities: the votes that cut no token, combined per span and
label, chosen greedily by score without overlaps (``aggregate.py`` holds the other layers)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import itemgetter

from builder.model import EntityVote
from builder.prelabel.aggregate import ROUNDED, rounded
from builder.segment.tokenizer import boundaries, cut_of


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str
    score: float
    heuristics: tuple[str, ...]


def _cut_no_token(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """The non-empty ``spans`` inside ``text`` that start where a token of the tokenizer
    starts and end where one ends: a span that cuts a token ("24" of "24/7") could never be
    tagged in BIO, and the export would leave it out with an E502 warning on every build. It
    is not produced at all. A span between white space (or the text's ends) holds whole
    chunks, whole tokens; the others are read against the tokens of their chunks (whose
    tokens do not depend on the other spans: each span is read once, whatever votes for it)."""
    # ASCII (known in O(1)) without control characters (a C scan): " " is its only white space
    if text.isascii() and text.isprintable():
        return _cut_no_token_spaced(spans, text)
    return _cut_no_token_found(spans, text)


def _cut_no_token_found(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """:func:`_cut_no_token` of any text: the chunks that hold the ends of the spans not
    between white space found and cut by the tokenizer's ``boundaries``."""
    n = len(text)
    between: list[bool] = []  # a span a flag: whether it lies between white space
    inner: list[tuple[int, int]] = []
    for start, end in spans:
        flag = (
            0 <= start < end <= n
            and (start == 0 or text[start - 1].isspace())
            and (end == n or text[end].isspace())
            and not text[start].isspace()
            and not text[end - 1].isspace()
        )
        between.append(flag)
        if not flag:
            inner.append((start, end))
    if not inner:
        return spans
    starts, ends = boundaries(text, [p for start, end in inner for p in (start, end - 1)])
    return [
        (start, end)
        for (start, end), flag in zip(spans, between, strict=True)
        if flag or (0 <= start < end <= n and start in starts and end in ends)
    ]


def _cut_no_token_spaced(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """:func:`_cut_no_token` of a text whose only white space is " " (an ASCII text without
    control characters: 95% of corpus/bbc's sentences). An end of a span that lies inside a
    chunk is looked up in the token ends of that chunk alone (the chunk found by ``str.rfind``
    and ``str.find``, its cut remembered by the tokenizer): the tokenizer's ``boundaries`` for
    a few positions (sorted, two regular-expression scans and two sets a chunk) was half the
    cost of choosing the entities (issue 14)."""
    n = len(text)
    kept: list[tuple[int, int]] = []
    for span in spans:
        start, end = span
        if not 0 <= start < end <= n or text[start] == " " or text[end - 1] == " ":
            continue
        # An end with no space on either side lies inside a chunk: a token must start (or
        # end) there. The sides are tested here, where most spans stop: the look-up, one for
        # both ends, runs only inside a chunk (the whole test a call for both ends of every
        # span cost 4 k instructions a sentence more, a fifth of the check).
        if start and text[start - 1] != " " and _inside_token(text, start):
            continue
        if end < n and text[end] != " " and _inside_token(text, end):
            continue
        kept.append(span)
    return kept


def _inside_token(text: str, at: int) -> bool:
    """Whether ``at``, a place inside a chunk of ``text`` (no white space but " " in it), lies
    inside a token, not between two: ``at`` is no token end of its chunk. A chunk's tokens
    tile it (the pattern's last branch takes any character that is no white space), so the
    token ends inside it are its token starts too: one test for a span's start and end."""
    first = text.rfind(" ", 0, at) + 1
    stop = text.find(" ", at)
    return at - first not in cut_of(text[first : stop if stop >= 0 else len(text)])[1]


Candidate = tuple[float, int, int, str, int, tuple[str, ...]]
# (-score, start - end, start, label, end, heuristics): an entity as a tuple, in the order of
# choosing (best score, then longer, then leftmost, then label: unique, a span keeps one label)


def aggregate_entities(votes: Iterable[EntityVote], priors: Mapping[str, float]) -> list[Entity]:
    return [Entity(c[2], c[4], c[3], -c[0], c[5]) for c in chosen_entities(votes, priors)[0]]


def chosen_entities(
    votes: Iterable[EntityVote], priors: Mapping[str, float], text: str | None = None
) -> tuple[list[Candidate], int]:
    """The entities of :func:`aggregate_entities` as tuples (no dataclass a vote: the labeler
    writes them as dictionaries), and the number of (span, label) pairs voted for. With the
    sentence's ``text``, only the votes whose span cuts no token of it count
    (:func:`_cut_no_token`)."""
    by_span: dict[tuple[int, int], dict[str, list[EntityVote]]] = {}
    for v in votes:
        span = (v.start, v.end)
        labels = by_span.get(span)
        if labels is None:
            by_span[span] = {v.label: [v]}
        elif v.label in labels:
            labels[v.label].append(v)
        else:
            labels[v.label] = [v]
    if text is not None:  # the spans read once each, not once a vote
        spans = list(by_span)
        kept = _cut_no_token(spans, text)
        if len(kept) < len(spans):
            by_span = {span: by_span[span] for span in kept}
    candidates: list[Candidate] = []
    pairs = 0
    for (start, end), labels in by_span.items():
        pairs += len(labels)
        best: tuple[float, str, list[EntityVote]] | None = None
        for label, vs in labels.items():
            # _noisy_or written out (the same operations in the same order: the same floats):
            # it ran for every span of every sentence, a generator each time.
            miss = 1.0
            for v in vs:
                w = priors.get(v.lf, 0.5) * v.score
                miss *= 1.0 - (w if 0.0 <= w <= 1.0 else min(max(w, 0.0), 1.0))
            score = 1.0 - miss
            if best is None or (score, label) > (best[0], best[1]):
                best = (score, label, vs)
        assert best is not None  # a span has at least one vote
        score, label, vs = best
        heuristics = (vs[0].lf,) if len(vs) == 1 else tuple(sorted({v.lf for v in vs}))
        # rounded(score), its memo read here: a call a span cost more than the look-up
        r = ROUNDED.get(score)
        candidates.append(
            (-(rounded(score) if r is None else r), start - end, start, label, end, heuristics)
        )
    if len(candidates) < 2:  # one span (a third of the sentences with a vote): nothing to choose
        return candidates, pairs
    candidates.sort()
    taken = _choose(candidates) if len(candidates) > _FEW else _choose_few(candidates)
    if len(taken) > 1:
        taken.sort(key=_START)  # stable: empty spans keep their place at a start
    return taken, pairs


def _choose_few(candidates: list[Candidate]) -> list[Candidate]:
    """:func:`_choose` for a few candidates: each checked against those taken."""
    taken: list[Candidate] = []
    for cand in candidates:
        start, end = cand[2], cand[4]
        for t in taken:  # a loop, not all() over a generator: most sentences take a few
            if start < t[4] and end > t[2]:
                break
        else:
            taken.append(cand)
    return taken


_START = itemgetter(2)  # a candidate's start, read in C
_FEW = 32  # candidates checked against each other directly; more, by binary search


def _choose(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates, best first, that overlap no better one.

    The spans taken so far are kept sorted: (start, end) of the non-empty ones, which do not
    overlap (so only the last one starting before a candidate's end can overlap it), and the
    places of the empty ones. Checking each candidate against every span taken was quadratic
    in a sentence of thousands of numbers (issue 16).
    """
    taken: list[Candidate] = []
    starts: list[int] = []
    ends: list[int] = []
    points: list[int] = []
    for cand in candidates:
        start, end = cand[2], cand[4]
        k = bisect_left(starts, end) - 1
        if k >= 0 and ends[k] > start:
            continue
        p = bisect_right(points, start)
        if p < len(points) and points[p] < end:
            continue
        taken.append(cand)
        if start == end:
            insort(points, start)
        else:
            k = bisect_left(starts, start)
            starts.insert(k, start)
            ends.insert(k, end)
    return taken
