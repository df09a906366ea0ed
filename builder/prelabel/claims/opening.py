"""Where a sentence's subject starts when an opening phrase or a name's apposition comes first
(``subject.sentence_subject``, v16): "Shortly after collecting a trophy, a car and $1.5m,
Federer addressed" (Federer, not "a car"), "In August, several groups granted", "Dean, a
medical doctor, then appeared" (the name and its apposition, as ``source.appositive`` gives the
source of a cue right after them).
"""

from __future__ import annotations

import re

from builder.prelabel.claims import vocab as v
from builder.prelabel.claims.lexicon import Lexicon
from builder.prelabel.claims.source import source_left
from builder.prelabel.claims.spans import adverb

_OPENING_END = re.compile(r"[,;:\"“”()—–]")
_COMMA = re.compile(r",\s+")  # not in "2,000"
_NOT_OPENING = re.compile(r"[;:\"“”()—–]")
_RELATIVES = frozenset(["which", "who", "whom", "whose", "that", "where", "when"])


def _verb(word: str, lex: Lexicon) -> bool:
    """A lower-case word that is a verb of a clause: an auxiliary, a cue, a simple past."""
    return word.islower() and (word in _AUXILIARIES or word in lex.lemma or lex.simple_past(word))


_AUXILIARIES = v.AUXILIARIES | {"do"}  # "the firms do": a verb here too
# How a subject after an opening phrase's comma may begin in lower case ("two Democratic
# speechwriters", "many activists", "it"): not a verb ("quit his post on ...").
_DETERMINERS = frozenset(
    [
        *("the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our"),
        *("my", "your", "some", "several", "many", "few", "all", "both", "each", "every"),
        *("most", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    ]
)


def in_opening(text: str, start: int, end: int, lex: Lexicon) -> bool:
    """v16: whether the subject ``SUBJECT`` found after an opening phrase's comma is a noun
    of that phrase: no verb follows it before the next comma ("Shortly after collecting a
    trophy, a Mercedes convertible and a cheque, Federer said")."""
    if not text[:start].rstrip().endswith(",") and not _opener(text[start:end]):
        return False
    stop = _OPENING_END.search(text, end, end + 150)
    if stop is None or stop.group() != ",":
        return False
    return not any(_verb(w.group(), lex) for w in v.WORD.finditer(text, end, stop.start()))


def after_opening(text: str, lex: Lexicon) -> tuple[int, int] | None:
    """v16: the subject after the first commas (up to three, within 250 characters): the noun
    phrase that runs from right after one to its first verb ("In August, several groups
    granted", "Meanwhile, it attacked"), not a relative word ("After the vote, which was held
    Monday, ..."); or a name, its apposition and the comma PolNeAR keeps, before a verb ("Dean,
    a medical doctor, then appeared", as ``appositive`` gives the source of "said" there)."""
    named = _NAMED.match(text)
    opener = named is not None and _opener(named.group(1).split()[0])
    if named and not opener and _verb_next(text, named.end(), lex):
        if named.group(2).endswith("ing"):
            return None  # "Ms. Hale, appearing after X, criticized": its own cue has none
        if named.group(2) in _ASIDES or adverb(named.group(2)):
            return named.span(1)  # "Clapton, alongside BB King, recalled": the name alone
        return named.span()  # with the apposition and its comma, as extract.py's source
    for n, comma in enumerate(_COMMA.finditer(text, 0, 250)):
        if n == 3 or _NOT_OPENING.search(text, 0, comma.start()):
            break  # a quotation, colon or parenthesis before it: no opening phrase
        start = comma.end()
        for k, word in enumerate(v.WORD.finditer(text, start, start + 120)):
            if k > 8 or not word.group()[0].isalnum():
                break
            if _verb(word.group(), lex):
                source, _ = source_left(text, word.start(), lex)
                if source and source[0] == start:
                    first = text[source[0] : source[1]].split()[0]
                    lower = first.lower()
                    opens = first[0].isupper() or lower in _DETERMINERS or lower in lex.pronouns
                    if opens and lower not in _RELATIVES and lower not in lex.source_stops:
                        return source
                break
    return None


# A name of up to four capitalised words, its comma and an apposition to the next comma.
_NAMED = re.compile(
    r"((?:[A-Z][\w.'’&-]*\s+){0,3}[A-Z][\w.'’&-]*),\s+(?!(?:and|but|or|as|if)\b)"
    r"([a-z]+|\d+)\b[^,;:\"“”()—–]{0,150},"
)
# What opens an aside, no apposition, after a name's comma (as ``source._ASIDE``): "Clinton,
# like Obama, said", "Analysts, however, pointed", "Gibbons, on his first day, insisted".
_ASIDES = frozenset(
    [
        *("in", "at", "on", "like", "unlike", "during", "after", "before", "with", "from"),
        *("for", "alongside", "despite", "however", "though", "too", "meanwhile", "also"),
        *("then", "instead", "indeed", "by", "under", "amid", "besides"),
    ]
)
# Capitalised words that open a sentence and are no name: "Yesterday, the mayor, who ...".
_OPENERS = frozenset(
    [
        *("Yesterday", "Today", "Tonight", "Earlier", "Later", "Last", "Recently", "Now"),
        *("However", "Meanwhile", "Instead", "Indeed", "Also", "Still", "Then", "So", "Yet"),
        *("But", "And", "Separately", "Finally", "Here", "There", "Well", "Yes"),
        *("No", "Overall", "Again", "Afterwards", "Initially", "Ultimately", "In", "On"),
        *("At", "During", "After", "Before", "For", "With", "By", "From", "Despite", "Since"),
        *("When", "While", "As", "If", "Although", "Because", "Under", "Over", "Amid", "Of"),
        *("Following", "Though", "Once", "Until", "Unless", "Whether", "To", "Like", "Unlike"),
        *("Shortly", "Soon", "Currently", "Previously", "Subsequently", "Eventually"),
        *("Similarly", "Likewise", "Additionally", "Clearly", "Apparently", "Notably", "Just"),
        *("Unfortunately", "Fortunately", "Interestingly", "Importantly"),
    ]
)


def _opener(word: str) -> bool:
    """A capitalised word that opens a sentence's opening phrase, no name: "Yesterday",
    "Shortly" ("Shortly after the crash, Federer said"); not "Italy", "Kelly"."""
    return word in _OPENERS


def _verb_next(text: str, pos: int, lex: Lexicon) -> bool:
    """Whether a verb comes after ``pos`` past at most two adverbs ("then appeared")."""
    for k, word in enumerate(v.WORD.finditer(text, pos, pos + 60)):
        w = word.group()
        if k == 3 or not w.islower():
            return False
        if _verb(w, lex) or w in lex.base_pasts or (k == 0 and present(w, lex)):
            return not w.endswith("ing")  # a finite verb: not "Dean, a doctor, saying"
        if not adverb(w) and w not in lex.between:  # "then", "also"
            return False
    return False


def present(word: str, lex: Lexicon) -> bool:
    """An "-s" form that may be a present: "reports", "wants"; not "press", "bus", "basis",
    nor a noun of ``s_nouns`` (cues.yaml: "news", "series")."""
    return word.endswith("s") and not word.endswith(("ss", "us", "is")) and word not in lex.s_nouns
