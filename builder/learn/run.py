"""`builder learn`: re-score pre-labels with what the human corrections teach, when it helps.

Reads the sentences, the annotation snapshots (resolved into gold by a policy) and the
heuristics' votes on every sentence: stored beside the pre-labels (``prelabels.votes.parquet``)
while fresh, else from a run over every document. Then, each measured on held-out documents
against the heuristics alone (``models.Verdict`` says what winning takes):

1. entity heuristic weights from their precision on human spans, judged on entity F1 alone;
2. a classifier per class layer, over the heuristics' own answers (which the weights do not
   change).

What wins is used to write new pre-labels for every sentence, with a ``model_version`` that
names it (``heuristics-...+learned-...``); what does not win is reported and left out.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import orjson

from builder.gold.resolve import Policy, applies, as_policy, resolve
from builder.gold.snapshots import read_snapshots
from builder.jsonl import write_records
from builder.learn.label_model import fit_priors
from builder.learn.models import (
    MIN_LABELS,
    Classifier,
    Hits,
    Verdict,
    counts_verdict,
    cross_validate,
    folds,
    smoothed,
)
from builder.metrics.prf import PRF
from builder.model import EntityVote, Sentence
from builder.prelabel.apply import Labelled, Prelabeler
from builder.prelabel.io import read_sentences
from builder.prelabel.lf import LabelingFunction
from builder.prelabel.registry import registry
from builder.prelabel.stored import VotesCheck, stored_labelled

CLASS_LAYERS = ("sentiment", "check_worthy")
Counts = npt.NDArray[np.int64]


def _hits(items: Sequence[Labelled], gold: dict[str, dict[str, Any]]) -> dict[str, Hits]:
    """Per entity heuristic: votes that match a human span exactly, out of votes cast on gold
    sentences."""
    tp: dict[str, int] = defaultdict(int)
    n: dict[str, int] = defaultdict(int)
    for item in items:
        spans = {(e["start"], e["end"], e["label"]) for e in gold[item.sentence.id]["entities"]}
        for name, votes in item.votes.items():
            for vote in votes:
                if isinstance(vote, EntityVote):
                    n[name] += 1
                    tp[name] += (vote.start, vote.end, vote.label) in spans
    return {name: Hits(tp[name], n[name]) for name in n}


def _entity_counts(
    predictions: Mapping[str, Mapping[str, Any]],
    gold: Mapping[str, Mapping[str, Any]],
    sids: Sequence[str],
) -> Counts:
    """Per sentence: exact matches, predicted spans, human spans (one row each)."""
    rows = []
    for sid in sids:
        human = Counter((e["start"], e["end"], e["label"]) for e in gold[sid]["entities"])
        pred = Counter((e["start"], e["end"], e["label"]) for e in predictions[sid]["entities"])
        rows.append((sum((human & pred).values()), sum(pred.values()), sum(human.values())))
    return np.array(rows, dtype=np.int64).reshape(-1, 3)


def _micro_f1(counts: Counts) -> float:
    tp, n_pred, n_gold = (int(n) for n in counts.sum(axis=0))
    return PRF(tp, n_pred, n_gold).f1


def entity_verdict(
    baseline: Mapping[str, Mapping[str, Any]],
    reweighted: Mapping[str, Mapping[str, Any]],
    gold: Mapping[str, Mapping[str, Any]],
    items: Sequence[Labelled],
) -> Verdict:
    """Entity micro-F1 (exact) of the out-of-fold re-weighted aggregation vs the heuristics'
    own priors, on the same human-labelled sentences, resampled by document."""
    sids = [i.sentence.id for i in items]
    before = _entity_counts(baseline, gold, sids)
    after = _entity_counts(reweighted, gold, sids)
    return counts_verdict(before, after, [i.sentence.doc_id for i in items], _micro_f1)


def _with_priors(
    lfs: Sequence[LabelingFunction], priors: dict[str, float]
) -> list[LabelingFunction]:
    return [dataclasses.replace(lf, prior=priors.get(lf.name, lf.prior)) for lf in lfs]


def learn(
    sentences_path: Path,
    annotations: Path,
    output: Path,
    policy: Policy | str = Policy.latest,
    **options: Any,
) -> dict[str, Any]:
    """Learn from the gold, write the re-scored pre-labels to ``output``; the report.
    ``options``: those of ``learn_checked`` (``prelabels``: the pre-labels of the sentences,
    whose stored votes spare a run of the heuristics while they are fresh)."""
    return learn_checked(sentences_path, annotations, output, policy, **options)[0]


@dataclasses.dataclass(frozen=True)
class Inputs:
    """What every kind of learning reads: the corpus, its gold, the heuristics' votes."""

    sentences: list[Sentence]
    gold: dict[str, dict[str, Any]]  # sentence id -> resolved human labels
    lfs: list[LabelingFunction]
    base: Prelabeler
    labelled: list[Labelled]
    votes: VotesCheck


