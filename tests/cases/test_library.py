"""The twelve library cases: present, complete, traceable to the publication, in our own words,
and a loader that refuses bad files with the file and the field named."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grenzeloos.canvas.document import validate as validate_canvas
from grenzeloos.cases.library import (
    CONDITIONS,
    LEGAL_FORMS,
    MONEY_LOCATIONS,
    CaseFileError,
    iter_texts,
    library_cases,
    load_directory,
    validate_case,
)
from tests.publication_text import publication_text

# Typed in from the publication. No pages: the text the library was made from does not show the
# printed page numbers (its page breaks are those of a text extraction, not the printed pages).
EXPECTED = {
    "cumulus-park": ("Cumulus Park", None, "Irene Duyn"),
    "schuldenlabnl": ("SchuldenlabNL", None, "Sadik Harchaoui"),
    "nederlandse-ai-coalitie": ("Nederlandse AI Coalitie", None, "Kees van der Klauw"),
    "the-hague-security-delta": ("The Hague Security Delta", None, "Saskia Noordewier"),
    "modal-shift": ("Modal Shift", None, "Dirk-Jan de Bruijn"),
    "werkplaats-digitaal-vakmanschap": ("Digitaal Vakmanschap", None, "Sanne Borger"),
    "new-trust-foundation": ("New Trust Foundation", None, "Diederik van Leeuwen"),
    "start-up-in-residence": ("Start-up in Residence", None, "Arinda van der Meer"),
    "the-green-village": ("The Green Village", None, "Marjan Kreijns"),
    "odyssey": ("Odyssey", None, "Rutger van Zuidam"),
    "dutch-blockchain-coalition": ("Dutch Blockchain Coalition", None, "Peter Verkoulen"),
    "de-verkeersonderneming": ("Verkeersonderneming", None, "Roger Demkes"),
}

# Where the story is silent (checked against the text by reading it, not derived from the YAML).
SILENT_ON_IP = {
    "cumulus-park",
    "schuldenlabnl",
    "the-hague-security-delta",
    "new-trust-foundation",
    "de-verkeersonderneming",
}
MONEY_NOT_ONE_OF_FOUR = {
    "schuldenlabnl",
    "start-up-in-residence",
    "modal-shift",
    "nederlandse-ai-coalitie",
    "new-trust-foundation",
}


def _publication_lines() -> list[str]:
    return publication_text().split("\n")


def _cases() -> dict[str, dict[str, Any]]:
    return {case["slug"]: case for case in library_cases()}


def test_all_twelve_cases_are_present_without_page_numbers() -> None:
    cases = _cases()
    assert set(cases) == set(EXPECTED)
    for slug, (name, pages, interviewee) in EXPECTED.items():
        case = cases[slug]
        assert name in case["name"]
        assert case["source"]["pages"] == pages
        assert interviewee in case["source"]["interviewees"]


def test_each_story_is_where_the_case_says() -> None:
    lines = _publication_lines()
    for slug, case in _cases().items():
        first, last = case["source"]["lines"]
        story = "\n".join(lines[first - 1 : last])
        short_name = EXPECTED[slug][0]
        assert short_name.split()[-1] in story, slug
        for person in case["source"]["interviewees"]:
            assert person.split()[-1] in story, (slug, person)


def test_stories_do_not_overlap_and_follow_the_publication_order() -> None:
    ranges = [case["source"]["lines"] for case in library_cases()]
    for (_, end), (start, _) in itertools.pairwise(ranges):
        assert end < start


def test_every_structured_field_is_filled_where_the_story_tells_it() -> None:
    for slug, case in _cases().items():
        assert case["partners"] and case["financing"] and case["governance"], slug
        assert case["process"] and case["lessons"] and case["scaling"], slug
        assert case["legal_form"] in LEGAL_FORMS, slug
        assert (case["ip"] is None) == (slug in SILENT_ON_IP), slug
        if slug in MONEY_NOT_ONE_OF_FOUR:
            assert case["money_location"] is None
        else:
            assert case["money_location"] in MONEY_LOCATIONS, slug
        assert case["money_note"], slug  # always says why or how
        assert {lesson["condition"] for lesson in case["lessons"]} <= set(CONDITIONS)
        for path, text in iter_texts(case):
            assert text.get("nl") and text.get("en"), (slug, path)


def test_known_facts_from_the_stories() -> None:
    cases = _cases()
    assert cases["dutch-blockchain-coalition"]["legal_form"] == "accession_agreement"
    assert cases["dutch-blockchain-coalition"]["money_location"] == "intermediary"
    assert cases["odyssey"]["legal_form"] == "private_company"
    assert cases["werkplaats-digitaal-vakmanschap"]["legal_form"] == "project_in_partner"
    assert cases["werkplaats-digitaal-vakmanschap"]["money_location"] == "partner"
    assert cases["the-green-village"]["legal_form"] == "foundation"
    assert cases["de-verkeersonderneming"]["legal_form"] == "foundation"
    # HSD moved the municipality (a funder) out of its board: the board no longer has it.
    hsd_bodies = " ".join(
        g["members"]["en"] for g in cases["the-hague-security-delta"]["governance"]
    )
    assert "no longer" in hsd_bodies
    # The five conditions are all used across the library.
    used = {lesson["condition"] for case in cases.values() for lesson in case["lessons"]}
    assert used == set(CONDITIONS)


def test_example_canvases_are_valid_canvases_marked_as_illustration() -> None:
    for case in library_cases():
        example = case["example_canvas"]
        assert example["illustration"] is True
        document = validate_canvas(example["document"])
        assert document["subject"].startswith("Illustratie")
        assert document["partners"], case["slug"]


def test_example_checklists_say_what_the_case_says() -> None:
    """The example canvases answer the agreements checklist with their case's own facts, so
    the similar cases (which read only the checklist) find each one's case."""
    from grenzeloos.cases.similar import legal_form_of

    for case in library_cases():
        checklist = case["example_canvas"]["document"].get("agreements_checklist", {})
        assert checklist.get("money_location") == case["money_location"], case["slug"]
        named = legal_form_of(checklist.get("legal_form", ""))
        assert named == (None if case["legal_form"] == "own_organisation" else case["legal_form"])


