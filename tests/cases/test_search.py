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
        "agreements_checklist": {
            "money_location": "intermediary",
            "legal_form": "Aansluitovereenkomst met huishoudelijk reglement",
        },
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


def _reasons(canvas: dict, slug: str) -> list[str]:
    matches = {m.slug: m for m in similar.rank(canvas, library_cases(), limit=12)}
    return [reason.text() for reason in matches[slug].reasons] if slug in matches else []


GREEN_DAKEN = {
    "schema": "grenzeloos.canvas/1",
    "subject": "Groene daken in de wijk",
    "partners": [
        {"name": "Gemeente", "role": "founding", "sector": "government"},
        {"name": "Bewonersvereniging", "role": "founding", "sector": "civil_society"},
    ],
}


def test_an_undecided_legal_form_gives_no_legal_form_reason() -> None:
    """ "coöperatie of stichting" names a form the publication did not meet and leaves the choice
    open: no case has "the same legal form" (it once gave "Same legal form: foundation")."""
    canvas = {
        **GREEN_DAKEN,
        "agreements": "We kiezen nog: coöperatie of stichting.",
        "agreements_checklist": {"legal_form": "Coöperatie of stichting"},
    }
    for case in library_cases():
        assert not [r for r in _reasons(canvas, case["slug"]) if r.startswith("Same legal")]
    assert similar.legal_form_of("Coöperatie of stichting") is None
    assert similar.legal_form_of("Stichting Groene Daken") == "foundation"
    assert similar.legal_form_of("Een b.v. van de partners") == "private_company"
    assert similar.legal_form_of("Stichting of bv, nog niet besloten") is None


def test_legal_form_and_money_come_from_the_checklist_not_from_other_boxes() -> None:
    # Words in the boxes that once were read as a foundation and money with a foundation.
    guessed = {
        **GREEN_DAKEN,
        "neutral_ground": "De stichting van de hogeschool host de bijeenkomsten.",
        "financing": "Geld bij de stichting.",
    }
    assert not [r for r in _reasons(guessed, "the-green-village") if r.startswith("Same legal")]
    assert not [r for r in _reasons(guessed, "the-green-village") if r.startswith("The money")]
    answered = {
        **GREEN_DAKEN,
        "agreements_checklist": {"money_location": "separate_entity", "legal_form": "Stichting"},
    }
    reasons = _reasons(answered, "the-green-village")
    assert "Same legal form: Foundation (stichting)" in reasons
    assert (
        "The money sits in the same place: With a foundation or bv set up for the collaboration"
        in reasons
    )


#: Function words that say nothing about a case (typed in, not taken from the module).
FUNCTION_WORDS = {
    "samen", "per", "tussen", "binnen", "zonder", "mee", "tot", "elkaar", "zoals", "waarin",
    "alleen", "eigen", "den", "deze", "dit", "uit", "onder", "between", "within", "without",
}  # fmt: skip


def test_reasons_leave_stop_words_out() -> None:
    cases = library_cases()
    shown = set()
    for case in cases:
        for match in similar.rank(case["example_canvas"]["document"], cases, limit=12):
            for reason in match.reasons:
                if reason.kind == "text":
                    shown |= set(reason.values)
    assert shown, "the example canvases share words with the cases"
    assert shown & FUNCTION_WORDS == set()


def test_a_dutch_singular_finds_its_plural_and_back() -> None:
    """ "schuld" found nothing where "schulden" found SchuldenLab: Snowball's current Dutch
    algorithm stems "schulden" to "schul" but leaves "schuld"; the classic one agrees."""
    index = search.index_terms(["Mensen met schulden en bedrijven in de gemeenten"])
    assert search.matches("schuld", index) == ["schuld"]
    assert search.matches("bedrijf", index) == ["bedrijf"]
    assert search.matches("gemeente", index) == ["gemeente"]
    singular = search.index_terms(["Een schuld bij een bedrijf"])
    assert search.matches("schulden bedrijven", singular) == ["schulden", "bedrijven"]


def test_a_hyphen_in_the_query_changes_nothing() -> None:
    """ "start-ups" gave 10 cases (every case saying "start") and "startups" 4."""
    assert search.query_words("start-ups") == ["startups"] == search.query_words("Startups")
    hyphenated = search.index_terms(["Werken met start-ups aan de start"])
    joined = search.index_terms(["Werken met startups"])
    for index in (hyphenated, joined):
        assert search.matches("start-up", index) == ["startup"]
        assert search.matches("startups", index) == ["startups"]
    assert search.matches("start-ups", search.index_terms(["een goede start"])) == []


def test_threads_stem_each_their_own_words() -> None:
    """The server answers requests in threads; one shared Snowball stemmer gave threads each
    other's stems (64 of 40,000 words wrong with 8 threads) and now and then a server error."""
    import random
    import threading

    endings = ["en", "ingen", "heden", "s", "tjes", "ing", "ed"]
    words = [
        "".join(random.Random(i).choices("abdeghiklmnoprstuvz", k=8 + i % 9)) + endings[i % 7]
        for i in range(12_000)
    ]
    search.stems.cache_clear()
    expected = {word: search.stems(word) for word in words}
    search.stems.cache_clear()
    wrong: list[str] = []

    def stem(chunk: list[str]) -> None:
        wrong.extend(word for word in chunk if search.stems(word) != expected[word])

    threads = [threading.Thread(target=stem, args=(words[i::8],)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
