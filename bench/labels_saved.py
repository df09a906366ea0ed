"""Labels saved, the headline figure: the edits a simulated annotator makes to turn the
pre-labels into the gold, per 100 sentences, per layer and dev set part (issue 13).

    python -m bench.labels_saved                 # heuristics now vs before vs baseline
    python -m bench.labels_saved --save-before   # store today's figures as "before"

The edit classes are those of ``builder eval`` (``builder.quality.edits``):

- entities: each pre-labelled span is accepted (no edit), relabelled, boundary-edited, changed
  (label and boundaries) or deleted, one edit each but accepted; each gold span that overlaps
  no pre-label is one addition. On CoNLL the labels are mapped as the entity bench maps them
  (types CoNLL does not annotate, dates and numbers, are not shown to this annotator);
- claims: pre-labelled claims are paired with gold ones (``claim_pairs``: content overlap); a
  paired claim costs one edit per part (cue, source, content) whose span is not the gold one
  (a boundary edit, a part drawn or removed), an unpaired pre-label one deletion, an unpaired
  gold claim one drawing per part it has. PolNeAR's discontinuous parts count as their hull;
- check-worthiness and sentiment: one relabel per sentence whose class is not the gold class.

"Before" is the main branch before issue 13 (``bench/labels_saved_before.json``); the baselines
are those of ``bench/baselines.py``. Parts: ``bench/devparts.py`` (tune / held-out; for claims
tune is PolNeAR dev, the row printed "train" is the whole train split, half of which (train-A)
is tuned on since 2026-12-06, and train-B is the half that is not: the held-out figure).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.baselines import BASELINES
from bench.devparts import PARTS, DevSet, all_sets, polnear_train_halves
from builder.metrics.matching import ClaimKey, LabelledSpan, overlap
from builder.prelabel.apply import Labelled, Prelabeler
from builder.prelabel.registry import registry
from builder.quality.devsets import GoldDoc, Spans
from builder.quality.edits import claim_pairs, entity_outcome
from builder.quality.heuristics import label_gold

BEFORE = Path(__file__).with_name("labels_saved_before.json")


def _hull(spans: Spans) -> tuple[int, int] | None:
    return (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None


def _entity_edits(
    doc: GoldDoc, labelled: list[Labelled], emap: dict[str, str] | None
) -> Counter[str]:
    gold: list[LabelledSpan] = list(doc.entities or ())
    pre: list[LabelledSpan] = []
    for item in labelled:
        off = item.sentence.start
        for e in item.prediction["entities"]:
            label = e["label"] if emap is None else emap.get(e["label"])
            if label:
                pre.append((e["start"] + off, e["end"] + off, label))
    out: Counter[str] = Counter(entity_outcome(p, gold) for p in pre)
    out["added"] = sum(not any(overlap(g[:2], p[:2]) for p in pre) for g in gold)
    return out


def _claim_edits(doc: GoldDoc, labelled: list[Labelled]) -> Counter[str]:
    gold: list[ClaimKey] = [
        (_hull(a.content), _hull(a.source), _hull(a.cue), False) for a in doc.attributions or ()
    ]
    pre: list[ClaimKey] = []
    for item in labelled:
        off = item.sentence.start

        def at(part: dict[str, int] | None, off: int = off) -> tuple[int, int] | None:
            return None if part is None else (part["start"] + off, part["end"] + off)

        for c in item.prediction["claims"]:
            pre.append((at(c["claim"]), at(c["source"]), at(c["cue"]), False))
    out: Counter[str] = Counter()
    pairs = claim_pairs(pre, gold)
    for c, j in zip(pre, pairs, strict=True):
        if j is None:
            out["deleted"] += 1
            continue
        wrong = sum(c[k] != gold[j][k] for k in range(3))
        out["accepted" if not wrong else "edited"] += 1
        out["part_edits"] += wrong
    paired = {j for j in pairs if j is not None}
    out["added"] += sum(1 for j in range(len(gold)) if j not in paired)
    out["added_parts"] += sum(
        sum(p is not None for p in gold[j][:3]) for j in range(len(gold)) if j not in paired
    )
    return out


def edits(dev: DevSet, docs: Sequence[GoldDoc], pre: Prelabeler) -> dict[str, Any]:
    """Edit counts of one part of one dev set, and the edits per 100 sentences."""
    counts: Counter[str] = Counter()
    sentences = 0
    for doc, labelled in label_gold(docs, pre):
        sentences += len(labelled)
        if dev.layer == "entities":
            counts += _entity_edits(doc, labelled, dev.entity_map)
        elif dev.layer == "claims":
            counts += _claim_edits(doc, labelled)
        else:
            gold = getattr(doc, dev.layer)
            got = labelled[0].prediction[dev.layer]["label"] if labelled else None
            counts["accepted" if got == gold else "relabelled"] += 1
    if dev.layer == "entities":
        n = sum(counts[k] for k in ("relabelled", "boundary_edited", "changed", "deleted", "added"))
    elif dev.layer == "claims":
        n = counts["part_edits"] + counts["deleted"] + counts["added_parts"]
    else:
        n = counts["relabelled"]
    return {
        "sentences": sentences,
        "edits": n,
        "per_100": round(100 * n / sentences, 2) if sentences else 0.0,
        "counts": dict(sorted(counts.items())),
    }


def measure(sets: Sequence[DevSet], baselines: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    lfs = registry()
    for dev in sets:
        systems = {"heuristics": Prelabeler([lf for lf in lfs if lf.layer == dev.layer])}
        if baselines and dev.layer in BASELINES:
            systems["baseline"] = Prelabeler([BASELINES[dev.layer]])
        parts = list(zip(PARTS, (dev.tune, dev.held), strict=True))
        if dev.layer == "claims":  # train-B: the half of the held-out train split never tuned on
            parts.append(("train-B", polnear_train_halves()[1]))
        for part, docs in parts:
            for system, pre in systems.items():
                out[f"{dev.layer}|{dev.name}|{part}|{system}"] = edits(dev, docs, pre)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--save-before", action="store_true", help=f"write {BEFORE.name}")
    ap.add_argument("--counts", action="store_true", help="also print the edit classes")
    args = ap.parse_args()
    now = measure(all_sets(), baselines=not args.save_before)
    if args.save_before:
        before = {k: v for k, v in now.items() if k.endswith("|heuristics")}
        BEFORE.write_text(json.dumps(before, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {BEFORE}")
        return
    before = json.loads(BEFORE.read_text(encoding="utf-8")) if BEFORE.exists() else {}
    print(
        f"{'layer':13} {'dev set':18} {'part':9} {'sent.':>6} {'before':>7} {'now':>7} "
        f"{'change':>7} {'baseline':>8}   (edits per 100 sentences)"
    )
    for key, fig in now.items():
        layer, name, part, system = key.split("|")
        if system != "heuristics":
            continue
        was = before.get(key, {}).get("per_100")
        base = now.get(f"{layer}|{name}|{part}|baseline", {}).get("per_100")
        change = f"{100 * (fig['per_100'] - was) / was:+.0f}%" if was else "-"
        if layer == "claims" and part == "held-out":  # the key's name; half of it is tuned on
            part = "train"
        print(
            f"{layer:13} {name:18} {part:9} {fig['sentences']:6d} "
            f"{was if was is not None else '-':>7} {fig['per_100']:7.1f} {change:>7} "
            f"{base if base is not None else '-':>8}"
        )
        if args.counts:
            print(f"{'':14}{fig['counts']}")


if __name__ == "__main__":
    main()
