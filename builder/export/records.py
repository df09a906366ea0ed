"""Dataset rows per config, from a sentence and its labels (gold or silver).

Labels arrive in the prelabels record shape (entities, claims, check_worthy, sentiment; offsets
relative to the sentence), whether they come from the heuristics (silver) or from resolved
human annotations (gold), so one builder serves both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from builder.export.bio import Misaligned, spans_to_bio
from builder.model import Sentence
from builder.segment.tokenizer import tokenize


@dataclass
class Rows:
    """The rows of one sentence, one per config, and what could not be exported."""

    ner: dict[str, Any]
    claims: dict[str, Any]
    sentiment: dict[str, Any]
    misaligned: list[Misaligned] = field(default_factory=list)


def _span(part: dict[str, Any] | None) -> dict[str, int] | None:
    return None if part is None else {"start": part["start"], "end": part["end"]}


def build_rows(sentence: Sentence, labels: dict[str, Any], source: str) -> Rows:
    text = sentence.text
    base = {"id": sentence.id, "doc_id": sentence.doc_id, "text": text, "source": source}
    tokens = list(tokenize(text))
    spans = [(e["start"], e["end"], e["label"]) for e in labels["entities"]]
    tags, misaligned = spans_to_bio(sentence.id, text, tokens, spans)
    bad = {(m.start, m.end, m.label) for m in misaligned}
    ner = {
        **base,
        "tokens": [t.text for t in tokens],
        "ner_tags": tags,
        # The character spans hold exactly what the tags hold: nothing only one of them has.
        "entities": [
            {"start": s, "end": e, "label": lab}
            for s, e, lab in sorted(spans)
            if (s, e, lab) not in bad
        ],
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
        "check_worthy": labels["check_worthy"]["label"],
    }
    sentiment = {**base, "label": labels["sentiment"]["label"]}
    return Rows(ner, claims, sentiment, misaligned)
