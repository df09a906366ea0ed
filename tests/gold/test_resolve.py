"""Resolution of several annotations per sentence into gold, under each policy."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from builder.errors import BuilderError
from builder.gold.resolve import POLICIES, Policy, as_policy, current_votes, resolve
from builder.gold.snapshots import read_snapshots
from builder.jsonl import write_records

TEXT = "Police said two people died in Paris."


def record(
    annotator: str,
    sentiment: str | None = "negative",
    entities: list[dict[str, Any]] | None = None,
    *,
    sid: str = "s1",
    updated: str = "2026-01-01T00:00:00Z",
    aid: int = 1,
    cancelled: bool = False,
    ground_truth: bool = False,
) -> dict[str, Any]:
    return {
        "sentence_id": sid,
        "doc_id": "d",
        "text": TEXT,
        "task_id": 1,
        "annotation_id": aid,
        "annotator": annotator,
        "created": updated,
        "updated": updated,
        "lead_time": 1.0,
        "was_cancelled": cancelled,
        "ground_truth": ground_truth,
        "entities": entities
        if entities is not None
        else [{"start": 31, "end": 36, "label": "GPE"}],
        "claims": [],
        "check_worthy": "yes",
        "sentiment": sentiment,
    }


def test_latest_takes_the_most_recent_and_ignores_skips() -> None:
    records = [
        record("a", "neutral", updated="2026-01-01T00:00:00Z", aid=1),
        record("b", "negative", updated="2026-01-02T00:00:00Z", aid=2),
        record("c", None, updated="2026-01-03T00:00:00Z", aid=3, cancelled=True),
        record("a", "positive", sid="s2", aid=4, cancelled=True),
    ]
    out = resolve(records, Policy.latest)
    assert out.gold["s1"]["sentiment"] == "negative"
    assert out.skipped == ["s2"]
    assert out.annotators_per_sentence == {"s1": 2}
    assert out.summary()["sentences_with_several_annotators"] == 1


def test_an_annotator_counts_once_with_their_latest_annotation() -> None:
    records = [
        record("a", "neutral", updated="2026-01-01T00:00:00Z", aid=1),
        record("a", "negative", updated="2026-01-05T00:00:00Z", aid=2),
        record("b", "negative", updated="2026-01-02T00:00:00Z", aid=3),
    ]
    assert resolve(records, Policy.strict).gold["s1"]["sentiment"] == "negative"


def test_majority_per_layer_and_ambiguous_ties() -> None:
    paris = {"start": 31, "end": 36, "label": "GPE"}
    police = {"start": 0, "end": 6, "label": "ORG"}
    three = [
        record("a", "negative", [paris, police], aid=1),
        record("b", "negative", [paris], aid=2),
        record("c", "neutral", [paris, police], aid=3),
    ]
    out = resolve(three, Policy.majority)
    assert out.gold["s1"]["sentiment"] == "negative"
    assert out.gold["s1"]["entities"] == [police, paris]
    tie = resolve(three[:1] + three[2:], Policy.majority)
    assert tie.ambiguous[0][0] == "s1" and "sentiment" in tie.ambiguous[0][1]
    # The tie on sentiment leaves the entities both drew gold; only sentiment is disputed.
    assert tie.gold["s1"]["entities"] == [police, paris] and tie.gold["s1"]["sentiment"] is None
    assert list(tie.disputed["s1"]) == ["sentiment"]


def test_ground_truth_flag_wins_over_recency() -> None:
    records = [
        record("a", "neutral", updated="2026-01-01T00:00:00Z", aid=1, ground_truth=True),
        record("b", "negative", updated="2026-01-09T00:00:00Z", aid=2),
    ]
    assert resolve(records, Policy.ground_truth).gold["s1"]["sentiment"] == "neutral"
    assert resolve(records[1:], Policy.ground_truth).gold["s1"]["sentiment"] == "negative"


def test_a_ground_truth_flag_stands_after_its_annotator_annotated_again() -> None:
    records = [
        record("a", "neutral", updated="2026-01-01T00:00:00Z", aid=1, ground_truth=True),
        record("a", "negative", updated="2026-01-05T00:00:00Z", aid=2),
    ]
    assert resolve(records, Policy.ground_truth).gold["s1"]["sentiment"] == "neutral"
    assert resolve(records, Policy.latest).gold["s1"]["sentiment"] == "negative"


def test_an_empty_choice_abstains_under_majority() -> None:
    votes = [record("a", "positive", aid=1), record("b", None, aid=2), record("c", None, aid=3)]
    assert resolve(votes, Policy.majority).gold["s1"]["sentiment"] == "positive"
    split = [*votes, record("d", "negative", aid=4)]
    assert resolve(split, Policy.majority).ambiguous == [
        ("s1", "no majority for sentiment: {'negative': 1, 'positive': 1}")
    ]
    nobody = [record("a", None, aid=1), record("b", None, aid=2)]
    assert resolve(nobody, Policy.majority).gold["s1"]["sentiment"] is None


def test_recency_is_by_time_not_by_string_order() -> None:
    # Python's isoformat leaves out a zero fraction: as strings, 10:00:00Z > 10:00:00.500000Z.
    records = [
        record("a", "neutral", updated="2026-01-01T10:00:00Z", aid=2),
        record("b", "negative", updated="2026-01-01T10:00:00.500000Z", aid=1),
    ]
    assert resolve(records, Policy.latest).gold["s1"]["sentiment"] == "negative"


def test_strict_lists_disagreements_and_adjudication_settles_them() -> None:
    records = [record("a", "neutral", aid=1), record("b", "negative", aid=2)]
    strict = resolve(records, Policy.strict)
    assert strict.ambiguous == [("s1", "annotators disagree on sentiment")]
    assert strict.gold["s1"]["sentiment"] is None and strict.gold["s1"]["entities"]
    review = [record("reviewer", "negative", aid=9)]
    assert resolve(records, Policy.adjudicated, review).gold["s1"]["sentiment"] == "negative"
    assert resolve(records, Policy.adjudicated).ambiguous, "no review yet: still ambiguous"


def test_unknown_policy_is_a_usage_error() -> None:
    with pytest.raises(BuilderError) as exc:
        resolve([], "vote")
    assert exc.value.code == "E802" and exc.value.exit_code == 2
    assert "'vote'" in exc.value.message
    assert "latest, majority, ground_truth, strict, adjudicated" in exc.value.message


def test_a_policy_is_given_by_name_or_as_itself() -> None:
    assert [as_policy(p.value) for p in Policy] == list(POLICIES)
    assert as_policy(Policy.majority) is Policy.majority
    assert resolve([], "strict").policy is Policy.strict
    assert resolve([]).summary()["policy"] == "latest"


def test_every_entry_point_refuses_an_unknown_policy_before_any_work(tmp_path: Path) -> None:
    from builder.export.params import ExportParams
    from builder.learn.run import learn
    from builder.quality.evaluate import evaluate

    missing = tmp_path / "missing.jsonl"  # read after the policy is checked, or never
    refusals: list[Callable[[], object]] = [
        lambda: ExportParams("news", None, policy="vote"),  # type: ignore[arg-type]
        lambda: evaluate(missing, missing, tmp_path / "annotations", "vote"),
        lambda: learn(missing, tmp_path / "annotations", tmp_path / "out.jsonl", "vote"),
    ]
    for refuse in refusals:
        with pytest.raises(BuilderError) as exc:
            refuse()
        assert exc.value.code == "E802"
    assert ExportParams("news", None, policy="strict").policy is Policy.strict  # type: ignore[arg-type]


SENTIMENTS = ["negative", "neutral", "positive", None]
DATES = st.sampled_from(["2026-01-01", "2026-01-02", "2026-01-03"])


@st.composite
def annotated_sentences(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Sentences annotated by one to three annotators who mostly agree (one annotation in
    six chooses its own sentiment), some annotating twice, a few skipping: agreement of
    several annotators, the case the policies must resolve alike, is the common case."""
    ids = iter(draw(st.permutations(range(1, 40))))
    records = []
    for sid in draw(st.lists(st.sampled_from(["s1", "s2", "s3"]), min_size=1, unique=True)):
        agreed = draw(st.sampled_from(SENTIMENTS))
        entities: list[dict[str, Any]] | None = draw(st.sampled_from([None, []]))
        several = draw(st.integers(0, 4)) > 0  # most sentences have two or three annotators
        annotators = draw(
            st.lists(st.sampled_from(["a", "b", "c"]), min_size=2 if several else 1, unique=True)
        )
        for who in annotators:
            for _ in range(draw(st.sampled_from([1, 1, 1, 2]))):
                own = draw(st.integers(0, 5)) == 0
                records.append(
                    record(
                        who,
                        draw(st.sampled_from(SENTIMENTS)) if own else agreed,
                        entities,
                        sid=sid,
                        updated=draw(DATES),
                        aid=next(ids),
                        cancelled=draw(st.integers(0, 7)) == 0,
                        ground_truth=draw(st.booleans()),
                    )
                )
    return records


