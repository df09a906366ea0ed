"""Score one sentence: a tokenised dictionary lookup with VADER-style rules, tuned for news.

One left-to-right pass over word tokens (no parser, no regex per rule: the sentiment family
must run at >= 8,000 sentences/s). Each sentiment word contributes its valence, changed by:

- a booster or dampener just before it ("heavy shelling", "slightly better");
- a negator in the 3 words before it, in the same clause ("not good", "no progress"); a
  negated negative word loses its valence without turning positive ("did nothing wrong");
- a reverser verb governing it ("prevented an attack", "ended the war");
- contrast: words before "but" weigh 0.5, after it 1.5; a concessive clause ("despite ...,")
  weighs 0.5;
- quotation: a short scare quote after "called"/"dubbed" loses its positive words;
- remedy: in a sentence about a rescue, aid or evacuation, negative event words count half;
- attribution: in reported speech ("..., she said", "according to") every word counts half:
  the opinions are the source's, the report of them is mostly neutral;
- case: a capitalised word inside a sentence is a name ("Hope", "United", "Justice
  Department"), not a sentiment word, unless the whole sentence is in title case (a headline).
"""

from __future__ import annotations

import functools
import math
from itertools import compress
from operator import not_
from typing import NamedTuple

from builder.prelabel.sentiment.lexicon import Lexicon, load_lexicon
from builder.prelabel.sentiment.words import (
    INERT,
    WORD_INFO,
    cue_words,
    is_title_case,
    low_at,
    next_low,
    phrase_at,
    split_tokens,
    word_info,
)

CLAUSE_BREAKS = frozenset(",;:()")
OPEN_QUOTES, CLOSE_QUOTES, TOGGLE_QUOTES = frozenset("“«"), frozenset("”»"), frozenset('"')
ARTICLES = frozenset(("a", "an", "the", "it", "them", "this"))
NEGATION = -0.74  # VADER's negation scalar: "not good" is less bad than "bad"
WINDOW = 3  # words a negator or a reverser reaches
ALPHA = 15.0  # VADER's normalisation constant for the compound score


class Analysis(NamedTuple):
    """What the sentiment heuristics read of a sentence: one tuple made at once (a frozen
    dataclass set its eight fields one ``object.__setattr__`` call each, three times the
    cost)."""

    compound: float  # normalised total in (-1, 1), VADER's formula
    total: float  # weighted sum of valences
    news: float  # the part of total contributed by news-lexicon words
    events: float  # the part of total contributed by news event words
    strongest: float  # the largest absolute contribution of a single word
    n_polar: int  # words that contributed a valence
    n_procedural: int  # procedural cues (said, announced, will, committee...)
    n_words: int


