"""Measure every heuristic: coverage, overlaps and conflicts on any corpus, and precision,
recall and F1 against gold (per LF and for the aggregated prediction).

``summarize`` needs no gold. ``evaluate`` takes ``GoldDoc``s (see ``devsets.py``); the same
machinery will score heuristics against human corrections pulled from Label Studio.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from builder.metrics.matching import Match
from builder.metrics.prf import PRF, SpanKey, class_prf, macro_f1, span_prf
from builder.model import ClaimVote, Document, EntityVote, LabelVote, Sentence, Vote
from builder.prelabel.apply import Labelled, Prelabeler
from builder.quality.devsets import GoldDoc
from builder.segment import segment_document, sentence_id


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _vote_key(v: Vote) -> tuple[int, int, str] | None:
    if isinstance(v, EntityVote):
        return (v.start, v.end, v.label)
    if isinstance(v, ClaimVote):
        span = v.cue or v.claim
        return (span.start, span.end, "CLAIM")
    return None


def summarize(
    labelled: Iterable[Labelled], names: Sequence[str]
) -> dict[str, dict[str, float | int]]:
    """``summarize_votes`` of the votes of ``labelled``."""
    return summarize_votes((item.votes for item in labelled), names)


def summarize_votes(
    sentences: Iterable[Mapping[str, Sequence[Vote]]], names: Sequence[str]
) -> dict[str, dict[str, float | int]]:
    """Per LF, over the votes of each sentence (LF name -> votes): coverage (share of sentences
    it voted on), overlaps (share of its votes that another LF of the same layer overlaps) and
    conflicts (... with a different label)."""
    n = 0
    voted: Counter[str] = Counter()
    votes: Counter[str] = Counter()
    overlaps: Counter[str] = Counter()
    conflicts: Counter[str] = Counter()
    for all_votes in sentences:
        n += 1
        for name, vs in all_votes.items():
            if not vs:
                continue
            voted[name] += 1
            votes[name] += len(vs)
            for v in vs:
                over, conflict = _against_others(name, v, all_votes)
                overlaps[name] += over
                conflicts[name] += conflict
    return {
        name: {
            "coverage": round(voted[name] / n, 4) if n else 0.0,
            "votes": votes[name],
            "overlaps": round(overlaps[name] / votes[name], 4) if votes[name] else 0.0,
            "conflicts": round(conflicts[name] / votes[name], 4) if votes[name] else 0.0,
        }
        for name in names
    }


def _against_others(name: str, v: Vote, all_votes: Mapping[str, Sequence[Vote]]) -> tuple[int, int]:
    key = _vote_key(v)
    over = conflict = 0
    for other, ovs in all_votes.items():
        if other == name:
            continue
        for o in ovs:
            if type(o) is not type(v):
                continue
            if isinstance(v, LabelVote) and isinstance(o, LabelVote):
                if o.lf != v.lf:
                    over = 1
                    conflict = conflict or int(o.label != v.label)
                continue
            okey = _vote_key(o)
            if key and okey and _overlap(key[:2], okey[:2]):
                over = 1
                conflict = conflict or int(okey != key)
    return over, conflict


def label_gold(
    docs: Iterable[GoldDoc], prelabeler: Prelabeler
) -> Iterator[tuple[GoldDoc, list[Labelled]]]:
    """Run the pre-labeler on gold documents (segmented unless a gold text is one sentence)."""
    for doc in docs:
        if doc.whole:
            sentences = [
                Sentence(sentence_id(doc.id, doc.text, 0), doc.id, 0, 0, len(doc.text), doc.text)
            ]
        else:
            sentences = list(segment_document(Document(doc.id, "", doc.text, "", "")))
        yield doc, list(prelabeler.label_document(sentences))


def evaluate(
    docs: Iterable[GoldDoc], prelabeler: Prelabeler, entity_map: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Scores of the aggregated prediction and of every LF, for each layer the gold has."""
    acc = GoldScorer(entity_map)
    for doc, labelled in label_gold(docs, prelabeler):
        acc.add(doc, labelled)
    return acc.report()


