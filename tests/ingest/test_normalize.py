from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from builder.ingest.normalize import normalize_chars, tidy_lines


def test_nfc_newlines_spaces_and_invisibles() -> None:
    raw = "Cafe\u0301\r\nA\u00a0B\u202fC\rD\u200bE\ufeffF\u00adG\u2028H\tI"
    assert normalize_chars(raw) == "Café\nA B C\nDEFG\nH I"


def test_tidy_lines_strips_and_collapses_blank_runs() -> None:
    assert tidy_lines("\n\n  a  \n\n\n\n b\n\n") == "a\n\nb"


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"])))
def test_normalisation_is_idempotent_and_nfc(text: str) -> None:
    once = tidy_lines(normalize_chars(text))
    assert tidy_lines(normalize_chars(once)) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\r" not in once and "\u00a0" not in once and "\u200b" not in once
