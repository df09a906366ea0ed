"""Find attributions in one sentence: cue, source and content spans, without a parser.

Every reporting verb of the lexicon is a candidate cue. From the cue we walk left over a short
noun phrase for the source ("Britain's defence ministry said") and read the content on the
side that has a clause:

- ``leading``   SOURCE CUE CONTENT        He said Ukrainian lines were holding.
- ``trailing``  CONTENT, SOURCE CUE.      More than a million have fled, the U.N. said.
- ``inverted``  CONTENT, CUE SOURCE.      ..., said Tom Reedman, an expert.
- ``according`` according to SOURCE, CONTENT / CONTENT, according to SOURCE.

Offsets are relative to the sentence text; every span is trimmed of spaces. Spans follow
PolNeAR's borders (issue 13): a quotation keeps its marks and the punctuation inside them, a cue
its auxiliaries, particle and colon ("has also called for"), an apposition its closing comma.

Each cue looks at a bounded stretch of text or asks the indexes of ``spans.py`` and
``quotes.py``, so that a sentence with a cue every few words takes linear time (issue 16).
"""

from __future__ import annotations

import re

from builder.prelabel.claims import vocab as v
from builder.prelabel.claims.according import according
from builder.prelabel.claims.asked import asked
from builder.prelabel.claims.attribution import Attribution
from builder.prelabel.claims.clause_forms import subject_of, verb_use
from builder.prelabel.claims.contents import (
    FRAMES,
    clause_content,
    clause_end,
    framed_that,
    object_relative,
    quoted_content,
    resumed,
)
from builder.prelabel.claims.dashes import aside_source
from builder.prelabel.claims.gate import may_cue
from builder.prelabel.claims.hearsay import hearsay
from builder.prelabel.claims.inverted import inverted_source, named_apposition
from builder.prelabel.claims.lexicon import Lexicon, iter_cues, load_lexicon
from builder.prelabel.claims.marks import marked
from builder.prelabel.claims.nested import without_nested_thoughts
from builder.prelabel.claims.passive import passive
from builder.prelabel.claims.polls import polls
from builder.prelabel.claims.quotes import Quotes, inside, quoted_share
from builder.prelabel.claims.source import (
    appositive,
    closing_comma,
    is_named,
    passive_gap,
    source_left,
)
from builder.prelabel.claims.spans import adverb, has_words, trim, widen_left, widen_right
from builder.prelabel.claims.subject import (
    earlier_speaker,
    gerund_subject,
    sentence_subject,
)
from builder.prelabel.claims.verb_in import verb_in
from builder.prelabel.claims.viewpoint import viewpoint
from builder.prelabel.claims.views import views
from builder.prelabel.sentence_words import lower_words
from builder.prelabel.word_gates import has_folds

__all__ = ["Attribution", "find_attributions", "trim"]


_FIRST_WORD = re.compile(r"\s*(\S+)")
_CLITIC = re.compile(r"(?:['’](?:s|re|ll|d|ve|m)|n['’]t|[,;:.!?])$")
_OBJECT_NAME = re.compile(
    r"\s+(?:(?:the|a|an)\s+)?(?:[A-Z][\w.'’&-]*(?:\s+(?:of\s+)?[A-Z][\w.'’&-]*){0,5}|\w+)"
)
_AND = re.compile(r"and\s")
# Before an adverb and a participle, words that make it an adjective of the noun after it.
_ATTRIBUTIVE = v.ADJECTIVAL | {"on", "in", "of", "for", "with", "by", "from", "his", "her", "our"}
_COMMA = re.compile(r"\s*,")


def _past_modifiers(text: str, pos: int, lex: Lexicon) -> int:
    """``pos`` moved over the modifiers after a cue (``after_cue``: "said, in a statement,"):
    where both the content and the tail after a cue are read from (matched once a cue)."""
    m = lex.after_cue.match(text, pos)
    return m.end() if m else pos


