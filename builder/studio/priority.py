"""Which sentences should annotators see first, without a model server.

Label Studio's community edition has no active learning loop, but its Data Manager sorts by any
task data field. So every task carries ``priority`` (0..1, higher first) and ``priority_why``,
computed here from the pre-labels alone:

- uncertainty: how unsure the aggregated pre-labels are (1 - mean score of what was predicted;
  low scores come from conflicting or weak heuristic votes);
- rarity: the pre-labels include a label that is rare in this batch (rare labels need examples);
- substance: the sentence has a claim or is check-worthy (the layers that need people most);
- novelty: a sentence whose near-duplicate comes earlier in the batch (syndicated copy, repeated
  boilerplate) is pushed to the back: labelling it again teaches little.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from builder.model import Sentence

WEIGHTS = {"uncertainty": 0.45, "rarity": 0.3, "substance": 0.25}
DUPLICATE_FACTOR = 0.1  # a near-duplicate keeps a tenth of its priority
_RARE_SHARE = 0.02  # a label under 2% of the batch's entities counts as rare
_WORD = re.compile(r"\w+")


def _shingles(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}


def _near_duplicates(sentences: Sequence[Sentence], threshold: float = 0.8) -> set[str]:
    """Ids of sentences with a near-duplicate earlier in the list (MinHash LSH on word
    trigrams; exact normalised duplicates included)."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=64)
    seen: set[tuple[str, ...]] = set()
    dupes: set[str] = set()
    for sent in sentences:
        words = tuple(_WORD.findall(sent.text.lower()))
        if words in seen:
            dupes.add(sent.id)
            continue
        seen.add(words)
        if len(words) < 5:  # too short for shingles to mean anything
            continue
        mh = MinHash(num_perm=64, seed=1)
        mh.update_batch([s.encode() for s in _shingles(sent.text)])
        if lsh.query(mh):
            dupes.add(sent.id)
        else:
            lsh.insert(sent.id, mh)
    return dupes


def _scores(record: Mapping[str, Any]) -> list[float]:
    scores = [float(e["score"]) for e in record.get("entities", [])]
    scores += [float(c["score"]) for c in record.get("claims", [])]
    for layer in ("check_worthy", "sentiment"):
        if record.get(layer):
            scores.append(float(record[layer]["score"]))
    return scores


def priorities(
    sentences: Sequence[Sentence], prelabels: Mapping[str, Mapping[str, Any]]
) -> dict[str, tuple[float, str]]:
    """Sentence id -> (priority, why), deterministic for the same input."""
    label_counts = Counter(
        e["label"] for s in sentences for e in prelabels[s.id].get("entities", [])
    )
    total = sum(label_counts.values()) or 1
    rare = {label for label, n in label_counts.items() if n / total < _RARE_SHARE}
    dupes = _near_duplicates(sentences)
    out: dict[str, tuple[float, str]] = {}
    for sent in sentences:
        record = prelabels[sent.id]
        scores = _scores(record)
        parts = {
            "uncertainty": 1.0 - sum(scores) / len(scores) if scores else 0.5,
            "rarity": 1.0 if any(e["label"] in rare for e in record.get("entities", [])) else 0.0,
            "substance": 1.0
            if record.get("claims") or (record.get("check_worthy") or {}).get("label") == "yes"
            else 0.0,
        }
        value = sum(WEIGHTS[k] * v for k, v in parts.items())
        why = [k for k, v in parts.items() if v >= 0.5]
        if sent.id in dupes:
            value *= DUPLICATE_FACTOR
            why.append("near-duplicate")
        out[sent.id] = (round(value, 4), ",".join(why))
    return out