ANY_ANNOTATIONS = st.lists(
    st.builds(
        record,
        st.sampled_from(["a", "b", "c"]),
        st.sampled_from(["negative", "neutral", "positive", None]),
        st.sampled_from([None, []]),
        sid=st.sampled_from(["s1", "s2", "s3"]),
        updated=st.sampled_from(["2026-01-01", "2026-01-02", "2026-01-03"]),
        aid=st.integers(1, 10_000),
        cancelled=st.booleans(),
        ground_truth=st.booleans(),
    ),
    max_size=12,
    unique_by=lambda r: r["annotation_id"],
)
# Three examples in four from sentences annotated alike; the rest anything at all.
ANNOTATIONS = st.integers(0, 3).flatmap(lambda k: annotated_sentences() if k else ANY_ANNOTATIONS)


@given(ANNOTATIONS, st.sampled_from(POLICIES), st.randoms())
def test_resolution_does_not_depend_on_record_order(
    records: list[dict[str, Any]], policy: Policy, rnd: random.Random
) -> None:
    shuffled = list(records)
    rnd.shuffle(shuffled)
    a, b = resolve(records, policy), resolve(shuffled, policy)
    assert a.gold == b.gold and a.ambiguous == b.ambiguous and a.skipped == b.skipped


@given(ANNOTATIONS)
def test_agreement_resolves_the_same_under_every_policy(records: list[dict[str, Any]]) -> None:
    strict = resolve(records, Policy.strict)
    several = any(
        len(
            current_votes(
                [r for r in records if r["sentence_id"] == sid and not r["was_cancelled"]]
            )
        )
        > 1
        for sid in strict.gold
    )
    event(f"agreement of several annotators: {several}")
    current = {
        id(v)
        for sid in strict.gold
        for v in current_votes([r for r in records if r["sentence_id"] == sid])
    }
    for policy in (Policy.latest, Policy.majority, Policy.ground_truth):
        other = resolve(records, policy)
        for sid, labels in strict.gold.items():
            if sid in strict.disputed:
                continue  # agreement on some layers only: the other policies settle the rest
            superseded_flag = any(
                r["sentence_id"] == sid
                and r["ground_truth"]
                and not r["was_cancelled"]
                and id(r) not in current
                for r in records
            )
            if policy is Policy.ground_truth and superseded_flag:
                continue  # a flag on an earlier annotation stands (see the test below)
            assert other.gold[sid] == labels
    every = set(strict.gold) | {sid for sid, _ in strict.ambiguous} | set(strict.skipped)
    assert every == {r["sentence_id"] for r in records}


