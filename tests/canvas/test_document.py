"""Validation and normal form of the canvas document."""

from __future__ import annotations

import json

import pytest

from grenzeloos.canvas.document import (
    ALL_FIELDS,
    CanvasValidationError,
    dumps,
    parse_json,
    validate,
)
from tests.canvas.factories import large_canvas, load_fixture


@pytest.mark.parametrize(
    "data",
    [load_fixture("canvas-rich.json"), load_fixture("canvas-minimal.json"), large_canvas()],
    ids=["rich", "minimal", "large"],
)
def test_export_then_parse_gives_the_same_canvas(data):
    document = validate(data)
    again = parse_json(dumps(document, revision=7))
    assert again == document
    for field in ALL_FIELDS:
        if field in data:
            assert document[field] == data[field]


def test_missing_optional_fields_are_empty():
    document = validate(load_fixture("canvas-minimal.json"))
    assert document["subject"] == "Alleen een onderwerp"
    assert document["dream"] == ""
    assert document["partners"] == []
    assert document["action_lines"] == []


def test_dutch_characters_survive_unescaped():
    text = dumps(validate(load_fixture("canvas-rich.json")))
    assert "Zeeën" in text and "’t" in text and "€" in text and "“" in text


def problems_of(data):
    with pytest.raises(CanvasValidationError) as caught:
        validate(data)
    return [str(problem) for problem in caught.value.problems]


def rich():
    return load_fixture("canvas-rich.json")


def test_wrong_role_names_path_and_options():
    data = rich()
    data["partners"][2]["role"] = "boss"
    assert problems_of(data) == [
        "partners[2].role: 'boss' is not one of founding, sponsoring, stakeholder"
    ]


def test_unknown_key_is_named_with_its_path():
    data = rich()
    data["colour"] = "blue"
    data["partners"][0]["contributions"][1]["currency"] = "EUR"
    assert problems_of(data) == [
        "colour: unknown key",
        "partners[0].contributions[1].currency: unknown key",
    ]


def test_every_problem_is_reported_at_once():
    data = rich()
    data["dream"] = 42
    data["action_lines"] = ["ok", 3]
    data["partners"][1]["sector"] = "army"
    data["partners"][4]["interests"] = ["money"]
    found = problems_of(data)
    assert "dream: expected string, got int" in found
    assert "action_lines[1]: expected string, got int" in found
    assert any(p.startswith("partners[1].sector: 'army' is not one of") for p in found)
    assert any(p.startswith("partners[4].interests[0]: 'money' is not one of") for p in found)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"subject": "x"}, "schema: is required"),
        ({"schema": "grenzeloos.canvas/2", "subject": "x"}, "schema: 'grenzeloos.canvas/2'"),
        ({"schema": "grenzeloos.canvas/1"}, "subject: is required"),
        ({"schema": "grenzeloos.canvas/1", "subject": "   "}, "subject: must not be empty"),
        ([1, 2], "a canvas must be a JSON object, got list"),
        (
            {"schema": "grenzeloos.canvas/1", "subject": "x", "date": "30-11-2026"},
            "date: '30-11-2026' is not a date",
        ),
        (
            {"schema": "grenzeloos.canvas/1", "subject": "x", "date": "2026-02-30"},
            "date: '2026-02-30' is not",
        ),
        (
            {
                "schema": "grenzeloos.canvas/1",
                "subject": "x",
                "partners": [
                    {"name": "A", "role": "founding", "sector": "business"},
                    {"name": " a ", "role": "founding", "sector": "business"},
                ],
            },
            "partners[1].name: 'a' is already partners[0]",
        ),
        (
            {"schema": "grenzeloos.canvas/1", "subject": "x", "action_lines": ["a", "a"]},
            "action_lines[1]: duplicates action_lines[0]",
        ),
        (
            {
                "schema": "grenzeloos.canvas/1",
                "subject": "x",
                "partners": [
                    {
                        "name": "A",
                        "role": "founding",
                        "sector": "business",
                        "contributions": [{"kind": "money", "description": "", "amount": -5}],
                    }
                ],
            },
            "partners[0].contributions[0].amount: must be at least 0",
        ),
    ],
)
def test_invalid_documents_are_refused_with_a_located_message(data, expected):
    assert any(problem.startswith(expected) for problem in problems_of(data)), problems_of(data)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"schema": "grenzeloos.canvas/1", "subject": "x"', "not valid JSON"),
        ("no json at all", "not valid JSON: Expecting value at line 1, column 1"),
        (b"\xff\xfe\x00", "not UTF-8 text"),
    ],
)
def test_unparseable_text_is_refused(text, expected):
    with pytest.raises(CanvasValidationError) as caught:
        parse_json(text)
    assert expected in str(caught.value)


def test_revision_in_a_file_is_ignored():
    data = {**load_fixture("canvas-minimal.json"), "revision": 12}
    assert "revision" not in validate(data)


def test_export_has_every_field_in_canvas_order():
    exported = json.loads(dumps(validate(load_fixture("canvas-minimal.json")), revision=3))
    assert list(exported) == ["schema", "revision", *ALL_FIELDS]
