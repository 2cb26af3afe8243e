"""The stand-alone check: a policy officer tries a situation with the answers kept in the
session, nothing on record."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from grenzeloos.legal.questions import relevant_questions
from grenzeloos.legal.views.flow import (
    SESSION_KEY,
    Flow,
    _beneficiary,
    _beneficiary_remove,
    _download,
    _outcome_context,
    _policy,
    _question,
    _summary,
)

# ---- stand-alone check (answers in the session)


@require_safe
@login_required
def check_start(request: HttpRequest) -> HttpResponse:
    flow = Flow(request)
    first = relevant_questions(flow.answers())[0]
    return render(
        request,
        "legal/start.html",
        {
            "flow": flow,
            "first_url": flow.url("question", first.key),
            "started": bool(request.session.get(SESSION_KEY)),
        },
    )


@login_required
@require_POST
def check_reset(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return redirect("legal:check_start")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def check_question(request: HttpRequest, key: str) -> HttpResponse:
    return _question(request, Flow(request), key)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def check_beneficiary_add(request: HttpRequest) -> HttpResponse:
    return _beneficiary(request, Flow(request), None)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def check_beneficiary(request: HttpRequest, index: int) -> HttpResponse:
    return _beneficiary(request, Flow(request), index)


@login_required
@require_POST
def check_beneficiary_remove(request: HttpRequest, index: int) -> HttpResponse:
    return _beneficiary_remove(request, Flow(request), index)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def check_policy(request: HttpRequest) -> HttpResponse:
    return _policy(request, Flow(request))


@require_safe
@login_required
def check_summary(request: HttpRequest) -> HttpResponse:
    return _summary(request, Flow(request))


@require_safe
@login_required
def check_outcome(request: HttpRequest) -> HttpResponse:
    return render(request, "legal/outcome.html", _outcome_context(Flow(request)))


@require_safe
@login_required
def check_report(request: HttpRequest, fmt: str) -> HttpResponse:
    return _download(Flow(request), fmt)
