"""Listed companies as organisation names (pytickersymbols; companies.py, gazetteer_org v1):
the short names the papers write, not the words, given names, surnames and places they could
be read as, offsets that slice back, the same names from the cache as built afresh, and no
network asked while building them.

All texts are written for these tests (no text from the evaluation sets).
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.prelabel.entities import companies, gazetteer
from tests.prelabel.test_entities import LABELER, _cases, _sentence
from tests.prelabel.test_entity_context import Table, named

GOLDEN: Table = [
    # A bank that reads as a given name and a surname.
    ("Pay talks at Goldman Sachs broke down .", [("Goldman Sachs", "ORG")], None),
    ("Goldman Sachs said its profits doubled .", [("Goldman Sachs", "ORG")], None),
    (
        "She trades bonds at Goldman Sachs in London .",
        [("Goldman Sachs", "ORG"), ("London", "GPE")],
        None,
    ),
    # Short names, without the legal form the index writes ("Adobe Inc.").
    ("Shares in Adobe and Ericsson fell .", [("Adobe", "ORG"), ("Ericsson", "ORG")], None),
    # A given name before a surname stays a person ("Charles Schwab"), a surname too ("Gates").
    (
        "Bill Gates met Charles Schwab .",
        [("Bill Gates", "PERSON"), ("Charles Schwab", "PERSON")],
        None,
    ),
    # Words and places keep their reading: "Target", "Next", "Shell"; a city stays a city.
    ("The shop missed its sales target .", [], None),
    ("Next year the plant in Toyota will close .", [("Toyota", "GPE")], None),
]


@pytest.mark.parametrize(("text", "expected"), _cases(GOLDEN))
def test_golden(text: str, expected: list[tuple[str, str]]) -> None:
    assert sorted(named(text)) == sorted(expected)


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Adobe Inc.", "Adobe"),
        ("ADMA Biologics, Inc.", "ADMA Biologics"),
        ("Siemens AG", "Siemens"),
        ("Velmo Holdings plc", "Velmo Holdings"),  # "Holdings" is how papers name them
        ("Brelko Energy, Inc. (Class A)", "Brelko Energy"),
        ("Velmo Brothers & Co.", "Velmo Brothers"),
        ("Inc.", "Inc."),  # nothing left: kept as it is
    ],
)
def test_short_names_drop_the_legal_form(name: str, short: str) -> None:
    assert companies.short_name(name) == short


def test_words_names_and_codes_are_left_out() -> None:
    kept = companies.newspaper_names(
        ["Target", "Visa", "Next", "Charles Schwab", "Duke Energy", "M3", "Goldman Sachs", "Sto"],
        stop=frozenset({"Target"}),
        people=frozenset({"Visa", "Charles", "Duke", "Next"}),
        suffixes=frozenset({"Energy"}),
    )
    assert kept == ["Duke Energy", "Goldman Sachs"]


def test_the_gazetteer_holds_the_short_names_but_not_the_words() -> None:
    names = set(gazetteer.companies())
    assert {"Goldman Sachs", "Adobe", "Ericsson", "Microsoft"} <= names
    assert not {"Target", "Next", "Shell", "Visa", "Gates", "Southern", "M3"} & names


SAFE = ["Goldman Sachs", "Adobe", "Ericsson", "Microsoft", "Deutsche Bank", "AT&T"]
FILLER = ["said", "shares", "in", "rose", ",", "and", "the", "(", ")", "'s", "Velmo", "x"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(SAFE + FILLER), min_size=1, max_size=14))
def test_every_span_slices_back_to_its_text(words: list[str]) -> None:
    text = " ".join(words)
    for start, end, _label in gazetteer.spans(text):
        assert 0 <= start < end <= len(text)
        assert start == 0 or not text[start - 1].isalnum()
        assert end == len(text) or not text[end].isalnum()
    (item,) = LABELER.label_document([_sentence(text)])
    for e in item.prediction["entities"]:
        assert text[e["start"] : e["end"]] == e["text"]


def test_the_cold_cache_gives_the_same_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BUILDER_CACHE_DIR", str(tmp_path))
    for _ in range(2):  # built and written, then read back
        assert companies.read_companies() == companies.company_names()
    assert [p.name.startswith("companies-") for p in tmp_path.iterdir()] == [True]


def test_building_the_names_asks_nothing_of_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the network was asked")

    monkeypatch.setenv("BUILDER_CACHE_DIR", "off")
    for module in ("pytickersymbols", "pytickersymbols.indices_data"):  # imported afresh too
        monkeypatch.delitem(sys.modules, module, raising=False)
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    names = companies.read_companies()
    assert len(names) > 1000
