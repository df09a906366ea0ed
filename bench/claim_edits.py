"""Error analysis of the claims pre-labels on a TUNE part of PolNeAR (the dev split, or
train-A: ``bench/devparts.py``, issue 13): the edits an annotator would make, by part and kind,
with examples.

    python -m bench.claim_edits                  # edit counts by category
    python -m bench.claim_edits --examples 10    # also examples of each category
    python -m bench.claim_edits --only source    # examples of one category prefix
    python -m bench.claim_edits --part train-A   # the other tune part (10 times dev's size)

Only tune parts are read: the held-out part (train-B) is for reporting, never for looking at
errors. Pairing and edits are those of ``bench.labels_saved``: pre-labels pair
with gold claims by content overlap; a paired part costs one edit when its span is not the
gold one (as the hull of PolNeAR's discontinuous parts).
"""

from __future__ import annotations

import argparse
import random
from collections import Counter, defaultdict

from bench import devparts
from builder.metrics.matching import ClaimKey
from builder.prelabel.apply import Prelabeler
from builder.prelabel.registry import registry
from builder.quality.devsets import Spans
from builder.quality.edits import claim_pairs
from builder.quality.heuristics import label_gold

Span = tuple[int, int] | None


def _hull(spans: Spans) -> Span:
    return (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None


def _show(text: str, span: Span) -> str:
    return "-" if span is None else repr(text[span[0] : span[1]])


def _boundary(pred: Span, gold: Span) -> str:
    """How a wrong part differs: drawn, removed, or which of its ends moves which way."""
    if pred is None:
        return "missing"
    if gold is None:
        return "extra"
    if pred[1] <= gold[0] or gold[1] <= pred[0]:
        return "elsewhere"
    moves = []
    if pred[0] != gold[0]:
        moves.append("start" + ("<" if pred[0] < gold[0] else ">"))
    if pred[1] != gold[1]:
        moves.append("end" + ("<" if pred[1] < gold[1] else ">"))
    return ",".join(moves)


def _missed_kind(text: str, gold: ClaimKey, sentences: list[tuple[int, int]]) -> str:
    """Why a gold claim may have been missed: across sentences, or its cue a word no rule saw."""
    parts = [p for p in gold[:3] if p is not None]
    if not parts:
        return "missed-empty"
    lo, hi = min(p[0] for p in parts), max(p[1] for p in parts)
    one = any(s <= lo and hi <= e for s, e in sentences)
    return "missed-one-sentence" if one else "missed-across-sentences"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--examples", type=int, default=0, help="examples shown per category")
    ap.add_argument("--only", default="", help="show examples of categories with this prefix")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--part", choices=("dev", "train-A"), default="dev", help="tune part read")
    args = ap.parse_args()
    labeler = Prelabeler([lf for lf in registry() if lf.layer == "claims"])
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    missed_cues: Counter[str] = Counter()
    sentences_n = 0
    docs = devparts.polnear().tune if args.part == "dev" else devparts.polnear_train_halves()[0]
    for doc, labelled in label_gold(docs, labeler):
        text = doc.text
        sentences = [(i.sentence.start, i.sentence.end) for i in labelled]
        sentences_n += len(sentences)
        gold: list[ClaimKey] = [
            (_hull(a.content), _hull(a.source), _hull(a.cue), False) for a in doc.attributions or ()
        ]
        pre: list[ClaimKey] = []
        lfs: list[str] = []
        for item in labelled:
            off = item.sentence.start

            def at(part: dict[str, int] | None, off: int = off) -> Span:
                return None if part is None else (part["start"] + off, part["end"] + off)

            for c in item.prediction["claims"]:
                pre.append((at(c["claim"]), at(c["source"]), at(c["cue"]), False))
                lfs.append("+".join(sorted(c.get("heuristics", []))))
        pairs = claim_pairs(pre, gold)
        for c, j, lf in zip(pre, pairs, lfs, strict=True):
            sent = next(s for s in sentences if s[0] <= (c[2] or c[0] or (0, 0))[0] < s[1])
            ctx = repr(text[sent[0] : sent[1]])
            if j is None:
                key = f"deleted {lf}"
                counts[key] += 1
                examples[key].append(f"cue {_show(text, c[2])} in {ctx}")
                continue
            g = gold[j]
            for part, got, want in (
                ("cue", c[2], g[2]),
                ("source", c[1], g[1]),
                ("content", c[0], g[0]),
            ):
                if got != want:
                    key = f"{part} {_boundary(got, want)}"
                    counts[key] += 1
                    examples[key].append(
                        f"pred {_show(text, got)} gold {_show(text, want)} [{lf}] in {ctx}"
                    )
        paired = {j for j in pairs if j is not None}
        for j, g in enumerate(gold):
            if j in paired:
                continue
            key = _missed_kind(text, g, sentences)
            n = sum(p is not None for p in g[:3])
            counts[key] += n
            cue = text[g[2][0] : g[2][1]] if g[2] else ""
            missed_cues[cue.lower()] += 1
            cue_at = g[2]
            found = next((s for s in sentences if cue_at and s[0] <= cue_at[0] < s[1]), None)
            ctx = repr(text[found[0] : found[1]]) if found else ""
            examples[key].append(
                f"cue {_show(text, g[2])} src {_show(text, g[1])} "
                f"content {_show(text, g[0])[:160]} in {ctx}"
            )
    total = sum(counts.values())
    print(
        f"tune part: {sentences_n} sentences, {total} claim edits "
        f"({100 * total / sentences_n:.1f} per 100 sentences)"
    )
    for key, n in counts.most_common():
        print(f"  {n:5d}  {key}")
    print("missed cues (most common words):")
    print("  " + ", ".join(f"{w} {n}" for w, n in missed_cues.most_common(80)))
    rng = random.Random(args.seed)
    for key, shown in sorted(examples.items()):
        if args.examples and key.startswith(args.only):
            print(f"== {key} ({counts[key]})")
            for line in rng.sample(shown, min(args.examples, len(shown))):
                print("   " + line)


if __name__ == "__main__":
    main()
