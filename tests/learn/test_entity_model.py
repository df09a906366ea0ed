"""The learned entity model: trained on the corpus's silver (and gold), deterministic, one more
voter of `builder prelabel --model`, trusted to decide only when it wins on human labels."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from builder.cli import app
from builder.jsonl import read_records
from builder.learn.entity_model import learn_model
from builder.learn.run import read_inputs
from builder.model import EntityVote, Sentence
from builder.prelabel.apply import Prelabeler
from builder.prelabel.learned.artefact import read_artefact
from builder.prelabel.learned.voter import NAME, voter_of
from builder.prelabel.lf import DocContext, LabelingFunction
from builder.prelabel.votes import read_header, votes_path
from builder.schemas import validator
from tests.learn.corpus import pattern_corpus
from tests.quality.helpers import snapshot

# Made-up companies: no gazetteer knows them, so only the context can tell what they are.
NAMES = ("Zorbex", "Quillon", "Marvato", "Tenquist", "Obrely", "Vashti", "Krellen", "Pomara")
PATTERNS = (
    "Shares of {} rose 3% on Tuesday.",
    "{} said on Monday it would cut 200 jobs.",
    "Investors sold {} after the results.",
    "The board of {} met in London.",
)


def _sentences(tmp_path: Path, n_docs: int = 24) -> Path:
    return pattern_corpus(tmp_path, PATTERNS, NAMES, n_docs)


def _name_span(text: str) -> tuple[int, int]:
    name = next(n for n in NAMES if n in text)
    return text.index(name), text.index(name) + len(name)


def _loud(sentence: Sentence, ctx: DocContext) -> list[EntityVote]:
    """A confident heuristic that calls every company a place."""
    return [EntityVote(*_name_span(sentence.text), "GPE", 1.0, "loud")]


LOUD = LabelingFunction("loud", 1, "entities", _loud, "every name is a place", 0.9)


def _annotations(tmp_path: Path, sentences: Path, label: str) -> Path:
    records = []
    for n, s in enumerate(read_records(sentences)):
        start, end = _name_span(s["text"])
        records.append(
            {
                "sentence_id": s["id"], "doc_id": s["doc_id"], "text": s["text"],
                "task_id": n + 1, "annotation_id": n + 1, "annotator": "a@example.com",
                "created": "2026-01-01", "updated": "2026-01-01", "lead_time": 3.0,
                "was_cancelled": False, "ground_truth": False,
                "entities": [{"start": start, "end": end, "label": label}],
                "claims": [], "check_worthy": "no", "sentiment": "neutral",
            }
        )  # fmt: skip
    return snapshot(tmp_path / "annotations", records)


def test_a_model_that_wins_on_held_out_human_labels_decides(tmp_path: Path) -> None:
    """The humans say ORG where the loud heuristic says GPE: judges trained on half of the
    documents get the other half right, so the model decides the entity layer."""
    sentences = _sentences(tmp_path)
    inputs = read_inputs(sentences, _annotations(tmp_path, sentences, "ORG"), lfs=[LOUD])
    artefact, report = learn_model(inputs)
    assert report["use"] == "decides", report["why"]
    assert report["verdict"]["heuristics_f1"] == 0.0 and report["verdict"]["learned_f1"] == 1.0
    labeler = Prelabeler([LOUD], voter_of(artefact))
    items = list(labeler.label(inputs.sentences))
    assert all([e["label"] for e in i.prediction["entities"]] == ["ORG"] for i in items)
    assert all(i.votes["loud"] == _loud(i.sentence, DocContext("")) for i in items)  # kept


def test_a_model_that_only_agrees_with_the_heuristics_stays_advisory(tmp_path: Path) -> None:
    sentences = _sentences(tmp_path)
    inputs = read_inputs(sentences, _annotations(tmp_path, sentences, "GPE"), lfs=[LOUD])
    artefact, report = learn_model(inputs)
    assert report["verdict"]["lift"] == 0.0
    assert report["use"] == "advisory" and artefact.header["use"] == "advisory"
    voter = voter_of(artefact)
    labeler = Prelabeler([LOUD], voter)
    for item in labeler.label(inputs.sentences):
        assert item.votes[NAME]  # it votes (and is stored and scored) ...
        heuristics = {"loud": item.votes["loud"]}
        # ... last, on what the heuristics voted (it tags a document after them, apply.py)
        assert list(item.votes) == ["loud", NAME]
        assert item.votes[NAME] == voter.lf(item.sentence, DocContext("", votes=heuristics))
        assert item.prediction == {  # ... but changes nothing but the version
            **Prelabeler([LOUD]).aggregate(item.sentence, heuristics),
            "model_version": labeler.model_version,
        }


def _cli(*args: Any) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def test_no_human_labels_trains_an_advisory_model_deterministically(tmp_path: Path) -> None:
    """The real heuristics' silver over a corpus nobody annotated: the same bytes twice, the
    same pre-labels whatever the number of workers, the model's hash in model_version."""
    sentences = _sentences(tmp_path, n_docs=6)
    first, again = tmp_path / "a.crf", tmp_path / "b.crf"
    out = _cli("learn", sentences, "--model-out", first)
    assert "trained on 24 sentences (0 with human entities)" in " ".join(out.split())
    _cli("learn", sentences, "--model-out", again)
    assert first.read_bytes() == again.read_bytes()
    assert read_artefact(first).header["use"] == "advisory"

    one, two = tmp_path / "one" / "prelabels.jsonl", tmp_path / "two" / "prelabels.jsonl"
    _cli("prelabel", sentences, "-o", one, "--model", first)
    _cli("prelabel", sentences, "-o", two, "--model", first, "--workers", "2")
    assert one.read_bytes() == two.read_bytes()
    assert votes_path(one).read_bytes() == votes_path(two).read_bytes()
    digest = hashlib.sha256(first.read_bytes()).hexdigest()[:12]
    check = validator("prelabels")
    for record in read_records(one):
        assert record["model_version"].endswith(f"+crf-{digest}")
        check.validate(record)
    header = read_header(votes_path(one))
    assert header is not None and header.heuristics[-1] == NAME

    # scored next to the rules, from the stored votes (fresh: the same set wrote them)
    report = tmp_path / "report.json"
    out = _cli("heuristics", "report", "--sentences", sentences, "--votes", votes_path(one),
               "--model", first, "--json", report)  # fmt: skip
    assert "stored votes not used" not in out
    assert NAME in json.loads(report.read_text())["summary"]