def _content_right(
    text: str, pos: int, lemma: str, lex: Lexicon, quotes: Quotes, *, strict: bool
) -> tuple[int, int] | None:
    """The content after a cue, read from ``pos`` past its modifiers (``_past_modifiers``)."""
    # v6: a particle the cue keeps is no content ("warned against hackers" -> "hackers").
    pos = widen_right(text, pos, colon=False)
    if lemma in v.OBJECT_VERBS and (o := v.OBJECT.match(text, pos)):
        pos = o.end()
        m = lex.after_cue.match(text, pos)
        pos = m.end() if m else pos
    span = trim(text, pos, len(text))
    if span is None or not has_words(text, *span, 2):
        return None
    word = _FIRST_WORD.match(text, span[0], span[1])
    first = word.group(1) if word else ""
    lower = _CLITIC.sub("", first.lower())  # v6: no clitic or comma ("it's", "that, in")
    timed = lower == "as" and lemma not in v.SAY_FORMS and v.as_clause(text, span[0])  # "as X ran"
    if (lower in FRAMES or timed) and (framed := framed_that(text, span, quotes)):
        return framed  # v7: "said during a rally in Michigan that ...": from "that"
    if (lower in v.NOT_CONTENT or timed) and not (lower == "to" and lemma in v.INFINITIVE):
        return None

    quoted = text[span[0] - 1 : span[0]] in '"“'
    starts_clause = lower in v.CLAUSE_START or first[0].isupper() or first[0].isdigit()
    if strict and not (quoted or starts_clause):
        return None
    if lemma in lex.clausal and lower not in v.SUBJECTS and not first[0].isupper():
        return None
    return span


_ADVERBIAL = re.compile(
    r"(?:In|On|At|During|As|When|While|After|Before|Since|Following|Despite|Amid|Throughout|"
    r"With|Without|Under|Asked|Pressed|Speaking|Writing|[A-Z][a-z]+ing)\b"
)


def _adverbial(text: str, left: tuple[int, int] | None, right: tuple[int, int] | None) -> bool:
    """Whether the text before a mid-sentence source is a fronted phrase (not a quotation)
    and a content follows the cue."""
    return (
        left is not None
        and right is not None
        and _ADVERBIAL.match(text, left[0]) is not None
        and (left[0] == 0 or text[left[0] - 1] not in v.QUOTE_END + "“")
    )


def _is_tail(text: str, pos: int, lemma: str, lex: Lexicon) -> bool:
    """Whether nothing or a new clause follows a cue, read from ``pos`` past its modifiers."""
    if lemma in v.OBJECT_VERBS and (o := _OBJECT_NAME.match(text, pos)):
        pos = o.end()  # v10: a name of several words and a time after it ("told The Daily
        m = lex.after_cue.match(text, pos)  # Star on Monday.")
        pos = m.end() if m else pos
    return v.TAIL.match(text, pos) is not None or v.as_clause(text, pos)  # "said as he left"


def find_attributions(text: str, quotes: Quotes, lex: Lexicon | None = None) -> list[Attribution]:
    lex = lex or load_lexicon()
    # Issue 14: a sentence with no word of the cues' vocabularies (gate.py) has no cued one.
    found = _cued(text, quotes, lex) if may_cue(text, lex) else []
    # "To many farmers, the levy is a tax": a view, with no cue word of the gate's (the test
    # for a "To " here spares most sentences the call).
    if "To " in text[:12] or "to " in text[:12]:
        found.extend(viewpoint(text, quotes))
    marks = "―" in text or "—" in text or ":" in text  # a sign-off's dash, a speaker's colon
    return marked(text, quotes, found) if marks else found


