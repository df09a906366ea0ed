"""Agreement between annotators over canonical records, by layer, and the disputed sentences."""

from __future__ import annotations

import random
from typing import Any

import orjson
from hypothesis import given
from hypothesis import strategies as st

from builder.gold.resolve import Policy, resolve
from builder.quality.agreement import agreement, disagreements, latest_annotations
from tests.quality.helpers import Span, claim, record

PERSON_SHORT, PERSON_LONG = (15, 27, "PERSON"), (0, 27, "PERSON")
NEW_YORK_CITY, NEW_YORK, CITY = (36, 49, "GPE"), (36, 44, "GPE"), (45, 49, "GPE")
MONDAY = (53, 59, "DATE")


def test_entity_f1_hand_computed_with_overlapping_spans() -> None:
    a = record("ann-a", [PERSON_SHORT, NEW_YORK_CITY, MONDAY])
    b = record("ann-b", [PERSON_LONG, NEW_YORK, CITY, MONDAY])
    ents = agreement([a, b])["entities"]
    # exact: only Monday is the same: 2 x 1 / 7 items.
    assert ents["exact"]["micro"] == {"f1": 0.2857, "matched": 1, "items": 7}
    assert ents["exact"]["PERSON"] == {"f1": 0.0, "matched": 0, "items": 2}
    # overlap: each span matches once; "New York City" takes "New York" or "City", not both.
    assert ents["overlap"]["micro"] == {"f1": 0.8571, "matched": 3, "items": 7}
    assert ents["overlap"]["GPE"] == {"f1": 0.6667, "matched": 1, "items": 3}
    assert list(ents["overlap"]) == ["micro", "DATE", "GPE", "PERSON"]
    assert list(ents) == ["exact", "overlap"]


def test_only_sentences_with_several_annotators_count() -> None:
    records = [
        record("a", [MONDAY], sid="s1"),
        record("b", [MONDAY], sid="s1"),
        record("a", [PERSON_SHORT], sid="s2"),  # alone: nothing to compare
        record("c", [NEW_YORK], sid="s2", cancelled=True),  # skipped: takes no part
    ]
    out = agreement(records)
    assert (out["sentences"], out["annotators"], out["pairs"]) == (1, 2, 1)
    assert out["entities"]["exact"]["micro"] == {"f1": 1.0, "matched": 1, "items": 2}


def test_an_annotator_counts_with_their_latest_annotation() -> None:
    records = [
        record("a", [PERSON_LONG], updated="2024-05-02T09:00:00Z"),
        record("a", [PERSON_SHORT], updated="2024-05-01T09:00:00Z"),
        record("b", [PERSON_LONG]),
    ]
    assert latest_annotations(records)["s1"][0]["entities"][0]["start"] == 0
    assert agreement(records)["entities"]["exact"]["micro"]["f1"] == 1.0
    assert disagreements(records) == []


def test_no_entities_on_either_side_has_no_f1() -> None:
    out = agreement([record("a"), record("b")])
    assert out["entities"]["exact"] == {"micro": {"f1": None, "matched": 0, "items": 0}}


def test_claim_agreement_needs_a_matching_source() -> None:
    said = claim((0, 59), source=(61, 70), cue=(71, 75))
    a = record("a", claims=[said, claim((10, 20), source=(0, 5))])
    b = record("b", claims=[claim((15, 59), source=(61, 70), cue=(71, 75)), claim((10, 20))])
    out = agreement([a, b])["claims"]
    # Both claim spans overlap; only the first has overlapping sources (the second: one None).
    assert out["claim"] == {"f1": 0.5, "matched": 1, "items": 4}
    assert out["content"] == {"f1": 1.0, "matched": 2, "items": 4}
    assert out["cue"] == {"f1": 1.0, "matched": 1, "items": 2}


def test_claims_without_sources_on_both_sides_match() -> None:
    out = agreement([record("a", claims=[claim((0, 10))]), record("b", claims=[claim((5, 9))])])
    assert out["claims"]["claim"]["f1"] == 1.0
    assert out["claims"]["cue"] == {"f1": None, "matched": 0, "items": 0}


def test_class_layers_use_every_sentence_labelled_by_two() -> None:
    labels = [("negative", "negative"), ("neutral", "positive"), ("positive", "positive")]
    records = [
        rec
        for i, (x, y) in enumerate(labels)
        for rec in (
            record("a", sid=f"s{i}", sentiment=x, check_worthy="yes"),
            record("b", sid=f"s{i}", sentiment=y, check_worthy=None if i == 2 else "yes"),
        )
    ]
    out = agreement(records)
    assert out["sentiment"]["n"] == 3
    assert out["sentiment"]["percent_agreement"] == 0.6667
    # po = 2/3; pe = (1*1 + 1*0 + 1*2) / 9 = 1/3; kappa = (2/3 - 1/3) / (2/3) = 0.5.
    assert out["sentiment"]["cohen_kappa"] == 0.5
    assert out["check_worthy"]["n"] == 2  # b did not say for s2
    assert out["check_worthy"]["percent_agreement"] == 1.0
    assert out["check_worthy"]["cohen_kappa"] is None  # only "yes": undefined


