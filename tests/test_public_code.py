"""The repository is public code: the EUPL-1.2 licence text, a publiccode.yml valid against the
standard's schema (vendored in docs/schemas, so the check needs no network), a changelog with a
section for the version being released, and the security and contribution guides."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "docs" / "schemas" / "publiccode.schema.json"


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _publiccode() -> dict:
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def publiccode_problems(document: object) -> list[str]:
    """Every way ``document`` breaks the publiccode.yml schema, as ``path: message``."""
    import json

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(top)'}: {error.message}"
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    ]


def test_the_licence_is_the_eupl_text_pyproject_names():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert _pyproject()["license"] == "EUPL-1.2"
    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2\n")
    # The whole text: its last article and the appendix of compatible licences.
    assert "15.Applicable Law" in text or "15. Applicable Law" in text
    assert "European Union Public Licence (EUPL) v. 1.1, v. 1.2" in text


def test_publiccode_yml_is_valid_against_the_standards_schema():
    assert publiccode_problems(_publiccode()) == []


def test_publiccode_yml_agrees_with_pyproject_and_the_changelog():
    publiccode = _publiccode()
    project = _pyproject()
    assert publiccode["legal"]["license"] == project["license"]
    assert publiccode["softwareVersion"] == project["version"]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    heading = re.search(
        rf"^## \[{re.escape(project['version'])}\] - (\d{{4}}-\d{{2}}-\d{{2}})$", changelog, re.M
    )
    assert heading, f"CHANGELOG.md has no section for {project['version']}"
    assert publiccode["releaseDate"] == heading.group(1)
    assert publiccode["localisation"]["availableLanguages"] == ["nl", "en"]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda doc: doc.pop("legal"), "(top): 'legal' is a required property"),
        (
            lambda doc: doc.update(developmentStatus="finished"),
            "developmentStatus: 'finished' is not one of",
        ),
        (lambda doc: doc.update(releaseDate="6 December 2026"), "releaseDate: '6 December 2026'"),
        (
            lambda doc: doc["description"]["en"].update(shortDescription="x" * 151),
            "description/en/shortDescription: 'xxx",
        ),
    ],
    ids=["no legal section", "unknown status", "not a date", "short description too long"],
)
def test_the_check_refuses_an_invalid_publiccode_yml(change, problem):
    document = _publiccode()
    change(document)
    problems = publiccode_problems(document)
    assert len(problems) == 1
    assert problems[0].startswith(problem)


@pytest.mark.parametrize("name", ["SECURITY.md", "CONTRIBUTING.md", "CHANGELOG.md"])
def test_the_guides_are_there(name):
    assert (ROOT / name).read_text(encoding="utf-8").startswith("# ")
