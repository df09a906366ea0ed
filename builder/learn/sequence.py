"""Training the entity sequence model: a linear-chain CRF (CRFsuite, through python-crfsuite,
the engine of sklearn-crfsuite) on the heuristics' silver labels and on human gold.

Training data per sentence: the tokens' features (``prelabel/learned/features.py``) and BIO
tags, from the aggregated pre-label (silver) or from a human (gold, repeated ``GOLD_REPEAT``
times: a correction outweighs a guess). In a share ``VOTE_DROPOUT`` of the silver sentences the
votes are left out of the features (chosen by a hash of the sentence id, not a random draw):
without them, the only way to the silver tag is the context, shape and casing, which is what
carries over to names no heuristic knows.

CRFsuite's L-BFGS has no randomness; the data go in the order of the sentences, so the same
corpus gives the same model bytes.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.model import Sentence, Vote
from builder.prelabel.learned.features import Featurizer, bio, vote_features
from builder.segment.tokenizer import split_tokens

GOLD_REPEAT = 3
VOTE_DROPOUT = 0.3  # default; `builder learn --vote-dropout`, params.yaml learn.vote_dropout
ITERATIONS = 40  # L-BFGS iterations; `builder learn --iterations`
PARAMS: dict[str, Any] = {
    "c1": 0.05,  # L1: most of the candidate features get a zero weight (a small model)
    "c2": 0.01,
    "feature.minfreq": 2,
    "feature.possible_transitions": True,
}


def _dropped(sid: str, share: float) -> bool:
    h = int.from_bytes(hashlib.blake2b(sid.encode(), digest_size=4).digest(), "big")
    return h / 2**32 < share


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence with its heuristics' votes and the pre-label's items of a layer (entities,
    or claims for ``claim_model``), and the items to learn: ``gold`` when a human gave them
    (an empty list: none), else the pre-label's (silver)."""

    sentence: Sentence
    votes: Mapping[str, Sequence[Vote]]
    predicted: Sequence[Mapping[str, Any]]
    gold: Sequence[Mapping[str, Any]] | None = None


def train(
    examples: Iterable[Example],
    casing: Mapping[str, str],
    iterations: int = ITERATIONS,
    vote_dropout: float = VOTE_DROPOUT,
) -> tuple[bytes, int]:
    """The CRFsuite model's bytes and the number of sentences trained on."""
    import pycrfsuite

    featurizer = Featurizer(casing)
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params({**PARAMS, "max_iterations": iterations})
    n = 0
    for ex in examples:
        spans, tokens = split_tokens(ex.sentence.text)
        if not tokens:
            continue
        rows, masked = vote_features(spans, ex.votes)
        tags = bio(spans, ex.predicted if ex.gold is None else ex.gold)
        if ex.gold is None and _dropped(ex.sentence.id, vote_dropout):
            rows = [[] for _ in rows]
        items = featurizer.sentence(tokens, rows, masked)
        for _ in range(1 if ex.gold is None else GOLD_REPEAT):
            trainer.append(items, tags)
        n += 1
    fd, name = tempfile.mkstemp(suffix=".crfsuite")
    os.close(fd)
    try:
        trainer.train(name)
        return Path(name).read_bytes(), n
    finally:
        Path(name).unlink(missing_ok=True)
