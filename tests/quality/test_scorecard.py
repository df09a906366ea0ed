"""The heuristic scorecard: known precision recovered, annotated sentences only, whole
documents as context, and the real heuristics scored against their own output."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
import pytest

from builder.model import Document, EntityVote, LabelVote, Sentence, Vote
from builder.prelabel.apply import Prelabeler
from builder.prelabel.lf import DocContext, LabelingFunction
from builder.quality.scorecard import rerun, score_heuristics, scorecard
from builder.segment import segment_document, sentence_id

DOCS, PER_DOC, SKIPPED = 20, 12, (0, 5)  # 20 x 10 = 200 annotated sentences


def _corpus() -> tuple[list[Sentence], dict[str, dict[str, Any]]]:
    """Sentence i of the corpus: "Person{i} visited Town{i} on day {i}."; the human labels
    are the person and the town; sentences 0 and 5 of every document are not annotated."""
    sentences, gold = [], {}
    i = 0
    for d in range(DOCS):
        doc_id, start = f"doc{d:02d}", 0
        for index in range(PER_DOC):
            name, town = f"Person{i}", f"Town{i}"
            text = f"{name} visited {town} on day {i}."
            sid = sentence_id(doc_id, text, 0)
            sentences.append(Sentence(sid, doc_id, index, start, start + len(text), text))
            start += len(text) + 1
            if index not in SKIPPED:
                at = text.index(town)
                gold[sid] = {
                    "entities": [
                        {"start": 0, "end": len(name), "label": "PERSON"},
                        {"start": at, "end": at + len(town), "label": "GPE"},
                    ],
                    "claims": None,
                    "check_worthy": None,
                    "sentiment": None,
                }
            i += 1
    return sentences, gold


def seventy_percent(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    """One PERSON vote a sentence: right on 7 sentences in 10; on the others a wrong label,
    a wrong right boundary (overlap still matches) or a span no human marked."""
    assert len(ctx.previous) == sentence.index, "the whole document must come before"
    i = int(sentence.text.split()[0].removeprefix("Person"))
    name_end = sentence.text.index(" ")
    day = sentence.text.index("day")
    start, end, label = {
        7: (0, name_end, "ORG"),
        # Longer, not shorter: a span that cuts a token ("Person1" of "Person12") never
        # reaches the aggregated prediction, which this test compares with the vote.
        8: (0, sentence.text.index(" on"), "PERSON"),
        9: (day, day + 3, "PERSON"),
    }.get(i % 10, (0, name_end, "PERSON"))
    return [EntityVote(start, end, label, 1.0, "seventy_percent")]


SEVENTY = LabelingFunction("seventy_percent", 1, "entities", seventy_percent, "", 0.9)


def test_a_heuristic_with_known_precision_is_recovered() -> None:
    sentences, gold = _corpus()
    assert len(gold) == 200
    out = score_heuristics(sentences, gold, Prelabeler([SEVENTY]))
    scores = out["entities"]["heuristics"]["seventy_percent"]
    exact, overlap = scores["exact"]["micro"], scores["overlap"]["micro"]
    # 200 votes on annotated sentences (votes on the 40 others are not counted): 140 right.
    assert exact["n_pred"] == 200
    assert exact["precision"] == pytest.approx(0.70, abs=0.02)
    assert exact["recall"] == pytest.approx(140 / 400, abs=0.02)
    assert overlap["precision"] == pytest.approx(0.80, abs=0.02)  # + the 20 long spans
    assert scores["exact"]["ORG"]["precision"] == 0.0
    assert set(scores["exact"]) == {"micro", "ORG", "PERSON"}  # only labels it predicts
    # One heuristic: the aggregated prediction is its vote.
    assert out["entities"]["aggregated"]["exact"]["micro"] == exact
    assert out["sentences"] == {"labelled": 200, "scored": 200, "not_found": 0, "text_changed": 0}


def test_documents_are_labelled_up_to_their_last_annotated_sentence() -> None:
    sentences, _ = _corpus()
    wanted = [sentences[3].id, sentences[PER_DOC + 1].id]
    items = list(rerun(sentences, wanted, Prelabeler([SEVENTY])))
    assert [item.sentence.id for item in items] == wanted


def test_missing_and_changed_sentences_are_counted_not_scored() -> None:
    sentences, gold = _corpus()
    gold = dict(list(gold.items())[:10])
    changed = next(iter(gold))
    gold["0123456789abcdef"] = gold[changed]
    texts = {changed: "an older text"}
    out = score_heuristics(sentences, gold, Prelabeler([SEVENTY]), texts=texts)
    assert out["sentences"] == {"labelled": 11, "scored": 9, "not_found": 1, "text_changed": 1}
    assert out["entities"]["n"] == 9


def storm_negative(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    """Negative when the sentence mentions a storm; abstains otherwise."""
    return [LabelVote("negative", 0.8, "storm_negative")] if "storm" in sentence.text else []


def test_class_heuristics_abstaining_lose_recall_not_precision() -> None:
    texts = ["The storm hit.", "A storm passed.", "Prices fell.", "The storm was mild."]
    labels = ["negative", "negative", "negative", "neutral"]
    sentences = [Sentence(f"s{i}", "d", i, 0, len(t), t) for i, t in enumerate(texts)]
    gold = {
        s.id: {"entities": None, "claims": None, "check_worthy": None, "sentiment": label}
        for s, label in zip(sentences, labels, strict=True)
    }
    lf = LabelingFunction("storm_negative", 1, "sentiment", storm_negative, "", 0.7)
    out = score_heuristics(sentences, gold, Prelabeler([lf]))
    assert set(out) == {"model_version", "sentences", "sentiment"}  # only labelled layers
    mine = out["sentiment"]["heuristics"]["storm_negative"]
    assert mine["votes"] == 3
    assert mine["accuracy_when_voting"] == 0.6667
    assert mine["per_class"]["negative"]["precision"] == 0.6667  # 2 of its 3 votes
    assert mine["per_class"]["negative"]["recall"] == 0.6667  # 2 of the 3 negatives
    # Aggregated: "neutral" where nobody votes: "Prices fell." and the mild storm are missed.
    assert out["sentiment"]["aggregated"]["accuracy"] == 0.5


# -- the real heuristics ------------------------------------------------------------------------

TEXT = (
    "Prime Minister Keir Starmer visited New York City on Monday, officials said. "
    '"We will rebuild the harbour," Mayor Anna Lee told reporters after the storm killed 12 '
    "people. The council approved £4.5 million in aid on 3 March 2024."
)


def _offsets(part: dict[str, Any] | None) -> dict[str, int] | None:
    return None if part is None else {"start": part["start"], "end": part["end"]}


def _as_labels(prediction: dict[str, Any]) -> dict[str, Any]:
    """A pre-label record as a human who accepted everything would submit it."""
    return {
        "entities": [{k: e[k] for k in ("start", "end", "label")} for e in prediction["entities"]],
        "claims": [
            {
                "claim": _offsets(c["claim"]),
                "source": _offsets(c["source"]),
                "cue": _offsets(c["cue"]),
                "direct": c["direct"],
            }
            for c in prediction["claims"]
        ],
        "check_worthy": prediction["check_worthy"]["label"],
        "sentiment": prediction["sentiment"]["label"],
    }


def _corrected(labels: dict[str, Any], index: int) -> dict[str, Any]:
    """What a human submitted: sentence 0 loses its first entity and has its second relabelled
    (ORG <-> GPE); sentence 1 is read as positive; the rest is accepted as shown."""
    if index == 0:
        _deleted, second, *rest = labels["entities"]
        relabelled = {**second, "label": "GPE" if second["label"] == "ORG" else "ORG"}
        return {**labels, "entities": [relabelled, *rest]}
    if index == 1:
        assert labels["sentiment"] != "positive"
        return {**labels, "sentiment": "positive"}
    return labels


def test_the_real_heuristics_are_scored_against_what_a_human_corrected() -> None:
    prelabeler = Prelabeler()
    sentences = list(segment_document(Document("d1", "", TEXT, "", "")))
    prelabels = [
        orjson.loads(orjson.dumps(item.prediction)) for item in prelabeler.label(sentences)
    ]
    assert len(prelabels[0]["entities"]) >= 3
    gold = {p["sentence_id"]: _corrected(_as_labels(p), i) for i, p in enumerate(prelabels)}
    annotations = [
        {
            "sentence_id": sid,
            "annotator": "a",
            "updated": "t",
            "annotation_id": n,
            "was_cancelled": False,
            **labels,
        }
        for n, (sid, labels) in enumerate(gold.items())
    ]
    out = scorecard(sentences, gold, prelabels, annotations, prelabeler)
    predicted = sum(len(p["entities"]) for p in prelabels)
    micro = out["entities"]["aggregated"]["exact"]["micro"]
    # One prediction deleted (a false positive), one relabelled (a false positive and a miss).
    assert (micro["tp"], micro["n_pred"], micro["n_gold"]) == (
        predicted - 2,
        predicted,
        predicted - 1,
    )
    assert micro["precision"] == round((predicted - 2) / predicted, 4)
    assert micro["recall"] == round((predicted - 2) / (predicted - 1), 4)
    assert out["claims"]["aggregated"]["cue"]["f1"] == 1.0
    assert out["sentiment"]["aggregated"]["accuracy"] == round(2 / 3, 4)
    assert set(out["entities"]["heuristics"]) == {
        lf.name for lf in prelabeler.lfs if lf.layer == "entities"
    }
    assert out["shown"] == {
        "model_versions": [prelabeler.model_version],
        "compared": 3,
        "same_as_rerun": 1.0,
    }
    assert out["edits"]["entities"]["accepted"] == round((predicted - 2) / predicted, 4)
    assert out["edits"]["entities"]["deleted"] == round(1 / predicted, 4)
    assert out["edits"]["entities"]["relabelled"] == round(1 / predicted, 4)
    assert out["edits"]["claims"]["accepted"] == 1.0
    assert out["edits"]["sentiment"]["kept"] == round(2 / 3, 4)
    assert orjson.dumps(out) == orjson.dumps(
        scorecard(sentences, gold, prelabels, annotations, prelabeler)
    )


def test_changed_heuristics_show_as_a_rerun_that_differs_from_what_was_shown() -> None:
    sentences, gold = _corpus()
    old = "heuristics-000000000000"
    shown = {"model_version": old, "entities": [], "claims": []}
    shown |= {"check_worthy": "no", "sentiment": "neutral"}
    annotations = [
        {
            "sentence_id": sid,
            "annotator": "a",
            "updated": "t",
            "annotation_id": n,
            "was_cancelled": False,
            **labels,
            "shown": shown,  # what the annotator started from, pulled with the annotation
        }
        for n, (sid, labels) in enumerate(gold.items())
    ]
    # No pre-labels file: what was shown comes with the annotations.
    out = scorecard(sentences, gold, [], annotations, Prelabeler([SEVENTY]))
    assert out["shown"] == {"model_versions": [old], "compared": len(gold), "same_as_rerun": 0.0}
    assert out["edits"]["compared_against"] == {"shown_prediction": len(gold), "prelabels_file": 0}
    assert out["edits"]["entities"]["prelabels"] == 0  # nothing was shown, nothing edited
    human_spans = sum(len(labels["entities"]) for labels in gold.values())
    assert out["edits"]["entities"]["added"] == human_spans
