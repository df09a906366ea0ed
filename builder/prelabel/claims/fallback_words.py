"""The cue fallback's vocabulary, from cues.yaml: the verb forms that may be a cue, and the
words that say one is not (read once, cached; their version rides on the data file's hash).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from builder.datafiles import check_words, load_mapping, word_list
from builder.prelabel.claims.as_words import SAY_FORMS, as_clause
from builder.prelabel.claims.lexicon import CUES_FILE, forms, load_lexicon, nouns
from builder.prelabel.claims.quotes import Quotes
from builder.prelabel.claims.spans import Runs
from builder.prelabel.claims.vocab import NEVER_NOUNS


@cache
def vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(cue verb forms, words that make the next verb form a noun), from cues.yaml."""
    data = load_mapping(CUES_FILE)
    skip = set(data.get("trailing_only", ()))  # "continue" is a cue only after a quote
    # Gerunds of stance verbs are nouns too often ("the finding", "backing").
    drop = nouns(data)
    cues = {**forms(data["speech"], drop=drop), **forms(data["attitude"], gerunds=False, drop=drop)}
    markers = check_words(CUES_FILE, "noun_markers", data["noun_markers"])
    # v2: no base forms: "want to", "to tell the truth", "critical support" are infinitives and
    # nouns far more often than an attribution's cue (PolNeAR dev).
    verbs = frozenset(
        f for f, lemma in cues.items() if lemma not in skip and " " not in f and f != lemma
    )
    return verbs, frozenset(w.lower() for w in markers)


@cache
def more_cues() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """v4: (-ing forms of the stance verbs, a cue after "is" as in "is promoting her plans";
    inflected verbs of thinking, "thought", "believes"; every cue form capitalised, "Says")."""
    data = load_mapping(CUES_FILE)
    progressive = frozenset(
        f for f in forms(data["attitude"], drop=nouns(data)) if f.endswith("ing") and " " not in f
    )
    # "states" is a noun far more often; "heard" reports perceiving, not a stance.
    skip = {"state", "hear"}
    thinking = frozenset(
        f
        for f, lemma in forms(data["clausal"], gerunds=False, drop=nouns(data)).items()
        if f != lemma and " " not in f and lemma not in skip
    )
    titled = frozenset(f.capitalize() for f in vocabulary()[0] | thinking)
    return progressive, thinking, titled


@cache
def gates() -> tuple[frozenset[str], dict[str, re.Pattern[str]], frozenset[str]]:
    """(forms that are a cue only before "to"; form -> the words after it that make it none,
    "linked to the party": an adjective, "found itself": no finding; the verbs that stay a cue
    before "into", "spoke into the microphone"; cues.yaml)."""
    data = load_mapping(CUES_FILE)
    after = {f: re.compile(rf"\s+(?:{p})\b") for f, p in data.get("not_before", {}).items()}
    voices = word_list(CUES_FILE, "into_voices")
    return frozenset(data.get("before_to", ())), after, frozenset(voices)


@cache
def any_cue() -> frozenset[str]:
    """Every word that may be a cue in some context, capitalised ones included: a sentence
    with none of them is skipped at once."""
    progressive, thinking, titled = more_cues()
    return vocabulary()[0] | thinking | progressive | titled | bases()


@cache
def any_cue_lower() -> frozenset[str]:
    """``any_cue`` lower-cased: a word of the fallback's ``_WORD`` (ASCII letters between
    characters that are no letters) is, lower-cased, one of the sentence's ``lower_words``."""
    return frozenset(w.lower() for w in any_cue())


@cache
def bases() -> frozenset[str]:
    """v7: the base forms of every cue verb, a cue after an auxiliary or a modal only ("did not
    immediately respond", "would like", "doesn't think"); "want to" and "the support" stay out."""
    data = load_mapping(CUES_FILE)
    skip = {"state", "hear", *data.get("trailing_only", ())}
    entries = [*data["speech"], *data["attitude"], *data["clausal"]]
    found = forms(entries, drop=nouns(data)).items()
    return frozenset(f for f, lemma in found if f == lemma and " " not in f) - {s for s in skip}


@cache
def topic_only() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """v21: (the forms of the verbs of speaking that are a cue only with a topic, "spoke of";
    the topic words; the words before a topic word that make it the frame's, "on behalf of")."""
    data = load_mapping(CUES_FILE)
    lemmas = set(check_words(CUES_FILE, "topic_only", data["topic_only"]))
    found = forms([*data["speech"], *data["attitude"], *data["clausal"]])
    verbs = frozenset(f for f, lemma in found.items() if lemma in lemmas)
    topics = check_words(CUES_FILE, "topics", data["topics"])
    blockers = check_words(CUES_FILE, "topic_blockers", data["topic_blockers"])
    return verbs, frozenset(topics), frozenset(blockers)


WORD = re.compile(r"(?<![\w'’-])[A-Za-z]+(?![\w'’-])")  # the fallback's words
_CLAUSE = re.compile(r"[^,.;:!?\"“”]{0,80}")
_FIRST = re.compile(r"\s*([A-Za-z]+)")