def test_snapshots_are_read_per_project_with_reviews_apart(tmp_path: Path) -> None:
    for project, who in (("news", "a"), ("news-review", "reviewer")):
        folder = tmp_path / project
        write_records(folder / "abc.jsonl", [record(who)])
        (folder / "latest.json").write_text('{"records": "abc.jsonl"}\n')
    (tmp_path / "README.md").write_text("not a project")
    snaps = read_snapshots(tmp_path)
    assert [r["annotator"] for r in snaps.annotations] == ["a"]
    assert [r["annotator"] for r in snaps.adjudications] == ["reviewer"]
    (tmp_path / "news" / "latest.json").write_text('{"records": "gone.jsonl"}\n')
    with pytest.raises(BuilderError) as exc:
        read_snapshots(tmp_path)
    assert exc.value.code == "E801" and "gone.jsonl" in str(exc.value)


def test_annotations_of_an_older_text_are_left_out() -> None:
    old = {**record("alice", "neutral", aid=1, updated="2026-01-01T00:00:00Z"), "text": "Old."}
    new = record("bob", "negative", aid=2, updated="2026-01-02T00:00:00Z")
    for policy in POLICIES:
        out = resolve([old, new], policy)
        # Only bob annotated the text as it is now: no dispute, his labels and his text.
        assert out.gold["s1"]["sentiment"] == "negative", policy
        assert out.text["s1"] == TEXT and out.annotators_per_sentence["s1"] == 1


def test_strict_agreement_ignores_the_order_of_claims() -> None:
    """Claims at the same start come out in region-id order, which says nothing."""
    one = {"claim": {"start": 12, "end": 24}, "source": None, "cue": None, "direct": False}
    two = {"claim": {"start": 12, "end": 37}, "source": None, "cue": None, "direct": False}
    a, b = record("a", aid=1), record("b", aid=2)
    a["claims"], b["claims"] = [one, two], [two, one]
    assert resolve([a, b], "strict").ambiguous == []
    b["claims"] = [one]
    assert resolve([a, b], "strict").ambiguous == [("s1", "annotators disagree on claims")]


