"""What split assignment needs from each sentence, taken where its chunk is worked on.

A chunk's sentences become :class:`Keys`: each sentence's id, its group (a number into the
chunk's groups) and, for a sentence long enough to count, a number into the chunk's distinct
normalised texts, each of which comes as a 16-byte digest and its MinHash signature. The
reading process keeps digests and signatures, never the texts: a million distinct sentences
held some 200 MB of normalised text in the driver (on Ray too, whose driver does this same
work), and the signatures are computed in the workers alongside the rows.

Exact duplicates are equal digests (BLAKE2b, 128 bits: no two texts of any corpus collide);
near duplicates are found among the signatures (``minhash.py``), as before.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from builder.minhash import BandKeys, Hasher, Permutations, Signatures, band_keys

_NON_WORD = re.compile(r"[^\w]+")
# ASCII text: the bytes of word characters ([A-Za-z0-9_], what ``\w`` matches there) kept,
# every other one a space. Five times as fast as the pattern on the common case.
_ASCII_WORDS = bytes(c if chr(c).isalnum() or c == ord("_") else ord(" ") for c in range(256))


def words_of(text: str) -> list[str]:
    """The words of ``text`` with case, accents and punctuation removed."""
    folded = text.casefold()
    if not folded.isascii():  # the per-character pass only where there are accents to strip
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", folded).split()


def normalise(text: str) -> str:
    """Case, accents, punctuation and spacing removed: what makes two sentences 'the same'."""
    return " ".join(words_of(text))


def near_words(text: str, min_words: int) -> list[bytes] | None:
    """The words that duplicate detection compares (those of :func:`normalise`), UTF-8
    encoded (what the digest and the MinHash word hashes take), or None for a short sentence.

    Near duplicates compare sets of words: one edited word in fifteen ("eleven" -> "11") keeps
    Jaccard near 0.87, where word 3-shingles would lose a quarter; a six-word template with two
    words changed ("Story 12 line 3 ..." / "Story 13 line 4 ...") stays at 0.5.
    """
    if text.isascii():  # casefold is lower there
        words = text.encode().lower().translate(_ASCII_WORDS).split()
    else:
        words = [w.encode() for w in words_of(text)]
    return words if len(words) >= min_words else None


def digest(words: list[bytes]) -> bytes:
    """The exact-duplicate key of a normalised text: the BLAKE2b-128 of its UTF-8."""
    return hashlib.blake2b(b" ".join(words), digest_size=16).digest()


def all_band_keys(sigs: Signatures, perms: Permutations) -> BandKeys:
    """:func:`minhash.band_keys` of every band, a column each, made here in the workers, chunk
    by chunk: split assignment, which the workers wait for, has only to sort them."""
    out: BandKeys = np.empty((len(sigs), len(perms.bands)), dtype=np.uint64)
    for k, (start, end) in enumerate(perms.bands):
        out[:, k] = band_keys(sigs, start, end)
    return out


@dataclass
class Keys:
    """A chunk's keys, sentences in input order."""

    ids: list[str]
    groups: list[str]  # the chunk's group keys, in order of first appearance
    group_of: list[int]  # per sentence: its group, a number into ``groups``
    near: list[int]  # per sentence: its normalised text, a number into ``digests``; -1: short
    digests: list[bytes]  # the chunk's distinct normalised texts, in order of first appearance
    sig_rows: list[int]  # per digest: its row of ``sigs``; -1: sent with an earlier chunk
    sigs: Signatures  # MinHash signatures
    bands: BandKeys  # their LSH band keys, made here rather than in the reading process


class KeyMaker:
    """Gathers the keys of a chunk, a sentence at a time."""

    def __init__(self, group: Callable[[str], str], min_words: int) -> None:
        self.group, self.min_words = group, min_words
        self.ids: list[str] = []
        self.groups: list[str] = []
        self.group_of: list[int] = []
        self.near: list[int] = []
        self.digests: list[bytes] = []
        self.words: list[list[bytes]] = []  # of each digest
        self._group_number: dict[str, int] = {}
        self._text_number: dict[bytes, int] = {}

    def add(self, sid: str, doc_id: str, text: str) -> int:
        """Take the sentence; the number of its group in the chunk."""
        self.ids.append(sid)
        key = self.group(doc_id)
        g = self._group_number.setdefault(key, len(self.groups))
        if g == len(self.groups):
            self.groups.append(key)
        self.group_of.append(g)
        words = near_words(text, self.min_words)
        if words is None:
            self.near.append(-1)
            return g
        found = digest(words)
        k = self._text_number.setdefault(found, len(self.digests))
        if k == len(self.digests):
            self.digests.append(found)
            self.words.append(words)
        self.near.append(k)
        return g

    def keys(self, hasher: Hasher, sent: dict[bytes, int], chunk: int) -> Keys:
        """The keys of chunk number ``chunk``, with the signatures of its distinct texts but
        those this process sent with an earlier chunk (``sent``: digest -> that chunk): the
        reading process takes the chunks in order, so it has them by then. (A text repeated
        across chunks, as copied wire stories are, is hashed once per process.)"""
        rows: list[int] = []
        words: list[list[bytes]] = []
        for found, of_text in zip(self.digests, self.words, strict=True):
            first = sent.get(found)
            if first is not None and first < chunk:
                rows.append(-1)
                continue
            sent[found] = chunk
            rows.append(len(words))
            words.append(of_text)
        sigs = hasher.signatures(words)
        bands = all_band_keys(sigs, hasher.perms)
        return Keys(
            self.ids, self.groups, self.group_of, self.near, self.digests, rows, sigs, bands
        )