def topic_follows(text: str, end: int) -> bool:
    """v21: whether a topic word ("about", "of", "out") is one of the five words after the verb
    ending at ``end``, in its clause (up to a punctuation mark), and not after a frame's noun
    ("on behalf of", "on condition of anonymity"): "spoke to the radio about", "spoke warmly of",
    not "spoke to reporters on the steps of the courthouse"."""
    _, topics, blockers = topic_only()
    clause = _CLAUSE.match(text, end)
    words = WORD.findall(text, end, clause.end() if clause else end)
    lower = [x.lower() for x in words[:5]]
    return any(
        x in topics and (i == 0 or lower[i - 1] not in blockers) for i, x in enumerate(lower)
    )


def noun_s(text: str, left: tuple[int, int], word: str, noun_markers: frozenset[str]) -> bool:
    """v21: an -s form whose words before open no noun phrase (a lower-case word that is no
    determiner, pronoun or noun marker: "embraced hard-line views", "peace talks", "electoral
    votes") is a plural noun, not a verb after its subject ("Rubio opposes", "the poll shows")."""
    if word[-1] != "s" or word[-2:] == "ss" or " " in word or word[:-1] in NEVER_NOUNS:
        return False  # "says", "argues": never a noun ("..., too says BT")
    first = _FIRST.match(text, left[0])
    head = first.group(1) if first else ""
    lower = head.lower()
    return head.islower() and lower not in noun_markers and lower not in load_lexicon().pronouns


def all_taken(lowered: str, shown: frozenset[str], runs: Runs, quotes: Quotes) -> bool:
    """Whether every place of the words ``shown`` in ``lowered`` (an ASCII text lower-cased,
    so at the same offsets) lies in a run of ``runs`` (the attributions found) or in a
    quotation. Then so does every word the fallback would look at (each one, lower-cased, is
    one of ``shown``, at one of those places): it votes for none (issue 14: a sentence whose
    cues the structured patterns explained skips the fallback's scan of its words)."""
    starts, ends = runs
    quoted, closes = quotes.starts, quotes.ends
    for word in shown:
        at = lowered.find(word)
        while at >= 0:
            # ``in_runs`` and ``inside`` written out (issue 14, tenth session): two calls a place
            k = bisect_left(starts, at + len(word)) - 1  # the last run starting before its end
            q = bisect_right(quoted, at) - 1  # the last quotation starting at or before it
            if not (k >= 0 and ends[k] > at) and not (q >= 0 and at < closes[q]):
                return False
            at = lowered.find(word, at + 1)
    return True


# What ``WORD``'s looks either side refuse next to a word, in an ASCII text (``\\w`` there:
# letters, digits and "_"; the curly apostrophe is no ASCII character).
_JOINS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'-")


def titled_in(text: str, shown: frozenset[str], titled: frozenset[str]) -> bool:
    """Whether a cue form in title case (``titled``) may be a word of ``text``: each would be,
    lower-cased, one of ``shown`` (the cue words among ``lower_words``); a look in the text
    for each such form (a headline is only told by every word: ``fallback_votes``)."""
    return any((form := word.capitalize()) in titled and form in text for word in shown)


def places(
    text: str, lowered: str, shown: frozenset[str], any_cue: frozenset[str]
) -> list[tuple[int, int, str, int]]:
    """(start, end, word, -1) of every ``WORD`` of an ASCII ``text`` that is one of ``any_cue``,
    in order, found from ``shown`` (``any_cue`` lower-cased among the sentence's lower-case
    words, which hold every such word lower-cased) by ``str.find`` in ``lowered`` (``text``
    lower-cased, at the same offsets): a place whose neighbours ``WORD`` refuses is none."""
    out: list[tuple[int, int, str, int]] = []
    n = len(text)
    for word in shown:
        at = lowered.find(word)
        while at >= 0:
            end = at + len(word)
            if (
                (at == 0 or text[at - 1] not in _JOINS)
                and (end == n or text[end] not in _JOINS)
                and (form := text[at:end]) in any_cue
            ):
                out.append((at, end, form, -1))
            at = lowered.find(word, at + 1)
    out.sort()
    return out


# The cue fallback's verbs and particles (fallback.py).
RAISING = frozenset(["seem", "seems", "seemed", "appear", "appears", "appeared"])
PLACE = frozenset(["in", "at", "from", "by", "up", "down"])  # v39: "showed up", "backed down"
STAGE = PLACE | {"on", "opposite", "alongside", "before", "as", "with", "behind"}  # v36: on TV


def placed(text: str, word: str, after: str, pos: int) -> bool:
    """Whether the cue form ``word`` is followed, at ``pos``, by a place or a stage ("spoke in
    a cottage", "appeared on TV"; v8, v36) or a clause of time ("A dog barked as workers
    walked"; v48): no content of its own."""
    if after in (STAGE if word[:6].lower() == "appear" else PLACE):
        return True
    return after == "as" and word.lower() not in SAY_FORMS and as_clause(text, pos)
