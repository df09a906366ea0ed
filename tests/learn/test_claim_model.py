"""The learned claim model: trained on the humans' claims (or the corpus's silver), stored in
the model file beside the entity model, one more voter of `builder prelabel --model` that adds
the claims the heuristics miss, and only when it wins on human labels it did not train on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from builder.cli import app
from builder.errors import InputError
from builder.jsonl import read_records
from builder.learn.entity_model import learn_model
from builder.learn.run import read_inputs
from builder.model import ClaimVote, Sentence, Span
from builder.prelabel.apply import Prelabeler
from builder.prelabel.learned.artefact import FIRST_MAGIC, MAGIC, Artefact, read_artefact
from builder.prelabel.learned.voter import CLAIMS_NAME, NAME, voter_of
from builder.prelabel.lf import DocContext, LabelingFunction
from tests.learn.corpus import pattern_corpus
from tests.quality.helpers import snapshot

SPEAKERS = ("Mr Zorbex", "Ms Quillon", "Dr Marvato", "Mrs Tenquist", "Judge Obrely", "Ms Vashti")


def _sentences(tmp_path: Path, n_docs: int = 24, unknown: str = "reckoned") -> Path:
    """A cue the heuristic below knows, one it does not (``unknown``: the humans mark both),
    and a sentence without a claim, in each document."""
    patterns = (
        "{} said the plan would fail.",
        f"{{}} {unknown} the plan would fail.",
        "The weather was mild on Tuesday.",
    )
    return pattern_corpus(tmp_path, patterns, SPEAKERS, n_docs)


def _claim(text: str, cue: str) -> dict[str, Any]:
    at = text.index(f" {cue} ") + 1
    source = next(s for s in SPEAKERS if text.startswith(s))
    content = at + len(cue) + 1
    return {
        "claim": {"start": content, "end": len(text) - 1},
        "source": {"start": 0, "end": len(source)},
        "cue": {"start": at, "end": at + len(cue)},
        "direct": False,
    }


def _said(sentence: Sentence, ctx: DocContext) -> list[ClaimVote]:
    """A heuristic that knows "said" only."""
    text = sentence.text
    if " said " not in text:
        return []
    c = _claim(text, "said")
    span = {k: Span(c[k]["start"], c[k]["end"]) for k in ("claim", "source", "cue")}
    return [ClaimVote(span["claim"], span["source"], span["cue"], False, 1.0, "said")]


SAID = LabelingFunction("said", 1, "claims", _said, "X said Y", 0.8)


def _annotations(tmp_path: Path, sentences: Path, cues: tuple[str, ...]) -> Path:
    """Every sentence annotated: a claim wherever its cue is one of ``cues``."""
    records = []
    for n, s in enumerate(read_records(sentences)):
        text = s["text"]
        cue = next((c for c in cues if f" {c} " in text), None)
        records.append(
            {
                "sentence_id": s["id"], "doc_id": s["doc_id"], "text": text,
                "task_id": n + 1, "annotation_id": n + 1, "annotator": "a@example.com",
                "created": "2026-01-01", "updated": "2026-01-01", "lead_time": 3.0,
                "was_cancelled": False, "ground_truth": False, "entities": [],
                "claims": [] if cue is None else [_claim(text, cue)],
                "check_worthy": "no", "sentiment": "neutral",
            }
        )  # fmt: skip
    return snapshot(tmp_path / "annotations", records)


def test_a_claim_model_that_finds_what_the_heuristics_miss_votes(tmp_path: Path) -> None:
    """The humans mark "reckoned" as a cue, which no heuristic knows: judges trained on half
    of the documents find it in the other half, so the model's claims join the layer."""
    sentences = _sentences(tmp_path)
    annotations = _annotations(tmp_path, sentences, ("said", "reckoned"))
    inputs = read_inputs(sentences, annotations, lfs=[SAID])
    artefact, report = learn_model(inputs)
    claims = report["claims"]
    assert claims["use"] == "votes", claims["why"]
    assert claims["verdict"]["learned_f1"] > claims["verdict"]["heuristics_f1"]
    assert artefact.header["claims"]["cue_words"] == ["reckoned", "said"]
    labeler = Prelabeler([SAID], voter_of(artefact))
    for item in labeler.label(inputs.sentences):
        text, got = item.sentence.text, item.prediction["claims"]
        if " reckoned " in text:  # the model's claim, where the heuristic had none
            assert [c["heuristics"] for c in got] == [[CLAIMS_NAME]]
            want = _claim(text, "reckoned")
            for part in ("claim", "source", "cue"):
                span = got[0][part]
                assert (span["start"], span["end"]) == (want[part]["start"], want[part]["end"])
                assert text[span["start"] : span["end"]] == span["text"]
        elif " said " in text:  # the heuristic's, which the model leaves alone
            assert [c["heuristics"] for c in got] == [["said"]]
            assert item.votes[CLAIMS_NAME] == []
        else:
            assert got == []


