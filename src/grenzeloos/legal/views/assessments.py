"""The assessments of a collaboration: start, answer, sign off or send back, reopen, give a
reason, download the motivation (answers on a draft :class:`LegalAssessment`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from grenzeloos.collaborations.access import allows, collaboration_view
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.errors import PermissionDenied, UserError
from grenzeloos.core.web import acting_user, service_errors
from grenzeloos.legal import report, services
from grenzeloos.legal.answers import get_path
from grenzeloos.legal.forms import (
    REASON_KEYS,
    NewAssessmentForm,
    ReasonForm,
    SendBackForm,
    SignOffForm,
)
from grenzeloos.legal.models import Status
from grenzeloos.legal.questions import relevant_questions
from grenzeloos.legal.views.flow import (
    Flow,
    _assessment_flow,
    _assessment_on_record,
    _beneficiary,
    _beneficiary_remove,
    _download,
    _language,
    _outcome_context,
    _policy,
    _problem_messages,
    _question,
    _question_or_404,
    _summary,
)

# ---- assessments of a collaboration


@require_safe
@collaboration_view(read="legal.view")
def collaboration_assessments(request: HttpRequest, collaboration: Collaboration) -> HttpResponse:
    assessments = services.list_assessments(user=request.user, collaboration=collaboration)
    return render(
        request,
        "legal/collaboration.html",
        {
            "collaboration": collaboration,
            "assessments": assessments,
            "can_edit": allows(collaboration, "legal.edit"),
            "form": NewAssessmentForm(),
        },
    )


@collaboration_view(read="legal.view", write="legal.edit")
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_new(request: HttpRequest, collaboration: Collaboration) -> HttpResponse:
    if not allows(collaboration, "legal.edit"):
        raise PermissionDenied(_("Only editors and owners can start an assessment."))
    form = NewAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assessment = services.create_assessment(
            actor=acting_user(request),
            collaboration=collaboration,
            title=form.cleaned_data["title"],
        )
        first = relevant_questions(assessment.answers)[0]
        return redirect("legal:question", assessment.pk, first.key)
    return render(request, "legal/new.html", {"collaboration": collaboration, "form": form})


@login_required
@service_errors
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_question(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    flow = _assessment_flow(request, pk)
    if not flow.can_edit:
        messages.info(request, _("This assessment is no longer a draft; reopen it to change it."))
        return redirect("legal:detail", pk)
    try:
        return _question(request, flow, key)
    except services.StatusError as error:
        messages.error(request, str(error))
        return redirect("legal:detail", pk)


def _editable_flow(request: HttpRequest, pk: int) -> Flow | HttpResponse:
    """The flow of a draft the visitor may change, or a redirect to the assessment."""
    flow = _assessment_flow(request, pk)
    if not flow.can_edit:
        messages.info(request, _("This assessment is no longer a draft; reopen it to change it."))
        return redirect("legal:detail", pk)
    return flow


def _on_draft(request: HttpRequest, pk: int, action: Any, *args: Any) -> HttpResponse:
    flow = _editable_flow(request, pk)
    if isinstance(flow, HttpResponse):
        return flow
    try:
        response: HttpResponse = action(request, flow, *args)
    except services.StatusError as error:
        messages.error(request, str(error))
        return redirect("legal:detail", pk)
    return response


@login_required
@service_errors
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_beneficiary_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_draft(request, pk, _beneficiary, None)


@login_required
@service_errors
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_beneficiary(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    return _on_draft(request, pk, _beneficiary, index)


@login_required
@service_errors
@require_POST
def assessment_beneficiary_remove(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    return _on_draft(request, pk, _beneficiary_remove, index)


@login_required
@service_errors
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_policy(request: HttpRequest, pk: int) -> HttpResponse:
    return _on_draft(request, pk, _policy)


@require_safe
@login_required
@service_errors
def assessment_start(request: HttpRequest, pk: int) -> HttpResponse:
    flow = _assessment_flow(request, pk)
    first = relevant_questions(flow.answers())[0]
    return redirect(flow.url("question", first.key))


@require_safe
@login_required
@service_errors
def assessment_summary(request: HttpRequest, pk: int) -> HttpResponse:
    return _summary(request, _assessment_flow(request, pk))


@require_safe
@login_required
@service_errors
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    flow = _assessment_flow(request, pk)
    assessment = flow.assessment
    assert assessment is not None
    is_editor = allows(assessment.collaboration, "legal.edit")
    may_review = allows(assessment.collaboration, "legal.sign_off")
    refusal = services.sign_off_refusal(assessment, request.user) if may_review else None
    context = _outcome_context(flow)
    context.update(
        {
            "collaboration": assessment.collaboration,
            "can_sign_off": may_review
            and assessment.status == Status.DRAFT
            and services.is_determined(assessment.outcome)
            and refusal is None,
            "sign_off_refusal": refusal,
            "may_review": may_review,
            "not_determined": assessment.status == Status.DRAFT
            and not services.is_determined(assessment.outcome),
            "answers_version": services.answers_version(assessment),
            "answer_changes": [
                (change, services.change_lines(change))
                for change in assessment.answer_changes.select_related("author")
            ],
            "can_reopen": is_editor and assessment.status == Status.SIGNED_OFF,
            "sign_off_form": SignOffForm(),
            "can_send_back": allows(assessment.collaboration, "legal.send_back")
            and assessment.status == Status.DRAFT
            and refusal is None,
            "send_back_form": SendBackForm(),
            "send_backs": assessment.send_backs.select_related("reviewer"),
            "can_reason": flow.can_reason,
        }
    )
    return render(request, "legal/outcome.html", context)


@login_required
@service_errors
@require_POST
def assessment_sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = services.get_assessment(user=request.user, pk=pk, action="legal.sign_off")
    form = SignOffForm(request.POST)
    if form.is_valid():
        try:
            services.sign_off(
                actor=acting_user(request),
                assessment=assessment,
                version=form.cleaned_data["version"] or None,
                remark=form.cleaned_data["remark"],
            )
        except (UserError, PermissionDenied) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The assessment has been signed off."))
    return redirect("legal:detail", pk)


@login_required
@service_errors
@require_POST
def assessment_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment_on_record(request, pk)
    try:
        successor = services.reopen(actor=acting_user(request), assessment=assessment)
    except services.StatusError as error:
        messages.error(request, str(error))
        return redirect("legal:detail", pk)
    messages.success(request, _("A new draft was made; the signed-off assessment is kept."))
    return HttpResponseRedirect(reverse("legal:detail", args=[successor.pk]))


@login_required
@service_errors
@require_POST
def assessment_partners(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment_on_record(request, pk)
    try:
        services.take_over_partners(actor=acting_user(request), assessment=assessment)
    except (services.StatusError, services.InvalidAnswersError) as error:
        messages.error(request, str(error))
        return redirect("legal:detail", pk)
    messages.success(request, _("The canvas's partners were added as beneficiaries."))
    return redirect("legal:detail", pk)


@require_safe
@login_required
@service_errors
def assessment_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    return _download(_assessment_flow(request, pk), fmt)


@login_required
@service_errors
@require_POST
def assessment_send_back(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a draft back to its authors with a comment (reviewers, and editors who did not
    write it)."""
    assessment = services.get_assessment(user=request.user, pk=pk, action="legal.send_back")
    form = SendBackForm(request.POST)
    if not form.is_valid():
        for message in form.errors.get("comment", []):
            messages.error(request, str(message))
        return redirect("legal:detail", pk)
    try:
        services.send_back(
            actor=acting_user(request), assessment=assessment, comment=form.cleaned_data["comment"]
        )
    except (UserError, PermissionDenied) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The assessment was sent back to its authors."))
    return redirect("legal:detail", pk)


