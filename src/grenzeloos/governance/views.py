"""Web pages of governance: a collaboration's bodies (seats, terms, the checks), its decisions
(propose, vote, close), comments and open questions on the canvas, the record of who did what.
Thin: every change goes through :mod:`grenzeloos.governance.services`;
access through the one access API."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from grenzeloos.collaborations.access import allows, collaboration_view, role_of
from grenzeloos.collaborations.models import Role
from grenzeloos.core.errors import Conflict, InvalidInput
from grenzeloos.core.extensions import latest_adoption, lesson
from grenzeloos.core.web import acting_user
from grenzeloos.governance import exports, services
from grenzeloos.governance.access import COMMENT, MANAGE, PULSE, RECORD, VIEW
from grenzeloos.governance.chart import format_mean, trend_svg
from grenzeloos.governance.forms import (
    CHOICE_LABELS,
    METHOD_LABELS,
    OUTCOME_LABELS,
    BodyForm,
    CloseForm,
    CommentForm,
    ProposalForm,
    PulseForm,
    RecordFilterForm,
    SeatForm,
    VoteForm,
)
from grenzeloos.governance.models import Decision, DecisionStatus, Subject
from grenzeloos.governance.panels import anchor_label
from grenzeloos.governance.pulse import STATEMENTS, THRESHOLD
from grenzeloos.publication import CANVAS_BOXES, Sector

RECORD_PAGE_SIZE = 50
BOX_LABELS = {box.key: box.label for box in CANVAS_BOXES}


def _finding_text(finding: Any) -> str:
    if finding.check == "financier_on_board":
        return _("%(seat)s, a financier or subsidy giver, sits in %(body)s.") % {
            "seat": finding.subject,
            "body": finding.body,
        }
    if finding.check == "majority_holder":
        return _("%(organisation)s holds the majority of the votes in %(body)s.") % {
            "organisation": finding.subject,
            "body": finding.body,
        }
    if finding.check == "sector_without_seat":
        label = Sector(finding.subject).label if finding.subject in Sector.values else ""
        return _("A founding partner's sector, %(sector)s, has no seat in any body.") % {
            "sector": label or finding.subject
        }
    return _("Nobody in the bodies is a sponsor at board level.")


def _findings(request: HttpRequest, collaboration: Any) -> list[dict[str, Any]]:
    rows = []
    for finding in services.findings(actor=acting_user(request), collaboration_id=collaboration.pk):
        rows.append({"text": _finding_text(finding), "lesson": lesson(finding.lesson)})
    return rows


def _apply_errors(form: Any, error: Exception) -> None:
    if isinstance(error, InvalidInput):
        for field, message in error.problems:
            form.add_error(field if field in form.fields else None, message)
    else:
        form.add_error(None, str(error))


def _overview(request: HttpRequest, collaboration: Any, status: int = 200, **forms: Any) -> Any:
    user = acting_user(request)
    cid = collaboration.pk
    bodies = list(services.bodies(actor=user, collaboration_id=cid))
    error_form = next((form for form in forms.values() if form.errors), None)
    context = {
        "collaboration": collaboration,
        "bodies": [
            (
                body,
                forms.get(f"seat_form_{body.pk}") or SeatForm(prefix=f"seat{body.pk}"),
                forms.get(f"proposal_form_{body.pk}") or ProposalForm(prefix=f"prop{body.pk}"),
            )
            for body in bodies
        ],
        "body_form": forms.get("body_form") or BodyForm(prefix="body"),
        "findings": _findings(request, collaboration),
        "decisions": services.decisions(actor=user, collaboration_id=cid)[:50],
        "open_questions": services.comments(
            actor=user, collaboration_id=cid, open_only=True, questions_only=True
        ).count(),
        "adoption": latest_adoption(cid),
        "can_manage": allows(collaboration, MANAGE),
        "can_record": allows(collaboration, RECORD),
        "is_owner": role_of(collaboration) == Role.OWNER,
        "method_labels": METHOD_LABELS,
        "outcome_labels": OUTCOME_LABELS,
        "form": error_form,
    }
    return render(request, "governance/governance.html", context, status=status)


@collaboration_view(read=VIEW)
@require_GET
def governance(request: HttpRequest, collaboration: Any) -> HttpResponse:
    return _overview(request, collaboration)


def _back(collaboration: Any, anchor: str = "") -> HttpResponseRedirect:
    url = reverse("governance:governance", args=[collaboration.pk])
    return HttpResponseRedirect(f"{url}#{anchor}" if anchor else url)


@collaboration_view(read=MANAGE)
@require_POST
def body_add(request: HttpRequest, collaboration: Any) -> HttpResponse:
    form = BodyForm(request.POST, prefix="body")
    if form.is_valid():
        try:
            body = services.create_body(
                actor=acting_user(request), collaboration_id=collaboration.pk, **form.cleaned_data
            )
        except InvalidInput as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The body %(name)s was set up.") % {"name": body.name})
            return _back(collaboration, f"body-{body.pk}")
    return _overview(request, collaboration, status=400, body_form=form)


def _body_of(request: HttpRequest, collaboration: Any, item: int) -> Any:
    body = services.get_body(actor=acting_user(request), body_id=item)
    if body.collaboration_id != collaboration.pk:
        raise Http404(_("no such body"))
    return body


@collaboration_view(read=MANAGE)
@require_POST
def seat_add(request: HttpRequest, collaboration: Any, item: int) -> HttpResponse:
    body = _body_of(request, collaboration, item)
    form = SeatForm(request.POST, prefix=f"seat{body.pk}")
    if form.is_valid():
        data = dict(form.cleaned_data)
        username = data.pop("username").strip()
        user = None
        if username:
            user = (
                get_user_model()
                .objects.filter(username__iexact=username, memberships__collaboration=collaboration)
                .first()
            )
            if user is None:
                form.add_error("username", _("no member of this collaboration has that name"))
        if not form.errors:
            try:
                seat = services.add_seat(
                    actor=acting_user(request), body_id=body.pk, user=user, **data
                )
            except InvalidInput as error:
                _apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s has a seat in %(body)s.") % {"name": seat.name, "body": body.name},
                )
                return _back(collaboration, f"body-{body.pk}")
    return _overview(request, collaboration, status=400, **{f"seat_form_{body.pk}": form})


@collaboration_view(read=MANAGE)
@require_POST
def propose(request: HttpRequest, collaboration: Any, item: int) -> HttpResponse:
    body = _body_of(request, collaboration, item)
    form = ProposalForm(request.POST, prefix=f"prop{body.pk}")
    if form.is_valid():
        try:
            decision = services.propose(
                actor=acting_user(request), body_id=body.pk, **form.cleaned_data
            )
        except InvalidInput as error:
            _apply_errors(form, error)
        else:
            return HttpResponseRedirect(
                reverse("governance:decision", args=[collaboration.pk, decision.pk])
            )
    return _overview(request, collaboration, status=400, **{f"proposal_form_{body.pk}": form})


def _decision_of(request: HttpRequest, collaboration: Any, item: int) -> Decision:
    decision = services.get_decision(actor=acting_user(request), decision_id=item)
    if decision.body.collaboration_id != collaboration.pk:
        raise Http404(_("no such decision"))
    return decision


def _decision_page(
    request: HttpRequest,
    collaboration: Any,
    decision: Decision,
    *,
    vote_form: Any = None,
    close_form: Any = None,
    status: int = 200,
) -> HttpResponse:
    user = acting_user(request)
    seat = decision.body.seats.filter(user=user).first()
    mine = services.my_vote(decision, user) if seat else ""
    votes = {vote.seat_id: vote for vote in decision.votes.all()}
    is_open = decision.status == DecisionStatus.OPEN
    tally = services.current_tally(decision) if is_open else None
    context = {
        "collaboration": collaboration,
        "decision": decision,
        "seats": [(seat, votes.get(seat.pk)) for seat in decision.body.seats.order_by("name")],
        "is_open": is_open,
        "tally": tally,
        "stored": decision.tally,
        "can_vote": bool(seat and seat.voting and is_open),
        "can_manage": allows(collaboration, MANAGE) and is_open,
        "vote_form": vote_form or VoteForm(initial={"choice": mine or None}),
        "close_form": close_form or CloseForm(),
        "my_vote": {str(k): v for k, v in CHOICE_LABELS.items()}.get(mine, "") if mine else "",
        "choice_labels": {str(k): v for k, v in CHOICE_LABELS.items()},
        "method_label": {str(k): v for k, v in METHOD_LABELS.items()}.get(
            decision.method, decision.method
        ),
        "outcome_label": OUTCOME_LABELS.get(decision.outcome, ""),
        "subject_label": Subject(decision.subject).label,
        "canvas_revision": decision.subject == Subject.CANVAS_REVISION,
        "form": (vote_form if vote_form is not None and vote_form.errors else None)
        or (close_form if close_form is not None and close_form.errors else None),
    }
    return render(request, "governance/decision.html", context, status=status)


@collaboration_view(read=VIEW)
@require_GET
def decision(request: HttpRequest, collaboration: Any, item: int) -> HttpResponse:
    return _decision_page(request, collaboration, _decision_of(request, collaboration, item))


@collaboration_view(read=VIEW)
@require_POST
def vote(request: HttpRequest, collaboration: Any, item: int) -> HttpResponse:
    current = _decision_of(request, collaboration, item)
    form = VoteForm(request.POST)
    if form.is_valid():
        try:
            services.vote(
                actor=acting_user(request),
                decision_id=current.pk,
                choice=form.cleaned_data["choice"],
            )
        except (InvalidInput, Conflict) as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request, _("Your vote was recorded; you may change it until the decision closes.")
            )
            return HttpResponseRedirect(request.path.rsplit("vote/", 1)[0])
    status = 409 if form.non_field_errors() else 400
    return _decision_page(request, collaboration, current, vote_form=form, status=status)


@collaboration_view(read=MANAGE)
@require_POST
def close(request: HttpRequest, collaboration: Any, item: int) -> HttpResponse:
    current = _decision_of(request, collaboration, item)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            closed = services.close(
                actor=acting_user(request),
                decision_id=current.pk,
                reasoning=form.cleaned_data["reasoning"],
            )
        except (InvalidInput, Conflict) as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("The decision was closed: %(outcome)s.")
                % {"outcome": OUTCOME_LABELS.get(closed.outcome, closed.outcome)},
            )
            return HttpResponseRedirect(
                reverse("governance:decision", args=[collaboration.pk, current.pk])
            )
    status = 409 if form.non_field_errors() else 400
    return _decision_page(request, collaboration, current, close_form=form, status=status)


# --- Comments and open questions ------------------------------------------------------------


def _comments_page(
    request: HttpRequest, collaboration: Any, form: Any = None, status: int = 200
) -> HttpResponse:
    show = request.GET.get("show", "open")
    threads = services.comments(
        actor=acting_user(request),
        collaboration_id=collaboration.pk,
        open_only=show != "all",
        questions_only=show == "questions",
    )
    listed = list(threads)
    for thread in listed:
        setattr(thread, "anchor_label", anchor_label(thread))  # noqa: B010 - for the template
    context = {
        "collaboration": collaboration,
        "threads": listed,
        "show": show,
        "box_labels": BOX_LABELS,
        "comment_form": form or CommentForm(initial={"box": request.GET.get("box", "")}),
        "can_comment": allows(collaboration, COMMENT),
        "form": form if form is not None and form.errors else None,
    }
    return render(request, "governance/comments.html", context, status=status)


@collaboration_view(read=VIEW, write=COMMENT)
@require_http_methods(["GET", "HEAD", "POST"])
def comments(request: HttpRequest, collaboration: Any) -> HttpResponse:
    if request.method != "POST":
        return _comments_page(request, collaboration)
    form = CommentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            comment = services.add_comment(
                actor=acting_user(request),
                collaboration_id=collaboration.pk,
                text=data["text"],
                box=data["box"] or "",
                partner=data["partner"] or "",
                question=data["question"],
                parent_id=data["parent"],
            )
        except InvalidInput as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Your comment was placed."))
            url = reverse("governance:comments", args=[collaboration.pk])
            return HttpResponseRedirect(f"{url}#comment-{comment.parent_id or comment.pk}")
    return _comments_page(request, collaboration, form=form, status=400)


@collaboration_view(read=COMMENT)
@require_POST
def resolve(request: HttpRequest, collaboration: Any, item: int) -> HttpResponse:
    comment = services.comments(
        actor=acting_user(request), collaboration_id=collaboration.pk
    ).filter(pk=item)
    if not comment.exists():
        raise Http404(_("no such comment"))
    try:
        services.resolve(actor=acting_user(request), comment_id=item)
    except Conflict as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The comment was resolved."))
    return HttpResponseRedirect(reverse("governance:comments", args=[collaboration.pk]))


# --- The record -----------------------------------------------------------------------------

KIND_LABELS = {
    "canvas": _("canvas saves, merges and restores"),
    "members": _("members and invitations"),
    "legal": _("legal checks and sign-offs"),
    "decisions": _("governance and decisions"),
    "imports": _("imports"),
}


@collaboration_view(read=RECORD)
@require_GET
def record(request: HttpRequest, collaboration: Any) -> HttpResponse:
    form = RecordFilterForm(request.GET or None, kinds=list(KIND_LABELS.items()))
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {key: value for key, value in form.cleaned_data.items() if value}
    events = services.record_events(
        actor=acting_user(request), collaboration_id=collaboration.pk, **filters
    )
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="record-{collaboration.pk}.csv"'
        writer = csv.writer(response)
        writer.writerow(["time", "person", "action", "target", "data"])
        for event in events.iterator():
            writer.writerow(
                [
                    event.created_at.isoformat(),
                    event.actor.get_username() if event.actor else "",
                    event.action,
                    f"{event.target_type}:{event.target_id}",
                    event.data,
                ]
            )
        return response
    page = Paginator(events, RECORD_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    context = {
        "collaboration": collaboration,
        "filter_form": form,
        "page": page,
        "query": query.urlencode(),
        "form": form if form.errors else None,
    }
    return render(request, "governance/record.html", context, status=400 if form.errors else 200)


# --- The health pulse -----------------------------------------------------------------------

COLOUR_LABELS = {"green": _("green"), "amber": _("amber"), "red": _("red")}


def _pulse_page(
    request: HttpRequest, collaboration: Any, form: Any = None, status: int = 200
) -> HttpResponse:
    period = services.current_period()
    results = services.pulse_results(actor=acting_user(request), collaboration_id=collaboration.pk)
    rows = []
    for key, statement in STATEMENTS.items():
        cells = []
        for result in results:
            shown = result.overall
            cells.append(
                {
                    "mean": format_mean(shown.means[key]) if shown.shown else "",
                    "colour": shown.colour(key) if shown.shown else "",
                }
            )
        rows.append({"statement": statement, "cells": cells})
    sectors = dict(Sector.choices)
    context = {
        "collaboration": collaboration,
        "results": results,
        "rows": rows,
        "groups": [
            (result.period, sectors.get(sector, sector), aggregate)
            for result in results
            for sector, aggregate in result.groups.items()
        ],
        "statements": STATEMENTS,
        "threshold": THRESHOLD,
        "period": period,
        "answered": services.has_answered(
            actor=acting_user(request), collaboration_id=collaboration.pk, period=period
        ),
        "pulse_form": form or PulseForm(initial={"period": period}),
        "colour_labels": COLOUR_LABELS,
        # Built by governance.chart from our own figures, every text escaped.
        "chart": mark_safe(trend_svg(results)) if results else "",  # noqa: S308
        "formats": exports.FORMATS,
        "form": form if form is not None and form.errors else None,
    }
    return render(request, "governance/pulse.html", context, status=status)


@collaboration_view(read=VIEW, write=PULSE)
@require_http_methods(["GET", "HEAD", "POST"])
def pulse(request: HttpRequest, collaboration: Any) -> HttpResponse:
    if request.method != "POST":
        return _pulse_page(request, collaboration)
    form = PulseForm(request.POST)
    if form.is_valid():
        try:
            services.answer_pulse(
                actor=acting_user(request),
                collaboration_id=collaboration.pk,
                period=form.cleaned_data["period"],
                sector=form.cleaned_data["sector"],
                scores=form.scores(),
            )
        except (InvalidInput, Conflict) as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Thank you: your answers were stored without your name."))
            return HttpResponseRedirect(reverse("governance:pulse", args=[collaboration.pk]))
    return _pulse_page(request, collaboration, form=form, status=400)


def _language() -> str:
    language = (translation.get_language() or "nl")[:2]
    return language if language in exports.LANGUAGES else "nl"


def _file(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _export_format(request: HttpRequest) -> str:
    fmt = request.GET.get("format", "csv")
    if fmt not in exports.FORMATS:
        raise Http404
    return fmt


@collaboration_view(read=VIEW)
@require_GET
def decisions_export(request: HttpRequest, collaboration: Any) -> HttpResponse:
    """Every decision with its outcome, tally and reasoning (``?format=`` csv, pdf or odt), for
    minutes and annual reports."""
    fmt = _export_format(request)
    found = services.decisions(actor=acting_user(request), collaboration_id=collaboration.pk)
    content = exports.decisions_file(
        list(found.order_by("created_at", "pk")),
        fmt,
        collaboration=str(collaboration),
        language=_language(),
    )
    return _file(content, fmt, exports.filename("decisions", collaboration.pk, fmt))


@collaboration_view(read=VIEW)
@require_GET
def pulse_export(request: HttpRequest, collaboration: Any) -> HttpResponse:
    """The pulse per period as far as it may be shown (``?format=`` csv, pdf or odt)."""
    fmt = _export_format(request)
    results = services.pulse_results(actor=acting_user(request), collaboration_id=collaboration.pk)
    content = exports.pulse_file(
        results, fmt, collaboration=str(collaboration), language=_language()
    )
    return _file(content, fmt, exports.filename("pulse", collaboration.pk, fmt))


@collaboration_view(read=VIEW)
@require_GET
def forms_aid_page(request: HttpRequest, collaboration: Any) -> HttpResponse:
    from grenzeloos.governance.forms_aid import forms_aid

    aid = forms_aid(actor=acting_user(request), collaboration_id=collaboration.pk)
    context = {"collaboration": collaboration, "aid": aid}
    return render(request, "governance/forms_aid.html", context)
