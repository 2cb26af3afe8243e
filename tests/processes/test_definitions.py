"""The shipped process templates: checked on load, each naming a case of the library, and a
malformed document refused with the field named."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from grenzeloos.processes import definitions
from grenzeloos.processes.definitions import TemplateError

CASES = Path(definitions.__file__).parent.parent / "cases" / "data"


def test_the_five_processes_of_the_publication_ship_each_with_its_case():
    templates = {t.key: t for t in definitions.shipped()}
    assert {key: t.case for key, t in templates.items()} == {
        "challenge-to-prototype": "start-up-in-residence",
        "co-creation-three-phases": "cumulus-park",
        "funnel-triumvirate": "modal-shift",
        "innovation-model-theme": "the-hague-security-delta",
        "scaling-hop-step-jump": "the-green-village",
    }
    library = {path.stem.split("-", 1)[1] for path in CASES.glob("*.yaml")}
    assert {t.case for t in templates.values()} <= library
    assert templates["co-creation-three-phases"].stage_keys() == [
        "scoping",
        "partnership_assessment",
        "incubation",
    ]
    assert templates["scaling-hop-step-jump"].stage_keys() == [
        "intake",
        "lab",
        "test_ground",
        "pilot",
        "roll_out",
    ]
    for template in templates.values():
        assert template.source and template.source["nl"] and template.source["en"]
        for stage in template.stages:
            assert stage.purpose["nl"] and stage.purpose["en"]
            assert stage.questions and stage.criteria


def test_the_intake_gate_needs_all_four_aspects():
    intake = definitions.shipped_template("scaling-hop-step-jump").stage("intake")
    assert [(c.key, c.required) for c in intake.criteria] == [
        ("technology", True),
        ("business_model", True),
        ("regulation", True),
        ("public", True),
    ]


def _document():
    return copy.deepcopy(dict(definitions.shipped_template("funnel-triumvirate").document))


def test_a_malformed_template_is_refused_naming_the_field():
    document = _document()
    del document["stages"][1]["purpose"]
    with pytest.raises(TemplateError, match=r"mine.yaml: field stages\[1\]: 'purpose'"):
        definitions.parse(document, where="mine.yaml")
    document = _document()
    document["stages"][0]["criteria"][0]["required"] = "yes"
    with pytest.raises(TemplateError, match=r"stages\[0\]\.criteria\[0\]\.required"):
        definitions.parse(document, where="mine.yaml")
    document = _document()
    document["stages"][2]["key"] = "idea"
    with pytest.raises(TemplateError, match="stage 'idea' appears twice"):
        definitions.parse(document, where="mine.yaml")
    document = _document()
    document["colour"] = "red"
    with pytest.raises(TemplateError, match="colour"):
        definitions.parse(document, where="mine.yaml")
    with pytest.raises(TemplateError, match="not valid YAML"):
        definitions.parse_text("stages: [", where="mine.yaml")
