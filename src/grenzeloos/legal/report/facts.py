"""The case and the facts as given: what is on record about the assessment, the file name, the
subject, the answers with their questions, the checklist and the partners table.
"""

from __future__ import annotations

import datetime as dt
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
from grenzeloos.legal.ruleset import default_rules
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


_CASE_FIELDS = (
    "subject",
    "description",
    "granting_body",
    "beneficiaries",
    "legal_basis",
    "duration",
)


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
    """The GBER's general conditions in full, each with its state and why, for a GBER route."""
    if outcome.get("state_aid", {}).get("route") != "gber":
        return []
    rows = []
    for name, state in gber_conditions(answers, language, outcome):
        # Art. 9 and Art. 11 are worded from the dated rules (obligations), the others fixed.
        dated = DATED_CONDITIONS.get(name)
        text = (dated(outcome, language) if dated else None) or t(f"cond_{name}", language)
        rows.append((text, state))
    number = _mapping(answers.get("gber_conditions")).get("scheme_number")
    rows.append(
        (
            t("cond_scheme_number", language),
            str(number) if number else t("cond_scheme_number_open", language),
        )
    )
    return [
        Heading(t("checklist", language)),
        Paragraph(t("checklist_intro", language)),
        Table((t("cond_condition", language), t("cond_state", language)), tuple(rows)),
    ]


def open_gber_conditions(answers: Mapping[str, Any]) -> list[str]:
    """The GBER's general conditions not yet confirmed (open or not met), in article order."""
    given = _mapping(answers.get("gber_conditions"))
    return [name for name in GBER_CONDITIONS if _condition_value(name, given) is not True]


def _condition_value(name: str, given: Mapping[str, Any]) -> bool | None:
    """A condition as confirmed; the incentive effect follows from the two dates when given."""
    if name == "incentive_effect":
        applied, started = given.get("application_date"), given.get("work_start_date")
        if applied and started:
            return str(applied) < str(started)
    value = given.get(name)
    return value if isinstance(value, bool) else None


def gber_conditions(
    answers: Mapping[str, Any], language: str, outcome: Mapping[str, Any] | None = None
) -> list[tuple[str, str]]:
    """Each general condition with its state and the reason from the facts given."""
    given = _mapping(answers.get("gber_conditions"))
    out = []
    for name in GBER_CONDITIONS:
        value = _condition_value(name, given)
        if value is None:
            out.append((name, t("cond_open", language)))
            continue
        reason = _condition_reason(name, value, answers, given, language, outcome or {})
        out.append((name, t("cond_met" if value else "cond_not_met", language, why=reason)))
    return out


def _condition_reason(
    name: str,
    value: bool,
    answers: Mapping[str, Any],
    given: Mapping[str, Any],
    language: str,
    outcome: Mapping[str, Any],
) -> str:
    if (
        name == "incentive_effect"
        and given.get("application_date")
        and given.get("work_start_date")
    ):
        dates = {
            "applied": format_date(given["application_date"], language),
            "started": format_date(given["work_start_date"], language),
        }
        return t("why_incentive_dates" if value else "why_incentive_late", language, **dates)
    if name == "cumulation":
        received = _de_minimis_received(answers)
        if received is not None:
            key = "why_cumulation" if value else "why_cumulation_not"
            return t(key, language, received=format_eur(received, language))
    if name == "publication":
        amount = _aid_amounts(answers)
        rule = _publication_rule(outcome)
        if amount is not None and rule is not None:
            above = amount > rule.threshold_eur
            return t(
                "why_publication_above" if above else "why_publication_below",
                language,
                amount=format_eur(amount, language),
                threshold=format_eur(rule.threshold_eur, language),
            )
    return t("why_confirmed" if value else "why_declared_not_met", language)


def _publication_rule(outcome: Mapping[str, Any]) -> Any:
    """GBER Art. 9's dated rule for the outcome's reference date, if one covers it."""
    try:
        on = dt.date.fromisoformat(str(outcome.get("on_date")))
    except ValueError:
        return None
    return default_rules().publication_for(on)


def _de_minimis_received(answers: Mapping[str, Any]) -> Any:
    partners = get_path(answers, "aid.beneficiaries")
    if isinstance(partners, list) and partners:
        values = [p.get("de_minimis_received_eur") for p in partners if isinstance(p, Mapping)]
        known = [v for v in values if isinstance(v, int | float)]
        return sum(known) if known else None
    return get_path(answers, "aid.de_minimis_received_eur")


def _aid_amounts(answers: Mapping[str, Any]) -> Any:
    """The largest individual award: one beneficiary's aid, or the largest partner's."""
    partners = get_path(answers, "aid.beneficiaries")
    if isinstance(partners, list) and partners:
        values = [p.get("aid_eur") for p in partners if isinstance(p, Mapping)]
        known = [v for v in values if isinstance(v, int | float)]
        return max(known) if known else None
    value = get_path(answers, "aid.amount_eur")
    return value if isinstance(value, int | float) else None


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
