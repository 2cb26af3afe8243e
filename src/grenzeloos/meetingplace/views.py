"""Web pages of the meeting place: the statements one may see (search and publish), one
statement (answers, the round table, matches, starting a collaboration) and a forming
collaboration's missing seats. Thin: every change goes through
:mod:`grenzeloos.meetingplace.services`, which also decides who sees what."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grenzeloos.accounts import notices
from grenzeloos.core import extensions
from grenzeloos.core.errors import NotFound, PermissionDenied, UserError
from grenzeloos.core.forms import form_error
from grenzeloos.core.search import MAX_LENGTH as SEARCH_MAX_LENGTH
from grenzeloos.core.search import SearchRefused
from grenzeloos.core.web import acting_user, service_errors
from grenzeloos.meetingplace import matching, services
from grenzeloos.meetingplace.forms import (
    AnswerForm,
    CloseForm,
    ComparisonForm,
    StatementForm,
)
from grenzeloos.meetingplace.models import Side


@login_required
@service_errors
def statements(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    mine = services.my_organisations(user).order_by("name")
    form = StatementForm(request.POST or None, organisations=mine)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = dict(form.cleaned_data)
            organisation = data.pop("organisation")
            try:
                created = services.publish(
                    actor=user, organisation=organisation, data=services.StatementData(**data)
                )
            except UserError as error:
                form_error(form, error)
            else:
                messages.success(request, _("Your problem statement is published."))
                return HttpResponseRedirect(reverse("meetingplace:statement", args=[created.pk]))
    search = request.GET.get("q", "").strip()
    closed = request.GET.get("closed", "") == "1"
    context: dict[str, Any] = {
        "form": form,
        "digest": notices.preference_of(user).get_digest_display(),
        "themes": services.own_themes(user),
        "can_publish": mine.exists(),
        "search": search,
        "closed": closed,
        "search_max_length": SEARCH_MAX_LENGTH,
    }
    try:
        context["page"] = services.statement_page(
            user=user, search=search, closed=closed, page=request.GET.get("page"), size=25
        )
    except SearchRefused as error:
        context["search_error"] = str(error)
        status = 400
    return render(request, "meetingplace/statements.html", context, status=status)


def _statement_context(request: HttpRequest, pk: int, **forms: Any) -> dict[str, Any]:
    user = acting_user(request)
    statement = services.get_statement(user=user, pk=pk)
    mine = services.my_organisations(user).order_by("name")
    if statement.organisation_id is not None:
        mine = mine.exclude(pk=statement.organisation_id)
    owner = services.owns(user, statement)
    answers = services.answers_for(user=user, statement=statement)
    rows = []
    for answer in answers:
        sides = {c.side: c for c in answer.comparisons.all()}
        my_side = Side.OWNER if owner else Side.ANSWERER
        mine_done = sides.get(my_side)
        rows.append(
            {
                "answer": answer,
                "confirmed": services.confirmed(answer),
                "sides": sides,
                "form": forms.get(f"compare_{answer.pk}")
                or ComparisonForm(
                    prefix=f"c{answer.pk}",
                    initial={
                        "same_people": mine_done.same_people,
                        "same_cause": mine_done.same_cause,
                        "same_goal": mine_done.same_goal,
                        "will_invest": mine_done.will_invest,
                        "note": mine_done.note,
                    }
                    if mine_done
                    else None,
                ),
            }
        )
    return {
        "statement": statement,
        "themes": matching.split(statement.themes),
        "seeking": matching.split(statement.seeking),
        "owner": owner,
        "answers": rows,
        "answer_form": forms.get("answer") or AnswerForm(organisations=mine),
        "can_answer": mine.exists() and not owner and statement.status == "open",
        "matches": services.matches(user=user, statement=statement),
        "can_start": owner and statement.status == "open" and any(r["confirmed"] for r in rows),
        "can_close": owner and statement.status == "open",
        "close_form": forms.get("close") or CloseForm(),
        "started_url": extensions.collaboration_url("canvas", statement.started_id)
        if statement.started_id
        else None,
    }


@login_required
@service_errors
def statement(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "meetingplace/statement.html", _statement_context(request, pk))


@login_required
@require_POST
@service_errors
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    current = services.get_statement(user=user, pk=pk)
    form = AnswerForm(request.POST, organisations=services.my_organisations(user))
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.answer(actor=user, statement=current, **data)
        except UserError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Your answer is sent."))
            return HttpResponseRedirect(reverse("meetingplace:statement", args=[pk]))
    context = _statement_context(request, pk, answer=form)
    return render(request, "meetingplace/statement.html", context, status=422)


@login_required
@require_POST
@service_errors
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    found = services.get_answer(user=user, pk=pk)
    form = ComparisonForm(request.POST, prefix=f"c{found.pk}")
    if form.is_valid():
        try:
            services.compare(actor=user, answer=found, **form.cleaned_data)
        except UserError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Your side of the comparison is saved."))
            return HttpResponseRedirect(
                reverse("meetingplace:statement", args=[found.statement_id])
            )
    context = _statement_context(request, found.statement_id, **{f"compare_{found.pk}": form})
    return render(request, "meetingplace/statement.html", context, status=422)


@login_required
@require_POST
@service_errors
def start(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    current = services.get_statement(user=user, pk=pk)
    try:
        started = services.start_collaboration(actor=user, statement=current)
    except (NotFound, PermissionDenied):
        raise  # 404 and 403, as every page answers them
    except UserError as error:  # nobody confirmed yet, or no longer open: said on the page
        messages.error(request, str(error))
        return HttpResponseRedirect(reverse("meetingplace:statement", args=[pk]))
    messages.success(request, _("The collaboration has started."))
    return HttpResponseRedirect(
        extensions.collaboration_url("canvas", started)
        or reverse("meetingplace:statement", args=[pk])
    )


@login_required
@require_POST
@service_errors
def close(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    current = services.get_statement(user=user, pk=pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.close(actor=user, statement=current, reason=form.cleaned_data["reason"])
        except (NotFound, PermissionDenied):
            raise  # 404 and 403, as every page answers them
        except UserError as error:
            form_error(form, error)
        else:
            messages.success(
                request,
                _("The statement is closed. You and those who answered can still read it."),
            )
            return HttpResponseRedirect(reverse("meetingplace:statement", args=[pk]))
    context = _statement_context(request, pk, close=form)
    return render(request, "meetingplace/statement.html", context, status=422)


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The page a digest's link opens, signed in or not: opening it changes nothing (mail
    scanners follow links); the button (a POST) turns the digest off, its person's other
    notice choices left as they are."""
    try:
        user = services.user_for_token(token)
    except NotFound:
        return render(request, "meetingplace/unsubscribe_refused.html", status=404)
    done = False
    if request.method == "POST":
        services.unsubscribe(token=token)
        done = True
    context = {"name": user.get_username(), "done": done}
    return render(request, "meetingplace/unsubscribe.html", context)


@login_required
@service_errors
def seats(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    table = services.missing_seats(user=user, collaboration_id=pk)
    return render(request, "meetingplace/seats.html", {"table": table, "collaboration_id": pk})