def test_disagreements_say_what_differs() -> None:
    records = [
        record("a", [PERSON_SHORT, MONDAY], sentiment="neutral", check_worthy="no"),
        record("b", [PERSON_LONG, MONDAY], sentiment="negative", check_worthy="no"),
        record("a", [MONDAY], sid="s2"),
        record("b", [MONDAY], sid="s2"),
    ]
    (found,) = disagreements(records)
    assert found["sentence_id"] == "s1"
    assert found["annotators"] == ["a", "b"]
    assert found["differs"] == {
        "entities": [
            {
                "start": 0,
                "end": 27,
                "label": "PERSON",
                "text": "Prime Minister Keir Starmer",
                "annotators": ["b"],
            },
            {
                "start": 15,
                "end": 27,
                "label": "PERSON",
                "text": "Keir Starmer",
                "annotators": ["a"],
            },
        ],
        "sentiment": {"a": "neutral", "b": "negative"},
    }


def test_disagreements_on_claims_render_their_parts() -> None:
    records = [record("a", claims=[claim((0, 59), source=(61, 70))]), record("b")]
    (found,) = disagreements(records)
    (item,) = found["differs"]["claims"]
    assert item["source"] == {"start": 61, "end": 70, "text": "officials"}
    assert item["cue"] is None
    assert item["annotators"] == ["a"]


# -- properties -------------------------------------------------------------------------------

spans = st.lists(
    st.tuples(
        st.integers(0, 60), st.integers(1, 12), st.sampled_from(["PERSON", "ORG", "GPE"])
    ).map(lambda t: (t[0], t[0] + t[1], t[2])),
    max_size=6,
)
sentences = st.lists(st.tuples(spans, spans), min_size=1, max_size=4)


def _two(
    pairs: list[tuple[list[Span], list[Span]]], names: tuple[str, str] = ("a", "b")
) -> list[dict[str, Any]]:
    return [
        record(name, ents, sid=f"s{i}")
        for i, pair in enumerate(pairs)
        for name, ents in zip(names, pair, strict=True)
    ]


@given(sentences)
def test_f1_is_symmetric(pairs: list[tuple[list[Span], list[Span]]]) -> None:
    assert agreement(_two(pairs))["entities"] == agreement(_two(pairs, ("b", "a")))["entities"]


@given(st.lists(spans, min_size=1, max_size=4))
def test_identical_annotators_agree_fully(annotated: list[list[Span]]) -> None:
    out = agreement(_two([(e, list(e)) for e in annotated]))["entities"]
    expected = 1.0 if any(annotated) else None
    for match in ("exact", "overlap"):
        assert all(score["f1"] == expected for score in out[match].values())


@given(sentences, st.randoms(use_true_random=False))
def test_f1_does_not_depend_on_span_order(
    pairs: list[tuple[list[Span], list[Span]]], rnd: random.Random
) -> None:
    records = _two(pairs)
    shuffled = _two(pairs)
    for r in shuffled:
        rnd.shuffle(r["entities"])
    rnd.shuffle(shuffled)
    assert agreement(shuffled) == agreement(records)


@given(sentences)
def test_overlap_agreement_is_at_least_exact(pairs: list[tuple[list[Span], list[Span]]]) -> None:
    out = agreement(_two(pairs))["entities"]
    for label, exact in out["exact"].items():
        assert out["overlap"][label]["matched"] >= exact["matched"]
        assert (out["overlap"][label]["f1"] or 0) >= (exact["f1"] or 0)


votes = st.fixed_dictionaries(
    {
        "entities": st.sampled_from([[], [MONDAY], [PERSON_SHORT, MONDAY]]),
        "sentiment": st.sampled_from([None, "neutral", "negative"]),
        "check_worthy": st.sampled_from([None, "yes"]),
        "claims": st.sampled_from([[], [claim((0, 59), source=(61, 70))]]),
    }
)


@given(st.lists(st.lists(votes, min_size=1, max_size=3), min_size=1, max_size=4))
def test_disputed_sentences_are_those_strict_resolution_leaves_out(
    sentences_votes: list[list[dict[str, Any]]],
) -> None:
    records = [
        record(
            f"ann{j}",
            v["entities"],
            sid=f"s{i}",
            sentiment=v["sentiment"],
            check_worthy=v["check_worthy"],
            claims=v["claims"],
        )
        for i, vs in enumerate(sentences_votes)
        for j, v in enumerate(vs)
    ]
    disputed = [d["sentence_id"] for d in disagreements(records)]
    assert disputed == [sid for sid, _ in resolve(records, Policy.strict).ambiguous]


@given(sentences)
def test_output_is_json_with_a_stable_order(pairs: list[tuple[list[Span], list[Span]]]) -> None:
    records = _two(pairs)
    once = orjson.dumps(agreement(records))
    assert once == orjson.dumps(agreement(list(reversed(records))))
    orjson.dumps(disagreements(records))
