"""Search with Dutch (and English) stemming, and the ranking of similar cases."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from grenzeloos.cases import search, similar
from grenzeloos.cases.library import library_cases


def test_inflected_dutch_forms_find_each_other() -> None:
    index = search.index_terms(["De samenwerking rond een stichting en financiële bijdragen"])
    assert search.matches("samenwerkingen", index) == ["samenwerkingen"]
    assert search.matches("stichtingen", index) == ["stichtingen"]
    assert search.matches("financiele", index) == ["financiele"]
    assert search.matches("Financiële", index) == ["financiele"]
    assert search.matches("vliegtuigen", index) == []


def test_english_forms_find_each_other() -> None:
    index = search.index_terms(["Two foundations and a collaboration agreement"])
    assert search.matches("collaborations", index) == ["collaborations"]
    assert search.matches("foundation", index) == ["foundation"]


def test_stopwords_and_single_letters_are_not_searched() -> None:
    assert search.query_words("wie zette het geld in een stichting?") == [
        "zette",
        "geld",
        "stichting",
    ]


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzëéï", min_size=2, max_size=14))
def test_a_word_is_always_found_in_a_text_containing_it(word: str) -> None:
    index = search.index_terms([f"iets over {word} hier"])
    folded = search.fold(word)
    if folded not in search.STOPWORDS:
        assert search.matches(word, index) == [folded]


def test_each_example_canvas_ranks_its_own_case_first() -> None:
    cases = library_cases()
    for case in cases:
        best = similar.rank(case["example_canvas"]["document"], cases, limit=1)[0]
        assert best.slug == case["slug"]
        assert best.reasons


def test_reasons_name_what_is_shared() -> None:
    canvas = {
        "schema": "grenzeloos.canvas/1",
        "subject": "Containers over water",
        "agreements": "Aansluitovereenkomst en huishoudelijk reglement; ECP int de bijdragen.",
        "partners": [
            {"name": "Ministerie", "role": "founding", "sector": "government"},
            {"name": "Bedrijf", "role": "founding", "sector": "business"},
            {"name": "Universiteit", "role": "founding", "sector": "knowledge"},
        ],
    }
    matches = {m.slug: m for m in similar.rank(canvas, library_cases(), limit=12)}
    dbc = matches["dutch-blockchain-coalition"]
    kinds = {reason.kind for reason in dbc.reasons}
    assert {"legal_form", "money"} <= kinds
    texts = [reason.text() for reason in dbc.reasons]
    assert "Same legal form: Accession agreement with house rules" in texts
    assert "The money sits in the same place: With an intermediary such as ECP" in texts
    assert next(iter(matches)) == "dutch-blockchain-coalition"


def test_an_empty_canvas_matches_nothing() -> None:
    assert similar.rank({"schema": "grenzeloos.canvas/1", "subject": "x"}, library_cases()) == []


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(range(12)), st.sampled_from(["government", "business", "knowledge"]))
def test_adding_a_shared_sector_never_lowers_a_score(index: int, sector: str) -> None:
    cases = library_cases()
    case = cases[index]
    canvas = copy.deepcopy(case["example_canvas"]["document"])
    canvas["partners"] = [p for p in canvas["partners"] if p["sector"] != sector]
    before = {m.slug: m.score for m in similar.rank(canvas, cases, limit=12)}
    in_case = sector in {p["sector"] for p in case["partners"]}
    canvas["partners"].append({"name": "Extra", "role": "stakeholder", "sector": sector})
    after = {m.slug: m.score for m in similar.rank(canvas, cases, limit=12)}
    if in_case and canvas["partners"][:-1]:
        assert after.get(case["slug"], 0) >= before.get(case["slug"], 0) - 1e-9