def _cued(text: str, quotes: Quotes, lex: Lexicon) -> list[Attribution]:
    """The attributions of a cue verb, "according to" or an adverb of hearsay."""
    out: list[Attribution] = []
    agents = passive(text, quotes, lex)  # v7: "was endorsed by dozens of papers"
    taken = {a.cue[1] for a in agents} if agents else ()
    present = lower_words(text)
    for start, end, lemma in iter_cues(text, lex, present):
        if inside(quotes, start) or end in taken:
            continue
        form = text[start:end]
        participle = form.split()[0].endswith("ing")  # lfs.py v39: "pointing out" too
        before = text[max(0, start - 64) : start]
        words = before.rsplit(None, 2)[-2:] if before.strip() else [""]
        prev = words[-1].lower()
        goes_on = v.GOES_ON.search(text, max(0, start - 64), start) if prev == "to" else None
        if prev in v.ADJECTIVAL or (prev == "to" and not goes_on) or text[start - 1 : start] == "-":
            continue
        if prev in lex.prepositions and form.endswith("ed"):
            continue  # an adjective, as after "the": "a lead in pledged delegates"
        if form in lex.clause_forms and not verb_use(text, end, prev, lex):
            continue  # "his claims that", "claims of fraud": a noun (clause_forms.py)
        start = goes_on.start() if goes_on else start  # "went on to say": the cue from "went"
        if adverb(prev) and len(words) == 2 and words[0].lower() in _ATTRIBUTIVE:
            continue  # v10: "a swiftly called meeting", "on publicly disclosed information"
        # v6, v7, each behind its own first look ("call"/"known"; 20 characters): most cues
        if (form[0] in "ck" and v.labelled_as(text, start, form)) or (  # ask no further
            start <= 20 and v.imperative(text, start, form, lemma)
        ):
            continue
        source, boundary = source_left(text, start, lex)
        if form in lex.clause_forms and not subject_of(text, source, boundary, lex):
            continue  # "Tory claims they could": no subject ends at the noun (clause_forms.py)
        gerund = source and gerund_subject(text, source, start, form, lex)
        source = gerund or source  # v15: "it is steering clear of criticizing": it
        if source is None and (aside := aside_source(text, boundary, start, lex)):
            source, boundary = aside  # v10: "Trump, appearing after Clinton, cited"; v38: dashes
        # ", said Tom Reedman, an expert" comes first: its comma is no apposition.
        inv = inverted_source(text, end) if source is None else None
        if inv and text[boundary] == "," and not participle:
            # v7: "Ivanka Trump, the nominee's daughter, noted the rule": a named speaker and
            # apposition before the cue make what follows it its object, not a speaker.
            named, _ = appositive(text, boundary, lex)  # v34: after a quotation too
            upper = named and text[named[0]].isupper() and not quoted_share(quotes, 0, boundary)
            if named and (named_apposition(text, named) or (upper and text[inv[0]].islower())):
                inv = None
        inverted = inv is not None
        if source is None and text[boundary] == "," and not participle and not inverted:
            source, boundary = appositive(text, boundary, lex)
            if source and (comma := closing_comma(text, source[1])):
                source = (source[0], comma.end())  # v3: PolNeAR keeps the closing comma
                # v6: and the period before it: "Mitch McConnell, R-Ky., said".
        left = trim(text, 0, boundary) if boundary > 0 else None
        long_left = left is not None and has_words(text, *left, 3)
        mark = text[boundary]
        if source is None:
            # v22: a participle is no inverted cue ('"...," he said, referring to X': no source X).
            inverting = lemma not in lex.clausal and not participle
            if long_left and left and mark in v.QUOTE_END + "," and inverting:
                inv = inverted_source(text, end, mark in v.QUOTE_END)
                if inv:
                    content, direct = quoted_content(text, left, quotes)
                    content = resumed(text, inv[1], content, lex, quotes)
                    out.append(Attribution("inverted", (start, end), inv, content, direct))
                    continue
            # "Trump attacked Clinton, saying that ...": the speaker is the sentence's subject;
            # so is it in "The agency, which oversees X, said it was ...".
            past = _past_modifiers(text, end, lex)
            right = _content_right(text, past, lemma, lex, quotes, strict=False)
            # v6: so is it in "Cruz exhorted Republicans to ... and said he was standing".
            second = (mark == "," and participle) or (
                form != lemma and _AND.match(text, boundary)  # not "to sell and tell more"
            )
            subject = sentence_subject(text) if second else None
            if subject:  # v12: after a trailing attribution, its source ("X, BMW said, adding")
                # v16: after "but X insisted Y", X ("The senator objected but Smith insisted").
                subject = earlier_speaker(text, out, start) or subject
            if subject and right and subject[1] < start:
                content, direct = quoted_content(text, right, quotes)
                if not direct:  # v6: the content ends with its clause
                    content = clause_end(text, content, quotes)
                if passive_gap(text, boundary, start, form):
                    subject = None  # v15: "... and is expected to cost": no speaker
                out.append(Attribution("leading", (start, end), subject, content, direct))
            continue
        # A present-tense form after a common noun is often a noun itself ("coal states").
        # v6: a few verbs are never nouns: "critics say resources could be better spent".
        strict = (
            not form.endswith(("ed", "id", "ld", "ote", "ing"))
            and lemma not in v.NEVER_NOUNS
            and not is_named(text[source[0] : source[1]])
        )
        past = _past_modifiers(text, end, lex)
        right = _content_right(text, past, lemma, lex, quotes, strict=strict)
        tail = _is_tail(text, past, lemma, lex)
        # v7: a fronted phrase before the source is no content when one follows the cue: "As
        # a phone rang, the announcer said, “It’s 3 a.m.”", "Asked about it, Clinton said".
        adverbial = _adverbial(text, left, right)
        framed = mark in v.QUOTE_END + ",—–(" and long_left and not adverbial
        # '"...," she said several months later' is trailing whatever follows the cue.
        quoted_left = framed and mark in v.QUOTE_END
        if right is not None and not (tail and framed) and not quoted_left:
            content, direct = quoted_content(text, right, quotes)
            if not direct:  # v6: the content ends with its clause
                content = clause_content(text, start, source, content, quotes)
            elif left and mark in v.QUOTE_END:
                # v6: '"That," he added, "promises ..."': the quotation began before the source.
                content = (quoted_content(text, left, quotes)[0][0], content[1])
            if left and mark == "," and _COMMA.match(text, end) and not adverbial:
                # v7: "Climate change, Mr. Obama often says, is the greatest threat": the source
                # and cue stand inside the content, which begins before them.
                content = (left[0], content[1])
            # 'She continued, "For us, ..."': before a quotation the verb introduces it.
            if lemma in lex.trailing_only and not direct:
                continue
            if form.endswith("ing") and not gerund and (split := verb_in(text, source, lex)):
                source, start = split  # v9: "The council issued a statement calling X"
            if passive_gap(text, source[1], start, form):
                content, source = (source[0], content[1]), None  # v8: its subject is said
            else:
                content = object_relative(text, source, end, content, quotes)
            out.append(Attribution("leading", (start, end), source, content, direct))
        elif left and framed and (tail or mark in v.QUOTE_END):
            content, direct = quoted_content(text, left, quotes)
            content = resumed(text, end, content, lex, quotes)
            out.append(Attribution("trailing", (start, end), source, content, direct))
    # Four rules that find nothing without a word of theirs (``Lexicon.rule_words``; issue 14)
    rules = not lex.rule_words.isdisjoint(present) or lex.source_after_words is None
    rules = rules or has_folds(text)
    if rules:
        out.extend(views(text, quotes, lex, out))  # v21: "Many voters see the levy as a tax"
    # v3: the cue keeps auxiliaries, adverbs, a particle and a colon ("has also said:").
    for k, a in enumerate(out):  # a new record only for a cue that widens (issue 14)
        cue = (widen_left(text, a.cue[0], lex.between), widen_right(text, a.cue[1]))
        if cue != a.cue:
            out[k] = Attribution(a.kind, cue, a.source, a.content, a.direct)
    if rules:
        out.extend(according(text, quotes, lex))
        out.extend(polls(text, quotes, lex, out))  # "In a poll released Monday, X"
        out.extend(hearsay(text, quotes, lex, out))  # v22: "has reportedly dropped the levy"
    if "sked " in text:  # "When asked by a reporter whether X, she said"
        out.extend(asked(text, quotes, out))
    out.extend(agents)
    return without_nested_thoughts(text, out, lex) if len(out) > 1 else out
