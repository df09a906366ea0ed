"""Splits: stable under additions, grouped, ratio-faithful, and free of duplicate leaks."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import orjson
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.export.build import export
from builder.export.keys import near_words
from builder.export.params import ExportParams
from builder.export.splits import SPLITS, Link, SplitParams, assign, hash_split, normalise
from builder.jsonl import write_records
from builder.segment import sentence_id

PARAMS = SplitParams()
WIRE = "Rescuers pulled eleven people from the collapsed building in the harbour district overnight"


def find_groups(params: SplitParams, *wanted: str) -> list[str]:
    """Group keys that hash to the wanted splits, in order."""
    out = []
    for want in wanted:
        out.append(
            next(
                f"doc-{want}-{i}"
                for i in range(10_000)
                if hash_split(f"doc-{want}-{i}", params) == want and f"doc-{want}-{i}" not in out
            )
        )
    return out


# Adding documents never moves a group the hash placed: tests/export/test_fill.py (small
# corpora may have groups placed by the fill-up rule, which may move).


def test_ratios_and_salt() -> None:
    groups = [f"doc{i}" for i in range(20_000)]
    counts = {s: sum(hash_split(g, PARAMS) == s for g in groups) for s in SPLITS}
    assert abs(counts["train"] / 20_000 - 0.8) < 0.01
    assert abs(counts["test"] / 20_000 - 0.1) < 0.01
    other = SplitParams(salt="v2")
    moved = sum(hash_split(g, PARAMS) != hash_split(g, other) for g in groups)
    assert moved > 5_000, "a new salt reshuffles"


def _export_rows(
    folder: Path, docs: dict[str, list[str]], params: SplitParams
) -> tuple[list[tuple[str, str, str]], dict[str, Any]]:
    """Export ``docs`` (doc id -> sentence texts) as silver data; (split, doc id, text) of every
    exported row, and the manifest."""
    sentences: list[dict[str, Any]] = []
    prelabels: list[dict[str, Any]] = []
    for doc_id, texts in docs.items():
        for index, text in enumerate(texts):
            sid = sentence_id(doc_id, text, 0)
            sentences.append(
                {"id": sid, "doc_id": doc_id, "index": index, "start": 0, "end": len(text)}
                | {"text": text}
            )
            scored = {"score": 0.5, "heuristics": []}
            prelabels.append(
                {"sentence_id": sid, "model_version": "heuristics-0123456789ab"}
                | {"entities": [], "claims": []}
                | {"check_worthy": {"label": "no", **scored}}
                | {"sentiment": {"label": "neutral", **scored}}
            )
    write_records(folder / "sentences.jsonl", sentences)
    write_records(folder / "prelabels.jsonl", prelabels)
    out = folder / "datasets"
    export(
        folder / "sentences.jsonl",
        folder / "prelabels.jsonl",
        out,
        ExportParams("news", None, silver=True, splits=params, workers=1),
    )
    version = out / "news" / "0.1.0"
    rows = [
        (path.stem, doc_id, text)
        for path in sorted((version / "sentiment").glob("*.parquet"))
        for doc_id, text in zip(
            *pq.read_table(path, columns=["doc_id", "text"]).to_pydict().values(), strict=True
        )
    ]
    return rows, orjson.loads((version / "manifest.json").read_bytes())


def test_a_group_never_straddles_splits(tmp_path: Path) -> None:
    """On the exported rows: the documents of a source (one group under the group pattern)
    share a split, also when a sentence repeated from another source's split moves them."""
    rng = random.Random(7)

    def words() -> str:  # eight random words out of a large vocabulary: no duplicates
        return " ".join(f"w{rng.randrange(1_000_000)}" for _ in range(8)) + "."

    docs = {f"src{g}/{d}": [words() for _ in range(3)] for g in range(60) for d in range(4)}
    for g in range(0, 60, 3):  # a wire copy: a sentence of the next source, word for word
        docs[f"src{g}/0"].append(docs[f"src{g + 1}/2"][1])
    params = SplitParams(group_pattern=r"^([^/]+)/")
    rows, manifest = _export_rows(tmp_path, docs, params)
    assert len(rows) == sum(map(len, docs.values()))
    split_of: dict[str, set[str]] = {}
    for split, doc_id, _ in rows:
        split_of.setdefault(params.grouper()(doc_id), set()).add(split)
    straddling = {group: splits for group, splits in split_of.items() if len(splits) > 1}
    assert straddling == {}
    # What could go wrong here did: the documents of a source would hash to other splits
    # alone, and repeated sentences moved sources out of the split they hashed to.
    alone = {(doc.split("/")[0], hash_split(doc, params)) for doc in docs}
    assert len(alone) > len(split_of)
    assert manifest["leaks"], "no source was moved by a repeated sentence"
    texts: dict[str, set[str]] = {}
    for split, _, text in rows:
        texts.setdefault(text, set()).add(split)
    assert all(len(splits) == 1 for splits in texts.values()), "a repeated sentence leaks"


