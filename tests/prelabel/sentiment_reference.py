"""The sentiment scorer's ``analyse`` before it passed over the inert words (issue 14): a step
a token. The tests' reference for ``scorer.analyse``."""

from __future__ import annotations

import math

from builder.prelabel.sentiment.lexicon import load_lexicon
from builder.prelabel.sentiment.scorer import (
    ARTICLES,
    CLAUSE_BREAKS,
    NEGATION,
    OPEN_QUOTES,
    TOGGLE_QUOTES,
    WINDOW,
    Analysis,
    weighed,
)
from builder.prelabel.sentiment.words import (
    BOOST,
    MEMO,
    TOKEN_RE,
    WORD_INFO,
    cue_words,
    is_title_case,
    lookup,
    next_low,
    phrase_at,
    word_info,
)


def reference_analyse(text: str) -> Analysis:
    """Score ``text`` (cached: the sentiment LFs all read the same analysis)."""
    lex = load_lexicon()
    special = cue_words()
    tokens = TOKEN_RE.findall(text)
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
    prev = prev2 = ""
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        i += 1
        if not tok[0].isalpha():
            if tok in CLAUSE_BREAKS:
                negated_until = reversed_until = -1
                conceding, boost = False, 0.0
            elif tok in OPEN_QUOTES or (tok in TOGGLE_QUOTES and not in_quote):
                in_quote, quote_id, quote_start = True, quote_id + 1, wi + 1
                # 'called it "a victory"', 'what they called a "peace plan"'
                quote_cue = prev in lex.scare_cues or (prev in ARTICLES and prev2 in lex.scare_cues)
            elif in_quote:
                if quote_cue and wi + 1 - quote_start <= lex.scare_max:
                    scare.add(quote_id)
                in_quote = False
            continue
        wi += 1
        low, plain, capital, entry, _role = WORD_INFO.get(tok) or word_info(tok, special, lex)
        prev2, prev_word, prev = prev, prev, low
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
            if low in lex.procedural:
                n_proc += 1
            if low in lex.attribution:
                attributed = True
            if low in lex.contrast and not (
                prev_word in lex.negators or next_low(tokens, i) == "also"
            ):
                contrast_at = len(contrib)
                negated_until = reversed_until = -1
                continue
            if low in lex.concessive:
                conceding = True
                continue
            if low in lex.boosters:
                boost += BOOST
            elif low in lex.dampeners:
                boost -= BOOST
            negator = low in lex.negators or low.endswith("n't")
            if negator:
                negated_until = wi + WINDOW
            if low in lex.reversers and next_low(tokens, i) not in lex.reverser_blockers:
                reversed_until = wi + WINDOW
            options = lex.phrases.get(low)
            entry = None
            if options:
                found = phrase_at(tokens, i, options)
                if found is not None:
                    n = len(found[0])
                    entry, i, wi = (found[1], 1), i + n - 1, wi + n - 1
            if entry is None:
                if wi > 0 and tok[0].isupper():
                    if title_case is None:
                        title_case = is_title_case(tokens)
                    if not title_case:
                        continue  # a name: "Hope Hicks", "the United Nations"
                if negator and low not in lex.news:
                    # "no" and "never" negate; VADER's own valence for them would count twice
                    continue
                if low in lex.reversers or low in lex.boosters:
                    continue
                entry = lookup(lex, MEMO, low)
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
    # Every word was counted (a phrase's by the words it took): wi + 1 words.
    return weighed(contrib, scare, remedy, attributed, contrast_at, lex, n_proc, wi + 1)
