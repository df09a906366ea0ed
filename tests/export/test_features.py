"""Features come from the label schema, in its order, and hold the rows we write."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from datasets import ClassLabel, Dataset

from builder.export.features import CONFIGS, bio_names, features_for
from builder.labels import labels, load_labels
from builder.schemas import schema_dir


def test_class_labels_follow_the_schema_order() -> None:
    schema = labels()
    ner = features_for("ner", schema)
    assert ner["entities"].feature["label"].names == list(schema.entity_types)
    assert ner["ner_tags"].feature.names[:3] == ["O", "B-PERSON", "I-PERSON"]
    assert len(bio_names(schema)) == 1 + 2 * len(schema.entity_types)
    assert features_for("sentiment", schema)["label"].names == ["negative", "neutral", "positive"]
    assert features_for("claims", schema)["check_worthy"].names == ["no", "yes"]


def test_reordering_the_schema_reorders_the_features(tmp_path: Path) -> None:
    text = (schema_dir() / "labels.yaml").read_text()
    swapped = (
        text.replace("  - {name: negative", "  - {name: TMP")
        .replace("  - {name: positive", "  - {name: negative")
        .replace("  - {name: TMP", "  - {name: positive")
    )
    path = tmp_path / "labels.yaml"
    path.write_text(swapped)
    schema = load_labels(path)
    assert features_for("sentiment", schema)["label"].names == ["positive", "neutral", "negative"]
    assert schema.sha != labels().sha


@pytest.mark.parametrize("config", CONFIGS)
def test_rows_encode_with_the_explicit_features(config: str) -> None:
    schema = labels()
    base = {"id": "s1", "doc_id": "d1", "text": "Anna said Kyiv is calm.", "source": "gold"}
    rows: dict[str, dict[str, Any]] = {
        "ner": {
            **base,
            "tokens": ["Anna", "said", "Kyiv", "is", "calm", "."],
            "ner_tags": ["B-PERSON", "O", "B-GPE", "O", "O", "O"],
            "entities": [
                {"start": 0, "end": 4, "label": "PERSON"},
                {"start": 10, "end": 14, "label": "GPE"},
            ],
        },
        "claims": {
            **base,
            "claims": [
                {
                    "claim": {"start": 10, "end": 22},
                    "source": {"start": 0, "end": 4},
                    "cue": None,
                    "direct": False,
                }
            ],
            "check_worthy": "no",
        },
        "sentiment": {**base, "label": "neutral"},
    }
    row = rows[config]
    features = features_for(config, schema)
    ds = Dataset.from_list([features.encode_example(row)], features=features)
    assert ds.features == features
    got = ds[0]
    assert got["source"] == 0
    if config == "ner":
        assert isinstance(features["ner_tags"].feature, ClassLabel)
        assert features["ner_tags"].feature.int2str(got["ner_tags"]) == row["ner_tags"]
    if config == "claims":
        assert got["claims"][0]["cue"] is None