class GoldScorer:
    def __init__(self, entity_map: Mapping[str, str] | None) -> None:
        self.entity_map = entity_map
        self.ent_gold: list[SpanKey] = []
        self.ent_pred: list[SpanKey] = []
        self.ent_lf: dict[str, list[SpanKey]] = defaultdict(list)
        self.claims: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # name -> tp, pred
        self.claims_gold = 0
        self.parts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self.detect: dict[str, str] = {}
        self.detect_gold: dict[str, str] = {}
        self.classes: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
        self.class_lf: dict[str, Counter[str]] = defaultdict(Counter)
        self.seen = {"entities": False, "claims": False, "check_worthy": False, "sentiment": False}

    def _map(self, label: str) -> str | None:
        return label if self.entity_map is None else self.entity_map.get(label)

    def add(self, doc: GoldDoc, labelled: list[Labelled]) -> None:
        if doc.entities is not None:
            self.seen["entities"] = True
            self._entities(doc, labelled)
        if doc.attributions is not None:
            self.seen["claims"] = True
            self._claims(doc, labelled)
        for layer in ("check_worthy", "sentiment"):
            gold = getattr(doc, layer)
            if gold is not None:
                self.seen[layer] = True
                self._classes(layer, doc.id, gold, labelled)

    def _entities(self, doc: GoldDoc, labelled: list[Labelled]) -> None:
        self.ent_gold.extend((doc.id, s, e, t) for s, e, t in doc.entities or ())
        for item in labelled:
            off = item.sentence.start
            for ent in item.prediction["entities"]:
                label = self._map(ent["label"])
                if label:
                    self.ent_pred.append((doc.id, ent["start"] + off, ent["end"] + off, label))
            for name, votes in item.votes.items():
                for v in votes:
                    if isinstance(v, EntityVote) and (label := self._map(v.label)):
                        self.ent_lf[name].append((doc.id, v.start + off, v.end + off, label))

    def _claims(self, doc: GoldDoc, labelled: list[Labelled]) -> None:
        gold = list(doc.attributions or ())
        preds: dict[str, list[tuple[tuple[int, int], dict[str, Any] | None]]] = defaultdict(list)
        for item in labelled:
            off = item.sentence.start
            sent = (item.sentence.start, item.sentence.end)
            sid = f"{doc.id}:{item.sentence.index}"
            has_gold = any(_overlap(sent, c) for a in gold for c in a.cue)
            self.detect_gold[sid] = "yes" if has_gold else "no"
            self.detect[sid] = "yes" if item.prediction["claims"] else "no"
            for c in item.prediction["claims"]:
                span = c["cue"] or c["claim"]
                preds["(aggregated)"].append(
                    ((span["start"] + off, span["end"] + off), _shift(c, off))
                )
            for name, votes in item.votes.items():
                for v in votes:
                    if isinstance(v, ClaimVote):
                        span = v.cue or v.claim
                        preds[name].append(((span.start + off, span.end + off), None))
        for name, items in preds.items():
            used: set[int] = set()
            tp = 0
            for cue, full in items:
                hit = next(
                    (
                        i
                        for i, a in enumerate(gold)
                        if i not in used and any(_overlap(cue, c) for c in a.cue)
                    ),
                    None,
                )
                if hit is None:
                    continue
                used.add(hit)
                tp += 1
                if full is not None:
                    self._parts(gold[hit], full)
            counts = self.claims[name]
            counts[0] += tp
            counts[1] += len(items)
        self.claims_gold += len(gold)
        for part, attr in (("source", "source"), ("content", "content")):
            self.parts[part][1] += sum(
                1 for _, full in preds["(aggregated)"] if full and full[part]
            )
            self.parts[part][2] += sum(1 for a in gold if getattr(a, attr))

    def _parts(self, gold: Any, pred: dict[str, Any]) -> None:
        for part in ("source", "content"):
            span = pred[part]
            if span and any(_overlap(span, g) for g in getattr(gold, part)):
                self.parts[part][0] += 1

    def _classes(self, layer: str, doc_id: str, gold: str, labelled: list[Labelled]) -> None:
        golds, preds = self.classes.setdefault(layer, ({}, {}))
        golds[doc_id] = gold
        preds[doc_id] = labelled[0].prediction[layer]["label"] if labelled else ""
        for item in labelled[:1]:
            for name, votes in item.votes.items():
                for v in votes:
                    if isinstance(v, LabelVote):
                        self.class_lf[name]["votes"] += 1
                        self.class_lf[name]["correct"] += int(v.label == gold)

    def report(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.seen["entities"]:
            exact = span_prf(self.ent_gold, self.ent_pred, Match.exact)
            overlap = span_prf(self.ent_gold, self.ent_pred, Match.overlap)["micro"]
            out["entities"] = {
                Match.exact.value: {k: v.as_dict() for k, v in exact.items()},
                Match.overlap.value: overlap.as_dict(),
                "per_lf": {
                    name: span_prf(self.ent_gold, pred)["micro"].as_dict()
                    for name, pred in sorted(self.ent_lf.items())
                },
            }
        if self.seen["claims"]:
            agg = self.claims.pop("(aggregated)", [0, 0])
            out["claims"] = {
                "cue": PRF(agg[0], agg[1], self.claims_gold).as_dict(),
                "source": PRF(*self.parts["source"]).as_dict(),
                "content": PRF(*self.parts["content"]).as_dict(),
                "sentence_detection": class_prf(self.detect_gold, self.detect)
                .get("yes", PRF(0, 0, 0))
                .as_dict(),
                "per_lf": {
                    name: {"cue": PRF(c[0], c[1], self.claims_gold).as_dict()}
                    for name, c in sorted(self.claims.items())
                },
            }
        for layer in ("check_worthy", "sentiment"):
            if self.seen[layer]:
                golds, preds = self.classes[layer]
                scores = class_prf(golds, preds)
                classes = sorted(set(golds.values()))
                out[layer] = {
                    "per_class": {k: v.as_dict() for k, v in scores.items()},
                    "macro_f1": round(macro_f1(scores, classes), 4),
                    "accuracy": round(sum(preds[k] == g for k, g in golds.items()) / len(golds), 4),
                    "per_lf": {
                        name: {
                            "votes": c["votes"],
                            "accuracy_when_voting": round(c["correct"] / c["votes"], 4),
                        }
                        for name, c in sorted(self.class_lf.items())
                        if c["votes"]
                    },
                }
        return out


def _shift(claim: dict[str, Any], off: int) -> dict[str, Any]:
    def span(part: dict[str, Any] | None) -> tuple[int, int] | None:
        return (part["start"] + off, part["end"] + off) if part else None

    return {"source": span(claim["source"]), "content": span(claim["claim"])}