def test_a_claim_model_that_adds_nothing_stays_advisory(tmp_path: Path) -> None:
    """The humans mark only what the heuristic finds: the model has nothing to add."""
    sentences = _sentences(tmp_path)
    annotations = _annotations(tmp_path, sentences, ("said",))
    inputs = read_inputs(sentences, annotations, lfs=[SAID])
    artefact, report = learn_model(inputs)
    assert report["claims"]["use"] == "advisory" and report["claims"]["verdict"]["lift"] == 0.0
    voter = voter_of(artefact)
    labeler = Prelabeler([SAID], voter)
    for item in labeler.label(inputs.sentences):
        assert list(item.votes) == ["said", NAME, CLAIMS_NAME]  # both models after the rules
        assert item.prediction == {
            **Prelabeler([SAID]).aggregate(item.sentence, {"said": item.votes["said"]}),
            "model_version": labeler.model_version,
        }


def test_without_human_claims_no_claim_model_is_written(tmp_path: Path) -> None:
    """From the heuristics' silver alone the model would learn their claims back and add
    none: the file holds the entity model only, in the first format, the same bytes twice."""
    sentences = _sentences(tmp_path, n_docs=6)
    artefact, report = learn_model(read_inputs(sentences, None, lfs=[SAID]))
    assert "claims" not in artefact.header and artefact.claims == b""
    assert artefact.to_bytes().startswith(FIRST_MAGIC)
    assert report["claims"]["sentences"] == 0 and "no claim model" in report["claims"]["why"]
    again, _ = learn_model(read_inputs(sentences, None, lfs=[SAID]))
    assert again.to_bytes() == artefact.to_bytes()
    labeler = Prelabeler([SAID], voter_of(artefact))
    assert CLAIMS_NAME not in labeler.names


def test_human_claims_without_a_cue_train_no_claim_model(tmp_path: Path) -> None:
    sentences = _sentences(tmp_path)
    annotations = _annotations(tmp_path, sentences, ())  # annotated: no claim anywhere
    artefact, report = learn_model(read_inputs(sentences, annotations, lfs=[SAID]))
    assert artefact.claims == b"" and "no cue" in report["claims"]["why"]


def _cli(*args: Any) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def test_eval_and_the_report_score_the_claim_model_next_to_the_rules(tmp_path: Path) -> None:
    sentences = _sentences(tmp_path, n_docs=12)
    annotations = _annotations(tmp_path, sentences, ("said", "reckoned"))
    model, prelabels = tmp_path / "m.crf", tmp_path / "prelabels.jsonl"
    out = _cli("learn", sentences, "--annotations", annotations, "--model-out", model,
               "--claim-iterations", "50")  # fmt: skip
    assert "claim model: trained on 36 sentences with human claims" in " ".join(out.split())
    assert read_artefact(model).header["claims"]["params"]["max_iterations"] == 50
    _cli("prelabel", sentences, "-o", prelabels, "--model", model)
    report = tmp_path / "eval.json"
    _cli("eval", sentences, "--prelabels", prelabels, "--annotations", annotations,
         "--model", model, "-o", report)  # fmt: skip
    scored = json.loads(report.read_text())
    assert CLAIMS_NAME in json.dumps(scored)


def test_a_model_file_of_the_first_format_is_still_read(tmp_path: Path) -> None:
    """A model written before claim models keeps its bytes, hence its name in model_version."""
    header = {"use": "advisory"}
    old = Artefact(header, {}, b"crf bytes")
    raw = old.to_bytes()
    assert raw.startswith(FIRST_MAGIC)
    (tmp_path / "old.crf").write_bytes(raw)
    read = read_artefact(tmp_path / "old.crf")
    assert read.claims == b"" and read.to_bytes() == raw
    new = Artefact({"use": "advisory", "claims": {"use": "votes"}}, {}, b"crf", b"claims crf")
    assert new.to_bytes().startswith(MAGIC)
    (tmp_path / "new.crf").write_bytes(new.to_bytes())
    assert read_artefact(tmp_path / "new.crf") == new


@pytest.mark.parametrize(
    ("header", "claims", "why"),
    [
        ({"use": "advisory"}, b"claims crf", "do not agree"),  # a model its header does not name
        ({"use": "advisory", "claims": {"use": "decides"}}, b"crf", "do not agree"),  # no such use
    ],
)
def test_a_claim_model_its_header_does_not_describe_is_refused(
    tmp_path: Path, header: dict[str, Any], claims: bytes, why: str
) -> None:
    path = tmp_path / "bad.crf"
    path.write_bytes(Artefact(header, {}, b"crf", claims).to_bytes())
    with pytest.raises(InputError, match=why):
        read_artefact(path)
    truncated = Artefact({"use": "advisory", "claims": {"use": "votes"}}, {}, b"crf", b"claims")
    path.write_bytes(truncated.to_bytes()[:-3])
    with pytest.raises(InputError, match="truncated"):
        read_artefact(path)
