"""Which sentences should annotators see first, without a model server.

Label Studio's community edition has no active learning loop, but its Data Manager sorts by any
task data field. So every task carries ``priority`` (0..1, higher first) and ``priority_why``,
computed from the pre-labels and from what is already annotated:

- uncertainty: how unsure the aggregated pre-labels are (1 - mean score of what was predicted);
- conflict: heuristics disagreed and the aggregation overruled some of them (the pre-label
  record's ``conflicts``: an entity span with two labels or two overlapping spans, two
  readings of a claim, class heuristics voting for different classes);
- rarity: the pre-labels include a label that is rare in this batch (rare labels need examples);
- substance: the sentence has a claim or is check-worthy (the layers that need people most);
- novelty: the distance to the nearest sentence already annotated or earlier in the batch
  (Jaccard similarity of word trigrams, candidates found with MinHash LSH: builder/minhash.py,
  datasketch's signatures and bands). The priority is multiplied by ``1 - 0.9 * closeness``,
  where closeness rises from 0 at similarity ``NEAR`` to 1 for a copy: labelling syndicated
  copy or boilerplate again teaches little.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from builder.band_index import BandIndex
from builder.minhash import Hasher, Permutations
from builder.model import Sentence

WEIGHTS = {"uncertainty": 0.35, "conflict": 0.2, "rarity": 0.25, "substance": 0.2}
NEAR = 0.4  # below this word-trigram Jaccard similarity two sentences are unrelated
COPY_FACTOR = 0.1  # an exact copy keeps a tenth of its priority
_RARE_SHARE = 0.02  # a label under 2% of the batch's entities counts as rare
_NUM_PERM = 64
_WORD = re.compile(r"\w+")


def _shingles(text: str) -> frozenset[str]:
    words = _WORD.findall(text.lower())
    return frozenset(" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2)))


_NO_WORDS = frozenset({""})


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b)


@cache
def _permutations() -> Permutations:
    return Permutations.datasketch(NEAR, _NUM_PERM)


def nearest(sentences: Sequence[Sentence], annotated: Iterable[str] = ()) -> dict[str, float]:
    """Sentence id -> similarity (at least ``NEAR``, up to 1.0) of its nearest neighbour among
    the ``annotated`` texts and the sentences before it; sentences with none are left out."""
    kept: list[frozenset[str]] = []  # the rows of the index: distinct shingle sets, in order
    copies: set[frozenset[str]] = set()
    for text in sorted(set(annotated)):
        shingles = _shingles(text)
        if shingles not in copies and shingles != _NO_WORDS:
            copies.add(shingles)
            kept.append(shingles)
    first = len(kept)  # the row of the first sentence
    rows: list[tuple[str, int | None]] = []  # (sentence id, row); None: a copy of a text before
    for sent in sentences:
        shingles = _shingles(sent.text)
        if shingles == _NO_WORDS:  # "?" or "—": nothing to compare
            continue
        if shingles in copies:  # the same words (short sentences included): a copy
            rows.append((sent.id, None))
            continue
        copies.add(shingles)
        rows.append((sent.id, len(kept)))
        kept.append(shingles)
    perms = _permutations()
    index = BandIndex(Hasher(perms).signatures(kept), perms)
    best = [0.0] * len(kept)
    for row, shingles in enumerate(kept):
        if row >= first:  # each sentence against the annotated texts and those before it
            found = (_jaccard(shingles, kept[k]) for k in index.candidates(row))
            best[row] = max(found, default=0.0)
        index.add(row)
    out: dict[str, float] = {}
    for sid, at in rows:
        if at is None:
            out[sid] = 1.0
        elif best[at] >= NEAR:
            out[sid] = round(best[at], 4)
    return out


def novelty_factor(similarity: float) -> float:
    """1.0 for a sentence unlike any other, ``COPY_FACTOR`` for a copy, linear in between."""
    closeness = max(0.0, (similarity - NEAR) / (1.0 - NEAR))
    return 1.0 - (1.0 - COPY_FACTOR) * closeness


def _scores(record: Mapping[str, Any]) -> list[float]:
    scores = [float(e["score"]) for e in record.get("entities", [])]
    scores += [float(c["score"]) for c in record.get("claims", [])]
    for layer in ("check_worthy", "sentiment"):
        if record.get(layer):
            scores.append(float(record[layer]["score"]))
    return scores


def priorities(
    sentences: Sequence[Sentence],
    prelabels: Mapping[str, Mapping[str, Any]],
    annotated: Iterable[str] = (),
) -> dict[str, tuple[float, str]]:
    """Sentence id -> (priority, why), deterministic for the same input; ``annotated``: the
    texts of tasks that already have human work."""
    label_counts = Counter(
        e["label"] for s in sentences for e in prelabels[s.id].get("entities", [])
    )
    total = sum(label_counts.values()) or 1
    rare = {label for label, n in label_counts.items() if n / total < _RARE_SHARE}
    similar = nearest(sentences, annotated)
    out: dict[str, tuple[float, str]] = {}
    for sent in sentences:
        record = prelabels[sent.id]
        scores = _scores(record)
        overruled = sum((record.get("conflicts") or {}).values())
        parts = {
            "uncertainty": 1.0 - sum(scores) / len(scores) if scores else 0.5,
            "conflict": min(1.0, overruled / 2),
            "rarity": 1.0 if any(e["label"] in rare for e in record.get("entities", [])) else 0.0,
            "substance": 1.0
            if record.get("claims") or (record.get("check_worthy") or {}).get("label") == "yes"
            else 0.0,
        }
        value = sum(WEIGHTS[k] * v for k, v in parts.items())
        why = [k for k, v in parts.items() if v >= 0.5]
        factor = novelty_factor(similar.get(sent.id, 0.0))
        if factor < 1.0:
            value *= factor
            why.append(f"near-duplicate {similar[sent.id]:.2f}")
        out[sent.id] = (round(value, 4), ",".join(why))
    return out