def test_exact_duplicate_across_splits_moves_the_evaluation_document() -> None:
    train_doc, test_doc = find_groups(PARAMS, "train", "test")
    rows = [
        ("a1", train_doc, WIRE + "."),
        ("a2", train_doc, "Other text."),
        ("b1", test_doc, "  " + WIRE.upper() + " !"),
        ("b2", test_doc, "More."),
    ]
    result = assign(rows, PARAMS)
    assert result.split_of(test_doc) == "train"
    (move,) = result.moves  # the test document moved, once, for its one duplicate
    assert (move.group, move.was_in, move.moved_to, move.links) == (test_doc, "test", "train", 1)
    assert move.example == Link("exact", ("b1", "a1"), (test_doc, train_doc))


def test_near_duplicate_wire_copy_is_caught() -> None:
    val_doc, test_doc = find_groups(PARAMS, "validation", "test")
    edited = WIRE.replace("eleven", "11")
    result = assign([("v1", val_doc, WIRE), ("t1", test_doc, edited)], PARAMS)
    (move,) = result.moves
    assert move.example == Link("near", ("t1", "v1"), (test_doc, val_doc))
    assert result.split_of(test_doc) == result.split_of(val_doc) == "validation"


def test_templated_sentences_that_differ_in_two_of_six_words_are_distinct() -> None:
    a, b = find_groups(PARAMS, "train", "test")
    result = assign(
        [("x", a, "Story 12 line 3 is unique"), ("y", b, "Story 13 line 4 is unique")], PARAMS
    )
    assert result.moves == []


def test_short_common_sentences_link_no_documents() -> None:
    a, b = find_groups(PARAMS, "train", "test")
    result = assign([("x", a, "He said so."), ("y", b, "He said so.")], PARAMS)
    assert result.moves == []
    assert result.split_of(b) == "test"


def test_short_sentences_are_not_near_matched() -> None:
    a, b = find_groups(PARAMS, "train", "test")
    result = assign([("x", a, "He said no."), ("y", b, "He said yes.")], PARAMS)
    assert result.moves == []


def test_normalise() -> None:
    assert (
        normalise("  Médecins—Sans   Frontières SAID: “Yes!” ")
        == "medecins sans frontieres said yes"
    )


@given(
    st.text(alphabet=st.characters(codec="ascii"), max_size=60)
    | st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=30)
)
def test_the_words_compared_are_those_of_normalise(text: str) -> None:
    # ASCII text takes a bytes fast path; every text must give normalise's words.
    words = near_words(text, 0)
    assert words is not None
    assert b" ".join(words).decode() == normalise(text)


def test_bad_ratios() -> None:
    with pytest.raises(ValueError, match="sum to 1"):
        SplitParams(train=0.9, validation=0.2, test=0.1)