def test_strict_lists_every_disputed_layer_not_only_the_first() -> None:
    a = record("a", "neutral", [{"start": 31, "end": 36, "label": "GPE"}], aid=1)
    b = record("b", "negative", [{"start": 31, "end": 36, "label": "LOC"}], aid=2)
    out = resolve([a, b], Policy.strict)
    assert out.disputed["s1"] == {
        "entities": "annotators disagree on entities",
        "sentiment": "annotators disagree on sentiment",
    }
    assert out.ambiguous == [
        ("s1", "annotators disagree on entities; annotators disagree on sentiment")
    ]
    # Claims and check-worthiness were agreed: they stay gold.
    assert out.gold["s1"]["check_worthy"] == "yes" and out.gold["s1"]["claims"] == []
    assert out.summary()["disputed_layers"] == {"entities": 1, "sentiment": 1}


def test_a_sentence_disputed_on_every_layer_has_no_gold() -> None:
    one = {"claim": {"start": 0, "end": 6}, "source": None, "cue": None, "direct": None}
    a = record("a", "neutral", [], aid=1)
    b = {**record("b", "negative", aid=2), "check_worthy": "no", "claims": [one]}
    out = resolve([a, b], Policy.strict)
    assert out.gold == {} and set(out.disputed["s1"]) == {
        "entities",
        "claims",
        "check_worthy",
        "sentiment",
    }


ENTITY_CHOICES = [
    {"start": 0, "end": 6, "label": "ORG"},
    {"start": 31, "end": 36, "label": "GPE"},
    {"start": 31, "end": 36, "label": "LOC"},
]
CLAIM = {"claim": {"start": 12, "end": 36}, "source": {"start": 0, "end": 6}, "cue": None}


@st.composite
def layered(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Two to four annotators per sentence, each layer drawn on its own from a few choices,
    so that any layer may be agreed while any other is disputed."""
    records, aid = [], 0
    for sid in draw(st.lists(st.sampled_from(["s1", "s2"]), min_size=1, unique=True)):
        for who in draw(st.lists(st.sampled_from("abcd"), min_size=2, unique=True)):
            aid += 1
            rec = record(
                who,
                draw(st.sampled_from(SENTIMENTS[:2])),
                draw(st.lists(st.sampled_from(ENTITY_CHOICES), unique_by=str)),
                sid=sid,
                aid=aid,
            )
            rec["check_worthy"] = draw(st.sampled_from(["yes", "no"]))
            rec["claims"] = draw(st.sampled_from([[], [{**CLAIM, "direct": False}]]))
            records.append(rec)
    return records


def _votes(records: list[dict[str, Any]], sid: str) -> list[dict[str, Any]]:
    return [r for r in records if r["sentence_id"] == sid]


@given(layered())
def test_strict_settles_each_layer_on_its_own(records: list[dict[str, Any]]) -> None:
    """A layer every annotator labelled alike is gold whatever the other layers do; a layer
    they labelled differently is disputed and never guessed."""
    out = resolve(records, Policy.strict)
    for sid in {r["sentence_id"] for r in records}:
        votes = _votes(records, sid)
        disputed = out.disputed.get(sid, {})
        for layer in ("entities", "claims", "check_worthy", "sentiment"):
            values = [r[layer] for r in votes]
            if layer in ("entities", "claims"):
                values = [sorted(map(str, v)) for v in values]
            alike = all(v == values[0] for v in values)
            event(f"{layer} agreed: {alike}")
            assert (layer not in disputed) == alike
            if alike:
                assert out.gold[sid][layer] == votes[0][layer] or layer in ("entities",)
                if layer == "entities":
                    assert sorted(map(str, out.gold[sid][layer])) == values[0]
            elif sid in out.gold:
                assert out.gold[sid][layer] is None


@given(layered())
def test_majority_entities_never_depend_on_a_class_dispute(
    records: list[dict[str, Any]],
) -> None:
    """The spans more than half of the annotators drew are gold, with or without a majority
    on sentiment or check-worthiness."""
    out = resolve(records, Policy.majority)
    for sid in {r["sentence_id"] for r in records}:
        votes = _votes(records, sid)
        need = len(votes) // 2 + 1
        drawn = {str(e) for e in ENTITY_CHOICES if sum(e in r["entities"] for r in votes) >= need}
        event(f"class disputed: {bool(out.disputed.get(sid))}")
        assert {str(e) for e in out.gold[sid]["entities"]} == drawn
        assert "entities" not in out.disputed.get(sid, {})
