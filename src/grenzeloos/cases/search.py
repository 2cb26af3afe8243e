"""Full-text search over cases with stemming, so inflected forms find each other.

Why: people ask in their own words ("samenwerkingen", "stichtingen", "collaborations") and the
case says "samenwerking" or "foundation". Every word is reduced to its Dutch and its English
Snowball stems (the cases are bilingual); a case's index is the set of stems of all its texts,
and a query word matches when one of its stems is in that set. Accents are folded, so
"financiele" finds "financiële". Plain functions without a database: the services store the
index and rank with it, and the ranking of similar cases reuses the same tokens.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import snowballstemmer

from grenzeloos.cases.library import (
    CONDITIONS,
    LEGAL_FORMS,
    MONEY_LOCATIONS,
    SECTORS,
    THEMES,
    iter_texts,
)

#: Words too common to say anything about a case (Dutch and English), ignored in queries.
STOPWORDS = frozenset(
    """
    de het een en van in op te dat die is voor met zijn aan er als bij ook om door naar of dan
    wie wat waar welke hoe niet geen nog wel al zo maar heeft hebben wordt worden was waren
    the a an and of in on to that is for with are at by as or from who what which where how
    not no it its be has have was were this these those their they them do does did
    over alle zodat krijgen eerste drie nieuwe hun ons onze meer veel kan kunnen moet moeten
    gaat gaan zelf elke iedereen zich hen also more all our your can will into
    ik je jij jullie hij zij ze we wij u mij me mijn jouw uw hem haar dit deze daar hier toen nu
    tot uit mee tegen na onder tussen binnen buiten zonder sinds per via tijdens omdat want dus
    maar toch reeds eens altijd iets niets iemand alles andere ander elkaar zoals waarin waarbij
    waardoor waarmee samen alleen eigen blijft blijven zal zou zullen kon konden wil willen ben
    bent was werd werden wezen geweest doen doet deed had hadden heb hebt men der den ja nee
    i me my we you he she him her his hers than then there here when why while because so but
    if into through during before after above below up down out off again further once only own
    same such too very just should would could shall may might must other each both any some
    most few nor about against between until upon within without per via own being been having
    """.split()
)

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)


_per_thread = threading.local()


def _stemmer(language: str) -> Any:
    """This thread's stemmer for the language. A Snowball stemmer keeps the word it works on in
    itself, so two threads sharing one (the server answers requests in threads) got each
    other's stems: 64 of 40,000 words wrong with 8 threads, and now and then a server error."""
    stemmers = getattr(_per_thread, "stemmers", None)
    if stemmers is None:
        stemmers = _per_thread.stemmers = {}
    if language not in stemmers:
        stemmers[language] = snowballstemmer.stemmer(language)
    return stemmers[language]


def fold(text: str) -> str:
    """Lower case without accents: "Financiële" → "financiele"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """The words of a text, folded; hyphenated compounds give the whole and its parts."""
    found: list[str] = []
    for match in _WORD.finditer(fold(text)):
        word = match.group()
        found.append(word.replace("-", ""))
        if "-" in word:
            found.extend(part for part in word.split("-") if part)
    return found


#: Snowball's algorithms whose stems a word is found by. Two for Dutch: the current one
#: ("schulden" → "schul", but "schuld" → "schuld") and the classic Porter one ("schulden" →
#: "schuld"), so a singular finds its plural where either gets it right; and English.
STEMMERS = ("dutch", "dutch_porter", "english")


@lru_cache(maxsize=65536)
def stems(word: str) -> frozenset[str]:
    """The Dutch and English stems of one folded word."""
    return frozenset(_stemmer(language).stemWord(word) for language in STEMMERS)


def index_terms(texts: Iterable[str]) -> frozenset[str]:
    """The stems of every word of the texts: what a case is found by."""
    terms: set[str] = set()
    for text in texts:
        for word in words(text):
            terms |= stems(word)
    return frozenset(terms)


def query_words(query: str) -> list[str]:
    """The words of a query that carry meaning (stopwords and one-letter words left out).

    A hyphenated query word is searched as one word: "start-ups" finds what "startups" finds
    (the index holds the joined form of every hyphenated word), not every case that says
    "start" somewhere.
    """
    joined = [match.group().replace("-", "") for match in _WORD.finditer(fold(query))]
    return [w for w in dict.fromkeys(joined) if len(w) > 1 and w not in STOPWORDS]


def matches(query: str, index: Iterable[str]) -> list[str]:
    """The query words found in an index (by any of their stems), in query order."""
    terms = set(index)
    return [word for word in query_words(query) if stems(word) & terms]


def case_texts(document: Mapping[str, Any]) -> list[str]:
    """All text of a case a search should look at: both languages and the labels of its keys."""
    texts = [document.get("name", "")]
    for _path, text in iter_texts(document):
        texts.extend(text.values())
    texts.extend(partner["name"] for partner in document.get("partners") or ())
    for key, labels in (
        ("theme", THEMES),
        ("legal_form", LEGAL_FORMS),
        ("money_location", MONEY_LOCATIONS),
    ):
        if document.get(key) in labels:
            texts.append(str(labels[document[key]]))
            texts.append(document[key].replace("_", " "))
    for lesson in document.get("lessons") or ():
        texts.append(str(CONDITIONS[lesson["condition"]]))
    for partner in document.get("partners") or ():
        texts.append(str(SECTORS[partner["sector"]]))
    return [text for text in texts if text]


def serialise(terms: Iterable[str]) -> str:
    """An index as stored: space-separated and space-delimited, so `" stem "` finds a term."""
    return " " + " ".join(sorted(set(terms))) + " "


def index_for(document: Mapping[str, Any]) -> frozenset[str]:
    """The search index of a case, with the labels of its keys in every language."""
    from django.utils import translation

    texts: list[str] = []
    for language in ("nl", "en"):
        with translation.override(language):
            texts.extend(case_texts(document))
    return index_terms(texts)
