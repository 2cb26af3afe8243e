"""The motivation as a document: build_report puts the sections together in the order a civil
servant files them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import translation

from grenzeloos.documents import (
    Block,
    BulletList,
    Document,
    Heading,
    Paragraph,
    Table,
)
from grenzeloos.legal.report.facts import RecordInfo, _case, _checklist, _facts, _partners
from grenzeloos.legal.report.reasoning import (
    _reasoning,
    _record_block,
    _rules_table,
    _sign_off,
    conclusion_sentences,
    next_steps,
    open_points,
    warning_texts,
)
from grenzeloos.legal.report.wording import t, tips
from grenzeloos.legal.texts import (
    LANGUAGES,
    format_date,
    render,
)


def build_report(
    answers: Mapping[str, Any],
    outcome: Mapping[str, Any],
    *,
    language: str = "nl",
    record: RecordInfo | None = None,
) -> Document:
    """The motivation as a document; `record` adds what is on file (author, sign-off).

    Rendered in `language` whatever the request's language: every message read while building
    is translated under ``translation.override(language)``.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r} is not one of {', '.join(LANGUAGES)}")
    with translation.override(language):
        return _build(answers, outcome, language, record)


def _build(
    answers: Mapping[str, Any],
    outcome: Mapping[str, Any],
    language: str,
    record: RecordInfo | None,
) -> Document:
    on_date = format_date(outcome.get("on_date"), language)
    disclaimer = render("disclaimer", {}, language)
    blocks: list[Block] = [
        Paragraph(disclaimer, style="note"),
        Heading(t("record", language)),
        _record_block(record, language),
        Heading(t("question", language)),
        Paragraph(t("question_text", language)),
        Paragraph(t("question_basis", language, date=on_date)),
        *_case(answers, outcome, language),
        Paragraph(t("facts_intro", language)),
        Table(
            (t("question", language), t("answer", language), t("reason", language)),
            tuple(_facts(answers, language)),
        ),
        Heading(t("reasoning", language)),
        *_reasoning(outcome, language, answers),
        Heading(t("conclusion", language)),
        *(Paragraph(sentence) for sentence in conclusion_sentences(outcome, language, answers)),
        *_partners(outcome, language),
        Heading(t("open", language)),
    ]
    points = open_points(outcome, language)
    if points:
        blocks.append(Paragraph(t("open_intro", language)))
        for question, lines in points:
            blocks += [Heading(question, level=2), BulletList(tuple(lines))]
    elif outcome.get("state_aid", {}).get("route") == "undetermined" and (
        outcome.get("regime") == "state_aid" or outcome["state_aid"].get("is_aid") is not None
    ):
        blocks.append(Paragraph(t("open_none_undetermined", language)))
    else:
        blocks.append(Paragraph(t("open_none", language)))
    blocks += [
        Heading(t("rules", language)),
        Paragraph(t("rules_intro", language, date=on_date)),
        _rules_table(outcome, language),
        Heading(t("warnings", language)),
    ]
    warnings = warning_texts(outcome, language)
    blocks += [Paragraph(w, style="warning") for w in warnings] or [
        Paragraph(t("warnings_none", language))
    ]
    blocks += _checklist(answers, outcome, language)
    blocks += [
        Heading(t("steps_next", language)),
        BulletList(tuple(next_steps(outcome, language)), ordered=True),
        Heading(t("next", language)),
        Paragraph(t("next_intro", language)),
        BulletList(tuple(f"{title}. {text}" for title, text in tips(language)), ordered=True),
        *_sign_off(record, language),
        Heading(t("disclaimer_heading", language)),
        Paragraph(disclaimer, style="warning"),
    ]
    subtitle = record.collaboration if record and record.collaboration else ""
    return Document(
        title=t("title", language),
        language=language,
        blocks=tuple(blocks),
        subtitle=subtitle,
        author=record.author if record else "",
        footer=t("footer", language),
    )
