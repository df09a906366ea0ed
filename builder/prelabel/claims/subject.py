"""Who says a cue that has no subject of its own: a participle after a comma ("..., adding
that") or a second verb after "and" ("... and said"). It continues a reporting verb before it,
whose speaker it shares: the source of a trailing attribution right before its comma, else the
subject of the sentence's clause of saying (split from ``extract.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from builder.prelabel.claims import vocab as v
from builder.prelabel.claims.attribution import Attribution
from builder.prelabel.claims.lexicon import Lexicon, load_lexicon
from builder.prelabel.claims.opening import after_opening, in_opening, present
from builder.prelabel.claims.source import source_left
from builder.prelabel.claims.spans import adverb

_AND_BEFORE = re.compile(r"\sand\s+$")
_ARTICLES = ("the", "a", "an")  # a determiner subject: "The company", "A spokesman"
_COMMA_ONLY = re.compile(r"\s*,\s*")


def earlier_speaker(
    text: str, found: Sequence[Attribution], cue_start: int
) -> tuple[int, int] | None:
    """Whose saying a cue at ``cue_start`` with no subject of its own continues, from the
    attributions ``found`` in the sentence (in order): that of a trailing attribution right
    before its comma, else that of a coordinate clause of saying before it; None: neither
    (the caller's sentence subject then)."""
    before = [a for a in found if a.cue[1] <= cue_start]
    return continued_source(text, before[-1:], cue_start) or coordinate_source(
        text, before, cue_start
    )


def continued_source(
    text: str, found: Sequence[Attribution], cue_start: int
) -> tuple[int, int] | None:
    """v12: the source of a trailing attribution whose cue ends right before the comma of a
    participle at ``cue_start``: "X, the union said, adding Y" (the union adds), not the
    subject at the start of the sentence ("X")."""
    if not found or (last := found[-1]).kind != "trailing" or last.source is None:
        return None
    # v15: after the cue's frame too: "X, the union said on Monday, adding Y".
    frame = load_lexicon().after_cue.match(text, last.cue[1], cue_start)
    end = frame.end() if frame else last.cue[1]
    return last.source if _COMMA_ONLY.fullmatch(text, end, cue_start) else None


# v16: what opens a coordinate clause before its subject: "but", ", while", "and", "yet".
_COORDINATE = re.compile(r"(?:,\s*|\s)(?:but|and|yet|while|whereas)\s+$")
_LISTED = re.compile(r",\s*[\w’'-]+\s+and\s+$")


def coordinate_source(
    text: str, found: Sequence[Attribution], cue_start: int
) -> tuple[int, int] | None:
    """v16: the source of the last attribution before a participle at ``cue_start`` when it
    opens a coordinate clause: "The senator rejected the plan but Smith insisted X, saying Y"
    (Smith says Y, not "The senator"); not a nested one ("Smith said the mayor claimed X,
    adding Y": Smith adds)."""
    before = [a for a in found if a.source is not None]  # (``found``: all before the cue)
    if not before or (last := before[-1]).source is None:
        return None
    at = last.source[0]
    if _LISTED.search(text, max(0, at - 40), at):
        return None  # a noun of a list: "those in the airline, car-making and steel industries"
    return last.source if _COORDINATE.search(text, max(0, at - 12), at) else None


@lru_cache(maxsize=8)  # the same for every cue of a sentence: found once
def sentence_subject(text: str) -> tuple[int, int] | None:
    """The subject at the start of the sentence, for ``..., saying that``: who says it."""
    m = v.SUBJECT.match(text)
    lex = load_lexicon()
    # v16: past an opening phrase or a name's apposition, to the subject of the first verb:
    # "Shortly after collecting a trophy, a car and $1.5m, Federer addressed" (not "a car").
    opening = m is None or in_opening(text, m.start(1), m.end(1), lex)
    after = after_opening(text, lex) if opening else None
    if m is None or after is not None:
        return after
    # v7: the subject runs on to the sentence's first verb, whatever its words: "Democratic
    # presidential nominee Hillary Clinton chimed in", "A New York judge has rejected".
    end = _before_past(text, m.start(1), m.end(1), lex)
    if text[m.start(1) : end].lower() in _ARTICLES:
        end = _noun_after(text, end, lex)  # v15: "The firm, which ...": not "The"
    first: tuple[int, int] | None = None  # the subject of a first verb that is no cue
    for n, word in enumerate(v.WORD.finditer(text, end, end + 120)):
        w = word.group()
        if n > 8 or not (w[0].isalnum() or w in "()"):
            break
        lower = w.lower()
        if w.islower() and (lower in lex.between or lower in lex.lemma or lower.endswith("ed")):
            source, _ = source_left(text, word.start(), lex)
            if source and text[source[0] : source[1]].lower() in _ARTICLES:
                continue  # v14: "The newly elected mayor": an adjective, no verb of "The"
            if source and first is None and source[0] == m.start(1):
                if lower in lex.lemma:
                    return source
                # v12: a verb of the subject's own that is no cue ("Sales dropped", "has
                # cut") ends no search: after it and "and", the speaker of the next clause
                # says what follows, as after an irregular past ("Sales dropped and the
                # company said X, adding Y": the company adds).
                first = source
                continue
            # v12: after that verb, an adverb or auxiliary ("dropped last year and", "and the
            # company has said") is passed over: the next clause's speaker is that of its verb,
            # not a phrase before "will" ("A hearing set for May 16 and 17 will rule on").
            passed = first is not None and lower in lex.between
            if source and not passed and _AND_BEFORE.search(text, 0, source[0]):
                # v11: after a clause of its own and "and", that clause's speaker: "Prices
                # rose and analysts said X, adding Y" (the analysts add).
                return source
            if not passed:
                break
    return first or (m.start(1), end)


def _noun_after(text: str, end: int, lex: Lexicon) -> int:
    """v15: the end of the words after a determiner that ``SUBJECT`` took alone ("The firm,
    which is now ...", "The two Telegraph titles currently employ"): up to four, to a mark, a
    preposition or a word of a verb phrase (an auxiliary, a cue, a simple past), or after a
    plural in lower case ("The comments come after": "The comments")."""
    for n, word in enumerate(v.WORD.finditer(text, end, end + 80)):
        w = word.group()
        lower = w.lower()
        if n == 4 or not w[0].isalnum() or text[end : word.start()].strip():
            break
        if w.islower() and (
            lower in lex.between
            or lower in lex.lemma
            or lower in lex.source_stops
            or lower in lex.prepositions
            or lex.simple_past(lower)
            or adverb(lower)
        ):
            break
        end = word.end()
        if w.islower() and present(w, lex) and not w.endswith(_S):
            break  # not a possessive: "The prosecution's star witness"
    return end


def _before_past(text: str, start: int, end: int, lex: Lexicon) -> int:
    """v13: where a subject of a determiner and lower-case words ends: before its first simple
    past after a noun, the verb of its clause. ``SUBJECT`` takes a "-s" word after a past for
    the verb ("The company reported losses and said": "losses"), so "reported" for a noun.
    Not after an "-ly" adverb right after the determiner, whose past is an adjective ("The
    newly elected mayor"); after a noun and adverbs, the end is before the adverbs ("The
    company quickly reported"). v14: nor the "-s" present before a plural ("The company
    reports losses and says"), or a past spelled as its base before "and" and a cue ("The bank
    cut rates and said"; not "The tax cut passed and the mayor said")."""
    words = list(v.WORD.finditer(text, start, end))
    if len(words) < 3 or words[0].group().lower() not in _ARTICLES:
        return end
    for i in range(2, len(words)):
        w = words[i].group()
        if not w.islower():
            continue
        j = i - 1  # the noun before the verb, past its adverbs ("now", "quickly")
        while j > 0 and (adverb(words[j].group()) or words[j].group() in lex.between):
            j -= 1
        if j == 0:
            continue  # "The newly elected": an adjective
        lemma = lex.lemma.get(w, w)  # a cue's simple past: "said", "told"; not "says", "saying"
        if (
            lex.simple_past(w)
            or (w != lemma and not w.endswith(("s", "g")))
            or (i == len(words) - 1 and present(w, lex) and _plural_next(text, end, lex))
            or (w in lex.base_pasts and _and_cue(text, end, lex))
        ):
            return words[j].end()
    return end


# v14: the word after the subject, a plural object of an "-s" present ("reports losses").
_NEXT = re.compile(r"\s+([a-z]+[^s'’\W]s)\b")
_AND_WORD = re.compile(r"\band\s+(?:also\s+|then\s+|later\s+)?([a-z]+)\b")


def _plural_next(text: str, end: int, lex: Lexicon) -> bool:
    """Whether a plural follows ``end`` ("losses"), no auxiliary ("was", "has")."""
    m = _NEXT.match(text, end)
    return m is not None and m.group(1) not in lex.between and m.group(1) not in lex.s_nouns


def _and_cue(text: str, end: int, lex: Lexicon) -> bool:
    """Whether "and" and a cue (no participle) follow ``end`` within 200 characters: "... and
    said", "and told": a second verb of the subject, so the first is a verb too."""
    return any(
        m.group(1) in lex.lemma and not m.group(1).endswith("ing")
        for m in _AND_WORD.finditer(text, end, end + 200)
    )


def gerund_subject(
    text: str, source: tuple[int, int], cue_start: int, form: str, lex: Lexicon
) -> tuple[int, int] | None:
    """v15: the speaker of a gerund cue after a preposition, whose ``source`` is no noun
    phrase but the words before it, all in lower case ("began by", "steering clear of",
    "despite"): the subject before those words ("it is steering clear of criticizing": it),
    else the sentence subject ("Trump ..., but stopped short of calling": Trump); None if not
    such a source or no subject is found before it. v19: a source that runs from its subject
    over its verb ("The senator began by", "She made headlines by") is cut before the verb."""
    words = text[source[0] : source[1]].split()
    if not form.endswith("ing") or not words or words[-1] not in lex.gerund_after:
        return None
    if v.WORD.search(text, source[1], cue_start):
        return None
    if not all(w.islower() for w in words):
        head = _before_verb(text, source, lex)
        if head is None and not lex.prepositions.isdisjoint(w.lower() for w in words[:-1]):
            # "X went further than Y on Syria by proposing": X (the walk stopped at "than").
            head = sentence_subject(text)
            if head is not None and head[1] <= source[0]:
                head = _before_verb(text, head, lex) or head  # "The mayor went": The mayor
            else:
                head = None
        return head if head is not None and _subject_like(text, head, lex) else None
    # The words before those, if a short phrase ("The messages try to trick people into"
    # is none); else the sentence's subject.
    near = source_left(text, source[0], lex)[0]
    short = near is not None and len(text[near[0] : near[1]].split()) <= 4
    subject = near if short else sentence_subject(text)
    if subject is None or subject[1] > source[0]:
        return None
    return subject if _subject_like(text, subject, lex) else None


def _before_verb(text: str, source: tuple[int, int], lex: Lexicon) -> tuple[int, int] | None:
    """The words of ``source`` before its first verb, a lower-case simple past or a cue's
    form other than its gerund (after its first word, past the adverbs before it), when they
    open with a name, a capital or a pronoun ("The senator", "She"). None otherwise: an "-s"
    word is a noun too often ("23 hours of questioning")."""
    found = list(v.WORD.finditer(text, source[0], source[1]))
    if not found or not (found[0].group()[0].isupper() or found[0].group() in lex.pronouns):
        return None
    for i in range(1, len(found)):
        w = found[i].group()
        if w.islower() and (lex.simple_past(w) or (w in lex.lemma and not w.endswith("ing"))):
            j = i - 1
            while j > 0 and adverb(found[j].group()):
                j -= 1
            return source[0], found[j].end()
    return None


def _subject_like(text: str, subject: tuple[int, int], lex: Lexicon) -> bool:
    """Not a possessor ("Clinton’s opponent, Donald Trump, ...", "Oz's show proved"), nor a
    phrase that opens with a preposition, "there" or a gerund ("Of course there is"), or ends
    with a preposition ("The problem with")."""
    words = text[subject[0] : subject[1]].split()
    first, last = words[0], words[-1].lower()
    owner = text[subject[0] : subject[1]].endswith(_S) or text.startswith(_S, subject[1])
    opens = first.lower() in lex.source_stops or first.lower() in lex.prepositions
    opens = opens or first.lower() == "there" or first.endswith("ing")
    return not (owner or opens or last in lex.prepositions)


_S = ("'s", "’s")
