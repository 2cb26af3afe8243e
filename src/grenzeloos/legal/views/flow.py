"""The wizard's screens, the same for both places the answers can live: :class:`Flow` says
where (the session of a stand-alone check, or a draft assessment), and every screen (question,
beneficiaries, own thresholds, summary, outcome, download) is written once against it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from grenzeloos.collaborations.access import allows
from grenzeloos.core.web import acting_user
from grenzeloos.documents import CONTENT_TYPES, FORMATS
from grenzeloos.documents import render as render_document
from grenzeloos.legal import report, services
from grenzeloos.legal.answers import SCHEMA, get_path, set_path
from grenzeloos.legal.forms import (
    MIX_FIELDS,
    REASON_KEYS,
    AnswerForm,
    BeneficiaryForm,
    PolicyForm,
)
from grenzeloos.legal.models import LegalAssessment, Status
from grenzeloos.legal.questions import QUESTIONS, Question, relevant_questions
from grenzeloos.legal.texts import LANGUAGES, format_eur
from grenzeloos.legal.texts import label as render_label
from grenzeloos.legal.texts import render as render_text

SESSION_KEY = "legal_check_answers"
BENEFICIARIES = "aid.beneficiaries"
POLICY_QUESTION = "procurement_policy.example"
_BY_KEY = {q.key: q for q in QUESTIONS}
FORMAT_LABELS = {"pdf": "PDF", "odt": "ODT (OpenDocument)", "docx": "DOCX (Word)", "md": "Markdown"}


def _language() -> str:
    code = (translation.get_language() or "nl")[:2]
    return code if code in LANGUAGES else "nl"


@dataclass
class Flow:
    """Where the answers of one wizard run live, and the URLs of its screens."""

    request: HttpRequest
    assessment: LegalAssessment | None = None
    can_edit: bool = True
    #: May give reasons without changing answers (a reviewer on a draft).
    can_reason: bool = False

    def answers(self) -> dict[str, Any]:
        if self.assessment is not None:
            return dict(self.assessment.answers)
        return dict(self.request.session.get(SESSION_KEY) or {"schema": SCHEMA})

    def save(self, data: dict[str, Any]) -> None:
        """Store answers; raises InvalidAnswersError / StatusError from the services."""
        if self.assessment is not None:
            self.assessment = services.update_answers(
                actor=acting_user(self.request), assessment=self.assessment, answers=data
            )
        else:
            services.check_answers(data, complete=False)
            self.request.session[SESSION_KEY] = data

    def outcome(self) -> dict[str, Any] | None:
        if self.assessment is not None:
            return self.assessment.outcome
        data = self.answers()
        if data.get("on_date") is None:
            return None
        try:
            return services.evaluate(data, language=_language())
        except services.InvalidAnswersError:
            return None

    def quick_outcome(self) -> dict[str, Any] | None:
        """The outcome without the what-if runs, for hints while answering (None: no date)."""
        if self.assessment is not None:
            return self.assessment.outcome
        data = self.answers()
        if data.get("on_date") is None:
            return None
        try:
            return services.evaluate(data, language=_language(), explore=False)
        except services.InvalidAnswersError:
            return None

    def not_covered(self) -> list[str]:
        """Ground the answers so far lead to that the check does not cover."""
        return report.not_covered_texts(self.quick_outcome(), _language())

    def url(self, name: str, *args: Any) -> str:
        if self.assessment is not None:
            name = "detail" if name == "outcome" else name
            return reverse(f"legal:{name}", args=[self.assessment.pk, *args])
        return reverse(f"legal:check_{name}", args=list(args))


def _assessment_on_record(request: HttpRequest, pk: int) -> LegalAssessment:
    """An assessment on record, if the visitor may read it (GET/HEAD) or else edit it."""
    action = "legal.view" if request.method in ("GET", "HEAD") else "legal.edit"
    return services.get_assessment(user=request.user, pk=pk, action=action)


def _assessment_flow(request: HttpRequest, pk: int) -> Flow:
    """The flow of an assessment on record, with the visitor's rights checked."""
    assessment = _assessment_on_record(request, pk)
    draft = assessment.status == Status.DRAFT
    can_edit = allows(assessment.collaboration, "legal.edit") and draft
    can_reason = not can_edit and draft and allows(assessment.collaboration, "legal.reason")
    return Flow(request, assessment, can_edit=can_edit, can_reason=can_reason)


