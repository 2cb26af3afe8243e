"""The reasoning and what follows from it: every step with its rule and source, the conclusion, the
open points, what is not covered, the warnings, the rules used and the sign-off.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from grenzeloos.documents import (
    Block,
    Heading,
    KeyValue,
    Paragraph,
    Table,
)
from grenzeloos.legal.answers import get_path
from grenzeloos.legal.obligations import de_minimis_next_step
from grenzeloos.legal.report.facts import RecordInfo, open_gber_conditions
from grenzeloos.legal.report.wording import (
    _EXEMPTION_LABELS,
    _PROCUREMENT_CODES,
    _REGIME_CODES,
    format_answer,
    question_text,
    route_label,
    t,
)
from grenzeloos.legal.ruleset import default_rules
from grenzeloos.legal.texts import (
    format_date,
    format_eur,
    format_moment,
    format_pct,
    label,
    missing_name,
    policy_name,
    render,
)


def next_steps(outcome: Mapping[str, Any], language: str) -> list[str]:
    """What to do now, following from this outcome (never for a question already answered)."""
    steps = []
    if outcome.get("open_questions"):
        steps.append(t("next_open", language))
    p = outcome.get("procurement", {})
    if outcome.get("regime") != "state_aid" and not p.get("exemption"):
        if p.get("eu_procedure") is True:
            steps.append(t("next_eu", language))
        elif p.get("eu_procedure") is False and outcome.get("regime") == "procurement":
            basis = default_rules().reference("ref-below-threshold").citation[language]
            steps.append(t("next_national", language, basis=basis))
            if _cross_border(outcome):
                basis = default_rules().reference("ref-cross-border").citation[language]
                steps.append(t("next_cross_border", language, basis=basis))
    route = outcome.get("state_aid", {}).get("route")
    if route == "de_minimis":
        steps.append(de_minimis_next_step(outcome, language))
    elif route in ("gber", "notify", "no_aid"):
        steps.append(t(f"next_{route}", language))
    steps.append(t("next_review", language))
    return steps


def _cross_border(outcome: Mapping[str, Any]) -> bool:
    """Whether the outcome's path found a certain cross-border interest below the threshold."""
    return any(s.get("code") == "below_cross_border" for s in outcome.get("steps", []))


def _phase(code: str) -> str:
    if code.startswith(_REGIME_CODES):
        return "phase_regime"
    if code.startswith(_PROCUREMENT_CODES):
        return "phase_procurement"
    return "phase_state_aid"


def step_text(step: Mapping[str, Any], language: str) -> str:
    """The step's sentence in the language, from its code and parameters."""
    try:
        text = render(step["code"], step.get("params") or {}, language)
    except (KeyError, ValueError):
        text = str(step.get("text", step.get("code", "")))
    return text[:1].upper() + text[1:]


def rule_citation(rule: Mapping[str, Any], language: str) -> str:
    """How a lawyer cites the rule: from the outcome, or from the rule book for outcomes
    stored before citations were recorded."""
    citation = (rule.get("citation") or {}).get(language)
    if citation:
        return str(citation)
    meta = default_rules().meta_by_id(str(rule.get("rule_id") or rule.get("id") or ""))
    return meta.citation.get(language, "") if meta is not None else ""


def step_citation(step: Mapping[str, Any], language: str) -> str:
    """The instrument and article a step rests on ("" when it follows from earlier steps)."""
    if not step.get("rule_id"):
        return ""
    return rule_citation(step, language)


def _reasoning(
    outcome: Mapping[str, Any], language: str, answers: Mapping[str, Any] | None = None
) -> list[Block]:
    reasons = (answers or {}).get("reasons")
    reasons = reasons if isinstance(reasons, Mapping) else {}
    blocks: list[Block] = [Paragraph(t("reasoning_intro", language))]
    phase = None
    for number, step in enumerate(outcome.get("steps", []), start=1):
        current = _phase(step["code"])
        if current != phase:
            phase = current
            blocks.append(Heading(t(current, language), level=2))
        citation = step_citation(step, language)
        basis = (
            t("rule_source", language, citation=citation) if citation else t("no_rule", language)
        )
        text = step_text(step, language)
        given = reasons.get(step.get("question") or "")
        if given:
            text = f"{text} {t('reason_given', language, reason=str(given).strip())}"
        blocks.append(Paragraph(f"{t('step', language, n=number)}. {text}\n{basis}"))
    return blocks


