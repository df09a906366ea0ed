"""Gold readers for every supported format, on records written here in those formats."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from builder.errors import InputError, UsageError
from builder.quality.devsets import GoldAttribution, GoldFormat, read_gold


def write(tmp_path: Path, *rows: object) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    return path


def test_conll(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {
            "doc_id": "d1",
            "text": "Anna visits Rome .",
            "entities": [
                {"start": 0, "end": 4, "type": "PER", "text": "Anna"},
                {"start": 12, "end": 16, "type": "LOC", "text": "Rome"},
            ],
        },
    )
    (doc,) = read_gold(path, "conll")
    assert (doc.id, doc.whole, doc.entities) == ("d1", False, ((0, 4, "PER"), (12, 16, "LOC")))


def test_polnear(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {
            "doc_id": "p",
            "text": "He said it rains.",
            "attributions": [
                {
                    "source": {"spans": [[0, 2]], "text": "He"},
                    "cue": {"spans": [[3, 7]], "text": "said"},
                    "content": {"spans": [[8, 16]], "text": "it rains"},
                },
                {
                    "cue": {"spans": [[3, 7]], "text": "said"},
                    "content": {"spans": [[8, 16]], "text": "it rains"},
                },
            ],
        },
    )
    (doc,) = read_gold(path, "polnear")
    assert doc.attributions == (
        GoldAttribution(((3, 7),), ((0, 2),), ((8, 16),)),
        GoldAttribution(((3, 7),), (), ((8, 16),)),
    )


def test_claimbuster_and_limit(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        *(
            {"sentence_id": i, "text": f"Row {i}.", "label": lab}
            for i, lab in enumerate(["CFS", "UFS", "NFS"])
        ),
    )
    docs = list(read_gold(path, "claimbuster", limit=2))
    assert [(d.id, d.check_worthy, d.whole) for d in docs] == [
        ("0", "yes", True),
        ("1", "no", True),
    ]


def test_newsmtsc_derives_sentence_labels_and_skips_mixed(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {
            "primary_gid": "a",
            "sentence_normalized": "X won.",
            "targets": [{"polarity": 6.0}, {"polarity": 7.0}],
        },
        {
            "primary_gid": "b",
            "sentence_normalized": "X and Y.",
            "targets": [{"polarity": 2.0}, {"polarity": 6.0}],
        },
        {"primary_gid": "c", "sentence_normalized": "X met Y.", "targets": [{"polarity": 4.0}]},
    )
    assert [(d.id, d.sentiment) for d in read_gold(path, "newsmtsc")] == [
        ("a", "positive"),
        ("c", "neutral"),
    ]


def test_wrong_format_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, {"doc_id": "d", "text": "x"})
    with pytest.raises(InputError, match=r"gold.jsonl:1: not conll gold") as info:
        list(read_gold(path, "conll"))
    assert info.value.code == "E302"


def test_an_unknown_format_is_refused_before_the_file_is_read(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as info:
        read_gold(tmp_path / "missing.jsonl", "conl")
    assert info.value.code == "E303" and "conll" in info.value.message
    assert read_gold(tmp_path / "missing.jsonl", GoldFormat.conll) is not None  # lazy: not read
