"""How good each heuristic is against human labels: the scorecard of the quality loop.

The heuristics are re-run over whole documents (``Prelabeler.label_document``), so that every
sentence sees the document context it had when it was pre-labelled, unless the caller passes
the ``Labelled`` items (read from the votes stored by `builder prelabel`, which are the same
while fresh: ``prelabel/stored.py``). They are scored on the sentences that humans labelled
only, layer by layer (``None`` for a layer: not labelled).
Scoring reuses ``builder.quality.heuristics.GoldScorer`` and ``builder.metrics.prf``:

- entities: precision, recall and F1 per label and micro, ``exact`` and ``overlap``
  matching, for the aggregated prediction and for every entity heuristic (per label only for
  the labels it predicts: its micro recall is its share of all human spans);
- claims: the aggregated prediction's cue, source and content scores and sentence detection,
  and every claim heuristic's cue scores (a human claim without a cue is matched on its claim
  span, as a predicted claim without a cue is);
- check_worthy and sentiment: per-class scores, macro-F1 and accuracy of the aggregated
  prediction; per heuristic, per-class scores of its votes (a sentence it abstained on counts
  against its recall), its votes and its accuracy when voting.

``scorecard`` adds what annotators did to the pre-labels they were shown (``edits.py``) and
whether the heuristics still predict what was shown.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from itertools import groupby
from typing import Any

from builder.gold.resolve import applies
from builder.metrics.matching import Match
from builder.metrics.prf import PRF, SpanKey, class_prf, span_prf
from builder.model import LabelVote, Sentence
from builder.prelabel.apply import Labelled, Prelabeler
from builder.quality.agreement import latest_annotations
from builder.quality.devsets import GoldAttribution, GoldDoc
from builder.quality.edits import Shown, edits_of, from_labels, shown_to
from builder.quality.heuristics import GoldScorer

Labels = Mapping[str, Any]  # entities / claims / check_worthy / sentiment, None: not labelled
CLASS_LAYERS = ("check_worthy", "sentiment")


def rerun(
    sentences: Iterable[Sentence], wanted: Iterable[str], prelabeler: Prelabeler
) -> Iterator[Labelled]:
    """The pre-labels of the ``wanted`` sentences, each document labelled from its start (and
    only as far as its last wanted sentence; documents without one are not labelled)."""
    todo = set(wanted)
    for _, doc in groupby(sentences, key=lambda s: s.doc_id):
        doc_sentences = list(doc)
        left = sum(1 for s in doc_sentences if s.id in todo)
        if not left:
            continue
        for item in prelabeler.label_document(doc_sentences):
            if item.sentence.id in todo:
                yield item
                left -= 1
                if not left:
                    break


def _shift(span: Mapping[str, Any] | None, off: int) -> tuple[tuple[int, int], ...]:
    return () if span is None else ((int(span["start"]) + off, int(span["end"]) + off),)


def gold_doc(sentence: Sentence, labels: Labels) -> GoldDoc:
    """One human-labelled sentence as the gold the accumulator scores (document offsets)."""
    off = sentence.start
    entities, claims = labels.get("entities"), labels.get("claims")
    return GoldDoc(
        id=sentence.id,
        text=sentence.text,
        whole=True,
        entities=None
        if entities is None
        else tuple((e["start"] + off, e["end"] + off, e["label"]) for e in entities),
        attributions=None
        if claims is None
        else tuple(
            GoldAttribution(
                cue=_shift(c.get("cue") or c["claim"], off),
                source=_shift(c.get("source"), off),
                content=_shift(c["claim"], off),
            )
            for c in claims
        ),
        check_worthy=labels.get("check_worthy"),
        sentiment=labels.get("sentiment"),
    )


def _spans(gold: list[SpanKey], pred: list[SpanKey], only_predicted: bool) -> dict[str, Any]:
    out = {}
    for match in Match:
        scores = span_prf(gold, pred, match)
        out[match.value] = {
            k: v.as_dict()
            for k, v in scores.items()
            if k == "micro" or not only_predicted or v.n_pred
        }
    return out


class _Scorer:
    def __init__(self, prelabeler: Prelabeler) -> None:
        self.prelabeler = prelabeler
        self.acc = GoldScorer(None)
        self.n = dict.fromkeys(("entities", "claims", *CLASS_LAYERS), 0)
        self.votes: dict[str, dict[str, dict[str, str]]] = {
            layer: defaultdict(dict) for layer in CLASS_LAYERS
        }

    def add(self, item: Labelled, labels: Labels) -> None:
        self.acc.add(gold_doc(item.sentence, labels), [item])
        for layer in self.n:
            self.n[layer] += labels.get(layer) is not None
        for name, votes in item.votes.items():
            layer = self.prelabeler.layers[name]
            if layer not in CLASS_LAYERS or labels.get(layer) is None:
                continue
            strongest = max(
                (v for v in votes if isinstance(v, LabelVote)), key=_strength, default=None
            )
            if strongest is not None:
                self.votes[layer][name][item.sentence.id] = strongest.label

    def names(self, layer: str) -> list[str]:
        return [lf.name for lf in self.prelabeler.lfs if lf.layer == layer]

    def report(self) -> dict[str, Any]:
        base = self.acc.report()
        out: dict[str, Any] = {}
        if "entities" in base:
            acc = self.acc
            out["entities"] = {
                "n": self.n["entities"],
                "aggregated": _spans(acc.ent_gold, acc.ent_pred, only_predicted=False),
                "heuristics": {
                    name: _spans(acc.ent_gold, acc.ent_lf.get(name, []), only_predicted=True)
                    for name in self.names("entities")
                },
            }
        if "claims" in base:
            per_lf = base["claims"].pop("per_lf")
            zero = {"cue": PRF(0, 0, self.acc.claims_gold).as_dict()}
            out["claims"] = {
                "n": self.n["claims"],
                "aggregated": base["claims"],
                "heuristics": {name: per_lf.get(name, zero) for name in self.names("claims")},
            }
        for layer in CLASS_LAYERS:
            if layer in base:
                out[layer] = self._classes(layer, base[layer])
        return out

    def _classes(self, layer: str, base: dict[str, Any]) -> dict[str, Any]:
        golds = self.acc.classes[layer][0]
        heuristics = {}
        for name in self.names(layer):
            voted = self.votes[layer].get(name, {})
            right = sum(golds[sid] == label for sid, label in voted.items())
            heuristics[name] = {
                "per_class": {k: v.as_dict() for k, v in class_prf(golds, voted).items()},
                "votes": len(voted),
                "accuracy_when_voting": round(right / len(voted), 4) if voted else None,
            }
        aggregated = {k: base[k] for k in ("per_class", "macro_f1", "accuracy")}
        return {"n": len(golds), "aggregated": aggregated, "heuristics": heuristics}


def _strength(vote: LabelVote) -> tuple[float, str]:
    return (vote.score, vote.label)


def score_heuristics(
    sentences: Iterable[Sentence],
    gold: Mapping[str, Labels],
    prelabeler: Prelabeler | None = None,
    texts: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Scores of every heuristic and of the aggregated prediction against ``gold`` (sentence
    id -> labels). ``texts`` (sentence id -> the text that was annotated) leaves out sentences
    whose text has changed since: their offsets no longer apply."""
    report, _ = _score(sentences, gold, prelabeler or Prelabeler(), texts, None)
    return report


