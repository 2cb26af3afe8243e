"""Process templates as data: the stage-gated ways of working of the publication's cases.

A template is a ``grenzeloos.process/1`` document (YAML in ``catalogue/`` for the shipped ones,
JSON in the store for a collaboration's own copy): a key, a version, the case it comes from, a
title and summary in Dutch and English, and its stages in order. Every stage has a purpose,
guiding questions and the criteria of its gate; a ``required`` criterion must be ticked, with a
note, before an item passes the gate. Documents are checked on load: a malformed one is refused
with a message that names the field. No database here: plain data in and out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from grenzeloos.core.errors import UserError

SCHEMA_NAME = "grenzeloos.process/1"
CATALOGUE = Path(__file__).parent / "catalogue"
KEY_PATTERN = "^[a-z0-9][a-z0-9_-]{0,63}$"
MAX_STAGES = 20
MAX_TEXT = 2000

_TEXT = {
    "type": "object",
    "properties": {
        "nl": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT},
        "en": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT},
    },
    "required": ["nl", "en"],
    "additionalProperties": False,
}
_KEY = {"type": "string", "pattern": KEY_PATTERN}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "schema": {"const": SCHEMA_NAME},
        "key": _KEY,
        "version": {"type": "integer", "minimum": 1},
        "case": {"anyOf": [_KEY, {"type": "null"}]},
        "title": _TEXT,
        "summary": _TEXT,
        "source": {"anyOf": [_TEXT, {"type": "null"}]},
        "stages": {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_STAGES,
            "items": {
                "type": "object",
                "properties": {
                    "key": _KEY,
                    "name": _TEXT,
                    "purpose": _TEXT,
                    "questions": {"type": "array", "items": _TEXT, "maxItems": 20},
                    "criteria": {
                        "type": "array",
                        "maxItems": 20,
                        "items": {
                            "type": "object",
                            "properties": {
                                "key": _KEY,
                                "text": _TEXT,
                                "required": {"type": "boolean"},
                            },
                            "required": ["key", "text", "required"],
                            "additionalProperties": False,
                        },
                    },
                },
                "required": ["key", "name", "purpose", "questions", "criteria"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["schema", "key", "version", "title", "summary", "stages"],
    "additionalProperties": False,
}


class TemplateError(UserError):
    """A template document is malformed; the message names where and which field."""


@dataclass(frozen=True)
class Criterion:
    key: str
    text: Mapping[str, str]
    required: bool


@dataclass(frozen=True)
class Stage:
    key: str
    name: Mapping[str, str]
    purpose: Mapping[str, str]
    questions: tuple[Mapping[str, str], ...]
    criteria: tuple[Criterion, ...]

    def criterion(self, key: str) -> Criterion | None:
        return next((c for c in self.criteria if c.key == key), None)


@dataclass(frozen=True)
class Template:
    """A checked template document; ``document`` is the plain data it was read from."""

    key: str
    version: int
    case: str | None
    title: Mapping[str, str]
    summary: Mapping[str, str]
    source: Mapping[str, str] | None
    stages: tuple[Stage, ...]
    document: Mapping[str, Any]

    def stage(self, key: str) -> Stage | None:
        return next((s for s in self.stages if s.key == key), None)

    def index(self, key: str) -> int:
        """The position of a stage (0 for the first); ``ValueError`` for an unknown key."""
        for number, stage in enumerate(self.stages):
            if stage.key == key:
                return number
        raise ValueError(key)

    def stage_keys(self) -> list[str]:
        return [stage.key for stage in self.stages]


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(SCHEMA)


def _path(parts: Iterable[Any]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(document)"


def _unique(keys: list[str], what: str, where: str) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise TemplateError(f"{where}: {what} {key!r} appears twice")
        seen.add(key)


def parse(data: Any, *, where: str) -> Template:
    """Check a template document and return it; :class:`TemplateError` names what is wrong."""
    if not isinstance(data, Mapping):
        raise TemplateError(f"{where}: a template must be a mapping of fields")
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.path])
    if errors:
        first = errors[0]
        raise TemplateError(f"{where}: field {_path(first.path)}: {first.message}")
    _unique([stage["key"] for stage in data["stages"]], "stage", where)
    for stage in data["stages"]:
        _unique([c["key"] for c in stage["criteria"]], f"criterion of stage {stage['key']}:", where)
    stages = tuple(
        Stage(
            key=stage["key"],
            name=stage["name"],
            purpose=stage["purpose"],
            questions=tuple(stage["questions"]),
            criteria=tuple(
                Criterion(key=c["key"], text=c["text"], required=c["required"])
                for c in stage["criteria"]
            ),
        )
        for stage in data["stages"]
    )
    return Template(
        key=data["key"],
        version=data["version"],
        case=data.get("case"),
        title=data["title"],
        summary=data["summary"],
        source=data.get("source"),
        stages=stages,
        document=dict(data),
    )


def parse_text(raw: str, *, where: str) -> Template:
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as error:
        raise TemplateError(f"{where}: not valid YAML or JSON ({error})") from error
    return parse(data, where=where)


@cache
def shipped() -> tuple[Template, ...]:
    """The templates that come with Grenzeloos, in the order of their keys."""
    templates = [
        parse_text(path.read_text(encoding="utf-8"), where=path.name)
        for path in sorted(CATALOGUE.glob("*.yaml"))
    ]
    _unique([template.key for template in templates], "template", "catalogue")
    return tuple(sorted(templates, key=lambda template: template.key))


def shipped_template(key: str) -> Template | None:
    return next((template for template in shipped() if template.key == key), None)


def localized(text: Mapping[str, str] | None, language: str) -> str:
    """A text in the language asked (``nl`` or ``en``), the other one when it lacks."""
    if not text:
        return ""
    code = "en" if language.startswith("en") else "nl"
    return text.get(code) or text.get("nl") or text.get("en") or ""
