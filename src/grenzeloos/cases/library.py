"""The case document (``grenzeloos.case/1``): vocabulary, validation and the library files.

Why: the twelve cases of the publication are knowledge people rely on, so they are data in the
repository (one YAML file per case in ``cases/data/``), reviewed like code and checked by a
strict loader. A bad file is refused with the file and the field named, so a typo never reaches
a user. Teams' own cases use the same document and the same validation, without the
publication-only parts (``source`` and ``example_canvas``).

This module has no database access; services, the demo loader and tests all go through it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext_lazy as _
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from grenzeloos import publication
from grenzeloos.core.errors import UserError

SCHEMA_ID = "grenzeloos.case/1"
SCHEMA_PATH = Path(__file__).with_name("schemas") / "case.schema.json"
DATA_DIR = Path(__file__).with_name("data")
LANGUAGES = ("nl", "en")

#: The themes of the library, in display order.
THEMES = {
    "innovation_ecosystem": _("Innovation ecosystems and start-ups"),
    "social_domain": _("Social domain"),
    "digital_technology": _("Digital technology and data"),
    "security": _("Security"),
    "mobility_logistics": _("Mobility and logistics"),
    "education_talent": _("Education and talent"),
    "sustainability": _("Sustainability and the built environment"),
}

#: Legal forms met in the cases.
LEGAL_FORMS = publication.labels(publication.LegalForm)

#: The publication's four places where the money sits.
MONEY_LOCATIONS = publication.labels(publication.MoneyLocation)

#: The publication's five conditions for success.
CONDITIONS = publication.labels(publication.Condition)

#: The sectors of the canvas (same keys as ``grenzeloos.canvas/1`` partners).
SECTORS = publication.labels(publication.Sector)

#: Keys a library case must state explicitly (a null value says "the story does not tell").
LIBRARY_KEYS = (
    "source",
    "partners",
    "legal_form",
    "legal_form_note",
    "money_location",
    "money_note",
    "financing",
    "in_kind",
    "governance",
    "ip",
    "process",
    "scaling",
    "lessons",
    "example_canvas",
)
#: Lists a library case must not leave empty.
LIBRARY_NON_EMPTY = ("partners", "financing", "governance", "process", "lessons")


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CaseFileError(UserError):
    """A case document is malformed; the message names the file (or input) and the field."""


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def json_schema() -> dict[str, Any]:
    """The case JSON Schema, for the API and for people writing case files."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _path(parts: Iterable[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(document)"


def _describe(error: ValidationError) -> str:
    if error.validator == "additionalProperties":
        return f"unknown field ({error.message})"
    if error.validator == "required":
        return error.message
    if error.validator == "enum":
        options = ", ".join("null" if v is None else str(v) for v in error.validator_value)
        return f"{error.instance!r} is not one of: {options}"
    if error.validator in ("anyOf", "oneOf"):
        return "expected a text object with 'nl' and/or 'en', or null"
    return error.message


def validate_case(data: Any, *, where: str, library: bool = False) -> dict[str, Any]:
    """Check a case document; return it as a plain dict or raise :class:`CaseFileError`.

    ``where`` names the file or input in the message. ``library`` adds the rules for the
    publication's cases: every structured key stated, both languages in every text, the source
    and an example canvas marked as an illustration.
    """
    if not isinstance(data, Mapping):
        raise CaseFileError(f"{where}: a case must be a mapping of fields")
    data = current_keys(data)
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.path])
    if errors:
        first = errors[0]
        raise CaseFileError(f"{where}: field {_path(first.path)}: {_describe(first)}")
    document = dict(data)
    if library:
        _check_library(document, where)
    else:
        for key in ("source", "example_canvas"):
            if key in document:
                raise CaseFileError(f"{where}: field {key}: only the library cases carry it")
    return document


