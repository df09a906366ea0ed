"""Names shared by the export modules, kept free of heavy imports (the CLI loads them at start;
worker processes load them without the `datasets` stack)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from builder.version.layout import CONFIGS, SPLITS

if TYPE_CHECKING:
    from builder.labels import LabelSchema

__all__ = ["CONFIGS", "SOURCES", "SPLITS", "Encoder", "bio_names"]
SOURCES = ("gold", "silver")  # a human-resolved label, or a heuristic pre-label


def bio_names(schema: LabelSchema) -> list[str]:
    """["O", "B-PERSON", "I-PERSON", "B-NORP", ...] in label-schema order."""
    return ["O", *[f"{prefix}-{t}" for t in schema.entity_types for prefix in ("B", "I")]]


class Encoder:
    """Label names -> ClassLabel ids, for every config, from the same label schema.

    Rows are written already encoded: ``Features.encode_example`` per row cost more than
    everything else of an export put together.
    """

    def __init__(self, schema: LabelSchema) -> None:
        self.source = {name: i for i, name in enumerate(SOURCES)}
        self.bio = {name: i for i, name in enumerate(bio_names(schema))}
        self.entity = {name: i for i, name in enumerate(schema.entity_types)}
        self.check_worthy = {name: i for i, name in enumerate(schema.check_worthy_classes)}
        self.sentiment = {name: i for i, name in enumerate(schema.sentiment_classes)}
