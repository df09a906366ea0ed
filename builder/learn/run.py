"""`builder learn`: re-score pre-labels with what the human corrections teach, when it helps.

Reads the sentences, the annotation snapshots (resolved into gold by a policy) and runs the
heuristics over every document. Then, each measured on held-out documents against the heuristics
alone: (1) heuristic weights from their precision on human labels, (2) a classifier per class
layer. What wins is used to write new pre-labels for every sentence, with a ``model_version``
that names it (``heuristics-...+learned-...``); what does not win is reported and left out.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson

from builder.gold.resolve import read_snapshots, resolve
from builder.jsonl import write_records
from builder.learn.models import (
    Classifier,
    Hits,
    cross_validate,
    folds,
    macro_f1,
    smoothed,
)
from builder.model import EntityVote, LabelVote
from builder.prelabel.apply import Labelled, Prelabeler
from builder.prelabel.io import read_sentences
from builder.prelabel.lf import LabelingFunction, registry
from builder.prelabel.scoring import span_prf

CLASS_LAYERS = ("sentiment", "check_worthy")


def _hits(
    items: Sequence[Labelled], gold: dict[str, dict[str, Any]], layers: Mapping[str, str]
) -> dict[str, Hits]:
    """Per heuristic: votes that match the human label, out of votes cast on gold sentences."""
    tp: dict[str, int] = defaultdict(int)
    n: dict[str, int] = defaultdict(int)
    for item in items:
        labels = gold[item.sentence.id]
        spans = {(e["start"], e["end"], e["label"]) for e in labels["entities"] or []}
        for name, votes in item.votes.items():
            for vote in votes:
                if isinstance(vote, EntityVote):
                    n[name] += 1
                    tp[name] += (vote.start, vote.end, vote.label) in spans
                elif isinstance(vote, LabelVote) and labels.get(layers[name]) is not None:
                    n[name] += 1
                    tp[name] += vote.label == labels[layers[name]]
    return {name: Hits(tp[name], n[name]) for name in n}


def _scores(
    predictions: dict[str, dict[str, Any]], gold: dict[str, dict[str, Any]]
) -> dict[str, float]:
    """Entity micro-F1 (exact) and class macro-F1 of ``predictions`` on the gold sentences."""
    g_spans = [
        (sid, e["start"], e["end"], e["label"]) for sid in gold for e in gold[sid]["entities"] or []
    ]
    p_spans = [
        (sid, e["start"], e["end"], e["label"])
        for sid in gold
        for e in predictions[sid]["entities"]
    ]
    out = {"entities_f1": round(span_prf(g_spans, p_spans)["micro"].f1, 4)}
    for layer in CLASS_LAYERS:
        sids = [sid for sid in gold if gold[sid].get(layer) is not None]
        if sids:
            out[f"{layer}_f1"] = macro_f1(
                [gold[s][layer] for s in sids], [predictions[s][layer]["label"] for s in sids]
            )
    return out


def _with_priors(
    lfs: Sequence[LabelingFunction], priors: dict[str, float]
) -> list[LabelingFunction]:
    return [dataclasses.replace(lf, prior=priors.get(lf.name, lf.prior)) for lf in lfs]


def learn(
    sentences_path: Path,
    annotations: Path,
    output: Path,
    policy: str = "latest",
    lfs: Sequence[LabelingFunction] | None = None,
) -> dict[str, Any]:
    sentences = list(read_sentences(sentences_path))
    by_id = {s.id: s for s in sentences}
    snaps = read_snapshots(annotations)
    resolution = resolve(snaps.annotations, policy, snaps.adjudications)
    gold = {
        sid: labels
        for sid, labels in resolution.gold.items()
        if sid in by_id and resolution.text[sid] == by_id[sid].text
    }
    lfs = list(lfs if lfs is not None else registry())
    base = Prelabeler(lfs)
    layers = {lf.name: lf.layer for lf in lfs}
    labelled = list(base.label(sentences))
    items = [item for item in labelled if item.sentence.id in gold]
    report: dict[str, Any] = {"policy": policy, "gold_sentences": len(gold)}

    # (1) Heuristic weights, scored out of fold: weights from the other folds' documents.
    fold_of = dict(
        zip((i.sentence.id for i in items), folds([i.sentence.doc_id for i in items]), strict=True)
    )
    baseline = {i.sentence.id: i.prediction for i in items}
    reweighted: dict[str, dict[str, Any]] = {}
    for fold in sorted(set(fold_of.values())):
        train = [i for i in items if fold_of[i.sentence.id] != fold]
        priors = smoothed(_hits(train, gold, layers), base.priors)
        scorer = Prelabeler(_with_priors(lfs, priors))
        for item in items:
            if fold_of[item.sentence.id] == fold:
                reweighted[item.sentence.id] = scorer.aggregate(item.sentence, dict(item.votes))
    before, after = _scores(baseline, gold), _scores(reweighted, gold) if items else {}
    gain = sum(after.values()) - sum(before.values()) if items else 0.0
    use_weights = len(items) >= 30 and gain > 0
    final_lfs = (
        _with_priors(lfs, smoothed(_hits(items, gold, layers), base.priors)) if use_weights else lfs
    )
    report["weights"] = {
        "heuristics": before,
        "learned": after,
        "used": use_weights,
        "priors": {lf.name: lf.prior for lf in final_lfs} if use_weights else {},
    }
    final = Prelabeler(final_lfs)
    records = {i.sentence.id: final.aggregate(i.sentence, dict(i.votes)) for i in labelled}

    # (2) A classifier per class layer, over the (possibly re-weighted) heuristics' answers.
    learned_from: list[str] = []
    report["classifiers"] = {}
    for layer in CLASS_LAYERS:
        sids = [s for s in gold if gold[s].get(layer) is not None]
        texts = [by_id[s].text for s in sids]
        heuristic = [records[s][layer]["label"] for s in sids]
        score = cross_validate(
            texts, heuristic, [gold[s][layer] for s in sids], [by_id[s].doc_id for s in sids]
        )
        used = score is not None and score.lift > 0
        report["classifiers"][layer] = {
            "n": score.n if score else len(sids),
            "heuristics_f1": score.heuristics_f1 if score else None,
            "learned_f1": score.learned_f1 if score else None,
            "lift": score.lift if score else None,
            "used": used,
        }
        if not used:
            continue
        model = Classifier.fit(texts, heuristic, [gold[s][layer] for s in sids])
        learned_from.append(layer)
        order = [s.id for s in sentences]
        answers = model.predict(
            [by_id[s].text for s in order], [records[s][layer]["label"] for s in order]
        )
        for sid, (label, proba) in zip(order, answers, strict=True):
            records[sid][layer] = {
                "label": label,
                "score": proba,
                "heuristics": [f"learned_{layer}"],
            }

    version = final.model_version
    if learned_from:
        digest = hashlib.sha256(
            orjson.dumps({s: gold[s] for s in sorted(gold)}, option=orjson.OPT_SORT_KEYS)
        )
        digest.update(",".join(learned_from).encode())
        version = f"{version}+learned-{digest.hexdigest()[:8]}"
    for record in records.values():
        record["model_version"] = version
    write_records(output, (records[s.id] for s in sentences))
    report["model_version"] = version
    return report
