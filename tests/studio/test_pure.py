"""The pure Label Studio parts: config from the schema, predictions, conversion back."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from label_studio_sdk.label_interface import LabelInterface

from builder.errors import BuilderError
from builder.ingest import ingest
from builder.labels import labels
from builder.model import Document
from builder.prelabel.apply import Prelabeler
from builder.segment import segment_document
from builder.studio.convert import to_record
from builder.studio.label_config import hotkeys, instructions, label_config
from builder.studio.tasks import prediction
from tests.conftest import SAMPLES
from tests.text_strategies import UNUSUAL, long_lists

INTERFACE = LabelInterface(label_config(labels()))


def test_config_is_generated_from_the_schema_in_order() -> None:
    config = label_config(labels())
    assert config.splitlines()[1].strip().startswith("<!-- Generated from schemas/labels.yaml")
    positions = [config.index(f'value="{t}"') for t in labels().entity_types]
    assert positions == sorted(positions)
    for name in ("ner", "claim", "quote", "check_worthy", "sentiment"):
        assert f'name="{name}"' in config
    keys = list(hotkeys(labels()).values())
    assert len(keys) == len(set(keys)), "no hotkey collisions"
    assert all(t in instructions(labels()) for t in labels().entity_types)


def _sample_records() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for doc in ingest([SAMPLES]):
        if isinstance(doc, Document):
            for item in Prelabeler().label_document(segment_document(doc)):
                out.append((item.sentence.text, item.prediction))
    return out


SAMPLE = _sample_records()


@pytest.mark.parametrize(("text", "record"), SAMPLE[:60])
def test_every_prediction_is_valid_for_the_config(text: str, record: dict[str, Any]) -> None:
    pred = prediction(record, text)
    assert INTERFACE.validate_prediction(pred, return_errors=True) == []
    for item in pred["result"]:
        value = item.get("value", {})
        if "start" in value:
            assert text[value["start"] : value["end"]] == value["text"]


@pytest.mark.parametrize(("text", "record"), SAMPLE[:60])
def test_prediction_round_trips_to_the_same_labels(text: str, record: dict[str, Any]) -> None:
    back = to_record(prediction(record, text)["result"], text, "t1")
    assert back["entities"] == sorted(
        ({"start": e["start"], "end": e["end"], "label": e["label"]} for e in record["entities"]),
        key=lambda e: (e["start"], e["end"], e["label"]),
    )
    want = [
        {
            "claim": {"start": c["claim"]["start"], "end": c["claim"]["end"]},
            "source": None
            if c["source"] is None
            else {"start": c["source"]["start"], "end": c["source"]["end"]},
            "cue": None
            if c["cue"] is None
            else {"start": c["cue"]["start"], "end": c["cue"]["end"]},
            "direct": c["direct"],
        }
        for c in record["claims"]
    ]
    assert sorted(back["claims"], key=repr) == sorted(want, key=repr)
    assert back["check_worthy"] == record["check_worthy"]["label"]
    assert back["sentiment"] == record["sentiment"]["label"]


@settings(max_examples=200, deadline=None)
@given(
    st.text(min_size=1, max_size=60)
    | st.lists(st.sampled_from(UNUSUAL) | st.characters(), min_size=1, max_size=30).map("".join)
    | long_lists(st.text(min_size=1, max_size=20)),
    st.data(),
)
def test_any_in_bounds_span_round_trips(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    record = {
        "model_version": "heuristics-000000000000",
        "entities": [{"start": start, "end": end, "label": "ORG", "score": 0.5}],
        "claims": [
            {
                "claim": {"start": start, "end": end},
                "source": None,
                "cue": {"start": start, "end": end},
                "direct": True,
                "score": 0.5,
            }
        ],
        "check_worthy": {"label": "yes", "score": 0.5},
        "sentiment": {"label": "neutral", "score": 0.5},
    }
    back = to_record(prediction(record, text)["result"], text, "t")
    assert back["entities"] == [{"start": start, "end": end, "label": "ORG"}]
    assert back["claims"][0]["cue"] == {"start": start, "end": end}
    assert back["claims"][0]["direct"] is True


def test_shifted_spans_are_reported_with_the_task() -> None:
    result = [
        {
            "id": "e0",
            "from_name": "ner",
            "to_name": "text",
            "type": "labels",
            "value": {"start": 1, "end": 5, "text": "Kyiv", "labels": ["GPE"]},
        }
    ]
    with pytest.raises(BuilderError, match=r"task 42: region e0 \[1:5\] says 'Kyiv'"):
        to_record(result, "Kyiv is calm.", "42")
    outside = [{**result[0], "value": {"start": 3, "end": 40, "labels": ["GPE"]}}]
    with pytest.raises(BuilderError, match="outside the sentence"):
        to_record(outside, "Kyiv is calm.", "42")


def test_relation_without_label_is_typed_by_its_target() -> None:
    text = "Anna said it rains."
    result: list[dict[str, Any]] = [
        {
            "id": "c",
            "from_name": "claim",
            "to_name": "text",
            "type": "labels",
            "value": {"start": 10, "end": 18, "text": "it rains", "labels": ["CLAIM"]},
        },
        {
            "id": "s",
            "from_name": "claim",
            "to_name": "text",
            "type": "labels",
            "value": {"start": 0, "end": 4, "text": "Anna", "labels": ["SOURCE"]},
        },
        {"type": "relation", "from_id": "c", "to_id": "s", "direction": "right", "labels": []},
    ]
    (claim,) = to_record(result, text, "t")["claims"]
    assert claim["source"] == {"start": 0, "end": 4}
    assert claim["cue"] is None


def _part(rid: str, label: str, text: str, piece: str) -> dict[str, Any]:
    start = text.index(piece)
    return {
        "id": rid,
        "from_name": "claim",
        "to_name": "text",
        "type": "labels",
        "value": {"start": start, "end": start + len(piece), "text": piece, "labels": [label]},
    }


def _rel(a: str, b: str, label: str = "") -> dict[str, Any]:
    return {"type": "relation", "from_id": a, "to_id": b, "labels": [label] if label else []}


TWO_CLAIMS = "Anna said it rains, and Ben claimed it snows."


@pytest.mark.parametrize(
    ("result", "expected_claims", "expected_unlinked"),
    [
        # A relation drawn from the SOURCE to the CLAIM links them as well.
        (
            [
                _part("c", "CLAIM", TWO_CLAIMS, "it rains"),
                _part("s", "SOURCE", TWO_CLAIMS, "Anna"),
                _rel("s", "c", "source"),
            ],
            [((10, 18), (0, 4), None)],
            [],
        ),
        # A relation labelled "source" that reaches a CUE is typed by the CUE it reaches.
        (
            [
                _part("c", "CLAIM", TWO_CLAIMS, "it rains"),
                _part("k", "CUE", TWO_CLAIMS, "said"),
                _rel("c", "k", "source"),
            ],
            [((10, 18), None, (5, 9))],
            [],
        ),
        # No relation drawn: parts join the sentence's only claim.
        (
            [
                _part("c", "CLAIM", TWO_CLAIMS, "it rains"),
                _part("s", "SOURCE", TWO_CLAIMS, "Anna"),
                _part("k", "CUE", TWO_CLAIMS, "said"),
            ],
            [((10, 18), (0, 4), (5, 9))],
            [],
        ),
        # Two claims and a source linked to neither: kept as unlinked, never dropped.
        (
            [
                _part("c1", "CLAIM", TWO_CLAIMS, "it rains"),
                _part("c2", "CLAIM", TWO_CLAIMS, "it snows"),
                _part("s", "SOURCE", TWO_CLAIMS, "Ben"),
                _part("s0", "SOURCE", TWO_CLAIMS, "Anna"),
                _rel("c1", "s0"),
            ],
            [((10, 18), (0, 4), None), ((36, 44), None, None)],
            [{"label": "SOURCE", "start": 24, "end": 27}],
        ),
        # A SOURCE and no claim at all.
        (
            [_part("s", "SOURCE", TWO_CLAIMS, "Anna")],
            [],
            [{"label": "SOURCE", "start": 0, "end": 4}],
        ),
    ],
)
def test_claim_parts_are_linked_whichever_way_and_never_dropped(
    result: list[dict[str, Any]],
    expected_claims: list[tuple[Any, ...]],
    expected_unlinked: list[dict[str, Any]],
) -> None:
    record = to_record(result, TWO_CLAIMS, "t")

    def pair(span: dict[str, int] | None) -> tuple[int, int] | None:
        return None if span is None else (span["start"], span["end"])

    got = [(pair(c["claim"]), pair(c["source"]), pair(c["cue"])) for c in record["claims"]]
    assert got == expected_claims
    assert record["unlinked"] == expected_unlinked


def test_an_unmarked_quote_type_stays_unknown() -> None:
    text = "Anna said it rains."
    claim = _part("c", "CLAIM", text, "it rains")
    choice = {"id": "c", "from_name": "quote", "to_name": "text", "type": "choices"}
    unmarked = to_record([claim], text, "t")["claims"][0]
    indirect = to_record([claim, {**choice, "value": {"choices": ["indirect"]}}], text, "t")
    direct = to_record([claim, {**choice, "value": {"choices": ["direct"]}}], text, "t")
    assert unmarked["direct"] is None
    assert indirect["claims"][0]["direct"] is False
    assert direct["claims"][0]["direct"] is True


def test_a_region_with_two_labels_is_an_error_naming_the_task() -> None:
    region = _part("e0", "GPE", "Kyiv is calm.", "Kyiv")
    region["from_name"] = "ner"
    region["value"]["labels"] = ["GPE", "LOC"]
    with pytest.raises(BuilderError, match="task 7: region e0 has 2 labels"):
        to_record([region], "Kyiv is calm.", "7")


def test_a_prediction_that_does_not_fit_the_config_is_refused_before_upload() -> None:
    from builder.model import Sentence
    from builder.studio.local import Local, predictions

    text, record = SAMPLE[0]
    sent = Sentence("s1", "d1", 0, 0, len(text), text)
    bad_label = {**record, "entities": [{"start": 0, "end": 1, "label": "NOT_A_LABEL", "score": 1}]}
    local = Local([sent], {"s1": ("", "")}, {"s1": bad_label}, "v1")
    with pytest.raises(BuilderError, match="sentence s1: the prediction does not fit") as info:
        predictions(local, label_config(labels()), [sent])
    assert info.value.code == "E721"
    outside = {
        **record,
        "entities": [{"start": 0, "end": len(text) + 3, "label": "GPE", "score": 1}],
    }
    local = Local([sent], {"s1": ("", "")}, {"s1": outside}, "v1")
    with pytest.raises(BuilderError, match="does not fit the sentence text"):
        predictions(local, label_config(labels()), [sent])
