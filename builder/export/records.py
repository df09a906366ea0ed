"""Dataset rows per config, from a sentence and its labels (gold or silver), encoded.

Labels arrive in the prelabels record shape (entities, claims, check_worthy, sentiment; offsets
relative to the sentence), whether they come from the heuristics (silver) or from resolved
human annotations (gold), so one builder serves both. Rows hold ClassLabel ids, ready for
Arrow; ``Features.decode_example`` (or ``int2str``) gives the names back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from builder.export.bio import Misaligned, spans_to_bio
from builder.export.features import Encoder
from builder.model import Sentence
from builder.segment.tokenizer import token_spans


@dataclass
class Rows:
    """The rows of one sentence, one per config, and what could not be exported."""

    ner: dict[str, Any]
    claims: dict[str, Any]
    sentiment: dict[str, Any]
    entity_labels: list[str]  # the labels of the entities kept, for the statistics
    misaligned: list[Misaligned] = field(default_factory=list)


def _span(part: dict[str, Any] | None) -> dict[str, int] | None:
    return None if part is None else {"start": part["start"], "end": part["end"]}


def build_rows(sentence: Sentence, labels: dict[str, Any], source: str, enc: Encoder) -> Rows:
    text = sentence.text
    base = {
        "id": sentence.id,
        "doc_id": sentence.doc_id,
        "text": text,
        "source": enc.source[source],
    }
    offsets = token_spans(text)
    spans = sorted((e["start"], e["end"], e["label"]) for e in labels["entities"])
    tags, misaligned = spans_to_bio(sentence.id, text, offsets, spans)
    bad = {(m.start, m.end, m.label) for m in misaligned}
    # The character spans hold exactly what the tags hold: nothing only one of them has.
    kept = [s for s in spans if s not in bad]
    bio = enc.bio
    ner = {
        **base,
        "tokens": [text[s:e] for s, e in offsets],
        "ner_tags": [bio[t] for t in tags],
        "entities": [{"start": s, "end": e, "label": enc.entity[lab]} for s, e, lab in kept],
    }
    claims = {
        **base,
        "claims": [
            {
                "claim": _span(c["claim"]),
                "source": _span(c["source"]),
                "cue": _span(c["cue"]),
                "direct": bool(c["direct"]),
            }
            for c in labels["claims"]
        ],
        "check_worthy": enc.check_worthy[labels["check_worthy"]["label"]],
    }
    sentiment = {**base, "label": enc.sentiment[labels["sentiment"]["label"]]}
    return Rows(ner, claims, sentiment, [lab for _, _, lab in kept], misaligned)