def _open_link(flow: Flow, key: str) -> str | None:
    """Where an open question is answered, for someone who may still answer it."""
    if not flow.can_edit:
        return None
    screen, args = report.open_question_link(key)
    if screen == "question" and key not in _BY_KEY:
        return None
    return flow.url(screen, *args)


def _question_or_404(key: str) -> Question:
    try:
        return _BY_KEY[key]
    except KeyError:
        raise Http404(f"no question {key}") from None


def _neighbours(question: Question, data: dict[str, Any]) -> tuple[Question | None, ...]:
    """(previous, next) relevant questions around this one, in wizard order."""
    order = [q.key for q in QUESTIONS]
    position = order.index(question.key)
    relevant = relevant_questions(data)
    before = [q for q in relevant if order.index(q.key) < position]
    after = [q for q in relevant if order.index(q.key) > position]
    return (before[-1] if before else None, after[0] if after else None)


def _question_context(flow: Flow, question: Question, form: AnswerForm) -> dict[str, Any]:
    data = flow.answers()
    language = _language()
    relevant = relevant_questions(data)
    keys = [q.key for q in relevant]
    number = keys.index(question.key) + 1 if question.key in keys else len(keys) + 1
    previous, _next = _neighbours(question, data)
    return {
        "flow": flow,
        "question": question,
        "text": question.text[language],
        "explanation": question.explanation[language],
        "example": question.example[language],
        "form": form,
        "number": number,
        "total": max(len(relevant), number),
        "back_url": flow.url("question", previous.key) if previous else flow.url("start"),
        "return_to_summary": "summary"
        in (flow.request.GET.get("return"), flow.request.POST.get("return")),
        "summary_url": flow.url("summary"),
        "assessment": flow.assessment,
        "not_covered": flow.not_covered() if question.key != "on_date" else [],
        "policy_url": flow.url("policy") if question.key == POLICY_QUESTION else None,
        "own_policy": _own_policy_text(data) if question.key == POLICY_QUESTION else "",
    }


def _with_reason(data: dict[str, Any], key: str, reason: str | None) -> dict[str, Any]:
    """The answers with the user's reason for one answer set (or removed when empty)."""
    if reason is None:
        return data
    reasons = dict(data.get("reasons") or {})
    if reason:
        reasons[key] = reason
    else:
        reasons.pop(key, None)
    result = dict(data)
    if reasons or "reasons" in result:
        result["reasons"] = reasons
    return result


def _question(request: HttpRequest, flow: Flow, key: str) -> HttpResponse:
    question = _question_or_404(key)
    if question.kind == "partners":
        return _beneficiaries(request, flow, question)
    language = _language()
    data = flow.answers()
    if request.method == "POST":
        if "dont_know" in request.POST and not question.required:
            form = AnswerForm(
                question,
                language,
                data={"value": "unknown", "reason": request.POST.get("reason", "")},
            )
            form.is_valid()  # only the reason is checked: the answer is "I don't know"
            value = None
            valid = "reason" not in form.errors
        else:
            form = AnswerForm(question, language, data=request.POST)
            valid = form.is_valid()
            value = form.answer() if valid else None
        if valid:
            reason = form.reason_text() if "reason" in form.fields else None
            updated = _with_reason(set_path(data, question.key, value), question.key, reason)
            try:
                flow.save(updated)
            except services.InvalidAnswersError as error:
                for message in _problem_messages(error):
                    form.add_error("value", message)
            else:
                if request.POST.get("return") == "summary":
                    return redirect(flow.url("summary"))
                _previous, following = _neighbours(question, updated)
                if following is None:
                    return redirect(flow.url("summary"))
                return redirect(flow.url("question", following.key))
        status = 422
    else:
        form = AnswerForm(question, language, initial=AnswerForm.initial_for(question, data))
        status = 200
    return render(
        request, "legal/question.html", _question_context(flow, question, form), status=status
    )


