"""The README's quality figures, guarded: each dev set scored as `bench/` scores it, against a
floor a little under the figure the README states (a regression fails the suite; the full
benchmarks, with speed and baselines, stay in `bench/`).

The dev sets live in ../shared/eval (not shipped): these tests skip without it, and fail under
CI. Each runs on the whole set in a few seconds. When a figure in the README changes, move the
floor with it (the last test finds the figures in the README).
"""

from __future__ import annotations

from typing import Any

import pytest

from builder.prelabel.apply import Prelabeler
from builder.prelabel.registry import registry
from builder.quality.devsets import CONLL_MAP, read_gold
from builder.quality.heuristics import evaluate
from tests.conftest import REPO, shared_file

pytestmark = pytest.mark.shared

# figure in the README -> the floor the suite holds it to (measured 2026-12: the figure itself)
README_FIGURES = {
    "golden rules": ("**48/48**", 48),
    "EWT boundary F1": ("**0.925**", 0.92),
    "CoNLL-2003 dev entity F1": ("**micro F1 0.849**", 0.835),
    "PolNeAR dev cue / source / content F1": ("**0.787 / 0.789 / 0.762**", (0.779, 0.781, 0.754)),
    "ClaimBuster CFS F1": ("**0.646**", 0.635),
    "NewsMTSC held-out macro-F1": ("**0.606**", 0.595),
}


def _floor(name: str) -> Any:
    return README_FIGURES[name][1]


def _layer(*layers: str) -> Prelabeler:
    return Prelabeler([lf for lf in registry() if lf.layer in layers])


def test_golden_rules_all_pass_with_list_markers_kept() -> None:
    from bench.segmentation import golden_rules

    shared_file("eval", "segmentation", "golden_rules.jsonl")
    assert golden_rules(show=False) == (_floor("golden rules"), 48)


def test_ewt_boundary_f1() -> None:
    from bench.segmentation import ewt

    shared_file("eval", "segmentation", "ud_ewt_test_docs.jsonl")
    _, _, f1 = ewt(show=False)
    assert f1 >= _floor("EWT boundary F1"), f1


def test_conll_dev_entity_f1() -> None:
    path = shared_file("eval", "entities", "conll2003_dev_docs.jsonl")
    scores = evaluate(read_gold(path, "conll"), _layer("entities"), CONLL_MAP)
    micro = scores["entities"]["exact"]["micro"]
    assert micro["n_gold"] == 5942, "the dev set changed: measure the figure again"
    assert micro["f1"] >= _floor("CoNLL-2003 dev entity F1"), micro


def test_polnear_dev_attribution_f1() -> None:
    path = shared_file("eval", "claims", "polnear_dev.jsonl")
    scores = evaluate(read_gold(path, "polnear"), _layer("claims"))["claims"]
    got = tuple(scores[part]["f1"] for part in ("cue", "source", "content"))
    floors = _floor("PolNeAR dev cue / source / content F1")
    assert all(f >= floor for f, floor in zip(got, floors, strict=True)), got


def test_claimbuster_check_worthiness_f1() -> None:
    path = shared_file("eval", "claims", "claimbuster_crowdsourced.jsonl")
    scores = evaluate(read_gold(path, "claimbuster", limit=4000), _layer("check_worthy"))
    cfs = scores["check_worthy"]["per_class"]["yes"]
    assert cfs["f1"] >= _floor("ClaimBuster CFS F1"), cfs


def test_newsmtsc_held_out_sentiment_macro_f1() -> None:
    from bench.prelabel_sentiment import evaluate as score
    from bench.prelabel_sentiment import load_gold, ours

    shared_file("eval", "sentiment", "newsmtsc_train.jsonl")
    _, held = load_gold()
    assert len(held) == 1471, "the held-out part changed: measure the figure again"
    macro, rows, _ = score(held, ours())
    assert macro >= _floor("NewsMTSC held-out macro-F1"), rows


def test_learn_lift_writes_sentences_learn_accepts() -> None:
    # `bench.learn_lift` had stopped at E203: NewsMTSC holds sentences with a line break, which
    # no sentence record may (a sentence is one line). Its sentences pass the reader's check.
    from bench.learn_lift import load
    from builder.prelabel.io import checked_sentence

    shared_file("eval", "sentiment", "newsmtsc_train.jsonl")
    pairs = load()
    assert len(pairs) == 7357
    for n, (sent, _) in enumerate(pairs, 1):
        assert checked_sentence("learn_lift", n, sent.to_dict()) == sent


def test_the_guarded_figures_are_the_readmes() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    stale = [name for name, (shown, _) in README_FIGURES.items() if shown not in readme]
    assert stale == [], f"the README's figure changed for {stale}: move the floors with it"


def test_learned_claims_reads_polnear_as_human_claims_with_sentence_offsets() -> None:
    """``bench.learned_claims`` stands PolNeAR's attributions in for human claims: each is a
    record of the sentence its cue starts in, every part clipped to that sentence."""
    from bench import devparts
    from bench.learned_claims import human_records
    from builder.quality.heuristics import label_gold

    shared_file("eval", "claims", "polnear_dev.jsonl")
    docs = devparts.polnear().tune[:20]
    records = cues = 0
    for doc, items in label_gold(docs, Prelabeler([])):
        starts = {a.cue[0][0] for a in doc.attributions or () if a.cue}
        cues += sum(any(i.sentence.start <= s < i.sentence.end for i in items) for s in starts)
        for item in items:
            text = item.sentence.text
            for record in human_records(item.sentence, doc.attributions or ()):
                records += 1
                for part in ("claim", "source", "cue"):
                    span = record[part]
                    assert span is None or 0 <= span["start"] < span["end"] <= len(text)
                assert record["cue"] is not None
    assert records >= cues > 100  # every cue that starts in a sentence is a record there
