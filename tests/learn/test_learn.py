"""Learning from corrections: used when it beats the heuristics out of sample, else not."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from builder.cli import app
from builder.jsonl import read_records, write_records
from builder.learn.models import MIN_LIFT, Hits, class_verdict, folds, smoothed
from builder.learn.run import learn
from builder.model import EntityVote, Sentence
from builder.prelabel.lf import DocContext, LabelingFunction
from builder.schemas import validator

# Made-up words the heuristics cannot know: the annotators' sentiment hangs on them.
CUES = {"grimbled": "negative", "plonked": "positive", "noted": "neutral"}


def _corpus(
    tmp_path: Path,
    gold_of: Any,
    n_docs: int = 40,
    per_doc: int = 4,
    entities: list[dict[str, Any]] | None = None,
) -> tuple[Path, Path]:
    rnd = random.Random(7)
    sentences: list[dict[str, Any]] = []
    records: list[dict[str, Any]] = []
    for d in range(n_docs):
        for i in range(per_doc):
            word = rnd.choice(sorted(CUES))
            text = f"The council {word} the plan for district {d * per_doc + i} on Tuesday."
            sent = Sentence(f"{d * per_doc + i:016x}", f"doc{d}", i, 0, len(text), text)
            sentences.append(sent.to_dict())
            records.append(
                {
                    "sentence_id": sent.id, "doc_id": sent.doc_id, "text": text,
                    "task_id": len(records) + 1, "annotation_id": len(records) + 1,
                    "annotator": "a@example.com", "created": "2026-01-01", "updated": "2026-01-01",
                    "lead_time": 3.0, "was_cancelled": False, "ground_truth": False,
                    "entities": entities or [], "claims": [], "check_worthy": "no",
                    "sentiment": gold_of(word, text),
                }
            )  # fmt: skip
    write_records(tmp_path / "sentences.jsonl", sentences)
    folder = tmp_path / "annotations" / "news"
    write_records(folder / "snap.jsonl", records)
    (folder / "latest.json").write_text('{"records": "snap.jsonl"}\n')
    return tmp_path / "sentences.jsonl", tmp_path / "annotations"


def test_a_classifier_that_wins_out_of_sample_is_used(tmp_path: Path) -> None:
    sentences, annotations = _corpus(tmp_path, lambda word, _: CUES[word])
    out = tmp_path / "learned.jsonl"
    report = learn(sentences, annotations, out)
    row = report["classifiers"]["sentiment"]
    assert row["used"] and row["learned_f1"] > row["heuristics_f1"] + 0.3
    assert row["learned_f1"] >= 0.95, "the cue words are learnable from other documents"
    assert "+learned-" in report["model_version"]
    records = {r["sentence_id"]: r for r in read_records(out)}
    assert len(records) == 160
    for sent in read_records(sentences):
        word = next(w for w in CUES if w in sent["text"])
        assert records[sent["id"]]["sentiment"]["label"] == CUES[word]
        assert records[sent["id"]]["sentiment"]["heuristics"] == ["learned_sentiment"]
    # The learned pre-labels are pre-labels: the same schema, a version that says so.
    check = validator("prelabels")
    for record in records.values():
        errors = [e.message for e in check.iter_errors(record)]
        assert not errors, errors
    # Deterministic: the same inputs give the same file.
    again = tmp_path / "again.jsonl"
    learn(sentences, annotations, again)
    assert again.read_bytes() == out.read_bytes()


def test_a_classifier_of_noise_is_rejected(tmp_path: Path) -> None:
    """Labels drawn at random: nothing can be learned. The heuristics answer one class for
    these sentences, so a classifier guessing all three classes gets a higher macro-F1 than
    they do: it must still be rejected, because its own answers shuffled do as well."""
    rnd = random.Random(3)
    sentences, annotations = _corpus(
        tmp_path, lambda *_: rnd.choice(["negative", "neutral", "positive"])
    )
    report = learn(sentences, annotations, tmp_path / "out.jsonl")
    row = report["classifiers"]["sentiment"]
    assert row["n"] == 160
    assert row["learned_f1"] <= row["chance_f1"], "noise must not beat its own shuffled answers"
    assert row["used"] is False
    assert "+learned-" not in report["model_version"]
    assert all(
        r["sentiment"]["heuristics"] != ["learned_sentiment"]
        for r in read_records(tmp_path / "out.jsonl")
    )


def test_noise_is_rejected_whatever_the_draw() -> None:
    """The verdict on random labels over many draws: a lift by luck is rare, never the rule."""
    classes = ["negative", "neutral", "positive"]
    used = 0
    for seed in range(40):
        rnd = random.Random(seed)
        gold = [rnd.choice(classes) for _ in range(150)]
        learned = [rnd.choice(classes) for _ in range(150)]
        heuristic = ["neutral"] * 150
        groups = [f"doc{i // 4}" for i in range(150)]
        verdict = class_verdict(gold, heuristic, learned, groups)
        assert verdict.lift > 0  # macro-F1 prefers any varied guess to a constant one
        used += verdict.wins
    assert used <= 4, f"noise used in {used} of 40 draws"


def test_a_small_lift_carried_by_few_documents_is_not_trusted() -> None:
    gold = ["negative", "positive"] * 50
    heuristic = list(gold)
    heuristic[0] = heuristic[2] = "positive"  # two misses, both in document 0
    groups = [f"doc{i // 10}" for i in range(100)]
    verdict = class_verdict(gold, heuristic, gold, groups)
    assert 0 < verdict.lift < MIN_LIFT * 3
    assert verdict.lift_low == 0.0 and not verdict.wins  # resampled, document 0 often drops


def test_too_few_labels_learn_nothing(tmp_path: Path) -> None:
    sentences, annotations = _corpus(tmp_path, lambda word, _: CUES[word], n_docs=3)
    report = learn(sentences, annotations, tmp_path / "out.jsonl")
    assert report["classifiers"]["sentiment"]["used"] is False
    assert report["weights"]["used"] is False
    assert "+learned-" not in report["model_version"]


def test_smoothed_weights_and_stable_folds() -> None:
    assert smoothed({"a": Hits(90, 100), "b": Hits(0, 0)}, {"a": 0.5, "b": 0.7}) == {
        "a": round(95 / 110, 4),
        "b": 0.7,
    }
    groups = [f"doc{i}" for i in range(50)]
    assigned = folds(groups)
    assert assigned == folds(groups) and set(assigned) == {0, 1, 2, 3, 4}
    assert folds(["doc7", "doc7"])[0] == folds(["doc7"])[0]


def test_cli_writes_the_report(tmp_path: Path) -> None:
    sentences, annotations = _corpus(tmp_path, lambda word, _: CUES[word])
    result = CliRunner().invoke(
        app,
        [
            "learn",
            str(sentences),
            "--annotations",
            str(annotations),
            "-o",
            str(tmp_path / "p.jsonl"),
            "--report",
            str(tmp_path / "learn.json"),
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "learn.json").read_text())
    assert report["classifiers"]["sentiment"]["used"] is True


COUNCIL = (4, 11)  # "council" in every sentence of the corpus


def _council(label: str, name: str) -> Any:
    def fn(sentence: Sentence, ctx: DocContext) -> list[EntityVote]:
        return [EntityVote(*COUNCIL, label, 1.0, name)]

    return fn


def test_entity_weights_are_used_when_they_settle_conflicts_better(tmp_path: Path) -> None:
    """A confident heuristic that is always wrong (GPE) outvotes a modest one that is always
    right (ORG); their precision on human spans reverses the weights."""
    loud = LabelingFunction("loud", 1, "entities", _council("GPE", "loud"), "", 0.9)
    quiet = LabelingFunction("quiet", 1, "entities", _council("ORG", "quiet"), "", 0.5)
    organisation = [{"start": COUNCIL[0], "end": COUNCIL[1], "label": "ORG"}]
    sentences, annotations = _corpus(tmp_path, lambda word, _: CUES[word], entities=organisation)
    out = tmp_path / "learned.jsonl"
    report = learn(sentences, annotations, out, lfs=[loud, quiet])
    weights = report["weights"]
    assert (weights["heuristics_f1"], weights["learned_f1"]) == (0.0, 1.0)
    assert weights["used"] and weights["lift_low"] > 0
    assert set(weights["priors"]) == {"loud", "quiet"}
    assert weights["priors"]["quiet"] > 0.9 > 0.1 > weights["priors"]["loud"]
    for record in read_records(out):
        assert [e["label"] for e in record["entities"]] == ["ORG"]


def test_entity_weights_that_change_nothing_are_not_used(tmp_path: Path) -> None:
    quiet = LabelingFunction("quiet", 1, "entities", _council("ORG", "quiet"), "", 0.5)
    organisation = [{"start": COUNCIL[0], "end": COUNCIL[1], "label": "ORG"}]
    sentences, annotations = _corpus(tmp_path, lambda word, _: CUES[word], entities=organisation)
    report = learn(sentences, annotations, tmp_path / "out.jsonl", lfs=[quiet])
    assert report["weights"]["lift"] == 0.0 and report["weights"]["used"] is False
    assert report["weights"]["priors"] == {}
