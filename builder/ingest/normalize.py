"""Text normalisation. The normalised text is what is stored; every later offset points into it.

- Unicode NFC, so that "é" is one code point whatever the source used;
- line breaks: \\r\\n, \\r, U+2028 and U+2029 become \\n;
- no-break and other fixed-width spaces become a plain space, tabs too;
- zero-width characters, the soft hyphen, BOM and other control characters are removed;
- each line is stripped, and runs of blank lines collapse to one blank line.
"""

from __future__ import annotations

import re
import unicodedata

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Zero-width, soft hyphen, BOM, word joiner and the C0/C1 controls other than \n.
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalize_chars(text: str) -> str:
    """Character-level normalisation; keeps the line structure (one line in, one line out)."""
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text)
    text = _SPACES.sub(" ", text)
    return _INVISIBLE.sub("", text)


def tidy_lines(text: str) -> str:
    """Strip every line and collapse blank-line runs; the final text has no outer blank lines."""
    lines = [line.strip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")
