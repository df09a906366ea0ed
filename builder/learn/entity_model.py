"""`builder learn --model-out`: the entity sequence model, trained on the corpus's silver and
the human gold, and whether it may decide the entity layer.

Silver: the heuristics' aggregated entities on every sentence without human entities; gold:
the humans' (``sequence.py`` says how both enter the CRF). No human labels are needed.

Whether the model *decides* the entity layer (its entities replace the heuristics') is the rule
`builder learn` applies to everything it learns (``models.Verdict``): an out-of-sample lift in
entity micro-F1 over the heuristics, on human labels, that survives resampling documents. Out
of sample: the gold documents are split in two (``models.folds``); a judge model is trained on
the silver of the first ``JUDGE_SILVER`` other sentences and the gold of one half, and tags the
other half. The judges see less silver than the final model, so the verdict errs on the side of
the heuristics.

Without enough human labels (``MIN_LABELS`` sentences), nothing can show that the model wins:
it is written ``advisory``. Its votes are then stored and scored beside the heuristics' (by
`heuristics report`, by `eval` once someone annotates) but change no pre-label. On newswire
(bench/learned_layer.py) a model trained on silver alone reproduces the heuristics, which is
why it is not trusted without evidence.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.learn.claim_model import ITERATIONS as CLAIM_ITERATIONS
from builder.learn.claim_model import learn_claims
from builder.learn.models import FOLDS, MIN_LABELS, Verdict, folds
from builder.learn.run import Inputs, entity_verdict
from builder.learn.sequence import GOLD_REPEAT, ITERATIONS, PARAMS, VOTE_DROPOUT, Example, train
from builder.prelabel.apply import Labelled, Prelabeler
from builder.prelabel.learned.artefact import Artefact
from builder.prelabel.learned.casing import casing_table
from builder.prelabel.learned.voter import voter_of

JUDGE_SILVER = 5_000
JUDGES = 2


def _examples(
    items: Iterable[Labelled], gold: Mapping[str, Mapping[str, Any]], use_gold: set[str]
) -> list[Example]:
    return [
        Example(
            i.sentence,
            i.votes,
            i.prediction["entities"],
            gold[i.sentence.id]["entities"] if i.sentence.id in use_gold else None,
        )
        for i in items
    ]


def _human(inputs: Inputs) -> list[Labelled]:
    return [
        i for i in inputs.labelled if inputs.gold.get(i.sentence.id, {}).get("entities") is not None
    ]


@dataclass(frozen=True)
class Settings:
    iterations: int = ITERATIONS
    vote_dropout: float = VOTE_DROPOUT
    claim_iterations: int = CLAIM_ITERATIONS


def judge(inputs: Inputs, casing: Mapping[str, str], settings: Settings) -> Verdict | None:
    """The out-of-sample verdict of the model against the heuristics; None: too few labels."""
    human = _human(inputs)
    if len(human) < MIN_LABELS or len({i.sentence.doc_id for i in human}) < JUDGES:
        return None
    half = [f * JUDGES // FOLDS for f in folds([i.sentence.doc_id for i in human])]
    labelled_ids = {i.sentence.id for i in human}
    silver = [i for i in inputs.labelled if i.sentence.id not in labelled_ids][:JUDGE_SILVER]
    decided: dict[str, dict[str, Any]] = {}
    for part in range(JUDGES):
        train_ids = {i.sentence.id for i, h in zip(human, half, strict=True) if h != part}
        examples = _examples([*silver, *human], inputs.gold, train_ids)
        crf, _ = train(examples, casing, settings.iterations, settings.vote_dropout)
        voter = voter_of(Artefact({"use": "decides"}, dict(casing), crf))
        scorer = Prelabeler(inputs.lfs, voter)
        for item, h in zip(human, half, strict=True):
            if h == part:
                votes = dict(item.votes)
                votes[voter.lf.name] = voter.lf(item.sentence, _context(item, votes))
                decided[item.sentence.id] = scorer.aggregate(item.sentence, votes)
    baseline = {i.sentence.id: i.prediction for i in human}
    return entity_verdict(baseline, decided, inputs.gold, human)


def _context(item: Labelled, votes: Mapping[str, Sequence[Any]]) -> Any:
    from builder.prelabel.lf import DocContext

    return DocContext(item.sentence.doc_id, votes=votes)


def learn_model(inputs: Inputs, settings: Settings = Settings()) -> tuple[Artefact, dict[str, Any]]:
    """The model trained on the whole corpus, and the report: sentences, time, verdict."""
    t0 = time.perf_counter()
    casing = casing_table(s.text for s in inputs.sentences)
    verdict = judge(inputs, casing, settings)
    use_gold = {i.sentence.id for i in _human(inputs)}
    examples = _examples(inputs.labelled, inputs.gold, use_gold)
    crf, n = train(examples, casing, settings.iterations, settings.vote_dropout)
    claims_header, claims_crf, claims_report = learn_claims(inputs, settings.claim_iterations)
    decides = verdict is not None and verdict.wins
    why = (
        f"fewer than {MIN_LABELS} sentences with human entities: advisory"
        if verdict is None
        else verdict.said(len(use_gold), "decides" if decides else "advisory")
    )
    header = {
        "format": 1,
        "heuristics": inputs.base.model_version,
        "sentences": n,
        "gold_sentences": len(use_gold),
        "params": {
            **PARAMS,
            "max_iterations": settings.iterations,
            "vote_dropout": settings.vote_dropout,
            "gold_repeat": GOLD_REPEAT,
        },
        "use": "decides" if decides else "advisory",
        "verdict": None if verdict is None else verdict.as_dict(),
        "why": why,
    }
    if claims_header is not None:
        header["claims"] = claims_header
    artefact = Artefact(header, casing, crf, claims_crf)
    report = {
        "sentences": n,
        "gold_sentences": len(use_gold),
        "seconds": round(time.perf_counter() - t0, 1),
        "use": header["use"],
        "why": why,
        "verdict": header["verdict"],
        "claims": claims_report,
        "model_version": f"{inputs.base.model_version}+crf-{artefact.digest[:12]}",
    }
    return artefact, report
