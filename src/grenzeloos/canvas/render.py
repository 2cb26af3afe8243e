"""Canvas exports: one rendering model for every format.

:func:`canvas_poster` turns a canvas document into a :class:`~grenzeloos.documents.Poster` —
what goes in which zone, in which order, with which label, in the chosen language. Every format
is rendered from that one model: the poster formats (PDF, SVG, PNG) directly, the document
formats (Markdown, ODT, DOCX) from its structured-document form, so they cannot drift apart.
Plain functions over the document, shared by the CLI, the web download and the API.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from grenzeloos import publication
from grenzeloos.canvas import document as doc
from grenzeloos.canvas.formats import EXPORT_FORMATS
from grenzeloos.canvas.questions import questions_for
from grenzeloos.core.amounts import format_amount, format_money
from grenzeloos.core.errors import not_one_of
from grenzeloos.documents import (
    BulletList,
    Card,
    CardGroup,
    Panel,
    PanelBlock,
    Paragraph,
    Poster,
    PosterLabels,
    Zone,
    poster_document,
    render,
)

LANGUAGES = ("nl", "en")
CONTENT_TYPES = {
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
    "pdf": "application/pdf",
    "svg": "image/svg+xml",
    "png": "image/png",
    "odt": "application/vnd.oasis.opendocument.text",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

#: The paper canvas: rows of grid areas (a repeated key spans columns) and relative sizes.
GRID = (
    ("dream", "proposition", "financing", "neutral_ground"),
    ("societal_value", "action_lines", "governance", "agreements"),
    ("partners", "partners", "partners", "partners"),
    ("pitch", "pitch", "pitch", "pitch"),
)
GRID_COLUMNS = (1.25, 1.25, 1.0, 1.0)
GRID_ROWS = (1.0, 1.0, 1.45, 0.5)
#: The legend colours of the paper canvas (the same as the canvas page).
ZONE_COLOURS: dict[str, tuple[str, str]] = {
    publication.Zone.CHALLENGE: ("#fdeae6", "#a4372b"),
    publication.Zone.COLLABORATION: ("#e5eff9", "#1d5a96"),
    publication.Zone.PRECONDITIONS: ("#e7f3e8", "#2c6a33"),
}


@dataclass(frozen=True)
class ExportOptions:
    """How an export is made; the same options apply to every format.

    ``include_questions`` adds each box's full set of guiding questions under its title (the
    questions people see beside a box while editing), one per line. ``exported_on`` defaults to
    today; tests pin it.
    """

    language: str = "nl"
    include_questions: bool = False
    exported_on: date | None = None


def render_export(
    document: Mapping[str, Any],
    *,
    revision: int | None,
    fmt: str,
    language: str = "nl",
    include_questions: bool = False,
    options: ExportOptions | None = None,
) -> bytes:
    """The canvas as file content in the given format (``options`` wins over ``language`` and
    ``include_questions``). The JSON document is data for import: it never holds questions."""
    if fmt not in EXPORT_FORMATS:
        raise not_one_of("format", fmt, EXPORT_FORMATS)
    options = options or ExportOptions(
        language=language.split("-")[0].lower(), include_questions=include_questions
    )
    if options.language not in LANGUAGES:
        raise not_one_of("language", options.language, LANGUAGES)
    if fmt == "json":
        return doc.dumps(document, revision=revision).encode("utf-8")
    from grenzeloos.documents.poster import POSTER_FORMATS, render_poster

    poster = canvas_poster(document, revision=revision, options=options)
    if fmt in POSTER_FORMATS:
        return render_poster(poster, fmt)
    return render(poster_document(poster), fmt)


def download(content: bytes, fmt: str, stem: str) -> tuple[str, str]:
    """The file name and content type of an export: ``stem.fmt``, or ``stem-pages.zip`` when a
    poster image (SVG, PNG) continues on more pages and came as a ZIP of one image per page."""
    from grenzeloos.documents.poster import is_zip

    if fmt in ("svg", "png") and is_zip(content):
        return f"{stem}-{fmt}-pages.zip", "application/zip"
    return f"{stem}.{fmt}", CONTENT_TYPES[fmt]


def export_labels() -> dict[str, str]:
    """What each export format is called in menus, in the active language."""
    return {
        "pdf": _("Poster (PDF, A3)"),
        "svg": _("Poster as image (SVG)"),
        "png": _("Poster as image (PNG, 300 dpi)"),
        "odt": _("Document (ODT, OpenDocument)"),
        "docx": _("Document (DOCX, Word)"),
        "md": _("Text (Markdown)"),
        "json": _("Data (JSON, for import)"),
    }


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


def contribution_text(contribution: Mapping[str, Any]) -> str:
    """One contribution in words: ``Money: subsidy (€ 120.000)``."""
    kind = str(doc.CONTRIBUTION_LABELS[contribution["kind"]])
    description = contribution.get("description", "")
    amount = contribution_amount(contribution)
    text = f"{kind}: {description}" if description else kind
    return f"{text} ({amount})" if amount else text


def group_titles() -> dict[str, str]:
    """The partner groups of the paper canvas, in its order."""
    return {str(role): str(title) for role, title in publication.ROLE_HEADINGS.items()}


def _partner_card(partner: Mapping[str, Any]) -> Card:
    details = [(_("Sector"), str(doc.SECTOR_LABELS[partner["sector"]]))]
    if interests := partner_interest_labels(partner):
        details.append((_("Interests"), "; ".join(interests)))
    if partner["contributions"]:
        details.append(
            (_("Contributions"), "; ".join(map(contribution_text, partner["contributions"])))
        )
    name = partner["name"]
    if partner.get("problem_owner"):
        name = _("%(name)s (problem owner)") % {"name": name}
    return Card(name, tuple(details))


def checklist_answers(checklist: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """The filled-in answers of the agreements checklist as (question, answer), in the active
    language: the canvas page shows them as a list of terms, the exports as lines."""
    answers = []
    for key, answer in (checklist or {}).items():
        if key == "money_location":
            answer = doc.MONEY_LOCATION_LABELS.get(answer, answer)
        answers.append((str(doc.CHECKLIST_LABELS[key]), str(answer)))
    return answers


def _checklist_line(question: str, answer: str) -> str:
    """One answer as a line of text: ``question answer`` after a question mark, else ``:``."""
    return f"{question} {answer}" if question.endswith("?") else f"{question}: {answer}"


def _panel(field: str, document: Mapping[str, Any], options: ExportOptions) -> Panel:
    value = document[field]
    blocks: list[PanelBlock] = []
    if field == "action_lines":
        if value:
            blocks.append(BulletList(tuple(value)))
    elif field == "partners":
        if value:
            columns = (_("Name"), _("Sector"), _("Interests"), _("Contributions"))
            for role, title in group_titles().items():
                cards = tuple(_partner_card(p) for p in value if p["role"] == role)
                blocks.append(CardGroup(title, cards, columns))
    elif value:
        blocks.append(Paragraph(value))
    if field == "agreements" and (
        answers := checklist_answers(document.get("agreements_checklist"))
    ):
        blocks.append(BulletList(tuple(_checklist_line(*answer) for answer in answers)))
    hint = "\n".join(questions_for(field)) if options.include_questions else ""
    return Panel(field, str(doc.FIELD_LABELS[field]), doc.ZONES[field], tuple(blocks), hint)


def canvas_poster(
    document: Mapping[str, Any], *, revision: int | None, options: ExportOptions | None = None
) -> Poster:
    """The rendering model of a canvas: a :class:`~grenzeloos.documents.Poster`."""
    options = options or ExportOptions()
    with translation.override(options.language):
        exported_on = options.exported_on or date.today()
        facts = [
            (str(doc.FIELD_LABELS["date"]), _human_date(document["date"])),
            (str(doc.FIELD_LABELS["version"]), document["version"]),
        ]
        footer = []
        if revision is not None:
            footer.append((_("Revision"), str(revision)))
        footer.append((_("Exported on"), formats.date_format(exported_on, "j F Y")))
        zones = tuple(
            Zone(key, str(label), *ZONE_COLOURS[key]) for key, label in doc.ZONE_LABELS.items()
        )
        panels = tuple(
            _panel(field, document, options)
            for field in doc.ALL_FIELDS
            if field not in doc.SHORT_TEXT_FIELDS
        )
        labels = PosterLabels(
            empty=_("(empty)"),
            continued=pgettext("poster", "continued"),
            continued_on=_("Continued on page"),
            continuation=_("Continuation of the canvas"),
            legend=_("Legend"),
            page=_("Page"),
            of=pgettext("page 1 of 2", "of"),
        )
        return Poster(
            title=document["subject"],
            language=options.language,
            kicker=_("Collaborative Innovation Canvas"),
            facts=tuple(facts),
            panels=panels,
            zones=zones,
            grid=GRID,
            columns=GRID_COLUMNS,
            rows=GRID_ROWS,
            footer=tuple(footer),
            labels=labels,
        )


def _human_date(value: str) -> str:
    if not value:
        return ""
    try:
        return str(formats.date_format(date.fromisoformat(value), "j F Y"))
    except ValueError:
        return value


def render_markdown(document: Mapping[str, Any], *, revision: int | None = None) -> str:
    """A readable Markdown version of the canvas, in the active language."""
    language = translation.get_language() or "nl"
    options = ExportOptions(language=language if language in LANGUAGES else "nl")
    return render_export(document, revision=revision, fmt="md", options=options).decode("utf-8")
