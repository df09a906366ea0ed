"""Load the sentiment lexicons and modifiers: VADER's lexicon as the base, our news data on top.

VADER's ``vader_lexicon.txt`` (MIT) is read from the installed ``vaderSentiment`` package
without importing it (its module builds an analyzer we do not use); ``news_lexicon.tsv``
overrides it with news senses, ``news_phrases.tsv`` adds multi-word expressions,
``portrayal.yaml`` adds word groups on how news portrays people (falsehood, impropriety,
esteem, success...) and ``modifiers.yaml`` lists negators, boosters, contrast words,
attribution and procedural cues.
"""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from builder.datafiles import safe_load

HERE = Path(__file__).resolve().parent
NEWS_LEXICON = HERE / "news_lexicon.tsv"
NEWS_PHRASES = HERE / "news_phrases.tsv"
MODIFIERS = HERE / "modifiers.yaml"
PORTRAYAL = HERE / "portrayal.yaml"


def vader_lexicon_path() -> Path:
    spec = importlib.util.find_spec("vaderSentiment")
    # By getattr: the locations are declared a list, and a namespace package gives another
    # iterable, which the compiled build would refuse (docs/compiled.md).
    locations = getattr(spec, "submodule_search_locations", None)
    if not locations:
        raise ModuleNotFoundError("vaderSentiment is required for the sentiment lexicon")
    return Path(next(iter(locations))) / "vader_lexicon.txt"


DATA_FILES = (NEWS_LEXICON, NEWS_PHRASES, MODIFIERS, PORTRAYAL)


@dataclass(frozen=True, slots=True)
class Lexicon:
    valence: dict[str, float]  # word -> valence on VADER's -4..4 scale (news overrides applied)
    news: frozenset[str]  # words whose valence comes from our news lexicon (event or tone)
    events: frozenset[str]  # news words of kind "event" (killed, rescued...)
    phrases: dict[str, list[tuple[tuple[str, ...], float]]]  # first word -> (phrase, valence)
    negators: frozenset[str]
    negated_negative: float
    reversers: frozenset[str]
    reverser_blockers: frozenset[str]
    boosters: frozenset[str]
    dampeners: frozenset[str]
    contrast: frozenset[str]
    concessive: frozenset[str]
    before_contrast: float
    after_contrast: float
    concessive_weight: float
    scare_cues: frozenset[str]
    scare_max: int
    procedural: frozenset[str]
    remedies: frozenset[str]
    attribution: frozenset[str]
    attributed_weight: float


def _rows(path: Path) -> list[list[str]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                rows.append(line.rstrip("\n").split("\t"))
    return rows[1:]  # the header


@functools.cache
def load_lexicon() -> Lexicon:
    valence: dict[str, float] = {}
    with vader_lexicon_path().open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split("\t")
            # Only word entries: our tokenizer never produces VADER's emoticons.
            if len(parts) >= 2 and parts[0].isalpha():
                valence[parts[0]] = float(parts[1])
    news: set[str] = set()
    events: set[str] = set()
    for term, val, kind in _rows(NEWS_LEXICON):
        valence[term] = float(val)
        if kind != "sense":
            news.add(term)
        if kind == "event":
            events.add(term)
    for group, spec in safe_load(PORTRAYAL.read_text(encoding="utf-8")).items():
        for term in spec["words"]:
            if not isinstance(term, str) or term in news:
                raise ValueError(f"{PORTRAYAL.name}: {group}: {term!r} is not a new word")
            valence[term] = float(spec["valence"])
            news.add(term)
    phrases: dict[str, list[tuple[tuple[str, ...], float]]] = {}
    for phrase, val in _rows(NEWS_PHRASES):
        key = tuple(phrase.split())
        phrases.setdefault(key[0], []).append((key, float(val)))
    for options in phrases.values():
        options.sort(key=lambda p: -len(p[0]))  # longest match first
    mod = safe_load(MODIFIERS.read_text(encoding="utf-8"))

    def words(key: str) -> frozenset[str]:
        found = frozenset(str(w) for w in mod[key])
        if not all(isinstance(w, str) for w in mod[key]):  # an unquoted yes/no/on/off
            raise ValueError(f"{MODIFIERS.name}: {key} has a non-string entry: quote it")
        return found

    return Lexicon(
        valence=valence,
        news=frozenset(news),
        events=frozenset(events),
        phrases=phrases,
        negators=words("negators"),
        negated_negative=float(mod["negated_negative_weight"]),
        reversers=words("reversers"),
        reverser_blockers=words("reverser_blockers"),
        boosters=words("boosters"),
        dampeners=words("dampeners"),
        contrast=words("contrast"),
        concessive=words("concessive"),
        before_contrast=float(mod["before_contrast_weight"]),
        after_contrast=float(mod["after_contrast_weight"]),
        concessive_weight=float(mod["concessive_weight"]),
        scare_cues=words("scare_quote_cues"),
        scare_max=int(mod["scare_quote_max_tokens"]),
        procedural=words("procedural"),
        remedies=words("remedies"),
        attribution=words("attribution"),
        attributed_weight=float(mod["attributed_weight"]),
    )
