"""The labels-saved bench and the one-line baselines, on inline gold (no shared data needed):
the simulated annotator's edit counts and what each baseline predicts."""

from __future__ import annotations

import pytest

from bench.baselines import BASELINES
from bench.devparts import DevSet
from bench.labels_saved import edits
from bench.prelabel_sentiment import sentence
from builder.prelabel.apply import Prelabeler
from builder.prelabel.registry import registry
from builder.quality.devsets import GoldAttribution, GoldDoc

ENTITIES = Prelabeler([lf for lf in registry() if lf.layer == "entities"])


def _dev(layer: str) -> DevSet:
    return DevSet("inline", layer, [], [])


def test_a_right_pre_label_costs_no_edit_and_a_missed_span_one() -> None:
    text = "Talks in Brelvania ended."
    right = GoldDoc("d1", text, whole=True, entities=((9, 18, "GPE"),))
    got = edits(_dev("entities"), [right], ENTITIES)
    assert got["counts"] == {"accepted": 1}
    assert (got["edits"], got["per_100"]) == (0, 0.0)
    relabel = GoldDoc("d2", text, whole=True, entities=((9, 18, "ORG"), (0, 5, "ORG")))
    got = edits(_dev("entities"), [relabel], ENTITIES)
    assert got["counts"] == {"relabelled": 1, "added": 1}
    assert got["per_100"] == 200.0  # two edits in one sentence


def test_claim_edits_count_parts() -> None:
    text = "Brennick said the bridge would reopen."
    gold = GoldAttribution(cue=((9, 13),), source=((0, 8),), content=((14, 37),))
    doc = GoldDoc("d", text, whole=True, attributions=(gold,))
    got = edits(_dev("claims"), [doc], Prelabeler([BASELINES["claims"]]))
    assert got["counts"]["accepted"] == 1 and got["edits"] == 0
    missed = GoldDoc("d", "No cue here at all.", whole=True, attributions=(gold,))
    got = edits(_dev("claims"), [missed], Prelabeler([BASELINES["claims"]]))
    assert got["counts"]["added_parts"] == 3 and got["edits"] == 3


@pytest.mark.parametrize(
    ("text", "label"),
    [("Taxes rose 4% last year.", "yes"), ("They won two seats.", "yes"), ("I love it.", "no")],
)
def test_number_baseline(text: str, label: str) -> None:
    doc = GoldDoc("d", text, whole=True, check_worthy=label)
    assert edits(_dev("check_worthy"), [doc], Prelabeler([BASELINES["check_worthy"]]))["edits"] == 0


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("The mayor said the bridge would reopen.", None, "the bridge would reopen"),
        # One line: the addressee stays in the content.
        ("Officials told Reuters the talks failed.", "Officials", "Reuters the talks failed"),
        ("The talks failed, according to Reuters.", "Reuters", "The talks failed"),
        ("He says prices will fall.", "He", "prices will fall"),
    ],
)
def test_cue_baseline_source_and_content(text: str, source: str | None, content: str) -> None:
    (item,) = Prelabeler([BASELINES["claims"]]).label_document([sentence("s", text)])
    (claim,) = item.prediction["claims"]
    assert (claim["source"] or {}).get("text") == source
    assert claim["claim"]["text"] == content
