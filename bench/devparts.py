"""Every dev set split once, deterministically, into a TUNE part and a HELD-OUT part.

Heuristics are tuned on the tune part only; the held-out part is looked at to report, never to
tune (the owners re-measure on gold we do not have, so a gain that shows on tune alone is no
gain). The splits:

- CoNLL-2003 dev: by a hash of the document id (sha256, a third held out);
- PolNeAR: the dev split is tune, the train split is held out;
- ClaimBuster: the first 4,000 rows are tune, rows 4,000-12,000 held out (issue 13);
- NewsMTSC: every 5th sentence-level labelled sentence held out (as bench.prelabel_sentiment).
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

from bench.common import shared_path
from builder.quality.devsets import CONLL_MAP, GoldDoc, read_gold

PARTS = ("tune", "held-out")


class DevSet(NamedTuple):
    name: str  # short name used in tables
    layer: str  # the pre-label layer the gold scores
    tune: list[GoldDoc]
    held: list[GoldDoc]
    entity_map: dict[str, str] | None = None


def held_by_hash(doc_id: str, every: int = 3) -> bool:
    return int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % every == 0


def conll() -> DevSet:
    docs = list(read_gold(shared_path("eval", "entities", "conll2003_dev_docs.jsonl"), "conll"))
    tune = [d for d in docs if not held_by_hash(d.id)]
    held = [d for d in docs if held_by_hash(d.id)]
    return DevSet("CoNLL-2003 dev", "entities", tune, held, CONLL_MAP)


def polnear() -> DevSet:
    def split(name: str) -> list[GoldDoc]:
        return list(read_gold(shared_path("eval", "claims", f"polnear_{name}.jsonl"), "polnear"))

    return DevSet("PolNeAR dev/train", "claims", split("dev"), split("train"))


def claimbuster() -> DevSet:
    path = shared_path("eval", "claims", "claimbuster_crowdsourced.jsonl")
    docs = list(read_gold(path, "claimbuster", limit=12_000))
    return DevSet("ClaimBuster", "check_worthy", docs[:4000], docs[4000:])


def newsmtsc() -> DevSet:
    docs = list(read_gold(shared_path("eval", "sentiment", "newsmtsc_train.jsonl"), "newsmtsc"))
    tune = [d for n, d in enumerate(docs) if n % 5 != 4]
    held = [d for n, d in enumerate(docs) if n % 5 == 4]
    return DevSet("NewsMTSC", "sentiment", tune, held)


def all_sets() -> list[DevSet]:
    return [conll(), polnear(), claimbuster(), newsmtsc()]