def _problem_messages(error: services.InvalidAnswersError) -> list[str]:
    """The problems in the page's language where we know them, else as the engine says."""
    return [_problem_message(p) for p in error.problems]


def _problem_message(problem: Any) -> str:
    known = {
        "aid_above_costs": _(
            "The aid is higher than the eligible costs. Aid cannot exceed the costs it "
            "supports: correct the aid amount or the eligible costs."
        ),
        "zero_aid": _(
            "An aid of 0 is not aid: a measure that transfers nothing gives no advantage. "
            "Enter the amount, or choose “I don't know”."
        ),
    }
    return known.get(problem.code, str(problem))


def _own_policy_text(data: dict[str, Any]) -> str:
    """The organisation's own bands, as one line: its name and date (empty: none entered)."""
    policy = data.get("procurement_policy")
    if not isinstance(policy, dict) or not policy.get("bands"):
        return ""
    name = str(policy.get("name") or _("own procurement policy"))
    day = policy.get("date")
    if not day:
        return _("Own bands: %(name)s") % {"name": name}
    try:
        adopted = formats.date_format(dt.date.fromisoformat(str(day)), "j F Y")
    except ValueError:
        adopted = str(day)
    return _("Own bands: %(name)s, adopted on %(date)s") % {"name": name, "date": adopted}


def _summary_answer(question: Question, data: dict[str, Any], language: str) -> str:
    if question.key == POLICY_QUESTION and _own_policy_text(data):
        return _own_policy_text(data)
    if question.kind == "partners":
        names = [str(p.get("name")) for p in _partners_of(data)]
        return ", ".join(names) if names else _("One beneficiary (no consortium)")
    return report.format_answer(question.key, get_path(data, question.key), language)


def _summary_rows(flow: Flow) -> list[dict[str, Any]]:
    data = flow.answers()
    language = _language()
    reasons = data.get("reasons") if isinstance(data.get("reasons"), dict) else {}
    return [
        {
            "question": q,
            "text": q.text[language],
            "answer": _summary_answer(q, data, language),
            "unknown": get_path(data, q.key) is None
            and q.kind != "partners"
            and not (q.key == POLICY_QUESTION and _own_policy_text(data)),
            "reason": (reasons or {}).get(q.key),
            "url": flow.url("question", q.key) + "?return=summary",
            "reason_url": (
                reverse("legal:reason", args=[flow.assessment.pk, q.key])
                if flow.assessment is not None and flow.can_reason and q.key in REASON_KEYS
                else None
            ),
        }
        for q in relevant_questions(data)
    ]


# ---- the beneficiaries of a consortium (a list screen, and a form per beneficiary)