def conclusion_sentences(
    outcome: Mapping[str, Any], language: str, answers: Mapping[str, Any] | None = None
) -> list[str]:
    """The conclusion in a few sentences, for the report and the web outcome page.

    With the answers, an exemption under the GBER is concluded on the condition of the general
    conditions still open ("exempted under the GBER, provided ...").
    """
    regime = outcome.get("regime")
    sentences: list[str] = []
    both = any(w.get("code") == "funder_with_consideration" for w in outcome.get("warnings", []))
    if regime == "procurement" or (
        regime == "undetermined" and outcome["procurement"].get("applies") is not False
    ):
        if regime == "procurement":
            sentences.append(t("c_procurement", language))
        elif both:
            sentences.append(t("c_both", language))
        else:
            sentences.append(t("c_undetermined", language))
        p = outcome["procurement"]
        threshold = format_eur(p.get("eu_threshold_eur"), language)
        if p.get("exemption"):
            found = _EXEMPTION_LABELS.get(p["exemption"])
            exemption = found[language] if found is not None else p["exemption"]
            sentences.append(t("c_exempt", language, exemption=exemption))
            if p["exemption"] == "rd_services":
                sentences.append(t("c_pcp_state_aid", language))
        elif p.get("eu_procedure") is True:
            sentences.append(t("c_eu", language, threshold=threshold))
        elif p.get("eu_procedure") is False and regime == "procurement":
            sentences.append(t("c_national", language, threshold=threshold))
            band = p.get("policy_band")
            if band:
                sentences.append(
                    t(
                        "c_policy_band",
                        language,
                        policy=policy_name(band.get("policy"), language),
                        procedure=label(band.get("procedure"), language),
                    )
                )
        elif regime == "procurement":
            sentences.append(t("c_eu_open", language))
        if regime == "procurement" and answers is not None and not p.get("exemption"):
            sentences += procurement_note(outcome, answers, language)
    if regime == "state_aid":
        sentences.append(t("c_state_aid", language))
    sa = outcome["state_aid"]
    if regime == "state_aid" or sa.get("is_aid") is not None or sa.get("route") != "undetermined":
        route = route_label(sa.get("route"), language)
        if sa.get("is_aid") is False:
            criteria = "; ".join(label(c, language) for c in sa.get("criteria_not_met", []))
            sentences.append(t("c_no_aid", language, criteria=criteria))
        elif sa.get("is_aid") is True:
            still_open = open_gber_conditions(answers) if answers is not None else []
            if sa.get("route") == "gber" and still_open:
                conditions = "; ".join(t(f"short_{name}", language) for name in still_open)
                sentences.append(t("c_aid_provided", language, route=route, conditions=conditions))
            else:
                sentences.append(t("c_aid", language, route=route))
        else:
            sentences.append(t("c_aid_open", language, route=route))
        closed = next(
            (s for s in outcome.get("steps", []) if s.get("code") == "gber_not_available_for_size"),
            None,
        )
        if closed is not None:
            params = closed.get("params") or {}
            sentences.append(
                t(
                    "c_not_open_to_size",
                    language,
                    category=label(params.get("category"), language),
                    article=params.get("article", ""),
                    size=label(params.get("size"), language),
                )
            )
        elif sa.get("max_intensity") is not None:
            intensity = sa.get("max_intensity")
            sentences.append(
                t(
                    "c_limits",
                    language,
                    intensity=format_pct(intensity * 100, language)
                    if intensity is not None
                    else "?",
                    max_aid=format_eur(sa.get("max_aid_eur"), language),
                    threshold=format_eur(sa.get("notification_threshold_eur"), language),
                )
            )
    if _no_notification_in_any_case(outcome):
        sentences.append(t("c_no_notification_any_case", language))
    if not sentences:
        sentences.append(t("c_undetermined", language))
    return sentences


