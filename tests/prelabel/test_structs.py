"""The msgspec Structs of the export's fast path accept only what the checks in Python accept
(``prelabel.io.fits_schema``, ``prelabel.records.fits_schema``), with the same values; they
may refuse more (integers above 2**63 - 1): such records take the slow path."""

from __future__ import annotations

import typing
from typing import Any

import msgspec
import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.prelabel import structs
from builder.prelabel.io import fits_schema as fits_sentence
from builder.prelabel.records import fits_schema as fits_prelabel
from builder.prelabel.records import span_problem
from builder.schemas import load_schema
from tests.adversarial.test_bad_records import PRELABEL
from tests.record_strategies import prelabel_records
from tests.test_schemas import SENTENCE, broken

_BIG = 2**63  # msgspec bounds integers within int64; orjson reads up to 2**64 - 1 as one


def _has_big_int(value: Any) -> bool:
    if isinstance(value, dict):
        return any(map(_has_big_int, value.values()))
    if isinstance(value, list):
        return any(map(_has_big_int, value))
    return type(value) is int and value >= _BIG


def _same(raw: bytes, decode: Any, fits: Any) -> None:
    """The Struct decodes ``raw`` iff the check accepts what orjson reads (but for integers
    msgspec bounds), and to the same values."""
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        assert decode(raw) is None, raw
        return
    got = decode(raw)
    if got is None:
        assert not fits(value) or _has_big_int(value), raw
    else:
        assert fits(value), raw
        assert msgspec.to_builtins(got) == value, raw  # a score 1 comes as 1.0: equal


def test_the_vocabulary_is_the_schemas() -> None:
    props = load_schema("prelabels")["properties"]
    labels = props["entities"]["items"]["properties"]["label"]["enum"]
    assert list(typing.get_args(structs.EntityLabel)) == labels
    worthy = props["check_worthy"]["properties"]["label"]["enum"]
    assert list(typing.get_args(structs.WorthyLabel)) == worthy
    sentiment = props["sentiment"]["properties"]["label"]["enum"]
    assert list(typing.get_args(structs.SentimentLabel)) == sentiment
    anchored = props["model_version"]["pattern"].removeprefix("^").removesuffix("$")
    assert rf"\A{anchored}\Z" == structs.VERSION


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_broken_records_decode_as_the_checks_read_them(data: st.DataObject) -> None:
    for base, decode, fits in (
        (SENTENCE, structs.sentence, fits_sentence),
        (PRELABEL, structs.prelabel, fits_prelabel),
        (data.draw(prelabel_records()), structs.prelabel, fits_prelabel),
    ):
        _same(orjson.dumps(base), decode, fits)
        _same(orjson.dumps(data.draw(broken(base))), decode, fits)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_sentence_texts_decode_as_the_checks_read_them(text: str) -> None:
    record = {**SENTENCE, "text": text, "end": max(1, len(text))}
    try:
        raw = orjson.dumps(record)
    except TypeError:  # a lone surrogate: not encodable
        return
    _same(raw, structs.sentence, fits_sentence)


_S = orjson.dumps(SENTENCE)[:-1]  # without its closing brace: keys go after
_P = orjson.dumps(PRELABEL)[:-1]


@pytest.mark.parametrize(
    "raw",
    [
        _S + b',"index":1}',  # a key twice: the last one holds, for both
        _S + b',"index":"1"}',
        _S + b',"index":-1}',
        _S + b',"extra":1}',
        _S.replace(b'"index":0', b'"index":true') + b"}",
        _S.replace(b'"index":0', b'"index":0.0') + b"}",
        _S.replace(b'"index":0', b'"index":1e2') + b"}",
        _S.replace(b'"index":0', b'"index":9223372036854775807') + b"}",
        _S.replace(b'"index":0', b'"index":9223372036854775808') + b"}",
        _S.replace(b'"index":0', b'"index":18446744073709551616') + b"}",
        _S.replace(b'"index":0,', b"") + b"}",
        _S.replace(b"there.", b"there.\\n") + b"}",
        _S.replace(b"there.", b"there. ") + b"}",
        _S.replace(b"Hello", b"\\u00a0Hello") + b"}",
        _S.replace(b"Hello", b"He\\nllo") + b"}",
        _S.replace(b"Hello", b"He\\rllo") + b"}",
        _S.replace(b"Hello", b"\\ud800") + b"}",
        _S.replace(b'"id":"0000000000000000"', b'"id":"0000000000000000\\n"') + b"}",
        _S + b"}\n",
        _S + b"}]",
        b"[]",
        b"null",
    ],
)
def test_sentence_edge_cases(raw: bytes) -> None:
    _same(raw, structs.sentence, fits_sentence)


@pytest.mark.parametrize(
    "raw",
    [
        _P + b"}",
        _P + b',"conflicts":null}',
        _P + b',"sentence_id":"0123456789abcdeg"}',
        _P + b',"model_version":"heuristics-0123456789ab\\n"}',
        _P + b',"model_version":"heuristics-0123456789ab+crf-0123456789ab"}',
        _P + b',"check_worthy":{"label":"no","score":1,"heuristics":[]}}',
        _P + b',"check_worthy":{"label":"no","score":true,"heuristics":[]}}',
        _P + b',"check_worthy":{"label":"no","score":1.5,"heuristics":[]}}',
        _P + b',"check_worthy":{"label":"no","score":1e400,"heuristics":[]}}',
        _P + b',"check_worthy":{"label":"maybe","score":1,"heuristics":[]}}',
        _P + b',"check_worthy":{"label":"no","score":0,"heuristics":[1]}}',
        _P + b',"check_worthy":null}',
        _P + b',"entities":[{"start":0,"end":0,"text":"x","label":"ORG","score":0,'
        b'"heuristics":[]}]}',
        _P + b',"entities":[{"start":0,"end":1,"text":"","label":"ORG","score":0,'
        b'"heuristics":[]}]}',
        _P + b',"claims":[{"claim":null,"source":null,"cue":null,"direct":true,"score":0,'
        b'"heuristics":[]}]}',
        _P + b',"claims":[{"claim":{"start":0,"end":1,"text":"H"},"source":null,"cue":null,'
        b'"direct":1,"score":0,"heuristics":[]}]}',
    ],
)
def test_prelabel_edge_cases(raw: bytes) -> None:
    _same(raw, structs.prelabel, fits_prelabel)


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_spans_quote_the_sentence_as_span_problem_reads_them(data: st.DataObject) -> None:
    text = data.draw(st.text(min_size=1, max_size=12))
    bound = st.integers(0, len(text) + 2)

    def span() -> dict[str, Any]:
        start, end = data.draw(bound), data.draw(bound)
        quoted = data.draw(st.booleans())
        said = (
            text[start:end] if quoted and text[start:end] else data.draw(st.text("ab", min_size=1))
        )
        return {"start": start, "end": max(end, 1), "text": said}

    base: Any = PRELABEL
    record = {
        **base,
        "entities": [{**base["entities"][0], **span()}],
        "claims": [{**base["claims"][0], "claim": span(), "source": span(), "cue": None}],
    }
    decoded = structs.prelabel(orjson.dumps(record))
    assert decoded is not None
    assert structs.quotes(decoded, text) == (span_problem(record, text) is None), record
