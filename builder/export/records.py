"""Dataset rows, built column by column for a batch of sentences, encoded, as one Arrow table.

Labels arrive in the prelabels record shape (entities, claims, check_worthy, sentiment; offsets
relative to the sentence), whether they come from the heuristics (silver) or from resolved
human annotations (gold), so one builder serves both. Columns hold ClassLabel ids, ready for
Arrow; ``Features.decode_example`` (or ``int2str``) gives the names back.

The table is "wide": the columns of every config side by side (their names never clash), so the
text of a sentence crosses a process boundary once; each config selects its own columns.
Building columns, not one dict per row and config, is what keeps this at a few µs a sentence
beyond the tokenizer.
"""

from __future__ import annotations

from operator import attrgetter, sub
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from builder.errors import E503_UNJOINED, InputError
from builder.export.bio import EntitySpan, Misaligned, align
from builder.export.names import Encoder
from builder.export.tagging import tag_rows
from builder.export.tokens import batch_tokens
from builder.prelabel.structs import ClaimRecord, PrelabelRecord, SpanRecord
from builder.segment.tokenizer import token_ends

CONFIG_COLUMNS = {
    "ner": ("id", "doc_id", "text", "source", "tokens", "ner_tags", "entities"),
    "claims": ("id", "doc_id", "text", "source", "claims", "check_worthy"),
    "sentiment": ("id", "doc_id", "text", "source", "label"),
}

# The annotation layers whose labels each config holds: a layer its annotators dispute keeps
# the sentence out of that config only (``gold.layers``).
CONFIG_LAYERS = {
    "ner": ("entities",),
    "claims": ("claims", "check_worthy"),
    "sentiment": ("sentiment",),
}
ALL_CONFIGS = (True,) * len(CONFIG_LAYERS)


def in_column(config: str) -> str:
    """The wide table's column saying whether a row belongs to ``config`` (in no config)."""
    return f"in_{config}"


def wide_schema(schemas: dict[str, pa.Schema]) -> pa.Schema:
    """Every config's columns once, in config order (metadata dropped), then one flag per
    config: whether the row is one of that config's."""
    fields: dict[str, pa.Field] = {}
    for config, columns in CONFIG_COLUMNS.items():
        for name in columns:
            fields.setdefault(name, schemas[config].field(name))
    flags = [pa.field(in_column(c), pa.bool_(), nullable=False) for c in CONFIG_COLUMNS]
    return pa.schema([*fields.values(), *flags])


def _span(part: dict[str, Any] | None) -> dict[str, int] | None:
    return None if part is None else {"start": part["start"], "end": part["end"]}


def _span_of(part: SpanRecord | None) -> dict[str, int] | None:
    return None if part is None else {"start": part.start, "end": part.end}


def _claim_of(c: ClaimRecord) -> dict[str, Any]:
    return {
        "claim": {"start": c.claim.start, "end": c.claim.end},
        "source": _span_of(c.source),
        "cue": _span_of(c.cue),
        "direct": c.direct,
    }


_ENTITY_KEY = attrgetter("start", "end", "label")  # (no comprehension: a frame a row in 3.11)


def _unknown(sid: str, source: str, exc: KeyError) -> InputError:
    return InputError(
        E503_UNJOINED,
        f"{source} labels",
        f"sentence {sid}: label {exc.args[0]!r} is not in schemas/labels.yaml "
        "(re-run `builder prelabel` after a label schema change)",
    )


def _kept_labels(enc: Encoder, sid: str, text: str, entities: list[EntitySpan]) -> None:
    """Raise the KeyError of a span whose label is not in the schema and that would be kept
    (one that cannot be tagged is reported instead): as the row is added, as rows always
    failed, not once the chunk is tagged."""
    ends, tokens = token_ends(text)
    spans = sorted(set(entities))
    _, problems = align(sid, text, list(map(sub, ends, map(len, tokens))), ends, spans)
    bad = {(m.start, m.end, m.label) for m in problems}
    for start, end, label in spans:
        if (start, end, label) not in bad:
            enc.entity[label]  # (the lookup is the check)


