"""Running the check: every registered rule over one canvas, findings grouped under the
conditions and rendered in the report's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils import translation

from grenzeloos.guidance.advice.model import (
    SEVERITIES,
    ConditionResult,
    Facts,
    Finding,
    Report,
    Status,
)
from grenzeloos.guidance.advice.reading import _Canvas
from grenzeloos.guidance.advice.registry import RULES
from grenzeloos.guidance.lessons import CONDITIONS, LESSONS, Lesson

# --- Running the check ---------------------------------------------------------------------

RULE_IDS = (
    "no_partners",
    "single_partner",
    "no_founding_partner",
    "helix_sectors_missing",
    "no_end_users",
    "partner_without_contribution",
    "no_problem_owner",
    "no_board_sponsor",
    "pitch_missing",
    "dream_missing",
    "societal_value_missing",
    "proposition_missing",
    "no_action_lines",
    "no_quick_result",
    "no_scaling",
    "no_in_kind",
    "financing_missing",
    "governance_missing",
    "government_money_without_legal_check",
    "financier_in_board",
    "agreements_open",
    "partner_without_interest",
    "no_societal_interest",
    "dominant_contributor",
    "neutral_ground_missing",
)
"""Every finding id the check can give (part of the ``canvas check --json`` contract)."""

_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


def _status(findings: Sequence[Finding]) -> Status:
    worst = max((_RANK[f.severity] for f in findings), default=0)
    return "warning" if worst == 2 else "advice" if worst == 1 else "ok"


def check(
    document: Mapping[str, Any],
    *,
    facts: Facts | None = None,
    language: str = "en",
    collaboration: int | None = None,
    revision: int | None = None,
) -> Report:
    """Check a canvas document against the lessons; messages in ``language`` (nl or en)."""
    canvas = _Canvas(document, facts or Facts())
    with translation.override(language):
        by_condition: dict[str, list[Finding]] = {c.key: [] for c in CONDITIONS}
        for rule in RULES:
            for key, severity, fields, message in rule.function(canvas):
                by_condition[rule.condition].append(
                    Finding(
                        key, severity, rule.condition, tuple(fields), message, LESSONS[rule.lesson]
                    )
                )
        conditions = []
        for condition in CONDITIONS:
            findings = sorted(by_condition[condition.key], key=lambda f: -_RANK[f.severity])
            conditions.append(
                ConditionResult(
                    key=condition.key,
                    title=str(condition.title),
                    section=condition.section,
                    status=_status(findings),
                    findings=tuple(findings),
                )
            )
        # Lesson texts are lazy: render them now, in the chosen language.
        report = Report(language, tuple(conditions), collaboration, revision)
        return _rendered(report)


def _rendered(report: Report) -> Report:
    """Freeze lazy lesson texts into the report's language (``to_json`` runs later)."""
    conditions = []
    for condition in report.conditions:
        findings = tuple(
            Finding(
                f.id,
                f.severity,
                f.condition,
                f.fields,
                f.message,
                Lesson(f.lesson.key, f.lesson.section, str(f.lesson.text), f.lesson.case),
            )
            for f in condition.findings
        )
        conditions.append(
            ConditionResult(
                condition.key, condition.title, condition.section, condition.status, findings
            )
        )
    return Report(report.language, tuple(conditions), report.collaboration, report.revision)
