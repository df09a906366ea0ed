"""The fast schema check (fastjsonschema) answers as jsonschema does, on valid and on broken
records of every schema of the repo."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.schemas import first_error, is_valid, load_schema, schema_dir, validator
from tests.record_strategies import annotation_records, prelabel_records

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.sampled_from([1.0, 0.5, -1.0, 2.5])
    | st.text(max_size=4)
    | st.sampled_from(["yes", "neutral", "PERSON", "heuristics-0123456789ab"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
DOCUMENT = {
    "id": "d1",
    "doc_sha": "0" * 64,
    "text": "Hello there.",
    "source": "a.txt",
    "format": "text",
    "meta": {"title": "x"},
    "removed": [{"rule": "r", "text": "ad", "line": 1, "at": 0}],
}
SENTENCE = {
    "id": "0" * 16,
    "doc_id": "d1",
    "index": 0,
    "start": 0,
    "end": 12,
    "text": "Hello there.",
}


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a JSON value (the value itself included)."""
    out = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _places(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _places(item, (*path, i))
    return out


@st.composite
def broken(draw: st.DrawFn, base: dict[str, Any]) -> Any:
    """``base`` with one place replaced, deleted or given an extra key."""
    record = copy.deepcopy(base)
    path = draw(st.sampled_from(_places(record)))
    if not path:
        return draw(JSON)
    parent = record
    for step in path[:-1]:
        parent = parent[step]
    action = draw(st.sampled_from(["replace", "delete", "extra"]))
    if action == "replace":
        parent[path[-1]] = draw(JSON)
    elif action == "delete" and isinstance(parent, dict):
        del parent[path[-1]]
    elif isinstance(parent[path[-1]], dict):
        parent[path[-1]][draw(st.text(max_size=6))] = draw(JSON)
    return record


def _agree(name: str, value: Any) -> None:
    assert is_valid(name)(value) == validator(name).is_valid(value), value


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_annotation_records_broken_anywhere(data: st.DataObject) -> None:
    base = data.draw(annotation_records())
    _agree("annotations", base)
    _agree("annotations", data.draw(broken(base)))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_prelabel_records_broken_anywhere(data: st.DataObject) -> None:
    base = data.draw(prelabel_records())
    _agree("prelabels", base)
    _agree("prelabels", data.draw(broken(base)))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_documents_and_sentences_broken_anywhere(data: st.DataObject) -> None:
    for name, base in (("documents", DOCUMENT), ("sentences", SENTENCE)):
        _agree(name, base)
        _agree(name, data.draw(broken(base)))


@pytest.mark.parametrize("path", sorted(schema_dir().glob("*.schema.json")), ids=lambda p: p.name)
def test_every_schema_of_the_repo_compiles(path: Any) -> None:
    name = path.name.removesuffix(".schema.json")
    load_schema(name)  # checked against the meta-schema
    assert is_valid(name)({}) is False  # every record schema requires fields


def test_an_error_quotes_a_long_value_shortened() -> None:
    text = "said " * 20_000  # ends with white space: no sentence text may
    message = first_error("sentences", {**SENTENCE, "text": text, "end": len(text)})
    assert message is not None and message.startswith("text: 'said said")
    assert "(100,002 characters)" in message and len(message) < 300
