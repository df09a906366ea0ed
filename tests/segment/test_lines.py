"""The lines `builder segment` writes are the bytes `builder.jsonl.dumps` gives for the sentence
records: `sentence_lines` encodes them without building the records, and must not drift."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.jsonl import dumps
from builder.model import Document
from builder.segment import Segmenter, sentence_lines, sentence_records
from tests.text_strategies import UNUSUAL

SEG = Segmenter()

# What JSON escapes or orjson writes otherwise: quotes, backslashes, control characters, the
# line separators JavaScript chokes on, non-ASCII letters, characters outside the BMP.
ODD = ['"', "\\", "\t", "\x00", "\x1f", "\x7f", "\u2028", "\u2029", "é", "€", "/", "</"]

CASES = [
    ("d1", 'He said "no". She said \\ yes.\tThen\x01 it ended. Again. Again.'),
    ('doc "quoted" \\ id', "First sentence. Second one!\nA headline\n\n1. one 2. two"),
    ("ünïcödé/😀", "Ein Satz … noch einer. 😀 Ende? Ja.\u2028Neue Zeile."),
]


def _expected(doc_id: str, text: str) -> list[bytes]:
    doc = Document(doc_id, "", text, "", "")
    return [dumps(record) for record in sentence_records(doc, SEG)]


def test_lines_are_the_records_bytes() -> None:
    for doc_id, text in CASES:
        assert sentence_lines(doc_id, text, SEG) == _expected(doc_id, text)


WORD = st.sampled_from(["The", "end.", "Mr.", "U.S.", "what?", "no!", "...", " ", "\n", *ODD])


@settings(max_examples=200, deadline=None)
@given(
    st.text(min_size=1, max_size=20),
    st.lists(st.one_of(WORD, st.sampled_from(UNUSUAL)), min_size=1, max_size=60).map("".join),
)
def test_any_text_and_id(doc_id: str, text: str) -> None:
    assert sentence_lines(doc_id, text, SEG) == _expected(doc_id, text)
