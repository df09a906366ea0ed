"""The words of a sentence as the sentiment scorer reads them: its tokens, their lower-case
fold, their entry in the lexicon (an inflection read back to its stem) and what the scorer's
rules need to know of each, remembered a token; the phrases of the news lexicon.

``scorer.py`` reads them in one pass over a sentence (the rules' order and weights).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container
from typing import NamedTuple

from builder.memo import remember
from builder.prelabel.sentiment.lexicon import Lexicon, load_lexicon

# The tokens: words of ASCII letters, with inner apostrophes ("don't", "rock'n'roll"), and the
# quotation marks and clause breaks: ``[A-Za-z]+(?:['’][A-Za-z]+)*|[“”"«»,;:()]``,
# written to start with one class, so that ``re`` skips to where a token can start in C
# instead of trying the pattern at every blank; the apostrophe's repeat entered only where an
# apostrophe and a letter follow (the same tokens: tests/prelabel/test_sentiment_words.py).
TOKEN_RE = re.compile(
    r"[A-Za-z“”\"«»,;:()](?:(?<=[A-Za-z])[A-Za-z]*+(?:(?=['’][A-Za-z])(?:['’][A-Za-z]+)*|)|)"
)
# An ASCII text's tokens without the regex (95% of corpus/bbc; the regex scan was a quarter of
# ``analyse``): every byte that is no letter, apostrophe, quotation mark or clause break made a
# space in one C loop; an apostrophe not between two letters made one too (the pattern's
# apostrophe only joins letters: "a''b" is "a" and "b", "'x'" is "x"); a mark spaced apart;
# then the chunks between spaces. (``b"'" in raw`` would first try the needle as an integer and
# raise and clear a TypeError, a few hundred instructions a test: the codes are tested instead.)
_TOKEN_BYTES = frozenset(b"'\",;:()abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ASCII_TOKENS = bytes(c if c in _TOKEN_BYTES else 32 for c in range(256))
_LOOSE_APOSTROPHE = re.compile(rb"'(?:(?![A-Za-z])|(?<![A-Za-z]'))")
_APOSTROPHE = ord("'")
_MARKS = tuple((c, bytes((c,)), b" %c " % c) for c in b'",;:()')


def split_tokens(text: str) -> list[str]:
    """``TOKEN_RE.findall(text)`` (tests/prelabel/test_sentiment_words.py)."""
    if not text.isascii():
        return TOKEN_RE.findall(text)
    raw = text.encode().translate(_ASCII_TOKENS)
    if _APOSTROPHE in raw:
        raw = _LOOSE_APOSTROPHE.sub(b" ", raw)
    for code, mark, spaced in _MARKS:
        if code in raw:
            raw = raw.replace(mark, spaced)
    return raw.decode().split()


# Inflections only ("bombings", "slammed"): derivations like -ly change the sense ("clearly").
SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("es", ""),
    ("s", ""),
)

# kind of a word: 0 = VADER only, 1 = news tone, 2 = news event
Entry = tuple[float, int]


def fold(tok: str) -> str:
    """A token as the lexicon spells it: lower case, the typographic apostrophe plain."""
    return tok.lower().replace("’", "'")


def lookup(lex: Lexicon, memo: dict[str, Entry | None], low: str) -> Entry | None:
    """The (valence, kind) of the folded word ``low``, or of its stem (``SUFFIXES``), or None."""
    if low in memo:
        return memo[low]
    entry: Entry | None = None
    candidates = [low]
    for suffix, repl in SUFFIXES:  # "bombings" -> "bombing", "slams" -> "slam"
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            stem = low[: -len(suffix)]
            candidates.append(stem + repl)
            if repl == "" and len(stem) > 3 and stem[-1] == stem[-2]:
                candidates.append(stem[:-1])  # "stopped" -> "stop"
    for cand in candidates:
        if cand in lex.valence:
            kind = 2 if cand in lex.events else 1 if cand in lex.news else 0
            entry = (lex.valence[cand], kind)
            break
    memo[low] = entry
    return entry


MEMO: dict[str, Entry | None] = {}


@functools.cache
def cue_words() -> frozenset[str]:
    """The words some rule of ``scorer.analyse`` looks for besides their valence (negators,
    boosters, contrast, procedural cues, first words of phrases...): a word outside them
    (and not in "n't") needs only the name test and the valence look-up."""
    lex = load_lexicon()
    return frozenset().union(
        lex.procedural, lex.attribution, lex.contrast, lex.concessive, lex.boosters,
        lex.dampeners, lex.negators, lex.reversers, lex.phrases,
    )  # fmt: skip


Options = list[tuple[tuple[str, ...], float]]


class Role(NamedTuple):
    """What the cue rules of the scorer read of a cue word (not plain), read once a word, not
    a dozen set tests a token (the scorer unpacks it in this order)."""

    procedural: bool
    attribution: bool
    contrast: bool
    concessive: bool
    boost: float  # a booster's +BOOST, a dampener's -BOOST, else 0
    negator: bool
    reverser: bool
    phrases: Options | None  # the phrases it begins
    # Its own (valence, kind) where the scorer would look it up (None where it would not: a
    # negator outside the news lexicon, a reverser, a booster).
    entry: Entry | None


BOOST = 0.293  # VADER's empirically derived booster increment


def role(lex: Lexicon, low: str) -> Role:
    """The role of the cue word ``low`` (folded) in the scorer's rules."""
    boost = BOOST if low in lex.boosters else -BOOST if low in lex.dampeners else 0.0
    negator = low in lex.negators or low.endswith("n't")
    reverser = low in lex.reversers
    skip = (negator and low not in lex.news) or reverser or low in lex.boosters
    return Role(
        low in lex.procedural, low in lex.attribution, low in lex.contrast,
        low in lex.concessive, boost, negator, reverser, lex.phrases.get(low),
        None if skip else lookup(lex, MEMO, low),
    )  # fmt: skip


