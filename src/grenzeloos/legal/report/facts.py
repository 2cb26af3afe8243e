"""The case and the facts as given: what is on record about the assessment, the file name, the
subject, the answers with their questions, the checklist and the partners table.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from grenzeloos.documents import (
    Block,
    Heading,
    KeyValue,
    Paragraph,
    Table,
)
from grenzeloos.legal.answers import GBER_CONDITIONS, get_path
from grenzeloos.legal.obligations import DATED_CONDITIONS
from grenzeloos.legal.questions import QUESTIONS
from grenzeloos.legal.report.wording import format_answer, route_label, t
from grenzeloos.legal.texts import (
    format_date,
    format_eur,
    format_pct,
    label,
)
from grenzeloos.legal.translated import Translated


@dataclass(frozen=True)
class RecordInfo:
    """What is known about an assessment on record; everything optional for a loose check."""

    title: str = ""
    collaboration: str = ""
    reference: str = ""
    status: str = ""  # draft | signed_off | superseded
    author: str = ""
    created: str = ""
    signed_off_by: str = ""
    signed_off_at: str = ""
    remark: str = ""
    supersedes: str = ""


#: The order in which a motivation is offered for download: PDF first, the file to sign.
DOWNLOAD_ORDER: tuple[str, ...] = ("pdf", "odt", "docx", "md")


def file_name(subject: str, on_date: Any, language: str) -> str:
    """A download's name after the assessment: kind, subject and reference date, no suffix.

    e.g. ``motivering-slimme-dijken-<date>`` or ``statement-of-reasons-smart-dykes-<date>``.
    """
    kind = Translated(_("statement-of-reasons"))[language]
    ascii_text = unicodedata.normalize("NFKD", subject or "").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].strip("-")
    parts = [kind, slug, str(on_date or "")]
    return "-".join(p for p in parts if p)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


_CASE_FIELDS = ("subject", "description", "granting_body", "beneficiaries", "legal_basis")


def case_subject(answers: Mapping[str, Any]) -> str:
    """The subject of the case as entered (for titles and file names); "" if none."""
    case = answers.get("case") if isinstance(answers, Mapping) else None
    return str((case or {}).get("subject") or "") if isinstance(case, Mapping) else ""


def _case(answers: Mapping[str, Any], outcome: Mapping[str, Any], language: str) -> list[Block]:
    """The facts of the case, first in the document: what, who, on which basis, how much."""
    case = _mapping(answers.get("case"))
    purchase = outcome.get("regime") == "procurement"

    def heading(name: str) -> str:
        # A purchase is told in procurement words: contracting authority, contractor.
        if purchase and name in ("description", "granting_body", "beneficiaries", "legal_basis"):
            return f"k_purchase_{name}"
        return f"k_{name}"

    pairs = [
        (t(heading(name), language), str(case.get(name))) for name in _CASE_FIELDS if case.get(name)
    ]
    amounts = []
    for key, label_key in (
        ("aid.amount_eur", "amount_aid"),
        ("aid.eligible_costs_eur", "amount_costs"),
        ("contract.estimated_value_eur", "amount_contract"),
    ):
        value = get_path(answers, key)
        if value is not None:
            amounts.append(t(label_key, language, v=format_eur(value, language)))
    blocks: list[Block] = [Heading(t("facts", language))]
    if not pairs:
        blocks.append(Paragraph(t("case_none", language), style="warning"))
    if amounts:
        pairs.append((t("k_amounts", language), "; ".join(amounts)))
    pairs.append((t("k_dates", language), format_date(outcome.get("on_date"), language)))
    blocks.append(KeyValue(tuple(pairs)))
    return blocks


def _facts(answers: Mapping[str, Any], language: str) -> list[tuple[str, str, str]]:
    """Every question that was answered or is relevant, in wizard order, with the reason."""
    reasons = _mapping(answers.get("reasons"))
    rows = []
    for question in QUESTIONS:
        if question.key.startswith("case.") or question.kind == "partners":
            continue  # the facts of the case, and the beneficiaries' own table
        value = get_path(answers, question.key)
        if value is None and not question.relevant(answers):
            continue
        rows.append(
            (
                question.text[language],
                format_answer(question.key, value, language),
                str(reasons.get(question.key) or ""),
            )
        )
    return rows


def _checklist(
    answers: Mapping[str, Any], outcome: Mapping[str, Any], language: str
) -> list[Block]:
    """The GBER's general conditions as the user confirmed them, for a GBER route only."""
    if outcome.get("state_aid", {}).get("route") != "gber":
        return []
    given = _mapping(answers.get("gber_conditions"))
    rows = []
    for name in GBER_CONDITIONS:
        value = given.get(name)
        state = "cond_open" if value is None else "cond_confirmed" if value else "cond_not_met"
        dated = DATED_CONDITIONS.get(name)
        text = (dated(outcome, language) if dated else None) or t(f"cond_{name}", language)
        rows.append((text, t(state, language)))
    return [
        Heading(t("checklist", language)),
        Paragraph(t("checklist_intro", language)),
        Table((t("question", language), t("answer", language)), tuple(rows)),
    ]


def _partners(outcome: Mapping[str, Any], language: str) -> list[Block]:
    """A consortium's table: one row per beneficiary with its share, limits and route."""
    table = partner_table(outcome, language)
    if table is None:
        return []
    return [Heading(t("partners", language)), table]


def partner_table(outcome: Mapping[str, Any], language: str) -> Table | None:
    """The table per beneficiary of a consortium (None for one beneficiary)."""
    partners = outcome.get("beneficiaries") or []
    if not partners:
        return None
    rows = []
    for p in partners:
        size = (
            t("research_organisation", language)
            if p["research_organisation"]
            else label(p.get("size"), language)
        )
        share = p.get("cost_share")
        rows.append(
            (
                str(p["name"]),
                size,
                format_pct(round(share * 100, 1), language) if share is not None else "?",
                format_eur(p.get("aid_eur"), language),
                format_eur(p.get("eligible_costs_eur"), language),
                format_eur(p.get("max_aid_eur"), language),
                route_label(p.get("route"), language),
            )
        )
    header = tuple(
        t(k, language)
        for k in ("h_partner", "h_size", "h_share", "h_aid", "h_costs", "h_max_aid", "h_route")
    )
    return Table(header, tuple(rows))