def test_eval_scores_the_model_against_human_corrections(tmp_path: Path) -> None:
    sentences = _sentences(tmp_path, n_docs=6)
    annotations = _annotations(tmp_path, sentences, "ORG")
    model, prelabels = tmp_path / "m.crf", tmp_path / "prelabels.jsonl"
    _cli("learn", sentences, "--annotations", annotations, "--model-out", model)
    _cli("prelabel", sentences, "-o", prelabels, "--model", model)
    report = tmp_path / "eval.json"
    out = _cli("eval", sentences, "--prelabels", prelabels, "--annotations", annotations,
               "--model", model, "-o", report)  # fmt: skip
    assert "stored votes not used" not in out
    assert f'"{NAME}"' in report.read_text()


def test_the_label_model_is_measured_next_to_the_weights(tmp_path: Path) -> None:
    """Two weak heuristics that agree (ORG) against a confident one (GPE). Without labels the
    label model cannot tell who is right (expectation-maximisation from the declared priors
    keeps the confident one right): measured on the human labels it does not win and is not
    used, while the weights learned from the humans are."""
    from builder.learn.run import learn

    def quiet(name: str) -> LabelingFunction:
        def vote(sentence: Sentence, ctx: DocContext) -> list[EntityVote]:
            return [EntityVote(*_name_span(sentence.text), "ORG", 1.0, name)]

        return LabelingFunction(name, 1, "entities", vote, "", 0.5)

    sentences = _sentences(tmp_path)
    annotations = _annotations(tmp_path, sentences, "ORG")
    lfs = [LOUD, quiet("quiet_a"), quiet("quiet_b")]
    report = learn(sentences, annotations, tmp_path / "out.jsonl", lfs=lfs)
    fitted = report["label_model"]
    assert (fitted["heuristics_f1"], fitted["learned_f1"]) == (0.0, 0.0)
    assert report["weights"]["used"] and not fitted["used"]