def _partners_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    items = get_path(data, BENEFICIARIES)
    return [dict(i) for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _mix_text(item: dict[str, Any], language: str) -> str:
    mix = item.get("category_mix") or {}
    if not isinstance(mix, dict) or not mix:
        return _("as the measure")
    return ", ".join(f"{render_label(k, language)} {v} %" for k, v in mix.items())


def _beneficiary_rows(flow: Flow, data: dict[str, Any]) -> list[dict[str, Any]]:
    language = _language()
    rows = []
    for index, item in enumerate(_partners_of(data)):
        if item.get("research_organisation"):
            kind = _("research organisation")
        elif item.get("size"):
            kind = render_label(item["size"], language)
        elif any(item.get(k) is not None for k in ("staff", "turnover_eur", "balance_sheet_eur")):
            kind = _("size from its figures")
        else:
            kind = _("size not known")
        rows.append(
            {
                "number": index + 1,
                "name": item.get("name"),
                "kind": kind,
                "aid": format_eur(item.get("aid_eur"), language),
                "costs": format_eur(item.get("eligible_costs_eur"), language),
                "mix": _mix_text(item, language),
                "edit_url": flow.url("beneficiary", index),
                "remove_url": flow.url("beneficiary_remove", index),
            }
        )
    return rows


def _beneficiaries(request: HttpRequest, flow: Flow, question: Question) -> HttpResponse:
    """The list screen: add, change or remove beneficiaries, then continue."""
    data = flow.answers()
    if request.method == "POST":
        if request.POST.get("return") == "summary":
            return redirect(flow.url("summary"))
        _previous, following = _neighbours(question, data)
        return redirect(flow.url("question", following.key) if following else flow.url("summary"))
    form = AnswerForm(question, _language())
    context = _question_context(flow, question, form)
    context.update({"rows": _beneficiary_rows(flow, data), "add_url": flow.url("beneficiary_add")})
    return render(request, "legal/beneficiaries.html", context)


def _beneficiary(request: HttpRequest, flow: Flow, index: int | None) -> HttpResponse:
    """Add (index None) or change one beneficiary; problems are named at the field."""
    language = _language()
    data = flow.answers()
    items = _partners_of(data)
    if index is not None and not 0 <= index < len(items):
        raise Http404(f"no beneficiary {index + 1}")
    number = len(items) + 1 if index is None else index + 1
    status = 200
    if request.method == "POST":
        form = BeneficiaryForm(language, data=request.POST)
        if form.is_valid():
            item = form.beneficiary()
            updated_items = [*items, item] if index is None else items
            if index is not None:
                updated_items[index] = item
            try:
                flow.save(set_path(data, BENEFICIARIES, updated_items))
            except services.InvalidAnswersError as error:
                _problems_at_fields(form, error, number - 1)
            else:
                if index is None:
                    messages.success(request, _("%(name)s was added.") % {"name": item["name"]})
                else:
                    messages.success(request, _("%(name)s was saved.") % {"name": item["name"]})
                return redirect(flow.url("question", BENEFICIARIES))
        status = 422
    else:
        initial = BeneficiaryForm.initial_from(items[index]) if index is not None else {}
        form = BeneficiaryForm(language, initial=initial)
    return render(
        request,
        "legal/beneficiary.html",
        {
            "flow": flow,
            "assessment": flow.assessment,
            "form": form,
            "number": number,
            "adding": index is None,
            "list_url": flow.url("question", BENEFICIARIES),
            "mix_fields": [form[name] for name in MIX_FIELDS],
        },
        status=status,
    )


def _problems_at_fields(
    form: BeneficiaryForm, error: services.InvalidAnswersError, row: int
) -> None:
    """Problems the answers check found, put at the field of this beneficiary they concern."""
    prefix = f"{BENEFICIARIES}[{row}]."
    for problem in error.problems:
        field = problem.path[len(prefix) :].split(".")[0] if problem.path.startswith(prefix) else ""
        if field == "category_mix":
            field = MIX_FIELDS[0]
        message = _problem_message(problem)
        form.add_error(field if field in form.fields else None, message)


def _beneficiary_remove(request: HttpRequest, flow: Flow, index: int) -> HttpResponse:
    data = flow.answers()
    items = _partners_of(data)
    if not 0 <= index < len(items):
        raise Http404(f"no beneficiary {index + 1}")
    removed = items.pop(index)
    try:
        flow.save(set_path(data, BENEFICIARIES, items))
    except services.InvalidAnswersError as error:
        for message in _problem_messages(error):
            messages.error(request, message)
    else:
        messages.success(request, _("%(name)s was removed.") % {"name": removed.get("name")})
    return redirect(flow.url("question", BENEFICIARIES))


def _policy(request: HttpRequest, flow: Flow) -> HttpResponse:
    """The organisation's own procurement bands, per contract kind, with the policy's name and
    date: entered here instead of only in an answers file or through the API."""
    language = _language()
    data = flow.answers()
    status = 200
    if request.method == "POST":
        form = PolicyForm(language, data=request.POST)
        if form.is_valid():
            policy = {**dict(data.get("procurement_policy") or {}), **form.policy()}
            try:
                flow.save({**data, "procurement_policy": policy})
            except services.InvalidAnswersError as error:
                for message in _problem_messages(error):
                    form.add_error(None, message)
            else:
                messages.success(request, _("The procurement bands were saved."))
                return redirect(flow.url("question", POLICY_QUESTION))
        status = 422
    else:
        form = PolicyForm(language, initial=PolicyForm.initial_from(data.get("procurement_policy")))
    return render(
        request,
        "legal/policy.html",
        {
            "flow": flow,
            "assessment": flow.assessment,
            "form": form,
            "kinds": [
                (render_label(kind, language), one, several) for kind, one, several in form.kinds()
            ],
            "back_url": flow.url("question", POLICY_QUESTION),
        },
        status=status,
    )


def _summary(request: HttpRequest, flow: Flow) -> HttpResponse:
    return render(
        request,
        "legal/summary.html",
        {
            "flow": flow,
            "rows": _summary_rows(flow),
            "assessment": flow.assessment,
            "not_covered": flow.not_covered(),
            "outcome_url": flow.url("outcome"),
        },
    )


def _outcome_context(flow: Flow) -> dict[str, Any]:
    language = _language()
    outcome = flow.outcome()
    context: dict[str, Any] = {
        "flow": flow,
        "assessment": flow.assessment,
        "outcome": outcome,
        "disclaimer": render_text("disclaimer", {}, language),
        "tips": report.tips(language),
        "formats": [(fmt, FORMAT_LABELS[fmt]) for fmt in report.DOWNLOAD_ORDER if fmt in FORMATS],
        "summary_url": flow.url("summary"),
    }
    if outcome is None:
        return context
    steps = []
    for number, step in enumerate(outcome["steps"], start=1):
        steps.append(
            {
                "number": number,
                "text": report.step_text(step, language),
                "rule_id": step.get("rule_id"),
                "citation": report.step_citation(step, language),
            }
        )
    context.update(
        {
            "regime_label": render_label(outcome["regime"], language),
            "conclusion": report.conclusion_sentences(outcome, language, flow.answers()),
            "steps": steps,
            "open_points": [
                (question, lines, _open_link(flow, item["key"]))
                for (question, lines), item in zip(
                    report.open_points(outcome, language),
                    outcome.get("open_questions", []),
                    strict=True,
                )
            ],
            "warnings": report.warning_texts(outcome, language, leave_out=report.NOT_COVERED),
            "not_covered": report.not_covered_texts(outcome, language),
            "partner_table": report.partner_table(outcome, language),
            "rules": [
                {**rule, "citation_text": report.rule_citation(rule, language)}
                for rule_set in outcome.get("rule_sets", [])
                for rule in rule_set["rules"]
            ],
        }
    )
    return context


def _download(flow: Flow, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404(f"unknown format {fmt}")
    language = _language()
    if flow.assessment is not None:
        document = services.motivation(flow.assessment, language=language)
        name = report.file_name(flow.assessment.title, flow.assessment.on_date, language)
    else:
        outcome = flow.outcome()
        if outcome is None:
            raise Http404("no outcome yet")
        document = report.build_report(flow.answers(), outcome, language=language)
        subject = report.case_subject(flow.answers())
        name = report.file_name(subject, outcome.get("on_date"), language)
    response = HttpResponse(render_document(document, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
