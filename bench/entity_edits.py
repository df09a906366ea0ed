"""Error analysis of the entity pre-labels on the TUNE part of CoNLL-2003 dev (issue 13):
which edits an annotator would make, and which heuristics voted for each edited span.

    python -m bench.entity_edits               # edit classes, relabels, heuristics per class
    python -m bench.entity_edits --examples 8  # also a few spans of each (class, heuristics)

Only the tune part (``bench/devparts.py``) is read: the held-out part is for reporting, never
for looking at errors. Edit classes are those of ``builder eval`` (``builder.quality.edits``);
an addition is a gold span that overlaps no pre-label, shown by its gold type.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict

from bench import devparts
from builder.metrics.matching import LabelledSpan, overlap
from builder.prelabel.apply import Prelabeler
from builder.prelabel.registry import registry
from builder.quality.edits import entity_outcome
from builder.quality.heuristics import label_gold

Example = tuple[str, str, str]  # span text, label, context


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--examples", type=int, default=0, help="spans shown per class")
    args = ap.parse_args()
    dev = devparts.conll()
    emap = dev.entity_map or {}
    labeler = Prelabeler([lf for lf in registry() if lf.layer == "entities"])
    outcomes: Counter[str] = Counter()
    relabels: Counter[tuple[str, str]] = Counter()
    voters: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[tuple[str, str], list[Example]] = defaultdict(list)
    for doc, labelled in label_gold(dev.tune, labeler):
        gold: list[LabelledSpan] = list(doc.entities or ())
        spans = []
        for item in labelled:
            off = item.sentence.start
            for e in item.prediction["entities"]:
                if not (label := emap.get(e["label"])):
                    continue
                pre = (e["start"] + off, e["end"] + off, label)
                spans.append(pre[:2])
                kind = entity_outcome(pre, gold)
                outcomes[kind] += 1
                who = "+".join(e["heuristics"])
                voters[kind][who] += 1
                for g in gold:
                    if kind == "relabelled" and g[:2] == pre[:2]:
                        relabels[(label, g[2])] += 1
                examples[(kind, who)].append(_example(doc.text, pre))
        for g in gold:
            if not any(overlap(g[:2], s) for s in spans):
                outcomes["added"] += 1
                voters["added"][g[2]] += 1
                examples[("added", g[2])].append(_example(doc.text, g))
    print(f"CoNLL-2003 dev, tune part ({len(dev.tune)} documents): {dict(outcomes)}")
    print(
        "relabels (pre-label -> gold):",
        ", ".join(f"{a}->{b} {n}" for (a, b), n in relabels.most_common()),
    )
    for kind in ("relabelled", "deleted", "changed", "boundary_edited", "added"):
        print(f"{kind:16}", ", ".join(f"{w} {n}" for w, n in voters[kind].most_common(8)))
    if args.examples:
        for (kind, who), items in sorted(examples.items(), key=lambda kv: -len(kv[1])):
            if kind != "accepted" and len(items) > 2:
                print(f"== {kind} by {who} ({len(items)})")
                for shown in items[:: max(1, len(items) // args.examples)][: args.examples]:
                    print("  ", shown)


def _example(text: str, span: LabelledSpan) -> Example:
    start, end, label = span
    return text[start:end], label, text[max(0, start - 30) : end + 30].replace("\n", " / ")


if __name__ == "__main__":
    main()