_NO_NOTIFICATION = ("no_aid", "de_minimis", "gber")


def _no_notification_in_any_case(outcome: Mapping[str, Any]) -> bool:
    """Whether every answer to every open question still leads to a route without notification."""
    if outcome.get("regime") != "state_aid" or not outcome.get("open_questions"):
        return False
    if outcome.get("state_aid", {}).get("route") == "notify":
        return False
    items = outcome["open_questions"]
    if not all(item.get("answers") for item in items):
        return False  # a question whose answers were not worked out could still decide it
    return all(
        answer.get("route") in _NO_NOTIFICATION for item in items for answer in item["answers"]
    )


def open_points(outcome: Mapping[str, Any], language: str) -> list[tuple[str, list[str]]]:
    """Each open question with what each possible answer would lead to."""
    points = []
    for item in outcome.get("open_questions", []):
        lines = []
        for answer in item["answers"]:
            parts = [
                t("result_regime", language, regime=label(answer["regime"], language)),
                t("result_route", language, route=route_label(answer["route"], language)),
            ]
            if answer.get("eu_procedure") is not None and answer["regime"] != "state_aid":
                parts.append(
                    t(
                        "result_eu",
                        language,
                        eu=t("yes" if answer["eu_procedure"] else "no", language),
                    )
                )
            value = format_answer(item["key"], answer["value"], language)
            lines.append(t("if_answer", language, value=value, result=", ".join(parts)))
        if not lines:
            lines.append(t("if_answer_unknown", language))
        points.append((open_question_text(outcome, item["key"], language), lines))
    return points


def open_question_text(outcome: Mapping[str, Any], key: str, language: str) -> str:
    """An open question as a person reads it; a beneficiary's own answer with its name."""
    if key.startswith("aid.beneficiaries."):
        parts = key.split(".")
        names = [b.get("name") for b in outcome.get("beneficiaries", [])]
        index = int(parts[2]) if len(parts) > 3 and parts[2].isdigit() else -1
        name = names[index] if 0 <= index < len(names) else key
        what = missing_name(key, language)
        return f"{name}: {what}"
    return question_text(key, language)


def open_question_link(key: str) -> tuple[str, tuple[int | str, ...]]:
    """Where an open question is answered: (screen, its arguments) — a beneficiary's own
    answer on its form, any other on the wizard's question page."""
    parts = key.split(".")
    if key.startswith("aid.beneficiaries.") and len(parts) > 3 and parts[2].isdigit():
        return "beneficiary", (int(parts[2]),)
    return "question", (key,)


#: Warnings that say the check does not cover some ground (instead of guessing there).
NOT_COVERED: tuple[str, ...] = ("not_covered", "rules_unknown_for_date")


def not_covered_texts(outcome: Mapping[str, Any] | None, language: str) -> list[str]:
    """The ground this outcome leads to that the check does not cover, as sentences."""
    if not outcome:
        return []
    return warning_texts(
        {"warnings": [w for w in outcome.get("warnings", []) if w.get("code") in NOT_COVERED]},
        language,
    )


def warning_texts(
    outcome: Mapping[str, Any], language: str, *, leave_out: tuple[str, ...] = ()
) -> list[str]:
    texts = []
    for warning in outcome.get("warnings", []):
        if warning.get("code") in leave_out:
            continue
        try:
            texts.append(render(warning["code"], warning.get("params") or {}, language))
        except (KeyError, ValueError):
            texts.append(str(warning.get("message", warning.get("code"))))
    return texts


def _rules_table(outcome: Mapping[str, Any], language: str) -> Table:
    rows = []
    for rule_set in outcome.get("rule_sets", []):
        for rule in rule_set["rules"]:
            start = rule["valid_from"]
            end = rule["valid_to"]
            valid = _validity(start, end, language)
            confidence = confidence_text(rule, language)
            title = rule_set.get("title_nl") if language == "nl" else rule_set.get("title")
            rows.append(
                (
                    title or rule_set["title"],
                    rule_citation(rule, language),
                    valid,
                    confidence,
                )
            )
    header = tuple(t(k, language) for k in ("h_rule_set", "h_citation", "h_valid", "h_confidence"))
    return Table(header, tuple(rows))


