"""Hypothesis strategies of valid records: annotation snapshot records and pre-labels.

Valid means what readers accept: the JSON Schema, and every span inside its text (with the
text it quotes, where it quotes one).
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from builder.labels import labels
from tests.text_strategies import long_lists

LABELS = labels()
# Short texts, and one in five long, with spans far into it (astral characters included:
# st.text draws from every plane).
TEXTS = st.integers(0, 4).flatmap(
    lambda k: (
        long_lists(st.text(min_size=1, max_size=20)) if k == 0 else st.text(min_size=1, max_size=40)
    )
)
MAYBE_TEXT = st.none() | st.text(max_size=12)
SCORES = st.floats(0, 1, allow_nan=False)
HEURISTICS = st.lists(st.sampled_from(["quoted", "gazetteer", "said_verbs"]), max_size=3)


@st.composite
def span(draw: st.DrawFn, text: str, quoted: bool | None = None) -> dict[str, Any]:
    """Offsets into ``text``; with the text they cover when ``quoted`` (drawn when None)."""
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    out: dict[str, Any] = {"start": start, "end": end}
    if quoted or (quoted is None and draw(st.booleans())):
        out["text"] = text[start:end]
    return out


@st.composite
def human_layers(draw: st.DrawFn, text: str) -> dict[str, Any]:
    entities = st.lists(
        st.builds(lambda s, label: {**s, "label": label}, span(text), st.text(max_size=8)),
        max_size=3,
    )
    part = st.none() | span(text)
    claims = st.lists(
        st.fixed_dictionaries(
            {
                "claim": span(text),
                "source": part,
                "cue": part,
                "direct": st.none() | st.booleans(),
            }
        ),
        max_size=2,
    )
    return {
        "entities": draw(st.none() | entities),  # None: a layer nobody labelled
        "claims": draw(st.none() | claims),
        "check_worthy": draw(st.none() | st.sampled_from(LABELS.check_worthy_classes)),
        "sentiment": draw(st.none() | st.sampled_from(LABELS.sentiment_classes)),
    }


@st.composite
def annotation_records(draw: st.DrawFn) -> dict[str, Any]:
    text = draw(TEXTS)
    record: dict[str, Any] = {
        "sentence_id": draw(st.text(max_size=16)),
        "doc_id": draw(MAYBE_TEXT),
        "text": text,
        "task_id": draw(st.integers(1, 10**6)),
        "annotation_id": draw(st.integers(1, 10**6)),
        "annotator": draw(MAYBE_TEXT),
        "created": draw(MAYBE_TEXT),
        "updated": draw(MAYBE_TEXT),
        "lead_time": draw(st.none() | st.integers(0, 999) | SCORES),
        "was_cancelled": draw(st.booleans()),
        "ground_truth": draw(st.booleans()),
        **draw(human_layers(text)),
    }
    if draw(st.booleans()):  # absent from snapshots pulled before it was recorded
        unlinked = st.builds(
            lambda s, label: {**s, "label": label}, span(text), st.sampled_from(["SOURCE", "CUE"])
        )
        record["unlinked"] = draw(st.lists(unlinked, max_size=2))
    shown = draw(st.sampled_from(["absent", "null", "labels"]))
    if shown == "null":
        record["shown"] = None
    elif shown == "labels":
        record["shown"] = {"model_version": draw(MAYBE_TEXT), **draw(human_layers(text))}
    return record


@st.composite
def prelabel_records(draw: st.DrawFn) -> dict[str, Any]:
    text = draw(TEXTS)

    def scored(item: dict[str, Any]) -> dict[str, Any]:
        return {**item, "score": draw(SCORES), "heuristics": draw(HEURISTICS)}

    entities = [
        scored(
            {**draw(span(text, quoted=True)), "label": draw(st.sampled_from(LABELS.entity_types))}
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    part = st.none() | span(text, quoted=True)
    claims = [
        scored(
            {
                "claim": draw(span(text, quoted=True)),
                "source": draw(part),
                "cue": draw(part),
                "direct": draw(st.booleans()),
            }
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    record: dict[str, Any] = {
        "sentence_id": draw(st.text("0123456789abcdef", min_size=16, max_size=16)),
        "model_version": "heuristics-0123456789ab"
        + draw(st.sampled_from(["", "+learned-01234567"])),
        "entities": entities,
        "claims": claims,
        "check_worthy": scored({"label": draw(st.sampled_from(["no", "yes"]))}),
        "sentiment": scored({"label": draw(st.sampled_from(LABELS.sentiment_classes))}),
    }
    if draw(st.booleans()):
        layers = ("entities", "claims", "check_worthy", "sentiment")
        record["conflicts"] = {layer: draw(st.integers(0, 5)) for layer in layers}
    return record