def current_keys(data: Mapping[str, Any]) -> dict[str, Any]:
    """The document with the keys of an older release read as today's (a file someone kept).

    ``grenzeloos.case/1`` files written before the publication's vocabulary was one said
    ``partner_not_government`` and ``distributed`` for where the money sits; they mean
    ``partner`` and ``spread``. Nothing else changes, so a current file comes back equal.
    """
    document = dict(data)
    if "money_location" in document:
        document["money_location"] = publication.current_key(
            publication.MoneyLocation, document["money_location"]
        )
    return document


def _check_library(document: Mapping[str, Any], where: str) -> None:
    for key in LIBRARY_KEYS:
        if key not in document:
            raise CaseFileError(f"{where}: field {key}: missing (use null if the story is silent)")
    for key in LIBRARY_NON_EMPTY:
        if not document[key]:
            raise CaseFileError(f"{where}: field {key}: must not be empty")
    first, last = document["source"]["pages"] or (1, 1)
    if first > last:
        raise CaseFileError(f"{where}: field source.pages: the range runs backwards")
    first, last = document["source"]["lines"]
    if first > last:
        raise CaseFileError(f"{where}: field source.lines: the range runs backwards")
    for path, text in iter_texts(document):
        for language in LANGUAGES:
            if language not in text:
                raise CaseFileError(f"{where}: field {path}: the '{language}' text is missing")


def iter_texts(document: Mapping[str, Any]) -> Iterable[tuple[str, Mapping[str, str]]]:
    """Every ``{nl, en}`` text object of a case with its path (not the example canvas)."""
    for key in ("domain", "summary", "legal_form_note", "money_note", "ip", "scaling"):
        if document.get(key):
            yield key, document[key]
    for key in ("financing", "in_kind", "process"):
        for index, text in enumerate(document.get(key) or ()):
            yield f"{key}[{index}]", text
    for index, partner in enumerate(document.get("partners") or ()):
        if partner.get("note"):
            yield f"partners[{index}].note", partner["note"]
    for index, body in enumerate(document.get("governance") or ()):
        yield f"governance[{index}].body", body["body"]
        yield f"governance[{index}].members", body["members"]
    for index, lesson in enumerate(document.get("lessons") or ()):
        yield f"lessons[{index}].text", lesson["text"]


def localized(text: Mapping[str, str] | None, language: str) -> str:
    """The text in ``language``, else in the other language, else ``""``."""
    if not text:
        return ""
    if text.get(language):
        return text[language]
    return next((value for value in text.values() if value), "")


def parse_case_file(path: Path) -> dict[str, Any]:
    """Read one YAML or JSON case file (strictly); the loader and the CLI use it."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CaseFileError(f"{path.name}: cannot read the file ({error})") from error
    return parse_case_text(raw, where=path.name)


def parse_case_text(raw: str, *, where: str) -> dict[str, Any]:
    """Parse YAML (JSON is a subset) into a mapping, naming the line of a syntax error."""
    try:
        data = yaml.load(raw, Loader=_LOADER)  # noqa: S506 - a safe loader (C when available)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark is not None else ""
        raise CaseFileError(f"{where}:{line}: not valid YAML or JSON") from error
    if not isinstance(data, dict):
        raise CaseFileError(f"{where}: a case must be a mapping of fields")
    return data


def load_directory(directory: Path) -> list[dict[str, Any]]:
    """All library cases of a directory, in file-name order; slugs must be unique."""
    cases: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.yaml")):
        case = validate_case(parse_case_file(path), where=path.name, library=True)
        if case["slug"] in seen:
            raise CaseFileError(
                f"{path.name}: field slug: {case['slug']!r} is already used by {seen[case['slug']]}"
            )
        seen[case["slug"]] = path.name
        cases.append(case)
    return cases


@cache
def library_cases() -> tuple[dict[str, Any], ...]:
    """The publication's cases shipped with the product (read once per process)."""
    return tuple(load_directory(DATA_DIR))


def sectors_of(document: Mapping[str, Any]) -> list[str]:
    """The distinct partner sectors of a case, in the canonical order."""
    present = {partner["sector"] for partner in document.get("partners") or ()}
    return [sector for sector in SECTORS if sector in present]
