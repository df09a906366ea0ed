"""Pre-label records as every reader checks them: export, eval and `studio push` alike.

A record is checked against ``schemas/prelabels.schema.json`` and against the text of its
sentence (every span inside it and quoting it: a schema cannot say that). The schema check is
written out by hand here because it runs on every record of every export: fastjsonschema
takes 60-160 µs a record on this schema, this 3-5 µs. ``tests/adversarial/test_bad_records.py``
checks that both answer alike on broken records; the schema words the answer
(``first_error``) when a record fails.

Across the records of one file: one heuristics version (the first record's), each sentence
once (:class:`SeenIds`).
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from builder.errors import E203_BAD_SENTENCE, InputError
from builder.jsonl import numbered_lines, read_numbered
from builder.model import Sentence
from builder.prelabel.io import SeenIds, checked_sentence
from builder.schemas import first_error, load_schema

SCHEMA = "prelabels"
_SID = re.compile(r"[0-9a-f]{16}")
_LAYERS = ("entities", "claims", "check_worthy", "sentiment")
_LAYER_SET = frozenset(_LAYERS)
_KEYS = frozenset(("sentence_id", "model_version", *_LAYERS))
_ENTITY = frozenset(("start", "end", "text", "label", "score", "heuristics"))
_CLAIM = frozenset(("claim", "source", "cue", "direct", "score", "heuristics"))
_SPAN = frozenset(("start", "end", "text"))
_CLASS = frozenset(("label", "score", "heuristics"))


@functools.cache
def _vocabulary() -> tuple[re.Pattern[str], frozenset[str], frozenset[str], frozenset[str]]:
    """What the schema allows: the model_version pattern and the label names (read from the
    schema file, so that the two never drift apart)."""
    props = load_schema(SCHEMA)["properties"]
    # fastjsonschema and this check read `$` as the end of the string (no trailing newline).
    version = re.compile(props["model_version"]["pattern"].removesuffix("$") + r"\Z")
    entity = frozenset(props["entities"]["items"]["properties"]["label"]["enum"])
    worthy = frozenset(props["check_worthy"]["properties"]["label"]["enum"])
    sentiment = frozenset(props["sentiment"]["properties"]["label"]["enum"])
    return version, entity, worthy, sentiment


_NUMBER = frozenset((int, float))
_STR = frozenset((str,))


def _names(value: Any) -> bool:
    return type(value) is list and {*map(type, value)} <= _STR


def _span(value: Any, keys: frozenset[str] = _SPAN) -> bool:
    """A span's fields, and no key but ``keys`` (an entity's other keys: by the caller)."""
    if type(value) is not dict or value.keys() != keys:
        return False
    start, end, text = value["start"], value["end"], value["text"]
    return (
        type(start) is int
        and start >= 0
        and type(end) is int
        and end >= 1
        and type(text) is str
        and text != ""
    )


def _scored(value: dict[str, Any]) -> bool:
    score = value["score"]
    return type(score) in _NUMBER and 0 <= score <= 1 and _names(value["heuristics"])


def _entities(value: Any, labels: frozenset[str]) -> bool:
    if type(value) is not list:
        return False
    for entity in value:
        if not (_span(entity, _ENTITY) and _scored(entity)):
            return False
        label = entity["label"]
        if type(label) is not str or label not in labels:
            return False
    return True


def _claims(value: Any) -> bool:
    if type(value) is not list:
        return False
    for claim in value:
        if type(claim) is not dict or claim.keys() != _CLAIM:
            return False
        source, cue = claim["source"], claim["cue"]
        if not (
            _span(claim["claim"])
            and (source is None or _span(source))
            and (cue is None or _span(cue))
            and type(claim["direct"]) is bool
            and _scored(claim)
        ):
            return False
    return True


def _class(value: Any, labels: frozenset[str]) -> bool:
    if type(value) is not dict or value.keys() != _CLASS:
        return False
    label = value["label"]
    return type(label) is str and label in labels and _scored(value)


def _conflicts(value: Any) -> bool:
    if type(value) is not dict or value.keys() != _LAYER_SET:
        return False
    for layer in _LAYERS:
        count = value[layer]
        if type(count) is not int or count < 0:
            return False
    return True


def fits_schema(record: Any) -> bool:
    """``record`` is valid under ``schemas/prelabels.schema.json``, integers written as
    integers (JSON Schema takes 1.0 for an integer; an offset may not be one)."""
    version, entity, worthy, sentiment = _vocabulary()
    if type(record) is not dict:
        return False
    keys = record.keys()
    if keys != _KEYS and not (len(keys) == len(_KEYS) + 1 and "conflicts" in keys >= _KEYS):
        return False
    sid, model = record["sentence_id"], record["model_version"]
    return (
        type(sid) is str
        and _SID.fullmatch(sid) is not None
        and type(model) is str
        and version.match(model) is not None
        and _entities(record["entities"], entity)
        and _claims(record["claims"])
        and _class(record["check_worthy"], worthy)
        and _class(record["sentiment"], sentiment)
        and ("conflicts" not in keys or _conflicts(record["conflicts"]))
    )


def _outside(place: str, span: dict[str, Any], text: str) -> str | None:
    start, end = span["start"], span["end"]
    if not start < end <= len(text):
        return f"{place}: [{start}:{end}] is outside the sentence ({len(text)} characters)"
    if span["text"] != text[start:end]:
        said, has = span["text"], text[start:end]
        return f"{place}: [{start}:{end}] says {said!r} but the sentence has {has!r}"
    return None


def schema_problem(record: Any) -> str | None:
    """The first violation of ``schemas/prelabels.schema.json``, or None."""
    if fits_schema(record):
        return None
    wrong = first_error(SCHEMA, record) or "offsets and counts must be whole numbers"
    sid = record.get("sentence_id") if isinstance(record, dict) else None
    whose = f" of sentence {sid}" if isinstance(sid, str) else ""
    return f"invalid pre-labels{whose}: {wrong}"


def span_problem(record: dict[str, Any], text: str) -> str | None:
    """The first span of a schema-valid ``record`` that leaves the sentence ``text`` or does
    not quote it, or None."""
    for i, entity in enumerate(record["entities"]):
        if (wrong := _outside(f"entities/{i}", entity, text)) is not None:
            return wrong
    for i, claim in enumerate(record["claims"]):
        for part in ("claim", "source", "cue"):
            span = claim[part]
            if span is not None and (wrong := _outside(f"claims/{i}/{part}", span, text)):
                return wrong
    return None


def prelabel_problem(record: Any, sentence: Sentence) -> str | None:
    """What is wrong with pre-label ``record`` of ``sentence``, or None: the first schema
    violation, else another sentence's id, else the first span that leaves the sentence or
    does not quote it."""
    if (wrong := schema_problem(record)) is not None:
        return wrong
    if record["sentence_id"] != sentence.id:
        return f"does not match sentences.jsonl at sentence {sentence.id}: rebuild both"
    return span_problem(record, sentence.text)


class OneVersion:
    """Every record of a file carries one heuristics version: ``first``, or the first
    record's."""

    def __init__(self, first: str | None = None) -> None:
        self.first = first

    def problem(self, version: str) -> str | None:
        if self.first is None:
            self.first = version
        elif version != self.first:
            return (
                f"mixes heuristics versions ({self.first} before, {version} here): pre-label "
                "all sentences with one set"
            )
        return None


