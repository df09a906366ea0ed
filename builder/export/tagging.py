"""The BIO tags and kept entity spans of a whole chunk of rows at once: what ``bio.align`` and
the row builder's tagging give row by row, in numpy over the chunk.

The rows' texts are laid end to end, one position apart, so that a position names one text:
a span inside its text starts at a token start and ends at a token end of that text exactly
when its position does in the chunk's tokens (a sorted search over all of them). A row whose
spans all align without overlapping is tagged by array operations; a row with any other span
(one that cuts a token, leaves the text or overlaps another) takes ``bio.align``, row by row,
so that what it reports and keeps is what it always was. tests/export/test_tagging.py holds the
two ways to the same results.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from builder.export.bio import EntitySpan, Misaligned, align
from builder.export.names import Encoder
from builder.export.tokens import Tokens

Ints = npt.NDArray[np.int64]


class Tagged(NamedTuple):
    """The tags of a chunk's tokens and the entity spans its rows keep."""

    tags: npt.NDArray[np.uint8]  # per token: its BIO tag id
    starts: Ints  # kept spans, rows in order, each row's in (start, end, label) order
    ends: Ints
    labels: Ints  # entity label ids
    counts: Ints  # per row: how many kept spans are its
    problems: list[tuple[int, list[Misaligned]]]  # (row, its spans that cannot be tagged)


def _ranged(firsts: Ints, sizes: Ints) -> Ints:
    """``firsts[k], firsts[k] + 1, ..., firsts[k] + sizes[k] - 1`` for every k, in one array."""
    total = int(sizes.sum())
    ranged: Ints = np.repeat(firsts - (np.cumsum(sizes) - sizes), sizes) + np.arange(total)
    return ranged


def tag_rows(
    sids: Sequence[str],
    texts: Sequence[str],
    entities: Sequence[Sequence[EntitySpan]],
    tokens: Tokens,
    enc: Encoder,
) -> Tagged:
    """Tags and kept spans of each row's ``entities`` (a span given twice is one span) over its
    tokens (``tokens.batch_tokens`` of ``texts``). A label missing from ``enc`` raises KeyError
    where a span of it would be kept, as the row builder did."""
    n_rows, n_tokens = len(texts), len(tokens.ends)
    tags = np.full(n_tokens, enc.bio["O"], np.uint8)
    flat = list(chain.from_iterable(entities))
    if not flat:
        empty = np.zeros(0, np.int64)
        return Tagged(tags, empty, empty, empty, np.zeros(n_rows, np.int64), [])
    starts_of, ends_of, names_of = zip(*flat, strict=True)
    row = np.repeat(np.arange(n_rows), np.fromiter(map(len, entities), np.int64, n_rows))
    start, end = np.array(starts_of, np.int64), np.array(ends_of, np.int64)
    names = sorted(set(names_of))  # the order of ``sorted`` on the (start, end, label) tuples
    rank = dict(zip(names, range(len(names)), strict=True))
    label = np.fromiter(map(rank.__getitem__, names_of), np.int64, len(flat))
    order = np.lexsort((label, end, start, row))
    row, start, end, label = row[order], start[order], end[order], label[order]
    new = np.ones(len(row), np.bool_)  # not the same span as the one before
    new[1:] = (np.diff(row) != 0) | (np.diff(start) != 0) | (np.diff(end) != 0)
    new[1:] |= np.diff(label) != 0
    row, start, end, label = row[new], start[new], end[new], label[new]
    # Positions in the texts laid end to end
    sizes = np.fromiter(map(len, texts), np.int64, n_rows)
    base = np.cumsum(sizes + 1) - (sizes + 1)
    token_ends = tokens.ends + np.repeat(base, tokens.counts)
    token_starts = tokens.starts + np.repeat(base, tokens.counts)
    at_start, at_end = start + base[row], end + base[row]
    first = np.searchsorted(token_starts, at_start)
    last = np.searchsorted(token_ends, at_end)
    ids = np.array([enc.entity.get(name, -1) for name in names], np.int64)[label]
    ok = (start >= 0) & (start < end) & (end <= sizes[row]) & (first < n_tokens)
    ok &= (last < n_tokens) & (ids >= 0)
    ok[ok] = (token_starts[first[ok]] == at_start[ok]) & (token_ends[last[ok]] == at_end[ok])
    # An aligned span that starts at or before the last token of an aligned one before it
    # (rows' tokens follow each other: only its own row's can)
    before = np.maximum.accumulate(np.where(ok, last, -1))
    ok[1:] &= first[1:] > before[:-1]
    plain = np.unique(row[~ok])
    clean = ~np.isin(row, plain)
    first, last, ids = first[clean], last[clean], ids[clean]
    tags[first] = np.array([enc.bio[f"B-{name}"] for name in enc.entity], np.uint8)[ids]
    inside = last - first
    if inside.any():
        inside_of = np.array([enc.bio[f"I-{name}"] for name in enc.entity], np.uint8)
        tags[_ranged(first + 1, inside)] = np.repeat(inside_of[ids], inside)
    kept = [row[clean], start[clean], end[clean], ids]
    problems = _plain_rows(plain.tolist(), sids, texts, entities, tokens, enc, tags, kept)
    if problems:
        order = np.argsort(kept[0], kind="stable")  # the plain rows' spans to their places
        kept = [column[order] for column in kept]
    counts = np.bincount(kept[0], minlength=n_rows).astype(np.int64)
    return Tagged(tags, kept[1], kept[2], kept[3], counts, problems)


def _plain_rows(
    rows: list[int],
    sids: Sequence[str],
    texts: Sequence[str],
    entities: Sequence[Sequence[EntitySpan]],
    tokens: Tokens,
    enc: Encoder,
    tags: npt.NDArray[np.uint8],
    kept: list[Ints],
) -> list[tuple[int, list[Misaligned]]]:
    """The rows with a span that cannot be tagged, row by row (``bio.align``): their tags into
    ``tags``, their kept spans onto ``kept``; what each cannot tag."""
    if not rows:
        return []
    firsts = np.cumsum(tokens.counts) - tokens.counts
    problems: list[tuple[int, list[Misaligned]]] = []
    more: list[tuple[int, int, int, int]] = []  # (row, start, end, label id)
    for r in rows:
        lo, hi = int(firsts[r]), int(firsts[r] + tokens.counts[r])
        starts, ends = tokens.starts[lo:hi].tolist(), tokens.ends[lo:hi].tolist()
        spans = sorted(set(entities[r]))
        tagged, wrong = align(sids[r], texts[r], starts, ends, spans)
        for first, last, name in tagged:
            tags[lo + first] = enc.bio[f"B-{name}"]
            tags[lo + first + 1 : lo + last + 1] = enc.bio[f"I-{name}"]
        bad = {(m.start, m.end, m.label) for m in wrong}
        more += [(r, s, e, enc.entity[name]) for s, e, name in spans if (s, e, name) not in bad]
        if wrong:
            problems.append((r, wrong))
    if more:
        added = np.array(more, np.int64).T
        kept[:] = [np.concatenate([old, new]) for old, new in zip(kept, added, strict=True)]
    return problems
