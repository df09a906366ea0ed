"""Word lists and patterns of the attribution extractor (``extract.py``), each with the case
that motivates it; tests/prelabel/test_claims.py holds examples of them.
"""

from __future__ import annotations

import re

from builder.prelabel.claims.as_words import SAY_FORMS as SAY_FORMS
from builder.prelabel.claims.as_words import as_clause as as_clause

# A number with thousands commas is one word ("1,200 workers said": not "200 workers").
# The words of ``\d{1,3}(?:,\d{3})+[\w.'’&-]*|\w[\w.'’&-]*|[^\w\s]``, led by the class of their
# first character (``\S``, each branch looking back at it), so that the scan skips white space
# in C (issue 14; tests/prelabel/test_claims_scans.py).
WORD = re.compile(r"\S(?:(?<=\d)\d{0,2}(?:,\d{3})+[\w.'’&-]*|(?<=\w)[\w.'’&-]*|(?<=[^\w\s]))")
# v7 (issue 13): also the no-break space of web copy ("but\u00a0Shelby said\u00a0he refused").
TRIM = " \t\n\u00a0\"“”«»„‘’',;:—–-"
# Verbs whose object sits between cue and content: "told Reuters that", "warned the EU".
# Auxiliaries and modals: the verb of a clause whatever follows ("is", "would", "has").
AUXILIARIES = frozenset(
    [
        *("would", "will", "could", "can", "may", "might", "should", "must", "is", "was"),
        *("are", "were", "has", "have", "had", "did", "does"),
    ]
)
OBJECT_VERBS = frozenset({"tell", "inform", "assure", "remind", "warn", "ask", "urge", "accuse"})
OBJECT = re.compile(
    # v8: a question word opens the content, never the object: "asked whether the deals ...".
    r"\s+(?!(?:that|whether|if|what|how|why|who|when|where)\b)"
    r"(?:(?:the|a|an|his|her|their|its)\s+)?"
    r"(?:[A-Z][\w.'’&-]*(?:\s+(?:of\s+)?[A-Z][\w.'’&-]*)*|\w+(?:\s+\w+)?)\b"
    r"(?=\s*[,:]|\s+(?:that|he|she|they|it|we|I|you|there|the)\b)"
)
# What may follow a trailing cue: nothing, or a new clause after a comma (", adding that").
# Possessive (`*+`, `++`): with backtracking, a run of periods could be cut into runs in 2^n
# ways before `$` failed ("He said" + 40 dots + "x" ran for hours; issue 16).
TAIL = re.compile(r"\s*+(?:[.!?…\"”’)]++\s*+)*+$|\s*[,;—–(]")
# Verbs whose present forms are never nouns, so that a common-noun source needs no clause
# start after them: "critics say resources could be better spent" (issue 13, PolNeAR dev).
NEVER_NOUNS = frozenset(
    ["say", "tell", "argue", "insist", "contend", "suggest", "explain", "acknowledge", "admit"]
)
# "what he called the mayor's secret deal", "what it calls a coordinated attack": the writer's
# distance from a label, which PolNeAR marks as an attribution once in 11 (issue 13, tune part).
WHAT_BEFORE = re.compile(r"\bwhat\s+(?:[\w.'’-]+\s+){1,3}$", re.IGNORECASE)


# v7: a base form that opens the sentence, after at most a softener, is an imperative: the
# writer to the reader ("Now tell us this isn't a witch hunt", "Please ask yourself").
IMPERATIVE = re.compile(r"[\s\"“'‘]*(?:(?:please|now|so|just|and|but|then|or)\s+)?", re.IGNORECASE)


def imperative(text: str, start: int, word: str, lemma: str) -> bool:
    """Whether the cue form ``word`` at ``start`` is an imperative (its base form opening the
    sentence); reads 20 characters at most."""
    return (
        word.lower() == lemma and start <= 20 and IMPERATIVE.fullmatch(text, 0, start) is not None
    )


_NAMING = re.compile(r",\s+(?:also\s+)?$")


def labelled_as(text: str, start: int, word: str) -> bool:
    """Whether the form of "call" at ``start`` follows "what X": "what he called"; or the verb
    names what the comma before it follows: "Burma, also known as Myanmar", "the bill, known
    as JASTA", "the group, also called X" (issue 13, sixth pass: no one says it)."""
    lower = word.lower()
    if lower == "known" or (
        lower.startswith("call") and text[max(0, start - 5) : start] == "also "
    ):
        return _NAMING.search(text, max(0, start - 12), start) is not None
    return (
        lower.startswith("call") and WHAT_BEFORE.search(text, max(0, start - 40), start) is not None
    )


