"""The cue fallback: a reporting or stance verb that no structured pattern explained.

The structured LFs (lfs.py) only vote where they can also find the source and the content.
Many attributions have their content in another sentence ('The minister added:') or a
structure they refuse ('Analysts, asked about it, ...'); a cue alone still saves the annotator
a selection. It votes only in sentences without any structured attribution, with a low prior.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.model import ClaimVote, Sentence, Span, Vote
from builder.prelabel.claims import fallback_before as wb
from builder.prelabel.claims import fallback_words as w
from builder.prelabel.claims import vocab as v
from builder.prelabel.claims.analysis import Analysis, analyse
from builder.prelabel.claims.attribution import Attribution
from builder.prelabel.claims.contents import clause_content, closed, object_relative
from builder.prelabel.claims.dashes import aside_source
from builder.prelabel.claims.extract import trim
from builder.prelabel.claims.lexicon import CUES_FILE, load_lexicon
from builder.prelabel.claims.nested import own_clause
from builder.prelabel.claims.quotes import Quotes, find_quotes, inside
from builder.prelabel.claims.source import (
    appositive,
    closing_comma,
    passive_gap,
    reader,
    source_left,
)
from builder.prelabel.claims.spans import (
    Runs,
    adverb,
    in_runs,
    merged_runs,
    widen_left,
    widen_right,
)
from builder.prelabel.claims.subject import earlier_speaker, sentence_subject
from builder.prelabel.claims.verb_in import verb_in
from builder.prelabel.lf import DocContext, labeling_function
from builder.prelabel.sentence_words import lower_words

_WORD = w.WORD
_TO = re.compile(r"\s+to\s")
_NEXT = re.compile(r"\s*([A-Za-z]+)")
# v9: "by" too: a participle before its agent is a reduced passive ("super PACs supported by
# the brothers", ", promoted by the governor"): the words before are no source, the agent no
# content (claim_passive_agent takes the passives with "be"; issue 13, PolNeAR dev).
_NO_RUNS: Runs = ([], [])  # (read only)
_QUESTION = re.compile(r"\s+question\b")


def fallback_votes(
    sentence: Sentence,
    taken: Sequence[tuple[int, int]],
    lf: str,
    quotes: Quotes | None = None,
    attributions: Sequence[Attribution] = (),
    shown: frozenset[str] | None = None,
) -> list[Vote]:
    """The cue verbs of a sentence that no structured pattern explained (``taken``: the spans
    of the ``attributions`` they found; ``quotes``: its quotations, with one run on
    from an earlier sentence, found here if not given; ``shown``: the cue words among its
    lower-case words, found here if not given)."""
    text = sentence.text
    forms, noun_markers = w.vocabulary()
    if shown is None:
        shown = w.any_cue_lower() & lower_words(text)
    if not shown:
        return []  # no cue verb in any case: the sentence's words are already known
    quotes = quotes or find_quotes(text)
    runs = merged_runs(taken) if taken else _NO_RUNS
    lowered = text.lower() if text.isascii() else None  # (at the same offsets)
    if lowered is not None and w.all_taken(lowered, shown, runs, quotes):
        return []  # each inside an attribution found or a quotation: no word scan
    lex = load_lexicon()
    progressive, thinking, titled = w.more_cues()
    bases = w.bases()
    before_to, not_before, voices = w.gates()
    any_cue = w.any_cue()
    found: list[re.Match[str]] | None = None
    if lowered is not None and not w.titled_in(text, shown, titled):
        # Issue 14 (tenth session): no headline can be (no cue form in title case among the
        # words): the cue words are found by ``str.find`` and only the words before each are
        # read (``wb.near``), instead of a scan of every word of the sentence.
        places = w.places(text, lowered, shown, any_cue)
    else:
        found = list(_WORD.finditer(text))  # one scan: the words are the matches' texts
        words = [m.group() for m in found]
        if any_cue.isdisjoint(words):
            return []  # no cue verb at all (most sentences): found without a loop per word
        # v4: a headline in title case capitalises its verb ("Lindsey Graham Says").
        headline = (
            not titled.isdisjoint(words) and 2 * sum(w[0].isupper() for w in words) > len(words) + 2
        )
        looked = words  # each word as the cue forms are looked up: a headline's lower-cased
        if headline:  # but at the text's very start
            looked = [word.lower() for word in words]
            looked[0] = words[0] if found[0].start() == 0 else looked[0]
        places = [(*found[i].span(), x, i) for i, x in enumerate(looked) if x in any_cue]
    votes: list[Vote] = []
    host = (-1, -1)  # (content end, cue end) of the vote whose content reaches furthest
    # Only the words that may be a cue are looked at, each with the few words before it: a
    # state carried over every word cost a third of the layer's time (issue 13).
    for start, end, word, i in places:
        # v7: no cue inside a quotation ("I don't know," she said: the speaker's words) nor
        # an attribution found: passed before any look around the word.
        if in_runs(runs, start, end) or inside(quotes, start):
            continue
        if start < host[0] and not own_clause(text, host[1], start):
            continue  # v12: in an earlier vote's content and clause, its speaker's word
        if found is None:
            (prev, aux, head), between = wb.near(text, start, end)
        else:
            (prev, aux, head), between = wb.around(text, found, i)
        # v8: a participle clause after a comma: "..., encouraging his supporters to vote".
        participle = word in progressive and between.endswith(",")
        # v4: the progressive of a stance verb ("is also encouraging his supporters").
        cue = (
            word in forms
            or word in thinking
            or (word in progressive and (prev in wb.BE or aux in wb.BE or participle))
            or (
                word in bases
                and (
                    head in wb.MODALS or head in wb.PLURAL_SUBJECTS or wb.plural(head, noun_markers)
                )
                and (prev == head or prev in wb.SOFT or adverb(prev) or not prev)
            )
        )
        if cue and word[-1] == "s" and word[-2:] != "ss" and (nxt := _NEXT.match(text, end)):
            cue = nxt.group(1).lower() not in wb.AUX_AFTER  # v10
        # v7: some forms are a cue only before an infinitive: "plans to", not "tax plans";
        # v38: others none before some words ("groups linked to the party", "found itself").
        if cue and word in before_to and not _TO.match(text, end):
            cue = False
        if cue and (no := not_before.get(word)) and no.match(text, end):
            cue = False
        # v8: a verb followed by a place is used without a content: "spoke in a cottage".
        if cue and (nxt := _NEXT.match(text, widen_right(text, end))):
            after = nxt.group(1).lower()
            cue = not w.placed(text, word, after, nxt.start(1))
            low = word.lower()
            # v46: "called into question" is a stance; a voice speaks "into" (cues.yaml)
            if cue and after == "into" and low not in voices and lex.lemma.get(low) not in voices:
                cue = _QUESTION.match(text, nxt.end()) is not None
        # v21: "spoke to reporters", "As Okafor spoke,": a verb of speaking needs a topic.
        if cue and word.lower() in w.topic_only()[0]:
            cue = w.topic_follows(text, end)
        if (
            cue
            and prev not in noun_markers
            and not (adverb(prev) and head in noun_markers)  # v12: "a swiftly called meeting"
            and not lex.in_idiom(text, start, end, lex.lemma.get(word.lower(), ""))
            and not v.labelled_as(text, start, word)
            and not (word in bases and v.imperative(text, start, word, word.lower()))
        ):
            s, e = start, end
            past = widen_right(text, e)  # v5: "called for", "said:" are the cue
            right = trim(text, past, len(text))
            claim = right or trim(text, 0, s)
            if claim is not None:
                # v2: the noun phrase left of the verb is its subject, the source, as for the
                # structured patterns: "Republicans have expressed concern that ...". v3: also
                # when nothing follows the verb ("Graham asked."): the content was before.
                left: tuple[int, int] | None
                left, boundary = source_left(text, s, lex)
                if left is None and (text[boundary] != "," or not word.endswith("ing")):
                    # v12: "Trump, appearing ..., cited"; v37: "Roe — a farmer — said"
                    left, boundary = aside_source(text, boundary, s, lex) or (left, boundary)
                if left is None and text[boundary] == "," and not word.endswith("ing"):
                    # v8: as in extract.py, "The program, called EB-5, allows": the name and
                    # its apposition, with the closing comma PolNeAR keeps.
                    left, boundary = appositive(text, boundary, lex)
                    if left and (comma := closing_comma(text, left[1])):
                        left = (left[0], comma.end())
                # v7: "Graham urged X and criticized Y"; v10: after "but" or "yet" too.
                go_on = left is None and (
                    participle or text.startswith(("and ", "but ", "yet "), boundary)
                )
                if go_on:  # v16: after a trailing attribution, its source ("X, BMW said, adding")
                    # v19: or "but Smith said X"
                    left = earlier_speaker(text, attributions, s) or sentence_subject(text)
                # v9: the subject of a passive or of "seems" is part of what is said: "Obama's
                # veto is expected to come", "he seems to have": PolNeAR's content spans it.
                # v18: so is a passive after "and", however far from the subject ("Farrell,
                # who ..., had surgery and is expected to be out").
                subject = left
                gap = boundary if go_on else left[1] if left else s
                if left and (word in w.RAISING or passive_gap(text, gap, s, word)):
                    left = None  # v8: "Mr. Quiros was accused of": no source
                if left and reader(text, left):
                    continue  # v8: "But what do you expect?": the writer to the reader
                if left and word.endswith("ing") and (split := verb_in(text, left, lex)):
                    left, s = split  # v10: "She opened by stressing", as extract.py
                if left and not go_on and w.noun_s(text, left, word, noun_markers):
                    continue  # v21: "embraced the mayor's hard-line views": a plural noun
                source = Span(*left) if left and (left[1] <= claim[0] or not right) else None
                if left and not right:  # "Plan Will Fail, Senator Pell Warns": before the source
                    claim = trim(text, 0, left[0]) or claim
                elif right:  # v7: the content ends with its clause, as in extract.py
                    # v8: and keeps a quotation's closing marks: 'being “so dishonest.”'
                    # v9: and with a fronted phrase ("In defending himself, Trump offered")
                    # or a relative clause ("Mr. Obama, who understood that X, told").
                    claim = closed(text, clause_content(text, s, left, claim, quotes))
                    if subject and not left and subject[0] < claim[0]:
                        claim = (subject[0], claim[1])
                    elif left:  # v10: "the obligations, which Patriot was seeking to shed"
                        claim = object_relative(text, left, past, claim, quotes)
                said = Span(widen_left(text, s, lex.between), past)
                votes.append(ClaimVote(Span(*claim), source, said, False, 0.6, lf))
                if claim[1] > host[0] and claim[0] >= s:
                    host = (claim[1], past)
    return votes


# v3 (issue 13): every cue verb of the sentence, not only the first; more stance verbs in
# cues.yaml (attacked, plans, likened); a source before a verb that ends the sentence.
# v4 (issue 13): verbs of thinking ("thought", "suggested"), progressives ("is promoting"),
# title-case headlines ("Graham Says"). v5: the cue keeps its auxiliaries ("is also promoting").
# v6: and its particle and colon ("called for", "said:"); the content starts after them.
# v7: also in a sentence with attributions, outside their spans; no cue inside a quotation;
# base forms after an auxiliary ("did not respond"); the content ends with its clause.
# v8: no cue before a place ("spoke in a cottage"); a passive cue has no source ("was accused
# of"); a source with its apposition ("The program, called EB-5, allows"); the content keeps a
# quotation's closing marks; more reporting verbs in cues.yaml; '' is a quotation mark; no
# cue of "you" ("what do you expect?") or after "worth" (cues.yaml noun_markers); a stance
# participle after a comma, with the sentence's subject ("..., encouraging workers to vote").
# v9: no cue before "by" (a reduced passive: "groups supported by the brothers"); a content
# inside a fronted phrase or a relative clause ends with it ("In defending himself, Trump
# offered"); the subject of a passive or of "seems" is in the content ("The veto is expected").
# v10 (sixth pass): an -s form before an auxiliary is a noun ("electoral votes are"); the
# shared analysis and sources of claim_reported_speech v9; a content keeps the mark that
# opens its quotation ('attacked “the hateful ideology.”'); a second predicate after "but" or
# "yet" has the sentence's subject ("X said ..., but pledged to remain civil"); no cue of a
# participle that names ("Burma, also known as Myanmar"); "which X wanted": the content runs from
# the relative word, and "She opened by stressing": the verb is in the cue, as in
# claim_reported_speech v9. v11 (seventh pass): the shared analysis of claim_reported_speech
# v10 (no nested speech verb in the same clause); "said as" keeps no particle. v12: no cue
# inside an earlier fallback vote's content and clause ("Farmers wanted the council to reject
# what the mayor proposed": the farmers' words); the name before a participle phrase between
# commas is the source ("Trump, appearing after Clinton, cited"); no cue of a participle after
# an adverb and a noun marker ("a swiftly called meeting"); "called on" keeps its particle.
# v13-v15: the sources and sentence subjects of claim_reported_speech v11-v13 ("Prices rose
# and analysts said", "The bank gave no details but said": "The bank", not "The bank gave").
# v16: a stance participle after a trailing attribution has its source ("X, the bank said,
# opposing Y": the bank), as the chained cue and extract.py; the subject of v14.
# v17: that of v15 ("The firm, based in Leeds, ..., opposing"), and "said on Monday, opposing".
# v18: that of v16 ("Shortly after ..., Federer addressed", "Dean, a medical doctor, then
# appeared"); a passive after "and" has no speaker however far its subject ("is expected").
# v19: after "but Smith insisted X", Smith ("X, but Smith said Y, opposing Z"; reported v17).
# v20: the sources of v18 (more irregular pasts end a clause: "The storm blew X and ...").
# Two passes branched from the version before; on their branches:
# precision pass v21: no cue of an -s form after words that open no noun phrase ("embraced
# hard-line views", "peace talks"); a verb of speaking only with a topic ("spoke of", "talked
# about"; not "spoke to reporters", "As Okafor spoke,"; cues.yaml topic_only).
# recall pass:
# v21-v29: the new cues of claim_reported_speech v20-v29 ("referred to", "see X as", "read").
# v30: both passes merged (the precision pass's v21 and the recall pass's v29).
# v31, v32: the sources of claim_reported_speech v32, v33 ("Union members have launched
# petitions calling on X": Union members; a floated "both", "all" is no source).
# v33-v35: the analyses of claim_reported_speech v34, v35, v37 (titles, connectives, "went on").
# v36: "appear" raises as "seem" (no source: 31 of 44 "appear" cues of PolNeAR dev and
# train-A have none); no cue before a stage ("appeared on TV", "will appear before").
# v37: a name before an aside between dashes is the source ("Roe — a farmer — said"; dashes.py).
# v38: no cue of "thanks" ("thanks to"), "votes" only before "to", "linked" not before it.
# v39: none before "up", "down" ("showed up"). v40: nor "find" with a reflexive ("found itself").
# v41: "58% say" (source.py). v42: a raised verb's subject after its content is not its start.
# v43: a share alone, after a quantifier or in apposition ("Profits rose 12%, said" is none).
# v46: none before "into" ("blasted into ruins", "called into action"), "appear" not before
# "behind"; "out" is the cue's after "rule" ("did not rule out"; spans.widen_right).
# v47: none of "ruled out of" (v50: but "of hand"), "cannot be confirmed"; v48, v49: "as".
@labeling_function(
    "claim_cue_fallback",
    version=50,
    layer="claims",
    prior=0.45,
    data=[CUES_FILE],
    description=(
        "A reporting or stance verb (said, wants, endorsed) that no structured pattern explained."
    ),
)
def claim_cue_fallback(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    # The analysis first: it carries a quotation on to the next sentence.
    return cue_fallback(sentence, analyse(sentence, ctx))


def cue_fallback(sentence: Sentence, analysis: Analysis) -> list[Vote]:
    """``claim_cue_fallback``'s votes on ``sentence``, whose analysis is ``analysis``."""
    if not (shown := w.any_cue_lower() & lower_words(sentence.text)):
        return []  # fallback_votes' first gate, before the spans are gathered for it
    found: Sequence[Attribution] = analysis.attributions
    taken = [span for a in found for span in (a.cue, a.content, a.source) if span] if found else []
    if len(found) > 1:  # (most sentences have none: no comprehension, no sort; issue 14)
        found = sorted(found, key=lambda a: a.cue)  # the last before a cue: [-1]
    return fallback_votes(sentence, taken, "claim_cue_fallback", analysis.quotes, found, shown)
