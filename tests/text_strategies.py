"""Pieces of text for the property tests that short ASCII samples miss.

Offsets are Python ``str`` indices (code points): a character outside the Basic Multilingual
Plane is one index here but two UTF-16 units in JavaScript, an emoji sequence is several code
points joined by ZERO WIDTH JOINERs, and a combining mark is a code point of its own after its
base letter. Texts longer than a few hundred characters reach the scanners' windows and
look-behinds that short samples never fill.
"""

from __future__ import annotations

from hypothesis import strategies as st

# Outside the BMP: emoji, an emoji ZWJ sequence, a flag (two regional indicators), a
# mathematical alphabet and a Gothic letter.
ASTRAL = ["😀", "🚑", "👩\u200d👩\u200d👧", "🇺🇦", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "𐍈"]
# Base letters followed by combining marks (decomposed, as some sources send them).
COMBINING = ["e\u0301te\u0301", "Zoe\u0308", "n\u0303o", "Ame\u0301lie", "a\u0328"]
UNUSUAL = [*ASTRAL, *COMBINING]


def long_lists(element: st.SearchStrategy[str], min_words: int = 20) -> st.SearchStrategy[str]:
    """``element`` strings joined, the whole repeated 3 to 10 times: several hundred to a few
    thousand characters, cheap to draw (drawing thousands of elements one by one is slow), and
    with the repeated sentences that long documents hold."""
    return st.tuples(
        st.lists(element, min_size=min_words, max_size=3 * min_words), st.integers(3, 10)
    ).map(lambda drawn: "".join(drawn[0]) * drawn[1])


def sentences_of(*words: str, max_size: int = 16) -> st.SearchStrategy[str]:
    """Up to ``max_size`` of ``words`` in any order, joined by spaces: sentences no one would
    write, which reach the rules' corners (a cue with no subject, a comma first)."""
    return st.lists(st.sampled_from(words), max_size=max_size).map(" ".join)
