"""Frozen label records round-trip their disk shape exactly: to_dict(from_dict(d)) == d."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings

from builder.gold.resolve import POLICIES, resolve
from builder.gold.snapshots import problem
from builder.model import (
    UNRECORDED,
    AnnotatedEntity,
    AnnotatedSpan,
    Annotation,
    Document,
    Prelabel,
    ResolvedGold,
    TextSpan,
)
from builder.prelabel.apply import Prelabeler
from builder.schemas import first_error
from builder.segment import segment_document
from tests.quality.helpers import TEXT, claim, record
from tests.record_strategies import annotation_records, prelabel_records


@settings(max_examples=300, deadline=None)
@given(annotation_records())
def test_annotation_records_round_trip(d: dict[str, Any]) -> None:
    assert problem(d) is None  # the strategy draws valid records only
    annotation = Annotation.from_dict(d)
    assert annotation.to_dict() == d
    assert Annotation.from_dict(annotation.to_dict()) == annotation
    assert ResolvedGold.from_dict(annotation.labels.to_dict()) == annotation.labels


@settings(max_examples=300, deadline=None)
@given(prelabel_records())
def test_prelabel_records_round_trip(d: dict[str, Any]) -> None:
    assert first_error("prelabels", d) is None
    assert Prelabel.from_dict(d).to_dict() == d


def test_the_prelabeler_output_round_trips() -> None:
    text = 'Prime Minister Keir Starmer said on Monday that "taxes will not rise", officials said.'
    sentences = list(segment_document(Document("d1", "", text, "", "")))
    for item in Prelabeler().label(sentences):
        written = orjson.loads(orjson.dumps(item.prediction))
        assert Prelabel.from_dict(written).to_dict() == written


def test_absent_and_null_stay_apart() -> None:
    old = record("a", [(15, 27, "PERSON")])  # pulled before `unlinked` and `shown` existed
    typed = Annotation.from_dict(old)
    assert typed.shown is UNRECORDED and typed.unlinked is None
    assert "shown" not in typed.to_dict() and "unlinked" not in typed.to_dict()
    nothing_shown = Annotation.from_dict({**old, "shown": None, "unlinked": []})
    assert nothing_shown.shown is None and nothing_shown.unlinked == ()
    assert nothing_shown.to_dict() == {**old, "shown": None, "unlinked": []}
    assert typed.entities == (AnnotatedEntity(15, 27, "PERSON"),)


def test_spans_are_frozen_with_start_end_and_text() -> None:
    quoted = TextSpan(15, 27, "Keir Starmer")
    with pytest.raises(AttributeError):
        quoted.start = 0  # type: ignore[misc]
    assert TextSpan.from_dict(quoted.to_dict()) == quoted
    assert AnnotatedSpan(15, 27).to_dict() == {"start": 15, "end": 27}
    assert AnnotatedSpan(15, 27, "Keir Starmer").to_dict()["text"] == TEXT[15:27]


@pytest.mark.parametrize("policy", POLICIES)
def test_resolution_is_the_same_from_typed_records_and_from_dicts(policy: str) -> None:
    records = [
        record("a", [(15, 27, "PERSON")], sentiment="neutral", updated="2024-05-01T10:00:00Z"),
        record("b", [(15, 27, "PERSON")], sentiment="neutral", claims=[claim((0, 9))]),
        record("a", [(36, 49, "GPE")], sid="s2", check_worthy="yes"),
        record("b", [(36, 49, "GPE"), (53, 59, "DATE")], sid="s2", check_worthy="yes"),
        record("c", [(36, 49, "GPE")], sid="s2", check_worthy="no"),
    ]
    review = [record("r", [(36, 49, "GPE")], sid="s2", check_worthy="yes")]
    typed = resolve(map(Annotation.from_dict, records), policy, map(Annotation.from_dict, review))
    plain = resolve(records, policy, review)
    assert typed.labels == plain.labels and typed.gold == plain.gold
    assert typed.summary() == plain.summary() and typed.ambiguous == plain.ambiguous
    for sid, labels in typed.labels.items():
        assert isinstance(labels, ResolvedGold)
        assert typed.gold[sid] == labels.to_dict()
        assert set(typed.gold[sid]) == {"entities", "claims", "check_worthy", "sentiment"}


def test_snapshot_records_of_a_pull_are_annotations(tmp_path: Path) -> None:
    from builder.gold.snapshots import read_snapshots
    from tests.quality.helpers import snapshot

    records = [record("a", [(15, 27, "PERSON")]), record("b", cancelled=True)]
    snapshots = read_snapshots(snapshot(tmp_path, records))
    assert [a.to_dict() for a in snapshots.typed_annotations] == snapshots.annotations == records
    assert snapshots.typed_adjudications == ()
