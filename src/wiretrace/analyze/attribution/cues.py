"""The cue lexicon: reporting verbs, cue nouns and the nouns that make a source anonymous.

The verb classes follow the usual split of reporting verbs in the attribution literature (Levin's
"verbs of communication", PARC / PolNeAR cue annotations): verbs of *speech* introduce direct or
reported speech; verbs of *cognition* (believe, expect) introduce beliefs and intentions, which count
as attributions only with a clause complement and a source. All entries are lemmas, so inflection is
the lemmatizer's job. The lists are data (``src/wiretrace/lexicons/quotes_*.txt``); nothing in them
comes from any evaluation text.
"""

from __future__ import annotations

from spacy.tokens import Token

from wiretrace import lexicons

SPEECH_VERBS = lexicons.load("quotes_speech_verbs")
COGNITION_VERBS = lexicons.load("quotes_cognition_verbs")
INTENTION_VERBS = lexicons.load("quotes_intention_verbs")
OBJECT_VERBS = lexicons.load("quotes_object_verbs")


def _pairs(name: str) -> dict[str, frozenset[str]]:
    """A lexicon of "word preposition" lines as word -> prepositions."""
    out: dict[str, set[str]] = {}
    for line in lexicons.entries(name):
        word, prep = line.split()
        out.setdefault(word, set()).add(prep)
    return {w: frozenset(ps) for w, ps in out.items()}


# Verb + preposition pairs whose object is what was said ("talked about X", "called for X").
PREP_CUES = _pairs("quotes_prep_cues")
# Nouns of saying, believing and intending that take a "that" clause as their content ("the claim that
# ...", "X's view that ...", "X made the argument that ..."); the source is the possessor, a
# "by"/"from"/"of" phrase, or the subject of a light verb that has the noun as its object.
CLAUSE_NOUNS = lexicons.load("quotes_clause_nouns")
LIGHT_VERBS = lexicons.load("quotes_light_verbs")
# Adjectives of attitude after "be" whose clause or prepositional object is a held belief or
# stance ("X is confident that ...", "X was critical of ..."), with the prepositions they take.
ATTITUDE_ADJECTIVES = _pairs("quotes_attitude_adjectives")

CUE_VERBS = SPEECH_VERBS | COGNITION_VERBS | INTENTION_VERBS | OBJECT_VERBS | frozenset(PREP_CUES)
_WH = lexicons.load("quotes_wh_words")

# Verbs whose passive subject is the speaker and whose agent is the relaying outlet
# ("Putin was quoted as saying by TASS", "she was cited by Reuters as saying").
RELAY_PASSIVES = frozenset({"quote", "cite"})

# Nouns that name an utterance; their source is a possessor or a "from"/"by" phrase.
CUE_NOUNS = lexicons.load("quotes_cue_nouns")
# Heads of source mentions that do not identify anyone when not named ("a senior official").
ANONYMOUS_HEADS = lexicons.load("speakers_anonymous_heads")
# Determiners and quantifiers that keep a mention indefinite.
INDEFINITE = lexicons.load("quotes_indefinite")

PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "us", "me"})
RELATIVES = frozenset({"who", "which", "that", "whom"})


# Lemmatizer slips on reporting verbs ("hoping" -> "hop").
_LEMMA_FIXES = {("hop", "hope"): "hope", ("hop", "hopi"): "hope"}


def cue_lemma(tok: Token) -> str:
    """The lemma of a possible cue, with the lemmatizer's known slips on reporting verbs mended."""
    lemma = tok.lemma_.lower()
    fixed = _LEMMA_FIXES.get((lemma, tok.lower_[:4]))
    return fixed if fixed is not None else lemma


def is_cue_verb(tok: Token, *, speech_only: bool = False) -> bool:
    """A reporting verb (by lemma); ``speech_only`` leaves out cognition verbs."""
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return False
    return cue_lemma(tok) in (SPEECH_VERBS if speech_only else CUE_VERBS)


def is_wh_clause(head: Token) -> bool:
    """A clause opened by a wh-word ("knowing how they would vote"): an embedded question."""
    first = head.doc[head.left_edge.i]
    return first.lower_ in _WH


def is_according_to(tok: Token) -> bool:
    """The preposition "according" of "according to X"."""
    return tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
