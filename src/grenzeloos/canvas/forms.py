"""Reading the canvas web forms into canvas values, and back.

The forms are hand-written HTML (NL Design System markup), so this module only translates
between posted strings and document values. All rules about what a valid canvas is stay in
:mod:`grenzeloos.canvas.document`; here we only catch what cannot even be turned into a value
(an amount that is not a number), so that a person sees every problem next to its input.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grenzeloos.canvas import document as doc
from grenzeloos.canvas.document import Problem
from grenzeloos.core.amounts import AmountError, format_amount, parse_amount, to_json_number

#: Empty contribution rows offered below the existing ones ("Add a contribution row" adds more).
EMPTY_CONTRIBUTION_ROWS = 1


def _page_language() -> str:
    """Amounts are read and shown the way the page's language writes them."""
    return translation.get_language() or "nl"


#: A bullet or number typed at the start of an action line ("- ", "* ", "• ", "1. ", "2) ").
_BULLET = re.compile(r"^\s*(?:[-*•–·]|\d{1,3}[.)])\s+")


def strip_bullet(line: str) -> str:
    """An action line without the bullet people type out of habit (the page numbers them)."""
    return _BULLET.sub("", line, count=1).strip()


def field_value(name: str, raw: str) -> Any:
    """The document value of one in-place edited field (action lines: one per line)."""
    if name == "action_lines":
        return [strip_bullet(line) for line in raw.splitlines() if strip_bullet(line)]
    return raw.replace("\r\n", "\n")


def checklist_from_post(post: QueryDict) -> dict[str, Any] | None:
    """The agreements checklist as posted (``checklist-<key>`` inputs), or ``None`` when the
    form had no checklist at all (an older page or a client that only edits the text)."""
    if not any(f"checklist-{key}" in post for key in doc.CHECKLIST_KEYS):
        return None
    return {
        key: post.get(f"checklist-{key}", "").replace("\r\n", "\n") for key in doc.CHECKLIST_KEYS
    }


def apply_line_action(lines: list[str], action: str) -> list[str] | None:
    """Action lines after one step of the line-by-line editor ("add", "remove-2", "up-1",
    "down-0"); None when the action is not one of those."""
    result = list(lines)
    if action == "add":
        return [*result, ""]
    verb, _sep, number = action.partition("-")
    if not number.isdigit() or int(number) >= len(result):
        return None
    index = int(number)
    if verb == "remove":
        del result[index]
    elif verb == "up" and index > 0:
        result[index - 1], result[index] = result[index], result[index - 1]
    elif verb == "down" and index + 1 < len(result):
        result[index + 1], result[index] = result[index], result[index + 1]
    elif verb not in ("up", "down"):
        return None
    return result


def field_text(name: str, value: Any) -> str:
    """The text shown in the edit control of a field."""
    if name == "action_lines":
        return "\n".join(value)
    return str(value or "")


@dataclass
class ContributionRow:
    """One row of the contributions table of the partner form, as typed."""

    kind: str = ""
    description: str = ""
    amount: str = ""
    unit: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def is_blank(self) -> bool:
        return not (self.description.strip() or self.amount.strip())