# Originality (no run of 12 words copied from the publication) is guarded over every shipped
# text, the case files among them, in tests/test_originality.py.


# ---- the loader refuses bad files, naming the file and the field


def _good() -> dict[str, Any]:
    import copy

    return copy.deepcopy(library_cases()[0])


def _write(tmp_path: Path, name: str, data: dict[str, Any]) -> None:
    import yaml

    (tmp_path / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(theme="space"), "theme"),
        (lambda d: d.update(colour="blue"), "colour"),
        (lambda d: d["lessons"][0].update(condition="luck"), "lessons[0].condition"),
        (lambda d: d["summary"].pop("en"), "summary"),
        (lambda d: d["partners"][1].update(sector="army"), "partners[1].sector"),
        (lambda d: d.pop("ip"), "ip"),
        (lambda d: d.update(process=[]), "process"),
        (lambda d: d["source"].update(pages=[20, 17]), "source.pages"),
        (lambda d: d["source"].update(lines=[1203, 969]), "source.lines"),
        (lambda d: d["example_canvas"].update(illustration=False), "example_canvas.illustration"),
    ],
)
def test_bad_files_are_refused_with_file_and_field(tmp_path: Path, change: Any, field: str) -> None:
    data = _good()
    change(data)
    _write(tmp_path, "07-broken.yaml", data)
    with pytest.raises(CaseFileError) as raised:
        load_directory(tmp_path)
    message = str(raised.value)
    assert message.startswith("07-broken.yaml")
    assert field in message


def test_a_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "01-bad.yaml").write_text("schema: grenzeloos.case/1\nname: [unclosed\n")
    with pytest.raises(CaseFileError, match=r"01-bad.yaml: line \d+"):
        load_directory(tmp_path)


def test_duplicate_slugs_are_refused(tmp_path: Path) -> None:
    _write(tmp_path, "01-a.yaml", _good())
    _write(tmp_path, "02-b.yaml", _good())
    with pytest.raises(CaseFileError, match="02-b.yaml: field slug"):
        load_directory(tmp_path)


def test_team_cases_may_not_pose_as_library_cases() -> None:
    with pytest.raises(CaseFileError, match="field source"):
        validate_case(_good(), where="input")


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["schema", "slug", "name", "theme", "domain", "summary", "ip", "x"]),
        st.one_of(st.none(), st.text(max_size=5), st.integers(), st.lists(st.text(max_size=3))),
    )
)
def test_validation_only_ever_raises_a_case_error(data: dict[str, Any]) -> None:
    try:
        validate_case(data, where="input")
    except CaseFileError as error:
        assert str(error).startswith("input: ")


@pytest.mark.parametrize(
    ("former", "current"), [("partner_not_government", "partner"), ("distributed", "spread")]
)
def test_a_case_file_of_the_previous_release_reads_its_former_money_key(former, current):
    """Files people kept say where the money sits with the keys of before the one vocabulary."""
    from tests.cases.conftest import team_case

    document = validate_case(team_case(money_location=former), where="oud.yaml")
    assert document["money_location"] == current


def test_a_case_file_with_an_unknown_money_key_is_refused():
    from tests.cases.conftest import team_case

    with pytest.raises(CaseFileError, match="money_location"):
        validate_case(team_case(money_location="elsewhere"), where="x.yaml")
