"""`builder learn --model-out`: the claim sequence model, trained on the human claims, and
whether its claims may join the claims layer.

Tags per token (``prelabel/learned/claim_features.py``): the cue, source and content of the
humans' claims, in the sentences someone annotated for claims (an empty list: none there). The
model's votes are the claims the heuristics miss (``ClaimTagger.votes``), so what it must learn
is what humans add; from the heuristics' silver it learns their claims back and adds nothing
(corpus/bbc: no vote in 41,726 sentences; PolNeAR: not a figure moved, bench/learned_claims.py),
and the silver beside the humans' claims diluted them (held-out train-B cue / source / content
F1 +0.002 / +0.001 / 0.000 with it, +0.006 / +0.003 / +0.005 without). So the model is trained
on human claims alone, and without ``MIN_LABELS`` sentences annotated for claims, or without a
human cue among them, `builder learn` writes none (the file then has the entity model only).

Its claims *vote* (join the heuristics' at ``PRIOR``) only when ``builder learn``'s rule
(``models.Verdict``) finds it winning: the mean of cue, source and content F1 (PolNeAR's three
figures, matched as `builder eval` matches them), out of sample, over the heuristics alone, with
a lift that survives resampling documents. Out of sample as for the entity model: the human
documents in two halves, a judge trained on one half tags the other. Otherwise it is
``advisory``: stored and scored, changing no pre-label.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from builder.learn.models import FOLDS, MIN_LABELS, Verdict, counts_verdict, folds
from builder.learn.sequence import Example
from builder.metrics.prf import PRF
from builder.model import Sentence
from builder.prelabel.apply import Labelled, Prelabeler
from builder.prelabel.learned.claim_features import (
    features,
    part_tags,
    record_parts,
    runs,
    vote_parts,
)
from builder.prelabel.learned.claim_tagger import ClaimTagger
from builder.prelabel.learned.voter import CLAIMS_NAME as NAME
from builder.prelabel.learned.voter import claims_lf
from builder.prelabel.lf import LabelingFunction
from builder.quality.heuristics import GoldScorer
from builder.quality.scorecard import gold_doc
from builder.segment.tokenizer import split_tokens

PRIOR = 0.4  # below every claim heuristic's (0.45-0.85): their reading of a shared claim stands
GOLD_REPEAT = 3
PARAMS: dict[str, Any] = {
    "c1": 0.1,
    "c2": 1.0,  # L2 heavier than the entity model's: the words are features, not masked
    "feature.minfreq": 2,
    "feature.possible_transitions": True,
}
ITERATIONS = 100  # L-BFGS iterations; `builder learn --claim-iterations` (40: -0.006 cue F1)
GATE_SHARE = 0.2  # a cue head tagged so in a fifth of its occurrences opens the gate (dev: as 0.1)
JUDGES = 2


def examples(
    items: Iterable[Labelled],
    gold: Mapping[str, Mapping[str, Any]],
    use_gold: set[str] | None = None,
) -> list[Example]:
    """The items as examples: with their human claims where ``use_gold`` holds their id (None:
    every item's), else their pre-label's (silver, for bench/learned_claims.py's comparison)."""
    return [
        Example(
            i.sentence,
            i.votes,
            i.prediction["claims"],
            gold[i.sentence.id]["claims"]
            if use_gold is None or i.sentence.id in use_gold
            else None,
        )
        for i in items
    ]


def gate_words(
    seen: Counter[str], as_cue: Counter[str], cues: Iterable[Sequence[str]]
) -> list[str]:
    """The words the tagger runs for (sorted): the head of at least two cues, a cue's head
    being its word most often tagged as a cue where it stands ("said" in "has said",
    "according" in "according to"), tagged so in at least ``GATE_SHARE`` of its occurrences.
    A word seen once has no feature of its own (``feature.minfreq``); the auxiliaries that
    PolNeAR's annotators put in cues ("has", "was") would let nine sentences in ten through."""
    share = {w: k / seen[w] for w, k in as_cue.items()}
    heads = Counter(max(cue, key=share.__getitem__) for cue in cues)
    return sorted(w for w, k in heads.items() if k >= 2 and share[w] >= GATE_SHARE)


def train_claims(examples: Iterable[Example], iterations: int) -> tuple[bytes, int, list[str]]:
    """The CRFsuite model's bytes, the number of sentences trained on, and the words that
    decide where the tagger runs (``gate_words``)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params({**PARAMS, "max_iterations": iterations})
    seen: Counter[str] = Counter()
    as_cue: Counter[str] = Counter()
    cues: list[list[str]] = []
    n = 0
    for ex in examples:
        spans, tokens = split_tokens(ex.sentence.text)
        if not tokens:
            continue
        voted, names = vote_parts(spans, ex.votes, NAME)
        tags = part_tags(spans, record_parts(ex.predicted if ex.gold is None else ex.gold))
        items = features(tokens, voted, names)
        for _ in range(1 if ex.gold is None else GOLD_REPEAT):
            trainer.append(items, tags)
        words = [t.lower() for t in tokens]
        seen.update(words)
        as_cue.update(w for w, tag in zip(words, tags, strict=True) if tag[2:] == "CUE")
        cues += [words[first : last + 1] for first, last in runs(tags, "CUE")]
        n += 1
    fd, name = tempfile.mkstemp(suffix=".crfsuite")
    os.close(fd)
    try:
        trainer.train(name)
        return Path(name).read_bytes(), n, gate_words(seen, as_cue, cues)
    finally:
        Path(name).unlink(missing_ok=True)


def claim_counts(
    sentence: Sentence, prediction: Mapping[str, Any], human: Sequence[Mapping[str, Any]]
) -> list[int]:
    """tp, predicted, human for cue, source and content in one sentence, as `builder eval`
    counts them (``GoldScorer``: a claim's cue, or its content without one, overlaps a human
    claim's, each used once; then its source and content overlap that claim's)."""
    scorer = GoldScorer(None)
    scorer.add(gold_doc(sentence, {"claims": human}), [Labelled(sentence, {}, dict(prediction))])
    tp, predicted = scorer.claims["(aggregated)"]
    return [tp, predicted, scorer.claims_gold, *scorer.parts["source"], *scorer.parts["content"]]


def mean_f1(counts: npt.NDArray[np.int64]) -> float:
    sums = counts.sum(axis=0)
    return sum(PRF(*map(int, sums[3 * k : 3 * k + 3])).f1 for k in range(3)) / 3


def verdict(
    before: Mapping[str, Mapping[str, Any]],
    after: Mapping[str, Mapping[str, Any]],
    gold: Mapping[str, Mapping[str, Any]],
    items: Sequence[Labelled],
) -> Verdict:
    """Mean claims F1 (cue, source, content) of ``after`` against ``before`` on the same human
    sentences, resampled by document."""

    def counts(predictions: Mapping[str, Mapping[str, Any]]) -> npt.NDArray[np.int64]:
        rows = [
            claim_counts(i.sentence, predictions[i.sentence.id], gold[i.sentence.id]["claims"])
            for i in items
        ]
        return np.array(rows, dtype=np.int64)

    docs = [i.sentence.doc_id for i in items]
    return counts_verdict(counts(before), counts(after), docs, mean_f1)


def human_claims(
    labelled: Sequence[Labelled], gold: Mapping[str, Mapping[str, Any]]
) -> list[Labelled]:
    return [i for i in labelled if gold.get(i.sentence.id, {}).get("claims") is not None]


def judge(
    labelled: Sequence[Labelled],
    gold: Mapping[str, Mapping[str, Any]],
    lfs: Sequence[LabelingFunction],
    iterations: int,
) -> Verdict | None:
    """The out-of-sample verdict of the claim model against the heuristics; None: too few
    human claims (sentences annotated for claims, with or without one)."""
    human = human_claims(labelled, gold)
    if len(human) < MIN_LABELS or len({i.sentence.doc_id for i in human}) < JUDGES:
        return None
    half = [f * JUDGES // FOLDS for f in folds([i.sentence.doc_id for i in human])]
    decided: dict[str, dict[str, Any]] = {}
    for part in range(JUDGES):
        train = [i for i, h in zip(human, half, strict=True) if h != part]
        crf, n, cue_words = train_claims(examples(train, gold), iterations)
        tagger = ClaimTagger(crf, NAME, cue_words)
        scorer = Prelabeler([*lfs, claims_lf(tagger, {"sentences": n, "prior": PRIOR})])
        for item, h in zip(human, half, strict=True):
            if h == part:
                votes = dict(item.votes)
                votes[NAME] = tagger.votes(item.sentence.text, item.votes)
                decided[item.sentence.id] = scorer.aggregate(item.sentence, votes)
    before = {i.sentence.id: i.prediction for i in human}
    return verdict(before, decided, gold, human)


def learn_claims(
    inputs: Any, iterations: int
) -> tuple[dict[str, Any] | None, bytes, dict[str, Any]]:
    """The claim model trained on the human claims of ``inputs`` (``run.Inputs``): its header
    (sentences, the words it tags as cues, its verdict and use) and bytes, and the report; no
    header and no bytes where there is nothing to learn (module docstring)."""
    human = human_claims(inputs.labelled, inputs.gold)
    cues = sum(1 for i in human for c in inputs.gold[i.sentence.id]["claims"] if c.get("cue"))
    if len(human) < MIN_LABELS or not cues:
        why = (
            f"{len(human)} sentences with human claims (fewer than {MIN_LABELS})"
            if len(human) < MIN_LABELS
            else "no cue in the human claims"
        ) + ": no claim model (from the heuristics' silver alone it adds nothing)"
        report = {"sentences": 0, "gold_sentences": len(human), "use": None, "why": why}
        return None, b"", {**report, "verdict": None}
    found = judge(inputs.labelled, inputs.gold, inputs.lfs, iterations)
    crf, n, cue_words = train_claims(examples(human, inputs.gold), iterations)
    votes = found is not None and found.wins
    why = (
        f"human claims in fewer than {JUDGES} documents: advisory"
        if found is None
        else found.said(len(human), "votes" if votes else "advisory", " in mean claims F1")
    )
    header = {
        "sentences": n,
        "gold_sentences": len(human),
        "params": {**PARAMS, "max_iterations": iterations, "gold_repeat": GOLD_REPEAT},
        "prior": PRIOR,
        "cue_words": cue_words,
        "use": "votes" if votes else "advisory",
        "verdict": None if found is None else found.as_dict(),
        "why": why,
    }
    return header, crf, {k: v for k, v in header.items() if k != "cue_words"}
