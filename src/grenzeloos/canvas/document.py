"""The canvas document: its fields, validation and normal form.

A canvas is stored as a plain JSON document (``grenzeloos.canvas/1``) inside each immutable
revision, so that history, diff, merge, import and export all work on one representation. This
module has no database access: web, API and CLI all validate and normalise through it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from grenzeloos import publication
from grenzeloos.core import inputs, jsonio
from grenzeloos.core.errors import InvalidInput

SCHEMA_ID = "grenzeloos.canvas/1"
SCHEMA_PATH = Path(__file__).with_name("schemas") / "canvas.schema.json"

#: The boxes of the paper canvas, in its order (the publication's vocabulary).
BOXES = tuple(box.key for box in publication.CANVAS_BOXES)
#: Fields holding one text each, in the order of the paper canvas.
SHORT_TEXT_FIELDS = ("subject", "date", "version")
LIST_FIELDS = ("action_lines", "partners")
LONG_TEXT_FIELDS = tuple(key for key in BOXES if key not in LIST_FIELDS)
TEXT_FIELDS = SHORT_TEXT_FIELDS + LONG_TEXT_FIELDS
ALL_FIELDS = SHORT_TEXT_FIELDS + BOXES

ROLES = publication.keys(publication.Role)
SECTORS = publication.keys(publication.Sector)
#: The interests a partner can tick; "other" is written as ``{"other": "text"}``.
INTERESTS = publication.keys(publication.Interest, without=("other",))
CONTRIBUTION_KINDS = publication.keys(publication.ContributionKind)
UNITS = ("EUR", "hours", "fte")

#: Optional structured answers beside the free text of "Agreements and organisational form": the
#: four questions of the paper canvas. Present in a document only when something is filled in,
#: so canvases without them (all older files) keep exactly the same normal form.
OPTIONAL_FIELDS = ("agreements_checklist",)
CHECKLIST_KEYS = ("liability", "money_location", "money_flows", "ownership", "legal_form")
#: Where the money sits, the four forms the publication found.
MONEY_LOCATIONS = publication.keys(publication.MoneyLocation)

#: The canvas legend: which zone (colour) each field belongs to.
ZONES = {box.key: str(box.zone.value) for box in publication.CANVAS_BOXES}

FIELD_LABELS = {
    "subject": _("Subject"),
    "date": _("Date"),
    "version": _("Version"),
    **{box.key: box.label for box in publication.CANVAS_BOXES},
    "agreements_checklist": _("Agreements checklist"),
}
CHECKLIST_LABELS = {
    "liability": _("Liability: which agreements on liability do you make?"),
    "money_location": _("Where does the money sit?"),
    "money_flows": _("How does the money flow?"),
    "ownership": _("Who owns what is made together?"),
    "legal_form": _("Legal basis and organisational form"),
}
MONEY_LOCATION_LABELS = publication.labels(publication.MoneyLocation)
ZONE_LABELS = publication.labels(publication.Zone)
ROLE_LABELS = publication.labels(publication.Role)
SECTOR_LABELS = publication.labels(publication.Sector)
INTEREST_LABELS = publication.labels(publication.Interest)
CONTRIBUTION_LABELS = publication.labels(publication.ContributionKind)
UNIT_LABELS = {"EUR": _("euro"), "hours": _("hours"), "fte": _("fte")}


class CanvasValidationError(ValueError):
    """A canvas document does not conform to ``grenzeloos.canvas/1``.

    Carries every problem found, each with the path of the offending value, so that a person
    can fix a file in one go instead of one error per attempt.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class Problem:
    """One validation problem: where (``partners[2].role``) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def json_schema() -> dict[str, Any]:
    """The published JSON Schema, as a dict (served by the API and documented in the repo)."""
    return dict(_validator().schema)


def _format_path(parts: Iterable[Any]) -> str:
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _describe(error: ValidationError) -> Problem:
    path = _format_path(error.absolute_path)
    validator = error.validator
    if validator == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        unknown = sorted(set(error.instance) - allowed)
        message = gettext("unknown key")
        if len(unknown) > 1:
            message += " " + gettext("(also %(keys)s)") % {
                "keys": ", ".join(map(repr, unknown[1:]))
            }
        return Problem(_format_path([*error.absolute_path, unknown[0]]), message)
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return Problem(_format_path([*error.absolute_path, missing]), gettext("is required"))
    if validator == "enum":
        options = ", ".join(
            "null" if option is None else str(option) for option in error.validator_value
        )
        return Problem(path, _not_one_of(error.instance, options))
    if validator == "const":
        return Problem(
            path,
            gettext("%(value)r is not %(expected)r")
            % {"value": error.instance, "expected": error.validator_value},
        )
    if validator == "type":
        expected = error.validator_value
        expected_text = " or ".join(expected) if isinstance(expected, list) else expected
        return Problem(
            path,
            gettext("expected %(expected)s, got %(got)s")
            % {"expected": expected_text, "got": type(error.instance).__name__},
        )
    if validator == "anyOf" and path.startswith("partners") and ".interests" in path:
        return Problem(
            path,
            _not_one_of(error.instance, ", ".join(INTERESTS) + ' or {"other": "text"}'),
        )
    if validator == "anyOf" and path == "date":
        return Problem(
            path,
            gettext("%(value)r is not a date in the form YYYY-MM-DD") % {"value": error.instance},
        )
    if validator in {"minLength", "pattern"}:
        return Problem(path, gettext("must not be empty"))
    if validator == "maxLength":
        return Problem(
            path, gettext("is longer than %(limit)s characters") % {"limit": error.validator_value}
        )
    if validator == "maxItems":
        return Problem(
            path, gettext("has more than %(limit)s items") % {"limit": error.validator_value}
        )
    if validator in {"minimum", "maximum"}:
        return Problem(path, inputs.amount_problem(error.instance) or error.message)
    return Problem(path, error.message)


def _not_one_of(value: Any, options: str) -> str:
    return gettext("%(value)r is not one of %(options)s") % {"value": value, "options": options}


def _sort_key(error: ValidationError) -> tuple[str, ...]:
    return tuple(str(part).zfill(6) for part in error.absolute_path)


def validate(data: Any) -> dict[str, Any]:
    """Validate a canvas document and return it in normal form.

    Normal form: every field present, empty when not given, ``revision`` dropped, text
    stripped of trailing whitespace at the ends. Raises :class:`CanvasValidationError` listing
    every problem with its path.
    """
    if not isinstance(data, Mapping):
        raise CanvasValidationError(
            [
                Problem(
                    "",
                    gettext("a canvas must be a JSON object, got %(got)s")
                    % {"got": type(data).__name__},
                )
            ]
        )
    # Bad text and non-finite numbers first: the schema would report them less clearly, and
    # nothing below may see a value that cannot be stored or written out.
    problems = [Problem(p.path, p.message) for p in inputs.text_problems(data)]
    if problems:
        raise CanvasValidationError(problems)
    schema_value = data.get("schema")
    if schema_value != SCHEMA_ID:
        if schema_value is None:
            problems.append(
                Problem("schema", gettext("is required and must be %(id)r") % {"id": SCHEMA_ID})
            )
        else:
            problems.append(
                Problem(
                    "schema",
                    gettext("%(value)r is not supported; expected %(id)r")
                    % {"value": schema_value, "id": SCHEMA_ID},
                )
            )
        raise CanvasValidationError(problems)
    errors = sorted(_validator().iter_errors(data), key=_sort_key)
    seen: set[str] = set()
    for error in errors:
        problem = _describe(error)
        if str(problem) not in seen:
            seen.add(str(problem))
            problems.append(problem)
    if not problems:
        document = normalise(data)
        problems.extend(_semantic_problems(document))
        if not problems:
            return document
    raise CanvasValidationError(problems)


def _semantic_problems(document: Mapping[str, Any]) -> list[Problem]:
    """Rules JSON Schema cannot express: unique partner names and action lines."""
    problems: list[Problem] = []
    seen_names: dict[str, int] = {}
    for index, partner in enumerate(document["partners"]):
        key = partner_key(partner)
        if key in seen_names:
            problems.append(
                Problem(
                    f"partners[{index}].name",
                    gettext("%(name)r is already partners[%(index)s]")
                    % {"name": partner["name"], "index": seen_names[key]},
                )
            )
        else:
            seen_names[key] = index
    seen_lines: dict[str, int] = {}
    for index, line in enumerate(document["action_lines"]):
        if line in seen_lines:
            problems.append(
                Problem(
                    f"action_lines[{index}]",
                    gettext("duplicates action_lines[%(index)s]") % {"index": seen_lines[line]},
                )
            )
        else:
            seen_lines[line] = index
    for index, partner in enumerate(document["partners"]):
        for position, contribution in enumerate(partner["contributions"]):
            amount = contribution.get("amount")
            message = None if amount is None else inputs.amount_problem(amount)
            if message:
                problems.append(
                    Problem(f"partners[{index}].contributions[{position}].amount", message)
                )
    if document["date"]:
        try:
            date.fromisoformat(document["date"])
        except ValueError:
            problems.append(
                Problem(
                    "date", gettext("%(value)r is not a valid date") % {"value": document["date"]}
                )
            )
    return problems


def partner_key(partner: Mapping[str, Any]) -> str:
    """The identity of a partner within one canvas: its name, case- and space-insensitive."""
    return " ".join(str(partner["name"]).split()).casefold()


def _normal_partner(partner: Mapping[str, Any]) -> dict[str, Any]:
    contributions = []
    for contribution in partner.get("contributions") or []:
        item: dict[str, Any] = {
            "kind": contribution["kind"],
            "description": contribution.get("description", "").strip(),
        }
        if contribution.get("amount") is not None:
            amount = contribution["amount"]
            item["amount"] = int(amount) if float(amount).is_integer() else amount
        if contribution.get("unit") is not None:
            item["unit"] = contribution["unit"]
        contributions.append(item)
    interests: list[Any] = []
    for interest in partner.get("interests") or []:
        if isinstance(interest, Mapping):
            interests.append({"other": str(interest["other"]).strip()})
        elif interest not in interests:
            interests.append(interest)
    normal: dict[str, Any] = {
        "name": str(partner["name"]).strip(),
        "role": partner["role"],
        "sector": partner["sector"],
        "interests": interests,
        "contributions": contributions,
    }
    # Optional flag: written only when set, so partners without it keep their normal form.
    if partner.get("problem_owner"):
        normal["problem_owner"] = True
    return normal


def normal_checklist(value: Mapping[str, Any] | None) -> dict[str, Any]:
    """The agreements checklist with only its filled-in answers, in a fixed order."""
    checklist: dict[str, Any] = {}
    for key in CHECKLIST_KEYS:
        answer = (value or {}).get(key)
        if isinstance(answer, str):
            answer = answer.strip()
        if answer:
            checklist[key] = answer
    return checklist


def normalise(data: Mapping[str, Any]) -> dict[str, Any]:
    """Every field present and in canonical order; assumes schema-valid input.

    The optional fields (:data:`OPTIONAL_FIELDS`) follow, each only when it has content.
    """
    document: dict[str, Any] = {"schema": SCHEMA_ID}
    for field in ALL_FIELDS:
        value = data.get(field)
        if field == "action_lines":
            document[field] = [str(line).strip() for line in value or []]
        elif field == "partners":
            document[field] = [_normal_partner(partner) for partner in value or []]
        else:
            document[field] = (value or "").strip()
    checklist = normal_checklist(data.get("agreements_checklist"))
    if checklist:
        document["agreements_checklist"] = checklist
    return document


def empty_document(subject: str) -> dict[str, Any]:
    """A new canvas with only its subject filled in."""
    return validate({"schema": SCHEMA_ID, "subject": subject})


def parse_json(text: str | bytes) -> dict[str, Any]:
    """Parse and validate canvas JSON text; syntax errors name line and column."""
    try:
        data = jsonio.loads(text)
    except InvalidInput as error:
        raise CanvasValidationError(
            [Problem(path, message) for path, message in error.problems]
        ) from None
    return validate(data)


def to_export(document: Mapping[str, Any], *, revision: int | None = None) -> dict[str, Any]:
    """The document as written by an export: normal form plus the stored revision number."""
    exported: dict[str, Any] = {"schema": SCHEMA_ID}
    if revision is not None:
        exported["revision"] = revision
    exported.update({field: document[field] for field in ALL_FIELDS})
    exported["partners"] = [_in_order(p, PARTNER_KEYS) for p in document["partners"]]
    for partner in exported["partners"]:
        if "contributions" in partner:
            partner["contributions"] = [
                _in_order(c, CONTRIBUTION_KEYS) for c in partner["contributions"]
            ]
    exported.update({field: document[field] for field in OPTIONAL_FIELDS if document.get(field)})
    if "agreements_checklist" in exported:
        exported["agreements_checklist"] = _in_order(
            exported["agreements_checklist"], CHECKLIST_KEYS
        )
    return exported


#: The order of the keys of a partner and of a contribution in an export (normal form).
PARTNER_KEYS = ("name", "role", "sector", "interests", "contributions", "problem_owner")
CONTRIBUTION_KEYS = ("kind", "description", "amount", "unit")


def _in_order(item: Mapping[str, Any], keys: Iterable[str]) -> dict[str, Any]:
    """The same object with its keys in the normal order, whatever order the store kept
    (PostgreSQL's jsonb sorts the keys of what it stores), so an export is byte for byte the
    same on every database."""
    ordered = {key: item[key] for key in keys if key in item}
    ordered.update({key: value for key, value in item.items() if key not in ordered})
    return ordered


def dumps(document: Mapping[str, Any], *, revision: int | None = None) -> str:
    """Canonical JSON text of an export, UTF-8 friendly (no escaped Dutch characters)."""
    return jsonio.pretty(to_export(document, revision=revision)) + "\n"
