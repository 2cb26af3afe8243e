"""The ``canvas check --json`` document: documented by a JSON Schema in the repository, stable, and
consistent for any canvas (property-based)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from grenzeloos.guidance.advice import RULE_IDS, SCHEMA_ID, Facts, check
from tests.guidance.canvases import exemplary

SCHEMA_PATH = (
    Path(__file__).resolve().parents[2] / "src/grenzeloos/guidance/schemas/canvas-check.schema.json"
)


def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_schema_lists_exactly_the_finding_ids_of_the_check() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["properties"]["schema"]["const"] == SCHEMA_ID
    assert schema["$defs"]["finding"]["properties"]["id"]["enum"] == list(RULE_IDS)


def test_output_of_an_empty_and_a_full_canvas_is_valid() -> None:
    for document in ({"schema": "grenzeloos.canvas/1", "subject": "Leeg"}, exemplary()):
        for language in ("nl", "en"):
            output = check(document, facts=Facts(False), language=language, revision=4).to_json()
            errors = list(validator().iter_errors(output))
            assert errors == [], errors[0].message if errors else ""
            assert output["language"] == language


WORDS = st.sampled_from(
    [
        "bewoners",
        "pilot in maart",
        "opschalen",
        "wethouder",
        "Raad van Toezicht",
        "subsidiegever",
        "niet",
        "eigendom",
        "aansprakelijkheid",
        "geld",
        "samen",
        "droom",
        "Gemeente A",
    ]
)
TEXT = st.lists(WORDS, max_size=6).map(" ".join)
CONTRIBUTION = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(["money", "people", "network", "location", "other"]),
        "description": TEXT,
    },
    optional={
        "amount": st.one_of(st.integers(0, 10**6), st.floats(0, 1e6, allow_nan=False)),
        "unit": st.sampled_from(["EUR", "hours", "fte"]),
    },
)
PARTNER = st.fixed_dictionaries(
    {
        "name": st.sampled_from(["Gemeente A", "Bedrijf B", "Hogeschool C", "Wijk D", "Bank E"]),
        "role": st.sampled_from(["founding", "sponsoring", "stakeholder"]),
        "sector": st.sampled_from(
            ["government", "business", "knowledge", "civil_society", "citizens"]
        ),
        "interests": st.lists(
            st.one_of(
                st.sampled_from(["knowledge", "network", "societal", "image"]),
                st.builds(lambda text: {"other": text or "x"}, TEXT),
            ),
            max_size=3,
        ),
        "contributions": st.lists(CONTRIBUTION, max_size=3),
    },
    optional={"problem_owner": st.booleans()},
)


@st.composite
def canvases(draw: Any) -> dict[str, Any]:
    document: dict[str, Any] = {"schema": "grenzeloos.canvas/1", "subject": "Proef"}
    for field in (
        "dream",
        "societal_value",
        "proposition",
        "financing",
        "neutral_ground",
        "governance",
        "agreements",
        "pitch",
    ):
        document[field] = draw(TEXT)
    document["action_lines"] = draw(st.lists(TEXT.filter(bool), max_size=4))
    document["partners"] = draw(st.lists(PARTNER, max_size=6))
    if draw(st.booleans()):
        document["agreements_checklist"] = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "liability": TEXT,
                    "ownership": TEXT,
                    "money_location": st.sampled_from(
                        ["separate_entity", "intermediary", "spread"]
                    ),
                },
            )
        )
    return document


@settings(max_examples=80, deadline=None)
@given(
    document=canvases(),
    facts=st.sampled_from([Facts(None), Facts(False), Facts(True)]),
    language=st.sampled_from(["nl", "en"]),
)
def test_any_canvas_gives_a_valid_consistent_report(document, facts, language) -> None:
    report = check(document, facts=facts, language=language)
    output = report.to_json()
    assert not list(validator().iter_errors(output))
    # The check is a function of its input.
    assert check(document, facts=facts, language=language).to_json() == output
    # A condition's status is its worst finding, information aside.
    for condition in output["conditions"]:
        severities = {finding["severity"] for finding in condition["findings"]}
        expected = (
            "warning" if "warning" in severities else "advice" if "advice" in severities else "ok"
        )
        assert condition["status"] == expected
    assert sum(output["summary"].values()) == len(report.findings)
    # More facts never make it worse: a legal route check on record removes, never adds.
    if facts.has_legal_assessment is not True:
        better = check(document, facts=Facts(True), language=language)
        assert {f.id for f in better.findings} <= {f.id for f in report.findings}