def first_version(path: Path) -> str | None:
    """The heuristics version of the first record of a prelabels.jsonl (None: no record, or
    none readable there; the record's own check says why)."""
    for _, raw in numbered_lines(path):
        with contextlib.suppress(orjson.JSONDecodeError, AttributeError):
            version = orjson.loads(raw).get("model_version")
            return version if isinstance(version, str) else None
        return None
    return None


def joined_records(
    sentences: Path, prelabels: Path, code: str
) -> Iterator[tuple[Sentence, dict[str, Any]]]:
    """Each sentence of ``sentences`` with its pre-labels, both files from the same run, in
    the same order: every record checked (:func:`prelabel_problem`), one heuristics version,
    each sentence once, no pre-labels after the last sentence. Errors name the file and line;
    those of the pre-labels carry ``code``."""
    where = str(prelabels)
    seen, versions = SeenIds(), OneVersion()
    labels = read_numbered(prelabels)
    for s_line, record in read_numbered(sentences):
        sent = checked_sentence(str(sentences), s_line, record)
        if (wrong := seen.problem(sent.id, s_line)) is not None:
            raise InputError(E203_BAD_SENTENCE, str(sentences), wrong, s_line)
        got = next(labels, None)
        if got is None:
            problem = f"ends before sentences.jsonl (at sentence {sent.id}): rebuild both"
            raise InputError(code, where, problem)
        lineno, shown = got
        wrong = prelabel_problem(shown, sent) or versions.problem(shown["model_version"])
        if wrong is not None:
            raise InputError(code, where, wrong, lineno)
        yield sent, shown
    extra = next(labels, None)
    if extra is not None:
        problem = "pre-labels after the last sentence of sentences.jsonl: rebuild both"
        raise InputError(code, where, problem, extra[0])
