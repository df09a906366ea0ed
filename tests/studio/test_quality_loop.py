"""The quality loop against a real server: two annotators, adjudication, priorities."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict
from pathlib import Path
from typing import Any

import orjson
import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.gold.resolve import resolve
from builder.gold.snapshots import read_snapshots
from builder.jsonl import read_records, write_records
from builder.model import Sentence
from builder.prelabel.apply import Prelabeler
from builder.quality.evaluate import evaluate
from builder.studio.adjudicate import REVIEW_VERSION, review_title
from builder.studio.pull import slug
from tests.quality.test_scorecard import SEVENTY, _corpus
from tests.studio.conftest import Project, Server
from tests.studio.test_roundtrip import _choice, _ok, _region

pytestmark = pytest.mark.studio


def _user(live: Server, name: str) -> int:
    email = f"{name}-{uuid.uuid4().hex[:6]}@example.com"
    return int(live.sdk.users.create(username=email, email=email).id)


def test_two_annotators_disagree_and_a_reviewer_settles_it(
    live: Server, project: Project, corpus: Path, tmp_path: Path
) -> None:
    _ok(project.cli("push", str(corpus / "prelabels.jsonl")))
    ann_a, ann_b, reviewer = (_user(live, n) for n in ("ann-a", "ann-b", "reviewer"))
    sentences = list(read_records(corpus / "sentences.jsonl"))
    tasks = [project.task_for(s["id"]) for s in sentences[:4]]
    for i, task in enumerate(tasks):
        text = task["data"]["text"]
        agree = [_region("e", "ner", text, 0, 3, "ORG"), _choice("check_worthy", "no")]
        project.annotate(task["id"], [*agree, _choice("sentiment", "neutral")], completed_by=ann_a)
        theirs = "neutral" if i % 2 == 0 else "negative"  # tasks 1 and 3 are disputed
        project.annotate(task["id"], [*agree, _choice("sentiment", theirs)], completed_by=ann_b)

    out = tmp_path / "annotations"
    _ok(project.cli("pull", "-o", str(out)))
    created = _ok(project.cli("adjudicate", "--annotations", str(out)))
    assert "2 disputed sentences sent for review, 0 already there" in created
    again = _ok(project.cli("adjudicate", "--annotations", str(out)))
    assert "0 disputed sentences sent for review, 2 already there" in again

    review = live.studio.require_project(review_title(project.title))
    assert review["model_version"] == REVIEW_VERSION
    review_tasks = live.studio.export(int(review["id"]), all_tasks=True, predictions=True)
    assert sorted(t["data"]["sentence_id"] for t in review_tasks) == sorted(
        tasks[i]["data"]["sentence_id"] for i in (1, 3)
    )
    for task in review_tasks:
        assert (
            len(task["predictions"]) == 2
            and "annotators disagree on sentiment" in task["data"]["dispute"]
        )
        chosen = {
            r["value"]["choices"][0]
            for p in task["predictions"]
            for r in p["result"]
            if r["from_name"] == "sentiment"
        }
        assert chosen == {"neutral", "negative"}
    # The reviewer decides one of the two; the other stays disputed.
    decided = review_tasks[0]
    live.sdk.annotations.create(
        id=decided["id"],
        result=decided["predictions"][0]["result"],
        completed_by=reviewer,
    )
    review_project = Project(live, review["title"])
    _ok(review_project.cli("pull", "-o", str(out)))
    assert (out / slug(review["title"]) / "latest.json").exists()

    snapshots = read_snapshots(out)
    adjudicated = resolve(snapshots.annotations, "adjudicated", snapshots.adjudications)
    strict = resolve(snapshots.annotations, "strict")
    # Per layer: the two disputed sentences keep their agreed entities, sentiment disputed.
    assert len(strict.gold) == 4 and len(strict.ambiguous) == 2
    assert all(list(d) == ["sentiment"] for d in strict.disputed.values())
    assert len(adjudicated.gold) == 4 and len(adjudicated.ambiguous) == 1
    settled = adjudicated.gold[decided["data"]["sentence_id"]]
    first: list[dict[str, Any]] = decided["predictions"][0]["result"]
    expected = next(r for r in first if r["from_name"] == "sentiment")["value"]["choices"][0]
    assert settled["sentiment"] == expected


def test_push_by_priority_orders_new_tasks_and_explains_why(project: Project, corpus: Path) -> None:
    _ok(project.cli("push", str(corpus / "prelabels.jsonl"), "--order", "priority"))
    tasks = sorted(project.tasks(), key=lambda t: int(t["id"]))
    values = [t["data"]["priority"] for t in tasks]
    assert values == sorted(values, reverse=True)
    assert all(0.0 <= v <= 1.0 for v in values) and len(set(values)) > 3
    whys = {t["data"]["priority_why"] for t in tasks}
    assert any("uncertainty" in w for w in whys)
    # Plain JSON numbers, as the server stores and returns them: the Data Manager sorts numbers
    # numerically (strings such as "0.53" would sort as text, booleans not at all).
    assert all(type(v) in (int, float) for v in values), values


def test_agreement_of_two_real_annotators_matches_the_hand_computed_values(
    live: Server, project: Project, corpus: Path, tmp_path: Path
) -> None:
    """Four sentences, two annotators, figures worked out by hand:

    entities (ORG): the same span, an overlapping one, one only A drew, none at all:
      5 spans, 1 exact pair -> F1 2*1/5 = 0.4; 2 overlapping pairs -> 0.8;
    sentiment: A neutral, negative, positive, neutral; B neutral, negative, neutral, negative:
      observed agreement 2/4; Cohen's kappa (0.5 - 0.375) / (1 - 0.375) = 0.2;
      Krippendorff's alpha (nominal): D_o = 4/8, D_e = 2*(4*3 + 4*1 + 3*1)/(8*7) = 38/56,
      alpha = 1 - (1/2)/(38/56) = 5/19.
    """
    _ok(project.cli("push", str(corpus / "prelabels.jsonl")))
    ann_a, ann_b = (_user(live, n) for n in ("ann-a", "ann-b"))
    sentences = list(read_records(corpus / "sentences.jsonl"))[:4]
    tasks = [project.task_for(s["id"]) for s in sentences]
    Span = tuple[int, int] | None
    spans_a: list[Span] = [(0, 3), (0, 3), (0, 3), None]
    spans_b: list[Span] = [(0, 3), (0, 5), None, None]
    sentiment_a = ["neutral", "negative", "positive", "neutral"]
    sentiment_b = ["neutral", "negative", "neutral", "negative"]
    votes = [(ann_a, spans_a, sentiment_a), (ann_b, spans_b, sentiment_b)]
    for i, task in enumerate(tasks):
        text = task["data"]["text"]
        for who, spans, sentiments in votes:
            result = [_choice("sentiment", sentiments[i])]
            span = spans[i]
            if span is not None:
                result.append(_region("e", "ner", text, span[0], span[1], "ORG"))
            started_from = task["predictions"][0]["id"]  # as the editor does
            project.annotate(task["id"], result, completed_by=who, parent_prediction=started_from)

    out = tmp_path / "annotations"
    _ok(project.cli("pull", "-o", str(out)))
    metrics = tmp_path / "metrics" / "eval.json"
    ran = CliRunner().invoke(
        app,
        [
            "eval",
            str(corpus / "sentences.jsonl"),
            "--prelabels",
            str(corpus / "prelabels.jsonl"),
            "--annotations",
            str(out),
            "-o",
            str(metrics),
        ],
    )
    _ok(ran)
    report = json.loads(metrics.read_text())
    agreement = report["agreement"]
    assert (agreement["sentences"], agreement["annotators"], agreement["pairs"]) == (4, 2, 4)
    exact, overlap = agreement["entities"]["exact"], agreement["entities"]["overlap"]
    assert exact["micro"] == {"f1": 0.4, "matched": 1, "items": 5}
    assert overlap["micro"] == {"f1": 0.8, "matched": 2, "items": 5}
    assert exact["ORG"]["f1"] == 0.4
    sentiment = agreement["sentiment"]
    assert sentiment["n"] == 4 and sentiment["percent_agreement"] == 0.5
    assert sentiment["cohen_kappa"] == pytest.approx(0.2, abs=1e-4)
    assert sentiment["krippendorff_alpha"] == pytest.approx(5 / 19, abs=1e-4)
    assert agreement["check_worthy"]["n"] == 0  # nobody chose
    assert report["disagreements"]["sentences"] == 4 - 1  # only the first is the same
    # The scorecard covers the same four sentences (latest annotation each), and every
    # pre-labelled entity of them got exactly one outcome per annotator.
    card = report["scorecard"]
    assert card["sentences"]["scored"] == 4
    edits = card["edits"]["entities"]
    assert edits["prelabels"] == sum(edits["counts"].values())
    shown = {p["sentence_id"]: p for p in read_records(corpus / "prelabels.jsonl")}
    assert edits["prelabels"] == 2 * sum(len(shown[s["id"]]["entities"]) for s in sentences)
    # Measured against the prediction each annotation started from, pulled with it.
    assert card["edits"]["compared_against"] == {"shown_prediction": 8, "prelabels_file": 0}
    assert card["shown"]["model_versions"] == sorted({p["model_version"] for p in shown.values()})
    assert report["summary"]["sentences"] == 4


def test_the_scorecard_recovers_a_heuristic_of_known_precision_through_the_server(
    project: Project, tmp_path: Path
) -> None:
    """``seventy_percent`` is right on 7 sentences in 10 (see tests/quality): its pre-labels
    go to the server, an annotator corrects every task there to the truth, and the pulled
    corrections must give back its precision and what the annotator did to each pre-label."""
    sentences, gold = _corpus()
    folder = tmp_path / "data"
    folder.mkdir()
    write_records(folder / "sentences.jsonl", (asdict(s) for s in sentences))
    prelabeler = Prelabeler([SEVENTY])
    write_records(
        folder / "prelabels.jsonl",
        (orjson.loads(orjson.dumps(item.prediction)) for item in prelabeler.label(sentences)),
    )
    _ok(project.cli("push", str(folder / "prelabels.jsonl")))
    for task in project.tasks():
        labels = gold.get(task["data"]["sentence_id"])
        if labels is None:
            continue  # sentences 0 and 5 of every document stay unannotated
        text = task["data"]["text"]
        result = [
            _region(f"e{k}", "ner", text, e["start"], e["end"], e["label"])
            for k, e in enumerate(labels["entities"])
        ]
        project.annotate(task["id"], result, parent_prediction=task["predictions"][0]["id"])

    out = tmp_path / "annotations"
    _ok(project.cli("pull", "-o", str(out)))
    report = evaluate(
        folder / "sentences.jsonl", folder / "prelabels.jsonl", out, prelabeler=prelabeler
    )
    card = report["scorecard"]
    assert card["sentences"]["scored"] == len(gold) == 200
    mine = card["entities"]["heuristics"]["seventy_percent"]
    assert mine["exact"]["micro"]["precision"] == pytest.approx(0.70, abs=0.02)
    assert mine["overlap"]["micro"]["precision"] == pytest.approx(0.80, abs=0.02)
    assert mine["exact"]["micro"]["recall"] == pytest.approx(0.35, abs=0.02)
    edits = card["edits"]
    assert edits["compared_against"] == {"shown_prediction": 200, "prelabels_file": 0}
    rates = edits["entities"]["per_heuristic"]["seventy_percent"]
    assert rates["accepted"] == pytest.approx(0.70, abs=0.02)
    assert rates["relabelled"] == pytest.approx(0.10, abs=0.02)  # ORG for the person
    assert rates["boundary_edited"] == pytest.approx(0.10, abs=0.02)  # one letter short
    assert rates["deleted"] == pytest.approx(0.10, abs=0.02)  # "day" is nobody
    assert card["shown"]["same_as_rerun"] == 1.0


def test_a_repush_lowers_the_priority_of_what_resembles_annotated_work(
    project: Project, tmp_path: Path
) -> None:
    base = "The harbour council voted on Monday to rebuild the storm wall before winter."
    texts = [
        base.replace("before winter", "before the winter storms"),  # syndicated rewrite
        "Rail workers in the north walked out over pay for the third time this year.",
        base,  # a near-duplicate of the first sentence: pushed down from the start
        "A new library opened in the town centre with room for two hundred readers.",
    ]
    sentences = [Sentence(f"{i:016x}", f"doc{i}", 0, 0, len(t), t) for i, t in enumerate(texts)]
    folder = tmp_path / "data"
    folder.mkdir()
    write_records(folder / "sentences.jsonl", (asdict(s) for s in sentences))
    write_records(
        folder / "prelabels.jsonl",
        (orjson.loads(orjson.dumps(item.prediction)) for item in Prelabeler().label(sentences)),
    )
    _ok(project.cli("push", str(folder / "prelabels.jsonl")))
    before = {t["data"]["sentence_id"]: t["data"]["priority"] for t in project.tasks()}
    plan = json.loads(project.cli("push", str(folder / "prelabels.jsonl"), "--json").stdout)
    assert plan["counts"]["re-prioritise (untouched)"] == 0  # nothing changed: nothing to do

    assert "near-duplicate" not in project.task_for(sentences[0].id)["data"]["priority_why"]
    # Someone annotates the later copy: the first one now resembles annotated work.
    copy = project.task_for(sentences[2].id)
    project.annotate(copy["id"], [_choice("sentiment", "neutral")])
    _ok(project.cli("push", str(folder / "prelabels.jsonl")))
    after = {t["data"]["sentence_id"]: t for t in project.tasks()}
    rewrite = after[sentences[0].id]["data"]
    assert rewrite["priority"] < before[sentences[0].id]
    assert "near-duplicate" in rewrite["priority_why"]
    assert rewrite["text"] == texts[0] and rewrite["prev"] == rewrite["next"] == ""
    assert after[sentences[2].id]["data"]["priority"] == before[sentences[2].id]  # annotated
    for other in (1, 3):
        assert after[sentences[other].id]["data"]["priority"] == before[sentences[other].id]
    again = json.loads(project.cli("push", str(folder / "prelabels.jsonl"), "--json").stdout)
    assert again["counts"]["re-prioritise (untouched)"] == 0
