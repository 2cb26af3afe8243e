"""The written motivation of a legal route check, as a document to file.

Why: the motiveringsbeginsel asks a government to explain its choices transparently. A civil
servant needs more than a verdict: the question, the facts as given, every step of the
reasoning with the rule and source it relied on, the conclusion, what is still open (and what
each answer would lead to), the dates of the rules, the warnings, and who reviewed it. This
module builds that as a :class:`grenzeloos.documents.Document` from plain JSON (the answers
and the `grenzeloos.legal-outcome/1` outcome), so the CLI, the API and the web produce the
same text; the renderers turn it into PDF, ODT, DOCX or Markdown.

Step sentences are re-rendered from their code and parameters with :func:`texts.render`, so a
stored outcome can be reported in either language. The report's own wording lives in
:mod:`.wording`; like the engine's texts it is gettext messages (msgid English, Dutch in the nl
catalogue), and :func:`build_report` renders under ``translation.override(language)``, so the
motivation is in the language asked for, whatever the language of the request."""

from __future__ import annotations

from grenzeloos.legal.report.document import build_report
from grenzeloos.legal.report.facts import (
    DOWNLOAD_ORDER,
    RecordInfo,
    case_subject,
    file_name,
    partner_table,
)
from grenzeloos.legal.report.reasoning import (
    NOT_COVERED,
    conclusion_sentences,
    next_steps,
    not_covered_texts,
    open_points,
    open_question_link,
    rule_citation,
    step_citation,
    step_text,
    warning_texts,
)
from grenzeloos.legal.report.wording import TIPS, format_answer, question_text, route_label, t, tips

__all__ = [
    "DOWNLOAD_ORDER",
    "NOT_COVERED",
    "TIPS",
    "RecordInfo",
    "build_report",
    "case_subject",
    "conclusion_sentences",
    "file_name",
    "format_answer",
    "next_steps",
    "not_covered_texts",
    "open_points",
    "open_question_link",
    "partner_table",
    "question_text",
    "route_label",
    "rule_citation",
    "step_citation",
    "step_text",
    "t",
    "tips",
    "warning_texts",
]