def test_a_near_duplicate_follows_a_group_moved_by_an_exact_duplicate() -> None:
    # b and c hash to validation, a to train. Y sits in b and in a (exact duplicate: b joins
    # a in train); X in c is a near duplicate of Y, so c must follow b into train.
    a, b, c = find_groups(PARAMS, "train", "validation", "validation")
    y = WIRE
    x = WIRE.replace("eleven", "11")
    got = assign([("s1", c, x), ("s2", b, y), ("s3", a, y)], PARAMS)
    assert [got.split_of(g) for g in (a, b, c)] == ["train", "train", "train"]
    moves = {m.group: (m.example.kind, m.was_in, m.moved_to) for m in got.moves}
    assert moves == {b: ("exact", "validation", "train"), c: ("near", "validation", "train")}


@pytest.mark.parametrize(
    ("pattern", "doc_id", "group"),
    [
        (r"^([^/]+)/", "reuters/2024/1", "reuters"),
        (r"^([^/]+)/", "no-slash", "no-slash"),  # no match: the document alone
        (r"(brief)?-", "brief-001", "brief"),
        (r"(brief)?-", "rail-strike.md", "rail-strike.md"),  # the group took no part
        (r"^\w+", "story12-part2", "story12"),  # no group: the whole match
    ],
)
def test_group_pattern(pattern: str, doc_id: str, group: str) -> None:
    assert SplitParams(group_pattern=pattern).grouper()(doc_id) == group


def test_templated_text_is_linked_in_linear_time() -> None:
    # 20,000 sentences differing in one number of 20 words (Jaccard 0.9): huge band buckets.
    # All pairs would be 200 million; neighbours in signature order link all but a few into
    # one split (the price of linear time: a near pair outside the window can be missed).
    template = (
        "Result {} of the regional league table was published by the football association "
        "this weekend after every match had been played"
    )
    groups = [f"doc{i}" for i in range(20_000)]
    got = assign(((f"s{i}", g, template.format(i)) for i, g in enumerate(groups)), PARAMS)
    in_train = sum(got.split_of(g) == "train" for g in groups)
    assert in_train >= 0.995 * len(groups)


@given(st.lists(st.integers(min_value=0, max_value=1500), max_size=8))
def test_rows_added_chunk_by_chunk_are_the_rows_concatenated(sizes: list[int]) -> None:
    # What the collector keeps of the signatures: grown as chunks come, never concatenated.
    import numpy as np

    from builder.export.splits import _Rows

    parts = [np.arange(3 * n, dtype=np.uint32).reshape(n, 3) + k for k, n in enumerate(sizes)]
    kept = _Rows()
    for part in parts:
        kept.add(part)
    empty = np.empty((0, 3), np.uint32)
    assert np.array_equal(kept.rows(empty), np.concatenate([empty, *parts]))


_TEXTS = (
    WIRE,
    WIRE.replace("eleven", "twelve"),  # a near duplicate of the wire copy
    "The central bank left its main interest rate unchanged again on Thursday morning",
    "The central bank left its main interest rate unchanged again on Friday morning",
    "Fans queued through the night outside the stadium for the final tickets",
    "He said so.",  # too short to link anything
)


@given(
    st.lists(st.tuples(st.integers(0, len(_TEXTS) - 1), st.integers(0, 7)), max_size=60),
    st.integers(1, 12),
)
def test_chunks_give_the_assignment_of_one_chunk(picks: list[tuple[int, int]], size: int) -> None:
    """The collector takes the keys chunk by chunk, as the export's workers send them (a text
    seen in an earlier chunk comes without its signature); the assignment, its moves and
    their example links, is the one of all the sentences taken at once (``assign``)."""
    from builder.export.keys import KeyMaker
    from builder.export.splits import Collector
    from builder.minhash import Hasher, Permutations

    sentences = [(f"s{k}", f"g{group}", _TEXTS[t]) for k, (t, group) in enumerate(picks)]
    whole = assign(sentences, PARAMS)
    perms = Permutations.datasketch(PARAMS.near_duplicate_threshold, 64)
    hasher, sent, collector = Hasher(perms), dict[bytes, int](), Collector(PARAMS)
    for k in range(0, len(sentences), size):
        maker = KeyMaker(str, PARAMS.min_words)
        for sid, group, text in sentences[k : k + size]:
            maker.add(sid, group, text)
        collector.add(maker.keys(hasher, sent, k // size))
    assert collector.assignment(perms) == whole