# Right after an adjective use the verb form is no cue: "the reported attack", "so-called".
# v7: nor after "worth" ("It's worth noting that"): the writer's aside, no one's attribution.
ADJECTIVAL = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "its", "their", "worth"}
)
# Words a content never starts with: the cue was used with a preposition ("said of", "ask for").
NOT_CONTENT = frozenset(
    [
        "of",
        "about",
        "for",
        "by",
        "to",
        "with",
        "on",
        "at",
        "so",
        "yes",
        "no",
        "as",
        "up",
        "out",
        "back",
        "off",
        "into",
        "from",
        "over",
        "in",
    ]
)
QUOTE_END = "\"”'’"
# A sentence-initial subject, after an optional short fronted phrase ("In Beijing, organisers").
# v7: after a connective ("But he ..."); a subordinator or connective is no name ("Though").
# v8 (seventh pass): a fronted phrase of up to 15 words ("During a national security speech
# earlier in the day, Trump attacked ..., saying").
# v13: its "The" + lower-case words may run over a past verb ("The company reported losses"):
# subject.py cuts them before it (tests/prelabel/test_claims_subject_past.py).
SUBJECT = re.compile(
    r"(?:(?:But|And|Yet|So|Still|Now|Then|However,|Meanwhile,|Instead,|Indeed,|Also,)\s+)?"
    r"(?:[A-Z]\w*(?:\s+[\w'’-]+){0,14},\s+)?(?!(?:In|On|At|During|After|Before|For|With|By|From|"
    r"Despite|Since|When|While|As|If|Although|Because|Under|Over|Amid|Following|Though|Once|"
    r"Until|Unless|Whether|But|And|Yet|So|Still|Then|However|Meanwhile)\b)((?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)\b"
    r"|(?:[Tt]he|[Aa]n?)\s+(?:[a-z]+\s+){0,2}[a-z]+(?=\s+[a-z]+(?:ed|s)\b)"
    r"|(?:(?:[Tt]he|[Aa]n?)\s+)?(?:[A-Z][\w.'’&-]*\s+){0,3}[A-Z][\w.'’&-]*(?=\s+[a-z]))"
)
# Issue 13, the train gap: a connective between commas after the subject, before its verb
# ("Reed, however, said", "The board, meanwhile, warned"): the subject is before it.
CONNECTIVES = (
    r"(?:however|meanwhile|though|too|instead|nevertheless|moreover|in turn|in response"
    r"|for (?:his|her|its|their) part)\b"
)
CONNECTIVE = re.compile(rf",\s*{CONNECTIVES}\s*$")
# Issue 13, the train gap: a verb after "to" is a cue when the verb before it only goes on
# with what the subject does ("went on to say", "continued to insist"): not "plans to say";
# finite forms only ("by continuing to say", "is continuing to": no subject next to them).
GOES_ON = re.compile(r"\b(?:(?:went|goes|go)\s+on|continue[sd]?)\s+to\s*$")
# "PENCE: Well, look..." (transcripts), "Poll: Wealthy voters..." (headlines).
# Precision pass: what follows is a clause of four words at least ("Lambert: A triumph.", a
# label's value, is no one's words).
COLON = re.compile(
    r"[\"“]?((?:[A-Z][\w.'’&-]*\s+){0,3}[A-Z][\w.'’&-]*):\s+(?=\S+\s+\S+\s+\S+\s+\S)"
)
# v7: and a newsroom's labels: "Correction: An earlier version ...", "The Latest: Trump urges".
NOT_SPEAKERS = frozenset(
    [
        *("update", "note", "photo", "video", "read", "watch", "related", "source", "sources"),
        *("editor", "correction", "corrections", "clarification", "the latest", "latest"),
        *("breaking", "breaking news", "exclusive", "analysis", "opinion", "commentary"),
        # precision pass: the credits and notices of a wire or a paper ("Contributing: Ann
        # Lee.", "BYLINE: Ann Lee.", "Editor's Note: ...", "Paid Notice: Deaths ...").
        *("contributing", "byline", "editor's note", "editor’s note", "paid notice"),
    ]
)
# Promises and requests report their content as an infinitive: "vowed to bring back jobs".
INFINITIVE = frozenset(
    ["vow", "pledge", "promise", "urge", "threaten", "refuse", "call on", "warn", "ask", "agree"]
)
SUBJECTS = frozenset(
    [
        "that",
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "there",
        "this",
        "these",
        "those",
        "if",
        "whether",
    ]
)
# How a reported clause may start: a subject, "that", a determiner, a name, a number, a quote.
# Lower-case anything else is a verb or an object ("member states trump everything").
CLAUSE_START = SUBJECTS | frozenset(
    [
        "the",
        "a",
        "an",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "some",
        "many",
        "most",
        "no",
        "all",
        "any",
        "every",
        "each",
        "one",
        "two",
        "both",
        "everything",
        "nothing",
        "something",
        "everyone",
        "nobody",
        "none",
        "more",
        "less",
        "only",
        "not",
        "what",
        "why",
        "how",
        "who",
        "when",
        "where",
    ]
)


def parenthesis(tokens: list[re.Match[str]], close: int) -> int | None:
    """The token before the "(" that opens the parenthesis closing at ``close`` (source.py)."""
    for j in range(close - 1, max(close - 8, -1), -1):
        if tokens[j].group() == "(":
            return j - 1
    return None


_CLAUSE_OPENERS = frozenset(["", ",", ";", "while", "whereas", "and", "but"])
# What may stand before the number of a share that is a subject: "Another 7%", "Some 87%".
_SHARE_LEADS = frozenset(
    [
        "a",
        "an",
        "the",
        "another",
        "some",
        "only",
        "just",
        "about",
        "around",
        "roughly",
        "almost",
        "nearly",
        "over",
        "under",
        "fully",
        "further",
        "other",
        "remaining",
    ]
)


def share_subject(text: str, span: tuple[int, int], before: str) -> bool:
    """Whether a share ending in "%" is the subject of the verb after it (issue 13, the train
    gap): it opens its clause (``before`` it: nothing, a comma or a conjunction, "On taxes, 42%
    say", "Another 7% said", "while 30% said"), and is a share alone or after a quantifier, or
    one in apposition after a comma ("A majority, 52%, said"). Not a clause that ends in a
    figure ("Profits rose 12%, said the bank": the bank said it) nor a phrase with a
    preposition ("ahead of the 0.6% forecast", "with 12% saying")."""
    if before.lower() not in _CLAUSE_OPENERS:
        return False
    piece = text[span[0] : span[1]].rstrip(",")
    _, comma, share = piece.rpartition(",")
    if comma:  # the share in apposition: "A third of farmers, 33%,"
        return len(share.split()) == 1
    words = piece.lower().split()
    return all(w in _SHARE_LEADS for w in words[:-1])
