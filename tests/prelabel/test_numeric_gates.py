"""The numeric patterns' finer gates (issue 14, 2026-12-06; ``numeric_gates.py``): a pattern
whose gate is closed has no match, so the numeric hits are those found with the trigger words
and the first digit alone, as before."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.prelabel.digit_lead import scan_from
from builder.prelabel.entities import numeric
from builder.prelabel.entities.lexicon import NUMBERS, words
from builder.prelabel.entities.numeric_gates import first_runs, gates, is_open
from builder.prelabel.sentence_words import first_digit, lower_words
from tests.text_strategies import UNUSUAL

_KEYS = ("weekdays", "date_words", "date_units", "date_modifiers", "time_words", "number_words")
_MONEY = ("currency_symbols", "currency_codes", "currency_words", "magnitudes")
_WORDS = sorted({w for key in (*_KEYS, *_MONEY, "units") for w in words(NUMBERS, key)})
_PIECES = [
    *_WORDS,
    *(w.capitalize() for w in _WORDS),
    *(w + "s" for w in _WORDS),
    *("ago", "earlier", "later", "that", "tomorrow", "a", "an", "A", "Last", "This"),
    *("%", "percent", "per cent", "pct", "st", "nd", "rd", "th", "1st", "2nd", "5%", "$5"),
    *("a.m.", "pm", "am", "GMT", "14:24", "9.30", ":", "m"),
    *("12", "3", "1,200", "x1,5", "٣", "-", "/", ",", ".", "'s", "x", "İ", "\u212a", "é"),
    *UNUSUAL,
]
_SEPARATORS = st.sampled_from([" ", " ", " ", "", "", "\n", "-", "/", "\u00a0"])
texts = st.lists(st.tuples(st.sampled_from(_PIECES), _SEPARATORS), max_size=12).map(
    lambda pieces: "".join(w + sep for w, sep in pieces)
)


def _reference_find(text: str) -> list[tuple[int, int, str]]:
    """``numeric.find`` before the finer gates: a pattern runs on its trigger or a digit."""
    digit = first_digit(text)
    present = lower_words(text)
    taken: list[tuple[int, int, str]] = []
    for label, pattern, trigger, ahead, late, _gate in numeric._scans():
        if trigger is None:
            if digit < 0:
                continue
            pos = scan_from(digit, ahead) or 0
        elif present.isdisjoint(trigger):
            continue
        else:
            pos = 0
        new = []
        for m in pattern.finditer(text, pos):
            s, e = m.span("late") if late and m.start("late") >= 0 else m.span()
            if numeric._free(taken, s, e):
                new.append((s, e, label))
        taken = sorted(taken + new) if new else taken
    return taken


def test_the_gates() -> None:
    assert set(gates()) == {
        *(("DATE", 1), ("TIME", 1), ("QUANTITY", 1)),
        *(("MONEY", 0), ("PERCENT", 0), ("QUANTITY", 0), ("ORDINAL", 0), ("TIME", 0)),
    }
    assert {"sq", "km", "c"} <= first_runs("units")
    assert {"usd", "dm", "dollars"} <= first_runs("currency_codes", "currency_words")


def _phrase(*parts: list[str]) -> st.SearchStrategy[str]:
    """A word of each of ``parts``, joined by a space: one match of a gated pattern."""
    return st.tuples(*(st.sampled_from(part) for part in parts)).map(" ".join)


def _number_words(key: str, extra: tuple[str, ...] = ()) -> list[str]:
    return [*words(NUMBERS, key), *extra]


_UNITS = _number_words("date_units")
_AGO = ["ago", "earlier", "later"]
_BEFORE_TIME = ["this", "That", "last", "Last", "tomorrow", "yesterday"]
_NUMBERS = ["5", "12", "1,200", "x1,5", "٣"]
_PHRASES = st.one_of(
    # each option of DATE's gate: an amount of time ago, a modifier before a unit
    _phrase(["two", "a", "An", *_NUMBERS], [*_UNITS, *(u + "s" for u in _UNITS)], _AGO),
    _phrase(_number_words("date_modifiers", ("Last", "This")), _UNITS),
    _phrase(_number_words("date_modifiers", ("Last",)), _number_words("weekdays")),
    _phrase(_BEFORE_TIME, _number_words("time_words")),
    _phrase(["two", "Two", "dozen", "hundreds", *_NUMBERS], _number_words("units")),
    _phrase(_NUMBERS, ["%", "percent", "per cent", "pct", "million dollars", "dollars", "st"]),
    _phrase(["1", "12", "1400", "9.30", "14:2", "1:30"], ["a.m.", "p.m.", "am", "pm", "GMT", "x"]),
    _phrase(_number_words("currency_symbols") + _number_words("currency_codes"), _NUMBERS),
)
# The phrases among other words, glued or not, and the words of a phrase alone.
_GATED = st.one_of(
    texts,
    st.lists(st.tuples(_PHRASES | st.sampled_from(_PIECES), _SEPARATORS), max_size=5).map(
        lambda drawn: "".join(w + sep for w, sep in drawn)
    ),
)


@settings(max_examples=500)
@given(_GATED)
def test_a_closed_gate_has_no_match(text: str) -> None:
    present = lower_words(text)
    for label, pattern, _trigger, _lead, _late, gate in numeric._scans():
        if gate is not None and not is_open(gate, text, present):
            assert pattern.search(text) is None, (label, text)


@settings(max_examples=300)
@given(_GATED)
def test_find_is_the_find_of_the_triggers_alone(text: str) -> None:
    assert numeric.find(text) == _reference_find(text)


def test_find_on_sentences() -> None:
    for text in (
        "Two years ago he left, and last week he came back on Monday morning.",
        "The year was good; one day we will know. This morning: two miles, 3 km.",
        "He said that night in the evening, two kilometres away, a year earlier.",
        "In 1996 the day came, the next year too; twenty sq km of land.",
        "Shares rose 5% to $12.5bn, or 7 pct; the 3rd time in 12 days, 40 km from USD 5.",
        "He was 21st of 1,200, with 5 per cent and 30 million dollars (HK$ 5).",
    ):
        assert numeric.find(text) == _reference_find(text)


def test_every_phrase_of_the_lists_opens_its_gate() -> None:
    """Each word of the lists in each of its places, once: a match leaves its gate open."""
    units = [*_UNITS, *(u + "s" for u in _UNITS)]
    money = ["5 " + w for w in _number_words("currency_words")]
    money += [f"{s}5" for s in _number_words("currency_symbols", ("US$ ",))]
    money += [f"{c} 5" for c in _number_words("currency_codes")]
    phrases = [
        *(f"{n} {u} {a}" for n in ("two", "a", "12") for u in units for a in _AGO),
        *(f"{m} {u}" for m in _number_words("date_modifiers", ("Last",)) for u in _UNITS),
        *(f"{m} {d}" for m in ("next", "") for d in _number_words("weekdays")),
        *(f"{w} day" for w in _number_words("date_words")),
        *(f"{b} {t}" for b in _BEFORE_TIME for t in _number_words("time_words")),
        *(f"{n} {u}" for n in ("two", "Dozens", "5", "7.5") for u in _number_words("units")),
        *(f"5{u}" for u in _number_words("units")),
        *("14:24", "9.30", "5 a.m.", "5a.m.", "11 p.m", "5am", "5 pm", "1400 GMT", "0900 EST"),
        *("5%", "5 %", "5 percent", "5 per cent", "5 pct", "1st", "22nd", "3rd", "4th"),
        *money,
    ]
    found = 0
    for phrase in phrases:
        text = f"So {phrase}, he said."
        present = lower_words(text)
        for label, pattern, _trigger, _lead, _late, gate in numeric._scans():
            if gate is not None and pattern.search(text):
                found += 1
                assert is_open(gate, text, present), (label, text)
    assert found >= len(phrases)