class Columns:
    """The rows of a batch of sentences, column by column."""

    def __init__(self, enc: Encoder) -> None:
        self.enc = enc
        self.sources: list[int] = []
        self.ids: list[str] = []
        self.doc_ids: list[str] = []
        self.texts: list[str] = []
        self.entities: list[list[EntitySpan]] = []  # per row, as given (tagged in ``table``)
        self.claims: list[list[dict[str, Any]]] = []
        self.check_worthy: list[int] = []
        self.sentiment: list[int] = []
        self.misaligned: list[Misaligned] = []
        self.misaligned_gold: list[Misaligned] = []
        self.entity_spans = 0  # silver entity spans given, kept or not
        self.configs: list[tuple[bool, ...]] = []  # per row: in which configs

    def __len__(self) -> int:
        return len(self.ids)

    def add(
        self,
        sid: str,
        doc_id: str,
        text: str,
        labels: dict[str, Any],
        source: str = "silver",
        configs: tuple[bool, ...] = ALL_CONFIGS,
    ) -> None:
        """One row of labels in the prelabels record shape (see :meth:`_add`), in the
        ``configs`` flagged (``CONFIG_LAYERS`` order). A label missing from the schema fails
        the export naming the sentence; caught here rather than checked up front, so valid
        rows pay nothing."""
        try:
            worthy, sentiment = labels["check_worthy"], labels["sentiment"]
            entities = [(e["start"], e["end"], e["label"]) for e in labels["entities"]]
            if not self.enc.entity.keys() >= {label for _, _, label in entities}:
                _kept_labels(self.enc, sid, text, entities)  # the KeyError of a kept span
            self._add(
                sid,
                doc_id,
                text,
                entities,
                [
                    {
                        "claim": _span(c["claim"]),
                        "source": _span(c["source"]),
                        "cue": _span(c["cue"]),
                        "direct": c["direct"],  # None: nobody marked it
                    }
                    for c in labels["claims"]
                ],
                None if worthy is None else worthy["label"],
                None if sentiment is None else sentiment["label"],
                source,
            )
            self.configs.append(configs)
        except KeyError as exc:
            raise _unknown(sid, source, exc) from exc

    def add_record(self, sid: str, doc_id: str, text: str, record: PrelabelRecord) -> None:
        """One silver row of a pre-label record decoded by ``prelabel.structs``: what
        :meth:`add` does with its dict."""
        try:
            self._add(
                sid,
                doc_id,
                text,
                list(map(_ENTITY_KEY, record.entities)),
                list(map(_claim_of, record.claims)) if record.claims else [],
                record.check_worthy.label,
                record.sentiment.label,
                "silver",
            )
            self.configs.append(ALL_CONFIGS)
        except KeyError as exc:
            raise _unknown(sid, "silver", exc) from exc

    def _add(
        self,
        sid: str,
        doc_id: str,
        text: str,
        entities: list[tuple[int, int, str]],
        claims: list[dict[str, Any]],
        worthy: str | None,
        sentiment: str | None,
        source: str,
    ) -> None:
        """One row; a class layer that is None (a human chose no class) is stored as -1, the
        ``ClassLabel`` value for "no label"."""
        self.sources.append(self.enc.source[source])
        self.ids.append(sid)
        self.doc_ids.append(doc_id)
        self.texts.append(text)
        if source != "gold":
            self.entity_spans += len(entities)
        self.entities.append(entities)
        self.claims.append(claims)
        self.check_worthy.append(-1 if worthy is None else self.enc.check_worthy[worthy])
        self.sentiment.append(-1 if sentiment is None else self.enc.sentiment[sentiment])

    def table(self, schema: pa.Schema) -> pa.Table:
        """The rows as one table of ``schema`` (a :func:`wide_schema`)."""

        def listed(name: str, counts: npt.NDArray[np.int64], values: pa.Array) -> pa.Array:
            offsets = pa.array(np.concatenate([[0], np.cumsum(counts)]), pa.int32())
            return pa.ListArray.from_arrays(offsets, values, type=schema.field(name).type)

        tokens = batch_tokens(self.texts)
        tagged = tag_rows(self.ids, self.texts, self.entities, tokens, self.enc)
        gold = self.enc.source["gold"]
        for row, problems in tagged.problems:
            kind = self.misaligned_gold if self.sources[row] == gold else self.misaligned
            kind.extend(problems)
        ent_type = schema.field("entities").type.value_type
        entities = pa.StructArray.from_arrays(
            [
                pa.array(tagged.starts, ent_type.field("start").type),
                pa.array(tagged.ends, ent_type.field("end").type),
                pa.array(tagged.labels, ent_type.field("label").type),
            ],
            fields=list(ent_type),
        )
        tag_type = schema.field("ner_tags").type.value_type
        tags = tagged.tags.astype(np.int64)
        columns = {
            "id": pa.array(self.ids, pa.string()),
            "doc_id": pa.array(self.doc_ids, pa.string()),
            "text": pa.array(self.texts, pa.string()),
            "source": pa.array(self.sources, schema.field("source").type),
            "tokens": listed("tokens", tokens.counts, tokens.tokens),
            "ner_tags": listed("ner_tags", tokens.counts, pa.array(tags, tag_type)),
            "entities": listed("entities", tagged.counts, entities),
            "claims": pa.array(self.claims, schema.field("claims").type),
            "check_worthy": pa.array(self.check_worthy, schema.field("check_worthy").type),
            "label": pa.array(self.sentiment, schema.field("label").type),
        }
        for i, config in enumerate(CONFIG_LAYERS):
            columns[in_column(config)] = pa.array([c[i] for c in self.configs], pa.bool_())
        return pa.Table.from_arrays([columns[f.name] for f in schema], schema=schema)