@login_required
@service_errors
@require_http_methods(["GET", "HEAD", "POST"])
def assessment_reason(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """Give the reason for one answer without changing it (what a reviewer may do). Whoever
    could sign the assessment off is told, before saving, that this makes them an author."""
    question = _question_or_404(key)
    if key not in REASON_KEYS:
        raise Http404(f"no reason can be given for {key}")
    assessment = services.get_assessment(user=request.user, pk=pk, action="legal.reason")
    if assessment.status != Status.DRAFT:
        messages.info(request, _("This assessment is no longer a draft; reopen it to change it."))
        return redirect("legal:detail", pk)
    warning = services.authorship_warning(assessment, request.user)
    reasons = assessment.answers.get("reasons")
    current = reasons.get(key, "") if isinstance(reasons, dict) else ""
    status = 200
    if request.method == "POST":
        form = ReasonForm(request.POST)
        if form.is_valid():
            try:
                services.set_reason(
                    actor=acting_user(request),
                    assessment=assessment,
                    key=key,
                    reason=form.cleaned_data["reason"],
                    confirm_authorship=form.cleaned_data["confirm_authorship"],
                )
            except services.BecomesAuthor as error:
                form.add_error("confirm_authorship", str(error))
            except services.InvalidAnswersError as error:
                for message in _problem_messages(error):
                    form.add_error("reason", message)
            else:
                messages.success(request, _("The reason was saved."))
                return redirect("legal:summary", pk)
        status = 422
    else:
        form = ReasonForm(initial={"reason": current})
    language = _language()
    return render(
        request,
        "legal/reason.html",
        {
            "assessment": assessment,
            "form": form,
            "question_text": question.text[language],
            "answer": report.format_answer(key, get_path(assessment.answers, key), language),
            "warning": warning,
            "summary_url": reverse("legal:summary", args=[pk]),
        },
        status=status,
    )