@functools.lru_cache(maxsize=4096)
def analyse(text: str) -> Analysis:
    """Score ``text`` (cached: the sentiment LFs all read the same analysis)."""
    lex = load_lexicon()
    special = cue_words()
    tokens = split_tokens(text)
    # Whether the sentence is in title case (a headline), counted when a capital asks for it:
    # most sentences have no capitalised sentiment word after their first.
    title_case: bool | None = None
    # contributions: (value, kind, quote id or -1, clause weight)
    contrib: list[tuple[float, int, int, float]] = []
    contrast_at = -1  # index in contrib of the last contrast word
    negated_until = reversed_until = -1  # word index up to which a negator/reverser reaches
    boost = 0.0
    conceding = False
    in_quote, quote_id, quote_start, quote_cue = False, 0, 0, False
    scare: set[int] = set()
    remedy = attributed = False
    n_proc = 0
    wi = -1  # word index
    # Inert words are passed over in C (counted as words, the last two words kept as positions).
    last = w1 = w2 = -1  # the last token read, and the last two words (no phrase's second)
    i = 0  # the next token not taken by a phrase
    for k in compress(range(len(tokens)), map(not_, map(INERT.__contains__, tokens))):
        if k < i:
            continue
        gap = k - last - 1
        if gap:
            wi += gap
            w2, w1 = (w1, k - 1) if gap == 1 else (k - 2, k - 1)
        tok = tokens[k]
        last, i = k, k + 1
        if not tok[0].isalpha():
            if tok in CLAUSE_BREAKS:
                negated_until = reversed_until = -1
                conceding, boost = False, 0.0
            elif tok in OPEN_QUOTES or (tok in TOGGLE_QUOTES and not in_quote):
                in_quote, quote_id, quote_start = True, quote_id + 1, wi + 1
                # 'called it "a victory"', 'what they called a "peace plan"'
                prev, prev2 = low_at(tokens, w1), low_at(tokens, w2)
                quote_cue = prev in lex.scare_cues or (prev in ARTICLES and prev2 in lex.scare_cues)
            elif in_quote:
                if quote_cue and wi + 1 - quote_start <= lex.scare_max:
                    scare.add(quote_id)
                in_quote = False
            continue
        wi += 1
        low, plain, capital, entry, cue = WORD_INFO.get(tok) or word_info(tok, special, lex)
        w2, w1 = w1, k
        if plain:
            # A plain word (most words): none of the rules' cues, at most a sentiment word.
            # The steps of the other branch for such a word, without their dozen set tests.
            if entry is None:
                continue  # no valence
            if capital and wi > 0:
                if title_case is None:
                    title_case = is_title_case(tokens)
                if not title_case:
                    continue  # a name
            negator = False
        else:
            assert cue is not None  # every word that is not plain has its role
            proc, attrib, contrast, concessive, shift, negator, reverser, options, own = cue
            if proc:
                n_proc += 1
            if attrib:
                attributed = True
            if contrast and not (
                low_at(tokens, w2) in lex.negators or next_low(tokens, i) == "also"
            ):
                contrast_at = len(contrib)
                negated_until = reversed_until = -1
                continue
            if concessive:
                conceding = True
                continue
            if shift:
                boost += shift  # +BOOST, or -BOOST: the same float as boost -= BOOST
            if negator:
                negated_until = wi + WINDOW
            if reverser and next_low(tokens, i) not in lex.reverser_blockers:
                reversed_until = wi + WINDOW
            entry = None
            if options:
                found = phrase_at(tokens, i, options)
                if found is not None:
                    n = len(found[0])
                    entry, i, wi = (found[1], 1), i + n - 1, wi + n - 1
                    last = i - 1
            if entry is None:
                if wi > 0 and capital:
                    if title_case is None:
                        title_case = is_title_case(tokens)
                    if not title_case:
                        continue  # a name: "Hope Hicks", "the United Nations"
                if own is None:
                    # "no" and "never" negate (VADER's own valence for them would count
                    # twice), a reverser or booster acts on the next words: none counts itself
                    continue
                entry = own
        if entry is None or entry[0] == 0.0:
            continue
        val, kind = entry
        val = math.copysign(max(abs(val) + boost, 0.0), val)
        boost = 0.0
        if not negator and wi <= negated_until:
            # A negation reaches the first sentiment word only: "cannot evacuate the wounded"
            # negates the evacuation, the wounded stay wounded. A denied harm is no praise:
            # "did nothing wrong", "no charges" lose their valence but do not turn positive.
            val *= NEGATION if val > 0 else lex.negated_negative
            negated_until = -1
        elif wi <= reversed_until:
            val *= NEGATION
            reversed_until = -1
        if low in lex.remedies and val > 0:
            remedy = True
        weight = lex.concessive_weight if conceding else 1.0
        contrib.append((val, kind, quote_id if in_quote else -1, weight))
    wi += len(tokens) - last - 1  # the inert words after the last token read
    # Every word was counted (a phrase's by the words it took): wi + 1 words.
    return weighed(contrib, scare, remedy, attributed, contrast_at, lex, n_proc, wi + 1)


def weighed(
    contrib: list[tuple[float, int, int, float]],
    scare: set[int],
    remedy: bool,
    attributed: bool,
    contrast_at: int,
    lex: Lexicon,
    n_proc: int,
    words: int,
) -> Analysis:
    """The analysis of a sentence's contributions (value, kind, quotation, weight), each
    weighed by what the sentence says around it."""
    total = news = events = strongest = 0.0
    for k, (value, wkind, qid, weight) in enumerate(contrib):
        if qid in scare and value > 0:
            continue  # so-called "peace": the writer does not endorse the word
        if remedy and wkind == 2 and value < 0:
            weight *= 0.5  # "rescued from the rubble": the rescue is the news
        if attributed:
            weight *= lex.attributed_weight
        if contrast_at >= 0:
            weight *= lex.before_contrast if k < contrast_at else lex.after_contrast
        val = value * weight
        total += val
        if wkind:
            news += val
        if wkind == 2:
            events += val
        strongest = max(strongest, abs(val))
    compound = total / math.sqrt(total * total + ALPHA)
    return Analysis(compound, total, news, events, strongest, len(contrib), n_proc, words)
