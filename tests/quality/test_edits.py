"""What annotators did to the pre-labels: one outcome per pre-labelled span."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.quality.edits import ENTITY_OUTCOMES, entity_outcome, prelabel_edits
from tests.quality.helpers import Span, claim, record

KEIR = (15, 27, "PERSON")


@pytest.mark.parametrize(
    ("human", "expected"),
    [
        ([KEIR], "accepted"),
        ([(15, 27, "ORG")], "relabelled"),
        ([(0, 27, "PERSON")], "boundary_edited"),
        ([(20, 27, "PERSON"), (15, 27, "ORG")], "relabelled"),  # same boundaries come first
        ([(0, 27, "ORG")], "changed"),  # other label and other boundaries
        ([(36, 49, "GPE")], "deleted"),
        ([(27, 35, "PERSON")], "deleted"),  # touching is not overlapping
        ([], "deleted"),
    ],
)
def test_entity_outcomes(human: list[Span], expected: str) -> None:
    assert entity_outcome(KEIR, human) == expected


def _prelabel(sid: str = "s1", entities: list[Span] = (), **layers: Any) -> dict[str, Any]:  # type: ignore[assignment]
    return {
        "sentence_id": sid,
        "model_version": "heuristics-000000000000",
        "entities": [
            {"start": s, "end": e, "label": label, "text": "", "score": 0.9, "heuristics": ["x"]}
            for s, e, label in entities
        ],
        "claims": layers.get("claims", []),
        "check_worthy": {"label": layers.get("check_worthy", "no"), "score": 0.5, "heuristics": []},
        "sentiment": {"label": layers.get("sentiment", "neutral"), "score": 0.5, "heuristics": []},
    }


def test_rates_over_every_annotators_latest_annotation() -> None:
    shown = [_prelabel(entities=[KEIR, (36, 49, "GPE"), (53, 59, "DATE")], sentiment="neutral")]
    annotations = [
        # a: keeps Keir, cuts "New York City" to "New York", deletes Monday, adds "officials".
        record("a", [KEIR, (36, 44, "GPE"), (61, 70, "PERSON")], sentiment="neutral"),
        # b first kept everything, then relabelled Keir: only the latest counts.
        record("b", [KEIR, (36, 49, "GPE"), (53, 59, "DATE")], updated="2024-05-01T09:00:00Z"),
        record("b", [(15, 27, "ORG"), (36, 49, "GPE"), (53, 59, "DATE")], sentiment="negative"),
        record("c", [], cancelled=True),  # skipped: takes no part
        record("d", [KEIR], sid="s9"),  # no pre-label shown for s9
    ]
    out = prelabel_edits(shown, annotations)
    assert out["annotations"] == 2
    assert out["annotations_without_prelabels"] == 1
    ents = out["entities"]
    assert ents["counts"] == {
        "accepted": 3,  # a: Keir; b: New York City, Monday
        "relabelled": 1,
        "boundary_edited": 1,
        "changed": 0,
        "deleted": 1,
    }
    assert ents["prelabels"] == 6
    assert ents["accepted"] == 0.5
    assert ents["added"] == 1
    assert ents["per_label"]["PERSON"]["relabelled"] == 0.5
    # Every shown span came from heuristic "x": its rates are the overall ones.
    assert ents["per_heuristic"]["x"]["counts"] == ents["counts"]
    assert out["sentiment"] == {
        "n": 2,
        "kept": 0.5,
        "per_class": {"neutral": {"n": 2, "kept": 0.5}},
    }
    assert out["check_worthy"] == {"n": 0, "kept": None, "per_class": {}}  # nobody chose


def test_claim_outcomes() -> None:
    shown_claims = [
        {**claim((0, 59), source=(61, 70), cue=(71, 75)), "score": 0.8, "heuristics": ["x"]},
        {**claim((10, 20)), "score": 0.5, "heuristics": ["x"]},
    ]
    for c in shown_claims:
        for part in ("claim", "source", "cue"):
            if c[part]:
                c[part]["text"] = "..."  # pre-label spans carry their text: ignored
    shown = [_prelabel(claims=shown_claims)]
    human = record("a", claims=[claim((0, 59), source=(61, 70), cue=(71, 75)), claim((60, 75))])
    edited = record("b", claims=[claim((0, 50), source=(61, 70), cue=(71, 75))])
    out = prelabel_edits(shown, [human, edited])["claims"]
    assert out["counts"] == {"accepted": 1, "edited": 1, "deleted": 2}
    assert out["added"] == 1  # a's claim (60, 75) overlaps no pre-labelled claim


spans = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 10), st.sampled_from(["PERSON", "ORG"])).map(
        lambda t: (t[0], t[0] + t[1], t[2])
    ),
    max_size=5,
)


@given(spans, st.lists(spans, min_size=1, max_size=3))
def test_every_prelabel_gets_exactly_one_outcome(pre: list[Span], humans: list[list[Span]]) -> None:
    annotations = [record(f"ann{i}", h) for i, h in enumerate(humans)]
    out = prelabel_edits([_prelabel(entities=pre)], annotations)["entities"]
    assert out["prelabels"] == len(pre) * len(humans)
    assert sum(out["counts"].values()) == out["prelabels"]
    if pre:
        assert sum(out[o] for o in ENTITY_OUTCOMES) == pytest.approx(1.0, abs=5e-4)


def _shown(entities: list[Span], version: str = "heuristics-000000000000") -> dict[str, Any]:
    return {
        "model_version": version,
        "entities": [{"start": s, "end": e, "label": label} for s, e, label in entities],
        "claims": [],
        "check_worthy": "no",
        "sentiment": "neutral",
    }


def test_edits_are_measured_against_what_was_shown_not_todays_prelabels() -> None:
    # Shown: Keir as PERSON. Since then the heuristics changed and now predict nothing.
    today = _prelabel(entities=[], sentiment="negative")
    today["model_version"] = "heuristics-111111111111"
    kept = {**record("a", [KEIR], sentiment="neutral"), "shown": _shown([KEIR])}
    out = prelabel_edits([today], [kept])
    assert out["compared_against"] == {"shown_prediction": 1, "prelabels_file": 0}
    assert out["entities"]["counts"]["accepted"] == 1
    assert out["entities"]["added"] == 0
    assert out["sentiment"]["kept"] == 1.0
    # The file is of another version: which heuristic voted for Keir is not known.
    assert out["entities"]["per_heuristic"] == {}
    assert out["entities"]["spans_of_unknown_heuristics"] == 1


def test_heuristics_of_a_shown_span_come_from_prelabels_of_the_same_version() -> None:
    today = _prelabel(entities=[KEIR])  # the same version as what was shown
    relabelled = {**record("a", [(15, 27, "ORG")]), "shown": _shown([KEIR])}
    out = prelabel_edits([today], [relabelled])["entities"]
    assert out["per_heuristic"]["x"]["counts"]["relabelled"] == 1
    assert out["spans_of_unknown_heuristics"] == 0


def test_an_annotation_that_started_from_no_prediction_is_not_an_edit() -> None:
    blank = {**record("a", [KEIR]), "shown": None}
    out = prelabel_edits([_prelabel(entities=[(36, 49, "GPE")])], [blank])
    assert out["annotations"] == 0
    assert out["annotations_without_prelabels"] == 1
    assert out["entities"]["prelabels"] == 0
