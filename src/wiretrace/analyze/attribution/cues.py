"""The cue lexicon: reporting verbs, cue nouns and the nouns that make a source anonymous.

The verb classes follow the usual split of reporting verbs in the attribution literature (Levin's
"verbs of communication", PARC / PolNeAR cue annotations): verbs of *speech* introduce direct or
reported speech; verbs of *cognition* (believe, expect) introduce beliefs and intentions, which count
as attributions only with a clause complement and a source. All entries are lemmas, so inflection is
the lemmatizer's job. Nothing here comes from any evaluation text.
"""

from __future__ import annotations

from spacy.tokens import Token


def lexicon(words: str) -> frozenset[str]:
    """A word list written as whitespace-separated text, so long lists stay readable."""
    return frozenset(words.split())


# Verbs of saying, asserting, asking and writing: usable with direct quotes and with clauses.
SPEECH_VERBS = lexicon(
    """
    say tell add state announce claim argue insist explain note report write warn predict suggest
    acknowledge admit agree ask answer reply respond confirm deny declare describe emphasize emphasise
    stress assert maintain contend recall reveal mention indicate observe remark comment complain
    concede conclude urge demand promise pledge vow threaten tweet post testify allege accuse charge
    blame criticize criticise praise recommend propose proclaim boast joke quip shout scream whisper
    yell recount tout caution counter retort continue concur disclose inform assure reassure remind
    speculate wonder question dispute reject rebut lament muse brag thunder snap exclaim cry plead
    estimate forecast project signal hint imply point predict advise order instruct cite quote read
    tell suggest inform notify announce declare protest object grumble sigh laugh chuckle smile
    interject interrupt explain elaborate clarify reiterate repeat underline underscore
    highlight acknowledge affirm reaffirm aver attest certify swear guarantee grant concede confess
    call deplore condemn slam blast decry hail welcome dismiss denounce mock ridicule label brand
    """
)

# Verbs of cognition and attitude: attributions only when they take a clause and have a source.
COGNITION_VERBS = lexicon(
    """
    believe think expect hope fear worry feel know suspect doubt assume consider reckon
    find show suggest conclude determine decide learn understand hear realize realise see
    predict anticipate want intend plan calculate estimate insist guess imagine judge recognize
    recognise acknowledge rule hold posit theorize theorise surmise presume figure bet remember
    notice sense trust wish agree opine
    """
)

# Verbs of intention and commitment whose content is an infinitive ("vowed to bring back jobs").
INTENTION_VERBS = lexicon(
    """
    want plan intend vow pledge promise threaten hope expect seek aim refuse decline agree offer
    propose urge demand ask vote encourage tell order instruct advise press remind warn invite
    challenge implore beg
    """
)

# Speech acts whose content is a noun phrase ("called for new tariffs", "mentioned the remarks").
OBJECT_VERBS = lexicon(
    """
    mention cite discuss attack criticize criticise condemn praise propose announce promise pledge
    support oppose endorse demand deny acknowledge describe question reject welcome dispute predict
    recommend reveal confirm report blast slam decry denounce defend tout champion unveil outline
    cite note reference invoke echo detail voice reiterate repeat stress emphasize emphasise
    highlight underscore dismiss mock ridicule back favor favour embrace liken show offer
    """
)

