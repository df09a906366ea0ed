"""Hugging Face ``Features`` for each dataset config, generated from ``schemas/labels.yaml``.

Every ``ClassLabel`` takes its names, in order, from the label schema: the same order as the
Label Studio config, so that label ids mean the same thing everywhere. Features are always
passed explicitly; nothing is inferred from the data.
"""

from __future__ import annotations

from datasets import ClassLabel, Features, List, Value

from builder.export.names import CONFIGS, SOURCES, Encoder, bio_names
from builder.labels import LabelSchema

__all__ = ["CONFIGS", "SOURCES", "Encoder", "bio_names", "features_for"]


def _base() -> dict[str, object]:
    return {
        "id": Value("string"),
        "doc_id": Value("string"),
        "text": Value("string"),
        "source": ClassLabel(names=list(SOURCES)),
    }


def _span() -> dict[str, Value]:
    return {"start": Value("int32"), "end": Value("int32")}


def ner_features(schema: LabelSchema) -> Features:
    return Features(
        {
            **_base(),
            "tokens": List(Value("string")),
            "ner_tags": List(ClassLabel(names=bio_names(schema))),
            "entities": List({**_span(), "label": ClassLabel(names=list(schema.entity_types))}),
        }
    )


def claims_features(schema: LabelSchema) -> Features:
    return Features(
        {
            **_base(),
            # source and cue may be missing: their struct is null then.
            "claims": List(
                {"claim": _span(), "source": _span(), "cue": _span(), "direct": Value("bool")}
            ),
            "check_worthy": ClassLabel(names=list(schema.check_worthy_classes)),
        }
    )


def sentiment_features(schema: LabelSchema) -> Features:
    return Features({**_base(), "label": ClassLabel(names=list(schema.sentiment_classes))})


def features_for(config: str, schema: LabelSchema) -> Features:
    builders = {"ner": ner_features, "claims": claims_features, "sentiment": sentiment_features}
    return builders[config](schema)
