"""Claim attribution labeling functions (layer ``claims``); the cue fallback lives in
``fallback.py`` and check-worthiness in ``checkworthy.py`` (each its own family).

The claims LFs share one analysis of the sentence (``analysis.analyse``: cues, sources,
contents, quotation marks), computed once and kept in the document state; each LF votes for
the attribution patterns it owns, so their provenance stays separate in aggregation.
"""

from __future__ import annotations

from collections.abc import Sequence

from builder.model import Sentence, Vote
from builder.prelabel.claims.analysis import analyse
from builder.prelabel.claims.kinds import votes_of
from builder.prelabel.claims.lexicon import CUES_FILE
from builder.prelabel.lf import DocContext, labeling_function


def _votes(sentence: Sentence, ctx: DocContext, lf: str) -> list[Vote]:
    return votes_of(sentence.text, analyse(sentence, ctx).attributions, lf)


# v2 (issue 13): cues.yaml changed under them: "state" needs a clause, no noun-like forms of
# tweet/email/question/post. v3 (issue 13): an apposition's relative clause is skipped for the
# source ("Lee, head of the union, which ..., said"); 'She continued, "..."' is a cue.
# v4 (issue 13), spans as PolNeAR draws them, which is what the annotator would otherwise edit:
# the cue keeps its auxiliaries, adverbs and colon ("has also said:"), a quotation its marks
# and inner punctuation ('"We see no link,"'), an apposition its closing comma. The LFs below
# share the analysis and are bumped with it. v5: a content that opens or ends a quotation
# keeps its marks ('called it "a disaster."', "''" too); the cue a particle ("called for").
# v6: a content ends with its clause (", but", "and said"), starts after a particle ("warned
# against X": X) and after "that," or "it's"; "critics say resources ..." is a cue; an
# inverted source keeps the apposition that ends the sentence ("said Lena Brook, head of ...").
# v7 (issue 13, fourth pass): the shared analysis reads '' as a quotation mark; sources keep a
# parenthesis and an abbreviation's period ("Sen. Ted Cruz (R-Tex.)", "Jr."), cross a long
# apposition or relative clause ("Rendell, who served as ..., agreed") and join two names by
# "and" ("Mr. Grassley and Mr. Leahy said"), and a second predicate's subject runs on to its
# verb, past a connective ("But the mayor ... and said"); a passive cue has no source ("was
# accused of"); verbs of thinking inside another content are no cue ("He said he hoped");
# contents start at the "that" after a frame ("said at a rally in Toledo that"), stop at a
# spaced dash, ", adding", a frame that closes them ("in a statement on Thursday") and a
# fronted clause ("While he acknowledged X, Ham noted"), keep the words before a quotation
# ('Kaine "has a passion') and span an interrupting attribution ("The test, Korea said, was");
# no attribution of "you" (the writer to the reader), of an imperative ("Now tell us"), of
# "worth noting", inside a transcript's line ("PENCE: ... Clinton thinks") or for a newsroom's
# label ("Correction:"); modals and "now" belong to the cue ("should say", "now says").
# v8 (issue 13, fifth pass): a content inside a fronted prepositional or participle phrase ends
# with it ("In defending himself, Trump offered", "Writing for a panel that agreed X, Y noted"),
# one inside a relative clause with the clause ("Mr. Obama, who understood that X, told"); the
# subject of a passive cue is part of the content ("Peacekeepers have been blamed for X"); a
# question word is no object ("asked whether X": the content opens with it).
# v9 (issue 13, sixth pass): a straight mark after punctuation closes a quotation an earlier
# sentence opened ('right," Rep. Mica said.'); an inverted source may open with its title in
# lower case ("said widow Terry Vale"); a content ends before ", and he", ", who" and "but
# did not"; a source stops before an aside ("Trump, in particular, has") and a clitic ("He’s");
# "CONTENT, according to X, more ..." reads left; "which X called Y": the content runs from
# "which"; a quotation closed on a comma resumes after its attribution's words ('," Tester
# said, referring to it, "you give'); the cue keeps a clitic ("’s claiming"); names joined by
# "and" after a connective are one source ("But Mr. Grassley and Mr. Leahy say"); no cue of a
# participle that names ("Burma, also known as Myanmar"); "X issued a statement calling Y":
# the verb, its object and the participle are the cue, X the source ("Trump avoids condemning").
# v10 (seventh pass): a speech verb inside an earlier cue's content, in the same clause, is the
# reported speaker's word, left inside that content ("Hale says Moreno promised to ...",
# "According to the report, the mayor said X");
# "as" after "say" is no particle ("said as much"); an inverted source keeps a party and state
# in parentheses ('," said Rep. Ann Pike (D-Ore.), a critic'); a trailing "told" may have an
# addressee of several names and a time ('X, Pike told The Daily Star on Monday.'); a source
# before a participle phrase between commas is the name ("Trump, appearing after Clinton at
# the forum, cited"), not an inverted object after the cue; the sentence's subject is found
# after a fronted phrase of up to 15 words (for "..., saying"); a source keeps a participle
# and the time after it ("A report released last year found"); a content ends before a second
# predicate in the perfect ("declined the post and has since left"); "what X called Y": the
# content runs from "what", as from "which"; a pronoun object before "to" is in the content
# ("urged them to reconsider", cues.yaml after_cue); a participle after an adverb and a
# determiner or preposition is an adjective ("on publicly disclosed records"), no cue; a
# source may end in a noun that ends like an adverb ("The family has called on police"); "as
# X put it" and light verbs with a noun of stance ("made it clear that") in cues.yaml.
# v11: a clause with an irregular past before "and" is no first half of a source ("Prices
# rose in 2016 and analysts said": "analysts"; the "-ed" pasts were caught before), and a
# chained cue of the second clause has its speaker (", adding": the analysts).
# v12: so has it after a regular "-ed" past ("Sales dropped and the company said X, adding
# Y": the company adds, not "Sales"), and after a trailing attribution ("X, BMW said, adding
# Y": BMW adds, not the subject "X"): the speaker of the reporting verb the cue continues.
# v13: a sentence subject of a determiner ends before its simple past ("The company reported
# losses and said": "The company", not "The company reported"; subject.py _before_past).
# v14: so does one before an "-s" present and a plural ("The company reports losses and
# says"), before a past spelled as its base where "and" and a cue follow ("The bank cut rates
# and said", cues.yaml base_pasts), and before an adverb after its noun ("The company quickly
# reported"); a past after an adverb right after the determiner is an adjective ("The newly
# elected mayor said X, adding Y": the mayor adds, not "The").
# v15: a gerund after a preposition, whose source was the words before it ("stopped short of
# calling", "is steering clear of criticizing"), has the clause's subject ("it"; subject.py
# gerund_subject); a determiner the subject pattern took alone runs on to its noun ("The
# firm, based in Leeds, posted a loss, citing": "The firm", not "The"); a participle after a
# trailing attribution's frame has its source ("X, the union said on Monday, adding Y").
# v16: the sentence subject past an opening phrase or a name's apposition (opening.py):
# "Shortly after collecting a trophy, a car and a cheque, Federer addressed X, saying": Federer,
# not "a car"; "In August, several groups granted X, saying"; "Dean, a medical doctor, then
# appeared and began by saying": "Dean, a medical doctor," (an aside: the name alone).
# v17: a participle or second verb after a coordinate clause of saying has its speaker ("The
# senator objected but Smith insisted X, saying Y": Smith; subject.py coordinate_source).
# v18: the irregular pasts of a standard list end a clause (cues.yaml past_forms, base_pasts):
# "The storm blew the roof off and the mayor said": the mayor.
# v19: a gerund's source that ran from its subject over its verb to the preposition ("The
# senator began by saying", "She made headlines by claiming") is cut before the verb: "The
# senator", "She" (subject.py gerund_subject).
# Two passes branched from the version before; on their branches:
# precision pass v20: no cue inside a set phrase ("easier said than done", "That said,",
# cues.yaml idioms); no colon speaker in credits, notices or verb forms, nor before fewer than
# four words ("Contributing: Ann Lee.", "Revealed:", "Lambert: A triumph.").
# recall pass:
# v20 (issue 13, recall): new cues in cues.yaml ("referred to", "railed against", "chanted").
# v21: more new cues ("downplayed", "balked at", "dubbed", "envisions"); "stating" is one.
# v22: a view, "Many farmers see the levy as a tax" (views.py, cues.yaml as_views).
# v23: "read" a cue only after its content ('"...," the email read'; cues.yaml).
# v24: verbs of naming, ordering and proposal as speech ("identified", "rejected"; cues.yaml).
# v25: stances of the cue fallback as speech ("blasted", "expressed"; cues.yaml).
# v26: "order", "list", "project", "forecasts" nouns, not cues; no view in "such as" (bbc).
# v27: "ordered", "heralded", "hit/pushed back", "threatening" no cues (corpus/bbc).
# v28: nor "dubbed" nor "listed" ("a network dubbed Exeem", "a stock-market listed company").
# v29: nor "threaten" ("the terrorists who threaten Britain"). v30: "is seen by X as" no view.
# v31: both passes merged (the precision pass's v20 and the recall pass's v30).
# v32: a source that is a verb and its object ("She also sent a letter saying", "the ACLU,
# which released a statement questioning"): the subject left of the verb (source.verb_in).
# v33: a quantifier floated to the verb is no source ("Okafor and Lindqvist both stressed";
# cues.yaml floating): the walk passes it when a noun phrase stands before it.
# v34 (issue 13, the train gap): a name and its apposition before the cue make a capitalised
# word after it its object ("Ann Roe, a farmer, rejected Hale's claim": Ann Roe), also after a
# quotation ('"...," Ann Roe, a farmer, told Radio Leeds'); an inverted source may be a title
# of up to four lower-case words before a name ("said former county clerk Ann Roe").
# v35: a connective between commas after the subject is passed ("Reed, however, said": Reed;
# vocab.CONNECTIVE); after a quotation an inverted speaker ends before a frame ('said Ann Roe
# in a statement'); "of" inside a title ("said former secretary of state Ann Roe").
# v36: a progressive with its particle is no passive ("The union is calling for X": the union,
# not in the content; source.passive_gap).
# v37: a verb after "went on to", "continued to" is a cue, from "went" ("Reed went on to say
# X": Reed; vocab.GOES_ON), not after "plans to" or "by continuing to".
# v38: a name before an aside between dashes is the source ("Ann Roe — who chairs the board —
# backs X", "The judge -- a former mayor -- said"; dashes.py), as one between commas.
# v39: a participle with its particle is a participle ("X, pointing out that Y": no source X).
# v40: a share ending in "%" that opens its clause is a source ("On taxes, 58% say"; vocab.py).
# v41: a share is a source alone, after a quantifier or in apposition ("Profits rose 12%,
# said the bank": the bank).
# Every claims heuristic here, the chained cue and the fallback, one version up (2026-12-06):
# the shared words read a number with thousands commas whole ("1,200 workers said"; vocab.WORD).
# And again (issue 13, ninth session): "X claims that", "When asked by X whether", "In a poll
# ..., X", "To many, X"; no -ed cue after a preposition; "Y on Z by" past an object. v44 (its
# review): "fresh claims that", "claims the title with" no cue, "His lawyer claims that" one.
# v45 (the seeds): "as" opening a clause of time is no particle and no content ("A dog barked
# as workers walked"; as_words.as_clause); no cue in "cannot be confirmed" (cues.yaml idioms).
# v46: "as many as", "as part of", "as well as" are no particle nor clause (as_words.as_phrase);
# "saying as" keeps no particle, as "said as" (as_words.SAY_FORMS, one set for the three checks).
@labeling_function(
    "claim_reported_speech",
    version=46,
    layer="claims",
    prior=0.7,
    data=[CUES_FILE],
    description="SOURCE CUE CONTENT: 'He said Ukrainian lines were holding.'",
)
def claim_reported_speech(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    return _votes(sentence, ctx, "claim_reported_speech")


# v9: the shared analysis of claim_reported_speech v10 (an inverted source with its party in
# parentheses, "told The Daily Star on Monday" at the end). v10: that of v11. v11: that of v16.
# v12: that of v17.
# Two passes branched from the version before; on their branches:
# precision pass v13: the shared analysis of claim_reported_speech v20 (set phrases,
# colon speakers).
# recall pass:
# v13: the new cues of claim_reported_speech v20.
# v14: the new cues of claim_reported_speech v21. v15: "read" of v23. v16-v18: v24-v26.
# v19: those of v27, and a participle is no inverted cue (", referring to X": X no source).
# v20: both passes merged (the precision pass's v13 and the recall pass's v19).
# v21: the shared analysis of claim_reported_speech v34 ('"...," Ann Roe, a farmer, told
# Radio Leeds': Ann Roe; '"...," said former county clerk Ann Roe'). v22: that of v35.
# v23: that of v38 ('"...," Ann Roe - a farmer - told Radio Leeds': Ann Roe). v24: of v39.
# v25, v26: those of v40, v41. v29: a closed quotation resumes only in quotation marks.
# v30: a clause of time after the cue ends it as its end would ('"...," X pledged as he left').
# v31: the clauses of claim_reported_speech v46.
@labeling_function(
    "claim_trailing_attribution",
    version=31,
    layer="claims",
    prior=0.8,
    data=[CUES_FILE],
    description="CONTENT, SOURCE CUE. / CONTENT, CUE SOURCE.: '\"...,\" he said.'",
)
def claim_trailing_attribution(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    return _votes(sentence, ctx, "claim_trailing_attribution")


# v4, v5 (issue 13, fourth and sixth passes): the shared analysis ('' marks, contents; v9's).
# Two passes branched from the version before; on their branches:
# precision pass v6: the shared analysis of claim_reported_speech v20 (set phrases,
# colon speakers).
# recall pass:
# v6 (issue 13, recall): an adverb of hearsay, "has reportedly dropped" (hearsay.py).
# v7: not before a cue verb, "have reportedly shown that" (that verb's cue).
# v8: both passes merged (the precision pass's v6 and the recall pass's v7).
# v9: a hearsay clause's content ends before a trailing attribution ("X was reportedly
# dropped, the mayor said": not ", the mayor said"; the review's should-fix).
# v12: "In a poll ...," only headed by the poll, "To X," only a person's (polls, viewpoint).
# v13: "the depot, which, according to X, was shelled": the relative clause (according.py).
@labeling_function(
    "claim_according_to",
    version=13,
    layer="claims",
    prior=0.85,
    data=[CUES_FILE],
    description="'According to X, CONTENT' and 'CONTENT, according to X.'",
)
def claim_according_to(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    return _votes(sentence, ctx, "claim_according_to")


# v4: with the shared analysis (quotation marks '', closing marks).
# v5: with the shared analysis of claim_reported_speech v9.
# v6 (precision pass): no credits or notices ("Contributing:", "BYLINE:", "Editor's Note:"), no
# one-word speaker in -ed or -ing ("Revealed:"), and four words at least after the colon.
@labeling_function(
    "claim_colon_speaker",
    version=8,
    layer="claims",
    prior=0.6,
    description=(
        "'PENCE: Well, look, ...' (transcripts) and 'Poll: Voters abandon ...' (headlines)."
    ),
)
def claim_colon_speaker(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    return _votes(sentence, ctx, "claim_colon_speaker")


# v2: with the shared analysis (quotation marks ''). v3: the analysis of v9 above.
# v4 (precision pass): the shared analysis of claim_reported_speech v20 (set phrases,
# colon speakers).
@labeling_function(
    "claim_dash_signoff",
    version=6,
    layer="claims",
    prior=0.7,
    description="'\"....\"― Carla Sanchez': a quotation signed with a dash and a name.",
)
def claim_dash_signoff(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    return _votes(sentence, ctx, "claim_dash_signoff")


# v1 (issue 13, fourth pass): a passive inside another content is no cue (as the verbs of
# thinking): "She said the proposals were praised by a man". v2: the analysis of v9 above.
# v3: the sources of reported speech v11.
# v4 (precision pass): the shared analysis of claim_reported_speech v20 (set phrases,
# colon speakers). v5: the analysis of claim_reported_speech v35 (no agent inside its content).
@labeling_function(
    "claim_passive_agent",
    version=7,
    layer="claims",
    prior=0.7,
    data=[CUES_FILE],
    description="'CONTENT was endorsed by SOURCE': a passive cue verb with its agent.",
)
def claim_passive_agent(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    return _votes(sentence, ctx, "claim_passive_agent")