def _score(
    sentences: Iterable[Sentence],
    gold: Mapping[str, Labels],
    prelabeler: Prelabeler,
    texts: Mapping[str, str] | None,
    labelled: Iterable[Labelled] | None,
) -> tuple[dict[str, Any], dict[str, Labelled]]:
    scorer = _Scorer(prelabeler)
    seen: dict[str, Labelled] = {}
    stale = 0
    items = rerun(sentences, gold, prelabeler) if labelled is None else labelled
    for item in items:
        sid = item.sentence.id
        if texts is not None and sid in texts and not applies(texts, item.sentence):
            stale += 1
            continue
        seen[sid] = item
        scorer.add(item, gold[sid])
    head = {
        "model_version": prelabeler.model_version,
        "sentences": {
            "labelled": len(gold),
            "scored": len(seen),
            "not_found": len(gold) - len(seen) - stale,
            "text_changed": stale,
        },
    }
    return {**head, **scorer.report()}, seen


def _view_key(view: Shown) -> Any:
    return (sorted(view.spans), sorted(view.claims, key=repr), view.classes)


def scorecard(
    sentences: Iterable[Sentence],
    gold: Mapping[str, Labels],
    prelabels: Iterable[Mapping[str, Any]],
    annotations: Iterable[Mapping[str, Any]],
    prelabeler: Prelabeler | None = None,
    texts: Mapping[str, str] | None = None,
    labelled: Iterable[Labelled] | None = None,
) -> dict[str, Any]:
    """``score_heuristics``, then what annotators did to the pre-labels shown to them
    (``edits``, over every annotator's latest annotation) and ``shown``: the model versions of
    those pre-labels and the share of the annotations of scored sentences whose shown
    prediction the heuristics, re-run now, predict exactly (below 1.0, the heuristics changed
    since the push, and the scores above describe heuristics the annotators did not see).
    ``labelled``: the ``Labelled`` items of the ``gold`` sentences in corpus order, when known
    (stored votes); else the heuristics are re-run over ``sentences``."""
    current = {str(p["sentence_id"]): p for p in prelabels}
    latest = latest_annotations(annotations)
    scores, seen = _score(sentences, gold, prelabeler or Prelabeler(), texts, labelled)
    versions: set[str] = set()
    compared = same = 0
    for sid, votes in latest.items():
        if sid not in seen:
            continue
        now = _view_key(from_labels(seen[sid].prediction))
        for vote in votes:
            view, _ = shown_to(vote, current.get(sid))
            if view is None:
                continue
            versions.add(str(view.model_version))
            compared += 1
            same += _view_key(view) == now
    return {
        **scores,
        "shown": {
            "model_versions": sorted(versions),
            "compared": compared,
            "same_as_rerun": round(same / compared, 4) if compared else None,
        },
        "edits": edits_of(current, latest),
    }