@dataclass
class PartnerForm:
    """The partner form's values as typed, plus problems per input name."""

    name: str = ""
    role: str = ""
    sector: str = ""
    interests: list[str] = field(default_factory=list)
    other_interest: str = ""
    problem_owner: bool = False
    contributions: list[ContributionRow] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)
    general_errors: list[str] = field(default_factory=list)

    @classmethod
    def from_partner(cls, partner: Mapping[str, Any] | None) -> PartnerForm:
        if partner is None:
            form = cls()
        else:
            interests = [i for i in partner["interests"] if isinstance(i, str)]
            others = [i["other"] for i in partner["interests"] if isinstance(i, Mapping)]
            form = cls(
                name=partner["name"],
                role=partner["role"],
                sector=partner["sector"],
                interests=interests + (["other"] if others else []),
                other_interest="; ".join(others),
                problem_owner=bool(partner.get("problem_owner")),
                contributions=[
                    ContributionRow(
                        kind=c["kind"],
                        description=c.get("description", ""),
                        amount=""
                        if c.get("amount") is None
                        else format_amount(c["amount"], _page_language(), exact=True),
                        unit=c.get("unit") or "",
                    )
                    for c in partner["contributions"]
                ],
            )
        form.pad()
        return form

    @classmethod
    def from_post(cls, post: QueryDict) -> PartnerForm:
        rows = []
        try:
            count = min(int(post.get("contribution_rows", "0")), 200)
        except ValueError:
            count = 0
        for index in range(count):
            rows.append(
                ContributionRow(
                    kind=post.get(f"c-{index}-kind", ""),
                    description=post.get(f"c-{index}-description", ""),
                    amount=post.get(f"c-{index}-amount", "").strip(),
                    unit=post.get(f"c-{index}-unit", ""),
                )
            )
        form = cls(
            name=post.get("name", ""),
            role=post.get("role", ""),
            sector=post.get("sector", ""),
            interests=post.getlist("interests"),
            other_interest=post.get("other_interest", ""),
            problem_owner=post.get("problem_owner") == "on",
            contributions=rows,
        )
        return form

    def apply_row_action(self, action: str) -> bool:
        """Add a row ("add") or remove one ("remove-N"); True if the action was one of those."""
        if action == "add":
            self.contributions.append(ContributionRow())
            return True
        if action.startswith("remove-"):
            try:
                index = int(action.removeprefix("remove-"))
            except ValueError:
                return False
            if 0 <= index < len(self.contributions):
                del self.contributions[index]
            if not self.contributions:
                self.contributions.append(ContributionRow())
            return True
        return False

    def pad(self) -> None:
        """Keep a few empty rows at the end so a contribution can be added without JS."""
        blanks = sum(1 for row in self.contributions if row.is_blank)
        self.contributions += [
            ContributionRow() for _ in range(max(0, EMPTY_CONTRIBUTION_ROWS - blanks))
        ]

    def to_partner(self) -> dict[str, Any] | None:
        """The partner as a document value, or ``None`` (with errors set) if it cannot be."""
        interests: list[Any] = [i for i in self.interests if i in doc.INTERESTS and i != "other"]
        other = self.other_interest.strip()
        if other:
            interests.append({"other": other})
        elif "other" in self.interests:
            self.errors.setdefault("other_interest", []).append(
                _("Describe the other interest, or untick it.")
            )
        contributions = []
        for row in self.contributions:
            if row.is_blank:
                continue
            item: dict[str, Any] = {"kind": row.kind, "description": row.description.strip()}
            if row.amount:
                try:
                    item["amount"] = to_json_number(parse_amount(row.amount, _page_language()))
                except AmountError as error:
                    row.errors.append(str(error))
            if row.unit:
                item["unit"] = row.unit
            contributions.append(item)
        if self.errors or any(row.errors for row in self.contributions):
            return None
        partner: dict[str, Any] = {
            "name": self.name,
            "role": self.role,
            "sector": self.sector,
            "interests": interests,
            "contributions": contributions,
        }
        if self.problem_owner:
            partner["problem_owner"] = True
        return partner

    def add_problems(self, problems: Iterable[Problem], index: int) -> None:
        """Attach validation problems of ``partners[index]`` to the inputs they are about."""
        prefix = f"partners[{index}]"
        non_blank = [row for row in self.contributions if not row.is_blank]
        for problem in problems:
            if not problem.path.startswith(prefix):
                self.general_errors.append(str(problem))
                continue
            rest = problem.path[len(prefix) :].lstrip(".")
            if rest.startswith("contributions["):
                position = int(rest.split("[", 1)[1].split("]", 1)[0])
                sub = rest.split("]", 1)[1].lstrip(".") or "kind"
                if position < len(non_blank):
                    non_blank[position].errors.append(
                        f"{contribution_part_label(sub)}: {problem.message}"
                    )
                    continue
            key = rest.split("[", 1)[0].split(".", 1)[0] or "name"
            self.errors.setdefault(key, []).append(problem.message)


