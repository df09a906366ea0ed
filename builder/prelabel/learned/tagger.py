"""The entity sequence model at work: one sentence's tokens in, entity votes out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from builder.model import EntityVote, Vote
from builder.prelabel.learned.encoded import EncodedFeaturizer
from builder.prelabel.learned.features import LabelTable, label_runs
from builder.prelabel.learned.native import NativeTagger, library
from builder.segment.tokenizer import token_ends


class Crf(Protocol):
    """A CRFsuite model's tagger over attribute records (``native.py``)."""

    labels: list[str]  # by label id

    @property
    def known(self) -> Mapping[str, bytes] | None:
        """Every attribute the model knows and its record, when a string it does not know has
        no records and one without a NUL is its own attribute (None: ask ``records``)."""

    def records(self, attributes: Iterable[str]) -> bytes: ...
    def tag(self, rows: Sequence[bytes]) -> list[int]: ...
    def marginal(self, label: int, t: int) -> float: ...
    def marginals(self, labels: Sequence[int], at: Sequence[int]) -> list[float]: ...


class PythonTagger:
    """python-crfsuite's ``Tagger`` behind ``NativeTagger``'s interface, where CRFsuite's C API
    is not at hand. A record here is the attribute's own bytes up to its first NUL (CRFsuite
    reads no further), then a NUL: the tagger keeps no table of the strings it has seen, which
    grew with a corpus's vocabulary, and an unknown string python-crfsuite leaves out itself."""

    def __init__(self, crf: bytes) -> None:
        import pycrfsuite

        self._crf = crf  # CRFsuite reads the model from this buffer: it must stay alive
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(crf)
        self.labels: list[str] = self._tagger.labels()
        self._label_ids = {label: i for i, label in enumerate(self.labels)}
        self.known: Mapping[str, bytes] | None = None  # every string has records here

    def records(self, attributes: Iterable[str]) -> bytes:
        return b"".join([a.encode().partition(b"\0")[0] + b"\0" for a in attributes])

    def tag(self, rows: Sequence[bytes]) -> list[int]:
        xseq = [row.split(b"\0")[:-1] for row in rows]
        return [self._label_ids[tag] for tag in self._tagger.tag(xseq)]

    def marginal(self, label: int, t: int) -> float:
        return float(self._tagger.marginal(self.labels[label], t))

    def marginals(self, labels: Sequence[int], at: Sequence[int]) -> list[float]:
        return list(map(self.marginal, labels, at))


def open_tagger(crf: bytes, native: bool = True) -> Crf:
    """CRFsuite's C tagger on the model's bytes, or python-crfsuite's where the C API is not
    at hand, or where the two do not agree on a probe (or ``native`` is False)."""
    plain = PythonTagger(crf)
    lib = library() if native else None
    if lib is None:
        return plain
    fast = NativeTagger(lib, crf)
    return fast if agree(fast, plain, fast.attributes(40)) else plain


def agree(a: Crf, b: Crf, attributes: Sequence[str], width: int = 7) -> bool:
    """Whether two taggers give the same tags, and the same marginal of every label at every
    token, to the bit, on a sentence of ``attributes``, ``width`` a token (a structure laid
    out otherwise than ``native.py`` reads it would not)."""
    rows = [attributes[i : i + width] for i in range(0, len(attributes), width)] or [[]]
    tags = a.tag(list(map(a.records, rows)))
    if a.labels != b.labels or tags != b.tag(list(map(b.records, rows))):
        return False
    return all(
        a.marginal(label, t) == b.marginal(label, t)
        for t in range(len(rows))
        for label in range(len(a.labels))
    )


class EntityTagger:
    """A trained CRF (CRFsuite bytes) and the casing table its features read."""

    def __init__(
        self, crf: bytes, casing: Mapping[str, str], name: str, native: bool = True
    ) -> None:
        self.name = name
        self.crf = open_tagger(crf, native)
        # The training path's features (``Featurizer``) as records: see encoded.py.
        self.featurizer = EncodedFeaturizer(casing, self.crf.records, self.crf.known)
        self._labels = LabelTable.of(self.crf.labels)

    def votes(self, text: str, votes: Mapping[str, Sequence[Vote]]) -> list[EntityVote]:
        """The entities the model tags in ``text``, given the heuristics' ``votes`` on it;
        each scored by the marginal probability of its first tag."""
        ends, tokens, rows = self.features(text, votes)
        return self.tagged(ends, tokens, rows) if rows else []

    def features(
        self, text: str, votes: Mapping[str, Sequence[Vote]]
    ) -> tuple[list[int], list[str], list[bytes]]:
        """The tokens' end offsets, the tokens, and their rows of records (the Python half of
        the work)."""
        ends, tokens = token_ends(text)
        records, masked = self.featurizer.vote_rows(ends, tokens, votes)
        return ends, tokens, self.featurizer.sentence(tokens, records, masked)

    def tagged(
        self, ends: Sequence[int], tokens: Sequence[str], rows: Sequence[bytes]
    ) -> list[EntityVote]:
        """CRFsuite's half: the tags of the tokens, and the marginals of the entities' first
        tags (a forward-backward pass, run by the first of them only: a sentence without an
        entity spares it). A token starts at its end less its length."""
        tags = self.crf.tag(rows)
        runs = label_runs(tags, self._labels)
        if not runs:
            return []
        firsts = [run[0] for run in runs]
        scores = self.crf.marginals(list(map(tags.__getitem__, firsts)), firsts)
        name = self.name
        return [
            EntityVote(ends[i] - len(tokens[i]), ends[j], label, round(score, 4), name)
            for (i, j, label), score in zip(runs, scores, strict=True)
        ]
