"""The sentiment scorer's tokens told by the entity tokenizer's loop: one pass over a
sentence's white-space chunks for two families (issue 14).

The scorer's tokens (``sentiment.words.TOKEN_RE``) never hold white space and its pattern
looks at nothing outside a token, so the tokens of a text are those of its chunks: a chunk of
ASCII letters is one token, the others are cut once and remembered, as the entity tokenizer
cuts its own (``entities/chunk_tokens.columns``). That loop runs over the chunks first (the
entity heuristics come before sentiment in the registry's order) and hands its list over
here: the scan of the whole sentence by ``TOKEN_RE.findall`` cost some 44 k instructions a
sentence, the appends in the shared loop a tenth of that. A sentence the loop did not see (the
entity heuristics disabled, texts the loop leaves alone) is scanned as before: the same tokens
(tests/prelabel/test_shared_tokens.py holds both to the scan).
"""

from __future__ import annotations

from builder.prelabel.sentiment.words import TOKEN_RE

# The scorer's tokens of the chunks that are not all ASCII letters, seen last (bounded, as
# ``memo.py`` keeps them; the lists are only read).
CUTS: dict[str, list[str]] = {}
CUTS_KEPT = 1 << 16
_FINDALL = TOKEN_RE.findall
# The last text the entity loop saw, and its scorer tokens.
_last: tuple[str, list[str]] = ("", [])


def told(text: str, chunks: list[str], odd: list[str]) -> None:
    """``text`` is ASCII and its white-space chunks are ``chunks``, all letters but ``odd``
    (in order: the entity loop's)."""
    global _last
    if not odd:
        tokens = chunks
    else:
        tokens = []
        cuts = CUTS
        prev = 0
        for chunk in odd:
            # Its index, found in C: the chunks before it from ``prev`` are letters, unequal.
            k = chunks.index(chunk, prev)
            tokens += chunks[prev:k]
            cut = cuts.get(chunk)  # (no "or": a chunk may hold none, "-" or "5")
            if cut is None:  # (a new chunk in most sentences: no call but the scan's)
                if len(cuts) >= CUTS_KEPT:
                    cuts.clear()
                cut = cuts[chunk] = _FINDALL(chunk)
            tokens += cut
            prev = k + 1
        tokens += chunks[prev:]
    _last = (text, tokens)


def sentiment_tokens(text: str) -> list[str]:
    """``TOKEN_RE.findall(text)``: the list the entity loop told for ``text`` if it was the
    last one it saw (the caller only reads it), else the scan."""
    last = _last  # one read: the text and its tokens stay a pair
    if last[0] == text:
        return last[1]
    return TOKEN_RE.findall(text)