# Verb + preposition pairs whose object is what was said ("talked about X", "called for X").
PREP_CUES = {
    "talk": {"about", "of"},
    "speak": {"about", "of"},
    "warn": {"of", "about", "against"},
    "call": {"for", "on"},
    "point": {"to"},
    "accuse": {"of"},
    "worry": {"about"},
    "criticize": {"for"},
    "criticise": {"for"},
    "blame": {"for"},
    "praise": {"for"},
    "question": {"about"},
    "complain": {"about", "of"},
    "ask": {"about", "for"},
    "comment": {"on"},
    "argue": {"for", "against"},
    "testify": {"about", "on"},
    "write": {"about", "of"},
    "rally": {"against", "for"},
    "push": {"for"},
    "campaign": {"for", "against", "on"},
    "advocate": {"for"},
    "express": {"over", "about"},
    "rail": {"against"},
    "refer": {"to"},
    "allude": {"to"},
    "hint": {"at"},
    "insist": {"on"},
    "object": {"to"},
    "boast": {"about"},
    "brag": {"about"},
    "joke": {"about"},
    "speculate": {"about", "on"},
    "apologize": {"for"},
    "apologise": {"for"},
    "lobby": {"for", "against"},
    "plead": {"for"},
    "appeal": {"for"},
    "vote": {"for", "against"},
    "voice": {"about", "over"},
    "agree": {"on", "about"},
    "respond": {"to", "with", "by"},
    "react": {"to", "with", "by"},
    "reply": {"to", "with"},
    "disagree": {"on", "about"},
}

# Nouns of saying, believing and intending that take a "that" clause as their content ("the claim
# that ...", "X's view that ...", "X made the argument that ..."); the source is the possessor, a
# "by"/"from"/"of" phrase, or the subject of a light verb that has the noun as its object.
CLAUSE_NOUNS = lexicon(
    """
    statement remark comment warning claim announcement assertion allegation accusation argument
    suggestion admission promise pledge vow threat message declaration insistence prediction
    assurance view opinion belief contention conclusion finding assessment estimate expectation
    hope fear concern worry sense feeling impression acknowledgment acknowledgement recognition
    conviction argument case notion idea position stance report forecast proposal demand charge
    complaint criticism objection explanation
    """
)
LIGHT_VERBS = lexicon("make issue offer express voice repeat reiterate raise share give hold put press")

# Adjectives of attitude after "be" whose clause or prepositional object is a held belief or
# stance ("X is confident that ...", "X was critical of ..."), with the prepositions they take.
ATTITUDE_ADJECTIVES: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        lexicon("confident sure certain convinced hopeful adamant aware"),
        frozenset({"about", "of"}),
    ),
    **dict.fromkeys(
        lexicon("worried concerned afraid fearful anxious nervous optimistic pessimistic upset angry"),
        frozenset({"about", "over", "of"}),
    ),
    **dict.fromkeys(
        lexicon("skeptical sceptical critical supportive doubtful dismissive wary suspicious proud"),
        frozenset({"of", "about"}),
    ),
    "opposed": frozenset({"to"}),
    "bullish": frozenset({"on", "about"}),
    "bearish": frozenset({"on", "about"}),
}

CUE_VERBS = SPEECH_VERBS | COGNITION_VERBS | INTENTION_VERBS | OBJECT_VERBS | frozenset(PREP_CUES)
_WH = lexicon("what how why whether when where who which")

# Verbs whose passive subject is the speaker and whose agent is the relaying outlet
# ("Putin was quoted as saying by TASS", "she was cited by Reuters as saying").
RELAY_PASSIVES = frozenset({"quote", "cite"})

# Nouns that name an utterance; their source is a possessor or a "from"/"by" phrase.
CUE_NOUNS = lexicon(
    """
    statement remark comment warning claim announcement word interview tweet testimony
    assertion allegation accusation argument suggestion admission promise pledge vow threat message
    letter post speech address declaration insistence prediction assurance view opinion belief
    """
)

# Heads of source mentions that do not identify anyone when not named ("a senior official").
ANONYMOUS_HEADS = lexicon(
    """
    official source person people aide adviser advisor diplomat insider analyst expert observer
    witness resident employee staffer member insider lawmaker officer executive investigator
    insider someone somebody individual banker trader economist activist critic supporter
    opponent voter analyst
    """
)

# Determiners and quantifiers that keep a mention indefinite.
INDEFINITE = lexicon(
    "a an some several two three four five many other another one few numerous various most all"
)

PRONOUNS = lexicon("he she they it i we you him her them us me")
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
