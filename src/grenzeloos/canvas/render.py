"""Canvas exports in text formats (JSON and Markdown).

Plain functions over the document, shared by the CLI, the web download and the API. Other
formats (PDF poster, ODT, DOCX, images) are added by the exports capability.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from grenzeloos.canvas import document as doc
from grenzeloos.core.amounts import format_amount, format_money
from grenzeloos.core.errors import UserError

EXPORT_FORMATS = ("json", "md")
CONTENT_TYPES = {"json": "application/json", "md": "text/markdown; charset=utf-8"}


def render_export(
    document: Mapping[str, Any], *, revision: int | None, fmt: str, language: str = "nl"
) -> bytes:
    """The canvas as file content in the given format."""
    if fmt == "json":
        return doc.dumps(document, revision=revision).encode("utf-8")
    if fmt == "md":
        with translation.override(language):
            return render_markdown(document, revision=revision).encode("utf-8")
    raise UserError(f"format {fmt!r} is not one of {', '.join(EXPORT_FORMATS)}")


def contribution_amount(contribution: Mapping[str, Any]) -> str:
    """A contribution's amount as the active language writes it (€ 12.500,50; 3 FTE)."""
    amount, unit = contribution.get("amount"), contribution.get("unit")
    if amount is None:
        return ""
    language = translation.get_language() or "nl"
    if unit == "EUR":
        return format_money(amount, language)
    number = format_amount(amount, language)
    return f"{number} {doc.UNIT_LABELS[unit]}" if unit else number


def partner_interest_labels(partner: Mapping[str, Any]) -> list[str]:
    labels = []
    for interest in partner["interests"]:
        if isinstance(interest, Mapping):
            labels.append(f"{doc.INTEREST_LABELS['other']}: {interest['other']}")
        else:
            labels.append(str(doc.INTEREST_LABELS[interest]))
    return labels


def _in_brackets(text: str) -> str:
    return f" ({text})" if text else ""


def render_markdown(document: Mapping[str, Any], *, revision: int | None = None) -> str:
    """A readable Markdown version of the canvas, in the active language."""
    empty = "_" + _("(empty)") + "_"
    role_label, sector_label = _("Role"), _("Sector")
    interests_label, contribution_label = _("Interests"), _("Contribution")
    lines = [f"# {document['subject']}", ""]
    meta = []
    if document["date"]:
        meta.append(f"**{doc.FIELD_LABELS['date']}:** {document['date']}")
    if document["version"]:
        meta.append(f"**{doc.FIELD_LABELS['version']}:** {document['version']}")
    if revision is not None:
        revision_label = _("Revision")
        meta.append(f"**{revision_label}:** {revision}")
    if meta:
        lines += ["  \n".join(meta), ""]
    for field in doc.ALL_FIELDS:
        if field in doc.SHORT_TEXT_FIELDS:
            continue
        value = document[field]
        zone = doc.ZONE_LABELS[doc.ZONES[field]]
        lines += [f"## {doc.FIELD_LABELS[field]}", "", f"*{zone}*", ""]
        if field == "action_lines":
            lines += [f"- {line}" for line in value] or [empty]
        elif field == "partners":
            if not value:
                lines.append(empty)
            for partner in value:
                lines += [
                    f"### {partner['name']}",
                    "",
                    f"- **{role_label}:** {doc.ROLE_LABELS[partner['role']]}",
                    f"- **{sector_label}:** {doc.SECTOR_LABELS[partner['sector']]}",
                ]
                interests = partner_interest_labels(partner)
                if interests:
                    lines.append(f"- **{interests_label}:** {'; '.join(interests)}")
                for contribution in partner["contributions"]:
                    kind = doc.CONTRIBUTION_LABELS[contribution["kind"]]
                    lines.append(
                        f"- **{contribution_label} ({kind}):** "
                        f"{contribution['description']}{_in_brackets(contribution_amount(contribution))}"
                    )
                lines.append("")
        else:
            lines.append(value if value else empty)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