def _record_block(record: RecordInfo | None, language: str) -> Block:
    info = record or RecordInfo()
    status = t(f"status_{info.status}", language) if info.status else t("status_none", language)
    pairs = [
        (t("k_title", language), info.title),
        (t("k_collaboration", language), info.collaboration),
        (t("k_reference", language), info.reference),
        (t("k_status", language), status),
        (t("k_author", language), info.author),
        (t("k_created", language), format_moment(info.created, language)),
        (t("k_supersedes", language), info.supersedes),
    ]
    return KeyValue(tuple((k, v) for k, v in pairs if v))


def _sign_off(record: RecordInfo | None, language: str) -> list[Block]:
    blocks: list[Block] = [Heading(t("sign_off", language))]
    if record is None or not record.signed_off_by:
        blocks.append(Paragraph(t("not_signed", language), style="warning"))
        return blocks
    pairs = [
        (t("signed_by", language), record.signed_off_by),
        (t("signed_on", language), format_moment(record.signed_off_at, language)),
    ]
    if record.remark:
        pairs.append((t("remark", language), record.remark))
    blocks.append(KeyValue(tuple(pairs)))
    return blocks


def confidence_text(rule: Mapping[str, Any], language: str) -> str:
    """How sure the figure or rule is, in words: checked in the primary source or not."""
    if rule.get("unconfirmed"):
        return t("confidence_unconfirmed", language)
    level = str(rule.get("confidence") or "").upper()
    key = {"HIGH": "confidence_high", "MEDIUM-HIGH": "confidence_medium"}.get(level)
    return t(key or ("confidence_medium" if level == "MEDIUM" else "confidence_low"), language)


def _validity(start: Any, end: Any, language: str) -> str:
    """When a rule applies, in words: from, until, both, or without a limit in time."""
    if start and end:
        return f"{format_date(start, language)} – {format_date(end, language)}"
    if start:
        return t("valid_from", language, date=format_date(start, language))
    if end:
        return t("valid_until", language, date=format_date(end, language))
    return t("valid_always", language)


def procurement_note(
    outcome: Mapping[str, Any], answers: Mapping[str, Any], language: str
) -> list[str]:
    """The procurement note: the procedure chosen and why, for how long, with which options,
    and that the contract was not split to fall below a threshold."""
    p = outcome["procurement"]
    value = get_path(answers, "contract.estimated_value_eur")
    partnership = get_path(answers, "contract.innovation_partnership") is True
    band = p.get("policy_band")
    why = ""
    if partnership:
        procedure, why = t("proc_partnership", language), t("why_partnership", language)
    elif p.get("eu_procedure") is True:
        procedure = t("proc_eu", language)
        why = t(
            "why_eu",
            language,
            value=format_eur(value, language),
            threshold=format_eur(p.get("eu_threshold_eur"), language),
        )
    elif band:
        procedure = label(band.get("procedure"), language)
        why = t(
            "why_band",
            language,
            value=format_eur(value, language),
            policy=policy_name(band.get("policy"), language),
            threshold=format_eur(p.get("eu_threshold_eur"), language),
        )
    else:
        return []
    note = [t("note_procedure", language, procedure=procedure, why=why)]
    duration = get_path(answers, "case.duration")
    note.append(
        t("note_duration", language, duration=str(duration).strip().rstrip("."))
        if duration
        else t("note_duration_open", language)
    )
    options = get_path(answers, "contract.options_renewals_eur")
    if options is not None and value is not None:
        note.append(
            t(
                "note_options",
                language,
                value=format_eur(value, language),
                options=format_eur(options, language),
            )
        )
    elif partnership:
        note.append(t("note_options_partnership", language))
    else:
        note.append(t("note_options_open", language))
    note.append(t("note_not_split", language))
    return note