class WordInfo(NamedTuple):
    """What the scorer reads of a token: one look-up a word instead of lower(), replace() and
    the tests (the scorer unpacks it in this order)."""

    low: str  # folded
    plain: bool  # no cue of any rule: not in ``cue_words``, not in "n't"
    capital: bool
    entry: Entry | None  # its (valence, kind) if plain and not 0
    role: Role | None  # if not plain


# token -> its WordInfo. Cleared when it holds WORD_INFO_MAX tokens (memory stays bounded on
# any corpus; the answers do not change).
WORD_INFO: dict[str, WordInfo] = {}
WORD_INFO_MAX = 200_000
INERT: set[str] = set()  # tokens of plain words of no valence: the scorer passes them over


def word_info(tok: str, special: Container[str], lex: Lexicon) -> WordInfo:
    """What the scorer reads of ``tok`` (``special``: ``cue_words()``), remembered."""
    low = fold(tok)
    plain = low not in special and not low.endswith("n't")
    entry = lookup(lex, MEMO, low) if plain else None
    if entry is not None and entry[0] == 0.0:
        entry = None
    info = WordInfo(low, plain, tok[0].isupper(), entry, None if plain else role(lex, low))
    if len(WORD_INFO) >= WORD_INFO_MAX:
        INERT.clear()  # emptied with the table (by remember, below): each of its tokens is there
    if plain and entry is None:
        INERT.add(tok)
    return remember(WORD_INFO, tok, info, WORD_INFO_MAX)


def phrase_at(tokens: list[str], i: int, options: Options) -> tuple[tuple[str, ...], float] | None:
    """The first of ``options`` (the phrases of the word before ``tokens[i]``, with their
    valence) whose other words are the tokens from ``i`` on, lower-cased. The next word is
    read first: most phrases a word begins fail there, without a list of the tokens after."""
    nxt = tokens[i].lower() if i < len(tokens) else None
    for phrase, val in options:
        n = len(phrase)
        if n > 1 and phrase[1] != nxt:
            continue
        if [t.lower() for t in tokens[i : i + n - 1]] == list(phrase[1:]):
            return phrase, val
    return None


def low_at(tokens: list[str], at: int) -> str:
    """The word at ``at`` as ``word_info`` lower-cases it; "" before the first."""
    return fold(tokens[at]) if at >= 0 else ""


def is_title_case(tokens: list[str]) -> bool:
    words = [t for t in tokens if t[0].isalpha()]
    return sum(w[0].isupper() for w in words) > 0.6 * len(words)


def next_low(tokens: list[str], i: int) -> str:
    """The word at ``i`` lower-cased (not folded as ``low_at``: none of the words the rules
    compare it with holds an apostrophe); "" past the last."""
    return tokens[i].lower() if i < len(tokens) else ""