def contribution_part_label(part: str) -> str:
    labels = {
        "kind": _("Kind"),
        "description": _("Description"),
        "amount": _("Amount"),
        "unit": _("Unit"),
    }
    return str(labels.get(part, part))


def replace_partner(
    partners: list[dict[str, Any]], original_name: str | None, partner: dict[str, Any]
) -> tuple[list[dict[str, Any]], int]:
    """The partners list with one partner replaced (or appended), and that partner's index."""
    result = [dict(p) for p in partners]
    if original_name is not None:
        key = doc.partner_key({"name": original_name})
        for index, existing in enumerate(result):
            if doc.partner_key(existing) == key:
                result[index] = partner
                return result, index
    result.append(partner)
    return result, len(result) - 1


def remove_partner(partners: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    key = doc.partner_key({"name": name})
    return [dict(p) for p in partners if doc.partner_key(p) != key]


# --- Import problems as people read them ---------------------------------------------------

#: What a JSON syntax error most likely means, by the parser's message.
_JSON_HINTS = {
    "Expecting ',' delimiter": gettext_lazy("a comma is missing?"),
    "Expecting ':' delimiter": gettext_lazy("a colon is missing?"),
    "Expecting property name enclosed in double quotes": gettext_lazy(
        "a comma too many, or a name without double quotes?"
    ),
    "Expecting value": gettext_lazy("a value is missing?"),
    "Unterminated string starting at": gettext_lazy("a closing quote is missing?"),
    "Extra data": gettext_lazy("there is more after the end of the canvas?"),
    "Invalid control character at": gettext_lazy("a line break inside a text?"),
}


@dataclass(frozen=True)
class ImportProblem:
    """One problem of an imported file: a sentence for people, the technical detail apart."""

    message: str
    detail: str = ""


def json_syntax_problem(error: json.JSONDecodeError) -> ImportProblem:
    hint = next(
        (str(text) for prefix, text in _JSON_HINTS.items() if error.msg.startswith(prefix)),
        _("the text is not in the JSON format"),
    )
    return ImportProblem(
        _("Line %(line)s: this is not a valid canvas file (%(hint)s)")
        % {"line": error.lineno, "hint": hint},
        f"JSON: {error.msg} (line {error.lineno}, column {error.colno})",
    )


def _what(value: Any) -> str:
    if isinstance(value, bool):
        return _("yes or no")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, Mapping):
        return _("a group of fields")
    return _("nothing")


def _at(data: Any, path: str) -> tuple[bool, Any]:
    """The value at a problem's path (``partners[2].role``) in the file, if it is there."""
    node = data
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        try:
            node = node[int(index)] if index else node[name]
        except (KeyError, IndexError, TypeError):
            return False, None
    return True, node


def _where(path: str, data: Any) -> str:
    head = re.split(r"[.\[]", path, maxsplit=1)[0]
    label = str(doc.FIELD_LABELS.get(head, head))
    match = re.match(r"(partners|action_lines)\[(\d+)\]", path)
    if match:
        number = int(match.group(2)) + 1
        if match.group(1) == "partners":
            found, name = _at(data, f"partners[{match.group(2)}].name")
            named = f" ({name})" if found and isinstance(name, str) and name else ""
            return _("Partner %(number)s%(name)s") % {"number": number, "name": named}
        return _("Action line %(number)s") % {"number": number}
    return label


def import_problem(problem: Problem, data: Any) -> ImportProblem:
    """A validation problem of an imported file, said in the page's language."""
    if not problem.path:
        return ImportProblem(problem.message)
    found, value = _at(data, problem.path)
    head = re.split(r"[.\[]", problem.path, maxsplit=1)[0]
    expects_text = head in doc.TEXT_FIELDS or re.fullmatch(r"action_lines\[\d+\]", problem.path)
    if found and expects_text and not isinstance(value, str):
        message = _("text expected, found %(what)s") % {"what": _what(value)}
    elif (
        found
        and head in doc.LIST_FIELDS
        and "[" not in problem.path
        and not isinstance(value, list)
    ):
        message = _("a list expected, found %(what)s") % {"what": _what(value)}
    else:
        message = problem.message
    return ImportProblem(f"{_where(problem.path, data)}: {message}", problem.path)
