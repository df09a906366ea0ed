"""The sentiment scorer's tokens told by the entity tokenizer's loop: one pass over a
sentence's white-space chunks for two families (issue 14).

The scorer's tokens (``sentiment.words.TOKEN_RE``) never hold white space and its pattern
looks at nothing outside a token, so the tokens of a text are those of its chunks: a chunk of
ASCII letters is one token, the others are cut once and remembered, as the entity tokenizer
cuts its own (``entities/chunk_tokens.columns``). That loop runs over the chunks first (the
entity heuristics come before sentiment in the registry's order) and hands its list over
here: the scan of the whole sentence by ``TOKEN_RE.findall`` cost some 44 k instructions a
sentence, an append a chunk in the shared loop and the cuts of new chunks about a third of
that. A sentence the loop did not see (the entity heuristics disabled, texts with other white
space than single spaces or not ASCII) is scanned as before: the same tokens
(tests/prelabel/test_entity_shape.py holds both to the scan).
"""

from __future__ import annotations

from builder.memo import remember
from builder.prelabel.sentiment.words import TOKEN_RE, split_tokens

# The scorer's tokens of the chunks that are not all ASCII letters, seen last (bounded by
# ``memo.remember``; the lists are only read).
CUTS: dict[str, list[str]] = {}
CUTS_KEPT = 1 << 16
_FINDALL = TOKEN_RE.findall
# The last text the entity loop saw, and its scorer tokens.
_last: tuple[str, list[str]] = ("", [])


def cut(chunk: str) -> list[str]:
    """The scorer's tokens of ``chunk``, remembered."""
    return remember(CUTS, chunk, _FINDALL(chunk), CUTS_KEPT)


def told(text: str, tokens: list[str]) -> None:
    """``tokens`` are the scorer's tokens of the ASCII ``text`` (the entity loop's)."""
    global _last
    _last = (text, tokens)


def sentiment_tokens(text: str) -> list[str]:
    """``TOKEN_RE.findall(text)``: the list the entity loop told for ``text`` if it was the
    last one it saw (the caller only reads it), else the scan."""
    last = _last  # one read: the text and its tokens stay a pair
    if last[0] == text:
        return last[1]
    return split_tokens(text)