def read_inputs(
    sentences_path: Path,
    annotations: Path | None,
    policy: Policy | str = Policy.latest,
    lfs: Sequence[LabelingFunction] | None = None,
    prelabels: Path | None = None,
) -> Inputs:
    """The sentences, the gold that still applies to them (none without ``annotations``), and
    every sentence labelled by the heuristics (from the votes stored beside ``prelabels``
    while fresh)."""
    policy = as_policy(policy)  # a policy given by name is checked before any work (E802)
    sentences = list(read_sentences(sentences_path))
    by_id = {s.id: s for s in sentences}
    gold: dict[str, dict[str, Any]] = {}
    if annotations is not None:
        snaps = read_snapshots(annotations)
        resolution = resolve(snaps.annotations, policy, snaps.adjudications)
        gold = {
            sid: labels
            for sid, labels in resolution.gold.items()
            if sid in by_id and applies(resolution.text, by_id[sid])
        }
    lfs = list(lfs if lfs is not None else registry())
    base = Prelabeler(lfs)
    labelled, check = (None, VotesCheck(False, "no pre-labels given"))
    if prelabels is not None:
        labelled, check = stored_labelled(prelabels, sentences, base)
    if labelled is None:
        labelled = list(base.label(sentences))
    return Inputs(sentences, gold, lfs, base, labelled, check)


def learn_checked(
    sentences_path: Path,
    annotations: Path,
    output: Path,
    policy: Policy | str = Policy.latest,
    lfs: Sequence[LabelingFunction] | None = None,
    prelabels: Path | None = None,
) -> tuple[dict[str, Any], VotesCheck]:
    """``learn``, and whether the stored votes were used (if not, why)."""
    policy = as_policy(policy)
    got = read_inputs(sentences_path, annotations, policy, lfs, prelabels)
    sentences, gold, lfs, base, labelled = (
        got.sentences, got.gold, got.lfs, got.base, got.labelled
    )  # fmt: skip
    by_id = {s.id: s for s in sentences}
    check = got.votes
    report: dict[str, Any] = {"policy": policy.value, "gold_sentences": len(gold)}

    # (1) Entity heuristic weights, scored out of fold: weights from the other folds'
    # documents. Only sentences whose entities a human labelled count; class heuristics keep
    # their priors (the classifiers below learn those layers).
    items = [
        i
        for i in labelled
        if i.sentence.id in gold and gold[i.sentence.id].get("entities") is not None
    ]
    fold_of = dict(
        zip((i.sentence.id for i in items), folds([i.sentence.doc_id for i in items]), strict=True)
    )
    baseline = {i.sentence.id: i.prediction for i in items}
    reweighted: dict[str, dict[str, Any]] = {}
    for fold in sorted(set(fold_of.values())):
        train = [i for i in items if fold_of[i.sentence.id] != fold]
        scorer = Prelabeler(_with_priors(lfs, smoothed(_hits(train, gold), base.priors)))
        for item in items:
            if fold_of[item.sentence.id] == fold:
                reweighted[item.sentence.id] = scorer.aggregate(item.sentence, dict(item.votes))
    enough = len(items) >= MIN_LABELS
    weights = entity_verdict(baseline, reweighted, gold, items) if enough else None
    use_weights = weights is not None and weights.wins
    final_lfs = _with_priors(lfs, smoothed(_hits(items, gold), base.priors)) if use_weights else lfs
    # (1b) The label model's priors, fitted on the votes alone (no gold: no fold needed), used
    # instead when they win, and by more than the weights.
    fitted = _with_priors(lfs, fit_priors((i.votes for i in labelled), base.priors))
    scorer = Prelabeler(fitted)
    by_fit = {i.sentence.id: scorer.aggregate(i.sentence, dict(i.votes)) for i in items}
    fit = entity_verdict(baseline, by_fit, gold, items) if enough else None
    use_fit = fit is not None and fit.wins and (weights is None or fit.lift > weights.lift)
    report["label_model"] = {"n": len(items), **(fit.as_dict() if fit else {}), "used": use_fit}
    if use_fit:
        final_lfs, use_weights = fitted, False
    report["weights"] = {
        "n": len(items),
        **(weights.as_dict() if weights else {}),
        "used": use_weights,
        "priors": {lf.name: lf.prior for lf in final_lfs if lf.layer == "entities"}
        if use_weights
        else {},
    }
    final = Prelabeler(final_lfs)
    # Without new weights the aggregation is the heuristics' own: each prediction already is
    # it (copied: the classifiers below replace layers of the records).
    records = {
        i.sentence.id: final.aggregate(i.sentence, dict(i.votes))
        if use_weights or use_fit
        else dict(i.prediction)
        for i in labelled
    }

    # (2) A classifier per class layer, over the (possibly re-weighted) heuristics' answers.
    learned_from: list[str] = []
    report["classifiers"] = {}
    for layer in CLASS_LAYERS:
        sids = [s for s in gold if gold[s].get(layer) is not None]
        texts = [by_id[s].text for s in sids]
        heuristic = [records[s][layer]["label"] for s in sids]
        verdict = cross_validate(
            texts, heuristic, [gold[s][layer] for s in sids], [by_id[s].doc_id for s in sids]
        )
        used = verdict is not None and verdict.wins
        report["classifiers"][layer] = {"n": len(sids), **(verdict.as_dict() if verdict else {})}
        report["classifiers"][layer]["used"] = used
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
    return report, check
