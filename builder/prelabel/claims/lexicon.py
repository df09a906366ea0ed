"""Loads the attribution cue lexicon (``cues.yaml``) and compiles it into regular expressions.

Verbs are written by lemma and inflected here, so the data file stays a list a linguist can
review; irregular and consonant-doubling forms are written out in the file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from builder.datafiles import load_mapping
from builder.prelabel.claims.lexicon_words import longest_words
from builder.prelabel.claims.lexicon_words import words as words_of
from builder.prelabel.literals import literal_keys
from builder.prelabel.sentence_words import lower_words
from builder.prelabel.word_gates import FOLDED

CUES_FILE = Path(__file__).with_name("cues.yaml")


def inflect(lemma: str) -> list[str]:
    """Regular forms of an English verb: lemma, -s, -ed, -ing (say -> says, said is irregular)."""
    if lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "o", "u"):
        return [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    if lemma.endswith("e"):
        return [lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    third = lemma + "es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else lemma + "s"
    return [lemma, third, lemma + "ed", lemma + "ing"]


def forms(
    entries: list[Any], *, gerunds: bool = True, drop: frozenset[str] = frozenset()
) -> dict[str, str]:
    """form -> lemma, for entries that are a lemma or ``{lemma: [irregular forms]}``.

    Without ``gerunds`` the -ing forms are left out: "hearing", "finding", "feeling" are
    nouns far more often than cues. The forms in ``drop`` are left out too (``nouns`` of
    cues.yaml: "email", "attacks").
    """
    out: dict[str, str] = {}
    for entry in entries:
        if isinstance(entry, str):
            lemma, forms = entry, inflect(entry)
        else:
            ((lemma, irregular),) = entry.items()
            forms = [lemma, *irregular]
        for form in forms:
            if (gerunds or not form.endswith("ing")) and form not in drop:
                out[form] = lemma
    return out


def nouns(data: dict[str, Any]) -> frozenset[str]:
    """The forms of cue verbs that are nouns far more often: never a cue (cues.yaml)."""
    return frozenset(data.get("nouns", ()))


def _alternation(words: list[str]) -> str:
    # Longest first, so that "points out" wins over "points".
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len)[::-1])


_IDIOM_REACH = 24  # characters an idiom of cues.yaml reaches either side of its cue form


@dataclass(frozen=True, slots=True)
class Lexicon:
    lemma: dict[str, str]  # lower-cased form -> lemma
    clausal: frozenset[str]  # lemmas that need a following clause to count as a cue
    trailing_only: frozenset[str]  # lemmas that are a cue only after their content
    clause_forms: frozenset[str]  # forms that are a cue only before a clause: "claims"
    single: dict[str, str]  # one-word form -> lemma (a dict lookup per word: fast)
    multi: re.Pattern[str] | None  # the few multi-word forms ("pointed out", "called for")
    source_after: re.Pattern[str]  # "according to" and its kin
    after_cue: re.Pattern[str]  # modifiers between a cue and its content
    between: frozenset[str]
    floating: frozenset[str]  # "X both said": skipped when a word stands before them
    floating_not_after: frozenset[str]  # ... but not after "of", "almost", "and"
    pronouns: frozenset[str]
    source_stops: frozenset[str]
    past_forms: frozenset[str] = frozenset()  # irregular simple pasts: "rose", "fell"
    base_pasts: frozenset[str] = frozenset()  # pasts spelled as the base: "cut", "put"
    s_nouns: frozenset[str] = frozenset()  # nouns in "-s" that are no verb: "news"
    prepositions: frozenset[str] = frozenset()  # what a subject's words do not run past
    gerund_after: frozenset[str] = frozenset()  # "began by saying": the clause's subject
    idioms: re.Pattern[str] | None = None  # "easier said than done": no cue inside
    idiom_lemmas: frozenset[str] = frozenset()  # the lemmas of their cue forms: say, tell
    idiom_keys: tuple[str, ...] | None = None  # a literal of each, lower-cased (literals.py)
    as_views: re.Pattern[str] | None = None  # "see X as Y": a view (views.py)
    as_view_forms: frozenset[str] = frozenset()  # the forms of those verbs
    hearsay: frozenset[str] = frozenset()  # "reportedly": a cue with no source (hearsay.py)
    poll_nouns: frozenset[str] = frozenset()  # "In a poll released Monday, X" (polls.py)
    # A word of each phrase of ``source_after`` ("according"), one of which every match holds
    # whole (according.py); None: a phrase is not all words of letters, no gate.
    source_after_words: frozenset[str] | None = None
    # ``single``'s forms as a set: a sentence's words meet them set to set, in half the time
    # of a set against the dict's keys (issue 14, tenth session).
    single_forms: frozenset[str] = field(init=False, repr=False, compare=False)
    # The words one of which the views, "according to", the polls and hearsay each need (but
    # "according to" none where ``source_after_words`` is None, and a folded letter stands for
    # one): a sentence with none skips their four calls (``extract._cued``; issue 14).
    rule_words: frozenset[str] = field(init=False, repr=False, compare=False)
    heads: Heads | None = field(init=False, repr=False, compare=False)  # ``multi_heads``

    def __post_init__(self) -> None:
        object.__setattr__(self, "single_forms", frozenset(self.single))
        after = self.source_after_words or frozenset()
        rules = self.as_view_forms | self.hearsay | self.poll_nouns | after
        object.__setattr__(self, "rule_words", rules)
        object.__setattr__(self, "heads", multi_heads(self))

    def in_idiom(self, text: str, start: int, end: int, lemma: str) -> bool:
        """Whether the cue form at ``start:end`` is inside a set phrase ("That said,"): looked
        for around the cue only (a scan of every sentence cost 2% of the claims layer)."""
        if self.idioms is None or lemma not in self.idiom_lemmas:
            return False
        lo, hi = max(0, start - _IDIOM_REACH), end + _IDIOM_REACH
        if (keys := self.idiom_keys) is not None:  # literals.py: the scan cost 18 us a look
            window = text[lo:hi].lower()
            if not any(map(window.__contains__, keys)) and not FOLDED.search(text, lo, hi):
                return False
        near = self.idioms.finditer(text, lo, hi)
        return any(m.start() <= start < m.end() for m in near)

    def simple_past(self, lower: str) -> bool:
        """Whether a lower-case word reads as a simple past: "-ed", or one of ``past_forms``."""
        return lower.endswith("ed") or lower in self.past_forms

    def floats(self, word: str, before: str) -> bool:
        """Whether ``word`` is a quantifier floated after the noun phrase that ends with
        ``before`` ("X both said", "X have both said"; not "desolate of all", nor "Both said")."""
        lower = before.lower()
        return (
            word.lower() in self.floating
            and before[0].isalnum()
            and lower not in self.floating_not_after
            and (lower in self.between or lower not in self.source_stops)
        )


# Lower-case words only: "Washington Post", "The Steve Harvey Show", "United States" are names,
# not cues. A hyphen before or after makes a compound ("so-called"), not a verb: a one-word
# form counts where ``(?<![\w-])[a-z]+(?![\w-])`` would match it (``iter_cues``).
# A possessive right before makes the form a noun: "Ukraine's state energy company".
_POSSESSIVE = re.compile(r"\w['’]s?\s+$")


# A multi-word form's first word -> the sets of its other words.
Heads = dict[str, tuple[frozenset[str], ...]]
_LETTERS = re.compile(r"[a-z]+")
T = TypeVar("T")


def per_lexicon(fn: Callable[[Lexicon], T]) -> Callable[[Lexicon], T]:
    """``fn`` made once a lexicon: kept by the lexicon's id, with the lexicon (so that the id
    stays its own): a lexicon holds dicts, so it cannot be a key itself."""
    kept: dict[int, tuple[Lexicon, T]] = {}

    @functools.wraps(fn)
    def once(lex: Lexicon) -> T:
        got = kept.get(id(lex))
        if got is None:
            got = kept[id(lex)] = (lex, fn(lex))
        return got[1]

    return once


@per_lexicon
def multi_heads(lex: Lexicon) -> Heads | None:
    """The multi-word forms by first word, each as the set of its other words; None if a word
    of one is not all lower-case letters (no gate then)."""
    split = [w.split() for w in lex.lemma if " " in w]
    if not all(_LETTERS.fullmatch(w) for words in split for w in words):
        return None
    heads: dict[str, set[frozenset[str]]] = {}
    for first, *rest in split:
        heads.setdefault(first, set()).add(frozenset(rest))
    return {first: tuple(rests) for first, rests in heads.items()}


def _has_multi(heads: Heads, words: frozenset[str]) -> bool:
    """Whether every word of a multi-word form is among ``words``: a form the scan can match
    is made of lower-case words with a space or no word character either side, each one of
    ``lower_words``. Its first words alone let 1 sentence in 5 of corpus/bbc through to the
    scan of 125 forms (some 40 us each), its whole words 1 in 37."""
    for first in heads.keys() & words:
        for rest in heads[first]:
            if rest <= words:
                return True
    return False


def iter_cues(
    text: str, lex: Lexicon, words: frozenset[str] | None = None
) -> Iterator[tuple[int, int, str]]:
    """(start, end, lemma) of every cue form in ``text``, in order; multi-word forms win.
    ``words``: ``lower_words(text)`` where the caller has them."""
    found: dict[int, tuple[int, int, str]] = {}
    # A cue form is a lower-case word of the sentence, and so one of ``lower_words``: a
    # sentence without any (most of them, for the multi-word forms) skips the scans.
    words = lower_words(text) if words is None else words
    heads = lex.heads
    if lex.multi is not None and (heads is None or _has_multi(heads, words)):
        for m in lex.multi.finditer(text):
            found[m.start()] = (m.start(), m.end(), lex.lemma[" ".join(m.group().split())])
    # One-word forms: each found by ``str.find`` and kept with no word character or hyphen
    # either side, instead of a match object and a lookup for every lower-case word.
    single, n = lex.single, len(text)
    for word in words & lex.single_forms:  # in any order: no two words start at one place
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            # ``[\w-]`` either side (``\w``: alphanumeric or "_"), looked at in place: a
            # function call for each side cost more than the look (issue 14, tenth session)
            if (
                (start == 0 or not ((c := text[start - 1]).isalnum() or c in "_-"))
                and (end == n or not ((c := text[end]).isalnum() or c in "_-"))
                and start not in found
                and not (  # an apostrophe first: the search's call is the cost (issue 14)
                    ("'" in (before := text[max(0, start - 4) : start]) or "’" in before)
                    and _POSSESSIVE.search(text, max(0, start - 4), start)
                )
            ):
                found[start] = (start, end, single[word])
            start = text.find(word, end)
    last = -1
    for start in sorted(found):
        item = found[start]
        # (only a lemma of an idiom may be in one: most cues ask no further)
        if start >= last and not (item[2] in lex.idiom_lemmas and lex.in_idiom(text, *item)):
            last = item[1]
            yield item


@functools.cache
def load_lexicon(path: Path = CUES_FILE) -> Lexicon:
    data = load_mapping(path)
    drop = nouns(data)
    speech = forms(data["speech"], drop=drop)
    clausal = forms(data["clausal"], gerunds=False, drop=drop)
    before_clause: dict[str, str] = data.get("clause_forms", {})
    # A form in several lists takes the last one's lemma: clause_forms', then speech's.
    lemma = {**clausal, **speech, **before_clause}
    only_clausal = frozenset(clausal.values()) - frozenset(speech.values())
    multi = [k for k in lemma if " " in k]
    views = forms(data.get("as_views", []))
    modifiers = "|".join(f"(?:{m})" for m in data["after_cue"])
    return Lexicon(
        lemma={k.lower(): v for k, v in lemma.items()},
        clausal=only_clausal,
        trailing_only=frozenset(data["trailing_only"]),
        clause_forms=frozenset(before_clause),
        single={k: v for k, v in lemma.items() if " " not in k},
        multi=re.compile(rf"(?<![\w-])(?:{_alternation(multi)})(?![\w-])") if multi else None,
        source_after=re.compile(
            rf"(?<!\w)(?:{_alternation(data['source_after'])})(?!\w)", re.IGNORECASE
        ),
        # Any run of modifiers, each optionally preceded by a comma: "said, in a statement,".
        # No possessive after one: "called Friday's decision a win" keeps "Friday's".
        after_cue=re.compile(rf"(?:,?\s*(?:{modifiers})(?![\w'’]))+", re.IGNORECASE),
        between=words_of(data, "between", path),
        floating=words_of(data, "floating", path),
        floating_not_after=words_of(data, "floating_not_after", path),
        pronouns=words_of(data, "pronouns", path),
        source_stops=words_of(data, "source_stops", path),
        past_forms=words_of(data, "past_forms", path),
        base_pasts=words_of(data, "base_pasts", path),
        s_nouns=words_of(data, "s_nouns", path),
        prepositions=words_of(data, "prepositions", path),
        gerund_after=words_of(data, "gerund_after", path),
        idioms=re.compile("|".join(data["idioms"]), re.IGNORECASE) if data.get("idioms") else None,
        idiom_keys=literal_keys(data.get("idioms", ()), re.IGNORECASE),
        idiom_lemmas=frozenset(
            lemma[w]
            for w in _LETTERS.findall(" ".join(data.get("idioms", ())).lower())
            if w in lemma
        ),
        as_views=re.compile(rf"(?<![\w-])({_alternation(list(views))})\s+{_OBJECT_AS}")
        if views
        else None,
        as_view_forms=frozenset(views),
        hearsay=words_of(data, "hearsay", path),
        poll_nouns=words_of(data, "poll_nouns", path),
        source_after_words=longest_words(data["source_after"]),
    )


# The object of a verb of regard, up to eight words with no punctuation, and "as" after it.
_OBJECT_AS = r"""((?:[^\s,;:()"“”]+\s+){1,8}?)as\b"""
