"""Web pages of workshop mode: a collaboration's workshops, the facilitator's page, the room a
participant (member or guest) takes part in, the projector view, and joining by code.

Thin: every change goes through :mod:`grenzeloos.workshop.services`. Members reach a workshop
through the one access API (``workshop.join`` / ``workshop.facilitate``); a guest only through
the token their session got on joining, and only that workshop's room. A note, dot or cluster
sent by the page's script (``Accept: application/json``) is answered in JSON; the same forms
work without script and come back to the page.
"""

from __future__ import annotations

import io
from functools import wraps
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from grenzeloos.collaborations.access import allows, collaboration_view, get_action, role_in
from grenzeloos.core.errors import InvalidInput, NotFound, PermissionDenied, UserError
from grenzeloos.core.extensions import open_box_comments, read_canvas
from grenzeloos.core.web import acting_user
from grenzeloos.workshop import services
from grenzeloos.workshop.access import FACILITATE, JOIN
from grenzeloos.workshop.models import BOX_CHOICES, State, Workshop

#: Session key: {workshop id: guest token} of the workshops this browser joined as a guest.
GUEST_SESSION = "workshop_guests"


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _problem(error: UserError, status: int) -> JsonResponse:
    body: dict[str, Any] = {"detail": str(error)}
    if isinstance(error, InvalidInput):
        body["errors"] = [{"field": f, "message": str(m)} for f, m in error.problems]
    return JsonResponse(body, status=status)


def _answers(view: Any) -> Any:
    """Map the services' errors: 404/403 as pages; other refusals as a JSON problem for the
    page's script, or as a message on the page a plain form came from."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            if _wants_json(request):
                return _problem(error, 404)
            raise Http404(str(error)) from error
        except PermissionDenied as error:
            if _wants_json(request):
                return _problem(error, 403)
            return HttpResponseForbidden(str(error))
        except UserError as error:
            if _wants_json(request):
                return _problem(error, 422 if isinstance(error, InvalidInput) else 409)
            messages.error(request, str(error))
            return HttpResponseRedirect(request.META.get("HTTP_REFERER") or "/")

    return wrapper


def _number(value: Any, field: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InvalidInput([(field, _("must be a whole number"))]) from None


def _guest_token(request: HttpRequest, workshop_id: int) -> str | None:
    tokens = request.session.get(GUEST_SESSION) or {}
    token = tokens.get(str(workshop_id))
    return str(token) if token else None


def _participant(request: HttpRequest, workshop_id: int) -> services.Participant:
    """Who takes part from this browser: the session's guest, else the signed-in member."""
    token = _guest_token(request, workshop_id)
    if token:
        return services.guest(token=token)
    if not request.user.is_authenticated:
        raise NotFound(_("no such workshop"))
    return services.join(actor=acting_user(request), workshop_id=workshop_id)


def room_url(workshop: Workshop) -> str:
    return reverse("workshop:room", args=[workshop.pk])


def join_url(request: HttpRequest, workshop: Workshop) -> str:
    return request.build_absolute_uri(
        reverse("workshop:join_code", args=[workshop.guest_code or "-"])
    )


# --- A collaboration's workshops ---


@collaboration_view(read=JOIN, write=FACILITATE)
def workshop_list(request: HttpRequest, collaboration: Any) -> HttpResponse:
    form_errors: list[dict[str, str]] = []
    values: dict[str, Any] = {"title": "", "dots": 3, "max_guests": 50, "anonymous": False}
    if request.method == "POST":
        values = {
            "title": request.POST.get("title", ""),
            "dots": request.POST.get("dots", "3"),
            "max_guests": request.POST.get("max_guests", "50"),
            "anonymous": request.POST.get("anonymous") == "on",
        }
        boxes = [box for box in request.POST.getlist("boxes") if box]
        question = request.POST.get("question", "").strip()
        steps = [services.StepInput(box=box, minutes=_minutes(request)) for box in boxes]
        if question:
            steps.append(services.StepInput(question=question, minutes=_minutes(request)))
        try:
            made = services.create_workshop(
                actor=acting_user(request),
                collaboration_id=collaboration.pk,
                title=values["title"],
                steps=steps,
                anonymous=values["anonymous"],
                dots=_number(values["dots"], "dots"),
                max_guests=_number(values["max_guests"], "max_guests"),
            )
        except InvalidInput as error:
            form_errors = [
                {"href": f"#id_{field}", "label": _label(field), "message": str(message)}
                for field, message in error.problems
            ]
        else:
            messages.success(request, _("The workshop was prepared."))
            return HttpResponseRedirect(room_url(made))
    found = services.workshops(actor=acting_user(request), collaboration_id=collaboration.pk)
    return render(
        request,
        "workshop/list.html",
        {
            "collaboration": collaboration,
            "workshops": found,
            "can_facilitate": allows(collaboration, FACILITATE),
            "boxes": BOX_CHOICES,
            "values": values,
            "error_summary": form_errors,
        },
        status=422 if form_errors else 200,
    )


def _minutes(request: HttpRequest) -> int:
    return _number(request.POST.get("minutes", "10"), "minutes")


def _label(field: str) -> str:
    return {
        "title": _("Title"),
        "dots": _("Dots per participant"),
        "max_guests": _("Most guests"),
        "minutes": _("Minutes per step"),
        "steps": _("Steps"),
        "box": _("Steps"),
        "question": _("Free question"),
    }.get(field, field)


# --- The room ---


def _room_context(request: HttpRequest, workshop: Workshop, participant: Any) -> dict[str, Any]:
    step = workshop.current_step
    ranked = services.ranking(step) if step else []
    clusters = list(step.clusters.all()) if step else []
    return {
        "workshop": workshop,
        "step": step,
        "steps": list(workshop.steps.all()),
        "ranked": ranked,
        "notes": sorted(ranked, key=lambda r: r.note.pk),
        "clusters": clusters,
        "participant": participant,
        "dots_left": services.dots_left(participant) if participant else 0,
        "present": services.present(workshop.pk),
        "live_url": f"/ws/workshops/{workshop.pk}/",
        "running": workshop.state == State.RUNNING,
        "step_boxes": BOX_CHOICES,
        "summary_formats": ("pdf", "odt", "docx", "md"),
    }


@require_GET
@_answers
def room(request: HttpRequest, pk: int) -> HttpResponse:
    """The facilitator's page for those who may facilitate; the participant's page for the
    other members and for the session's guest."""
    token = _guest_token(request, pk)
    if token:
        guest = services.guest(token=token)
        context = _room_context(request, guest.workshop, guest)
        return render(request, "workshop/participant.html", {**context, "guest": True})
    if not request.user.is_authenticated:
        return HttpResponseRedirect(reverse("workshop:join"))
    user = acting_user(request)
    workshop = services.get_workshop(actor=user, workshop_id=pk)
    participant = services.member_participant(actor=user, workshop_id=pk)
    context = _room_context(request, workshop, participant)
    role = role_in(user, workshop.collaboration_id)
    if role is not None and get_action(FACILITATE).allows(role):
        step = workshop.current_step
        snapshot = read_canvas(workshop.collaboration_id)
        current_text = ""
        proposal = ""
        if step is not None and step.box:
            value = snapshot.document.get(step.box) or ""
            current_text = "\n".join(value) if isinstance(value, list) else str(value)
            proposal = "\n".join(r.note.text for r in context["ranked"] if r.dots > 0)
        context.update(
            {
                "join_url": join_url(request, workshop) if workshop.guest_code else "",
                "join_parts": join_url(request, workshop).split("/"),
                "base_revision": snapshot.revision,
                "current_text": current_text,
                "proposal": proposal or current_text,
                "adoptions": list(workshop.adoptions.all()),
                "adoptable": bool(step and step.box and step.box not in services.NOT_ADOPTED),
                # What the partners still ask or remark on this box (governance's comments).
                "box_comments": (
                    open_box_comments(workshop.collaboration_id, step.box)
                    if step is not None and step.box
                    else []
                ),
                "collaboration": workshop.collaboration,
            }
        )
        return render(request, "workshop/facilitator.html", context)
    return render(request, "workshop/participant.html", {**context, "guest": False})


@require_GET
@_answers
def projector(request: HttpRequest, pk: int) -> HttpResponse:
    """Large type for a beamer: the current step, timer, notes with their dots, the join code."""
    user = acting_user(request) if request.user.is_authenticated else None
    if user is None:
        return HttpResponseRedirect(reverse("workshop:join"))
    workshop = services.get_workshop(actor=user, workshop_id=pk, action=FACILITATE)
    context = _room_context(request, workshop, None)
    context["join_url"] = join_url(request, workshop) if workshop.guest_code else ""
    context["join_parts"] = join_url(request, workshop).split("/")
    return render(request, "workshop/projector.html", context)


@require_GET
@_answers
def qr_code(request: HttpRequest, pk: int) -> HttpResponse:
    """The join link as a QR code (SVG), for the facilitator's page and the projector."""
    if not request.user.is_authenticated:
        raise NotFound(_("no such workshop"))
    workshop = services.get_workshop(actor=acting_user(request), workshop_id=pk)
    if not workshop.guest_code or workshop.state != State.RUNNING:
        raise NotFound(_("this workshop has no guest code now"))
    out = io.BytesIO()
    segno.make(join_url(request, workshop), error="m").save(
        out, kind="svg", scale=8, border=2, title=_("Join link of the workshop")
    )
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")


@login_required
@require_GET
@_answers
def summary(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The workshop's summary as PDF, ODT, DOCX or Markdown."""
    from grenzeloos.documents import CONTENT_TYPES

    content = services.summary(actor=acting_user(request), workshop_id=pk, fmt=fmt)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="workshop-{pk}.{fmt}"'
    return response


# --- The facilitator's actions ---


def _back(workshop_id: int, anchor: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("workshop:room", args=[workshop_id]) + anchor)


@login_required
@require_POST
@_answers
def run(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """Start, move to a step, pause, resume or extend the timer, close, add a step: the
    facilitator's buttons."""
    user = acting_user(request)
    if what == "start":
        services.start(actor=user, workshop_id=pk)
    elif what == "step":
        services.go_to_step(
            actor=user, workshop_id=pk, position=_number(request.POST.get("position"), "position")
        )
    elif what == "pause":
        services.pause(actor=user, workshop_id=pk)
    elif what == "resume":
        services.resume(actor=user, workshop_id=pk)
    elif what == "extend":
        services.extend(
            actor=user, workshop_id=pk, minutes=_number(request.POST.get("minutes"), "minutes")
        )
    elif what == "close":
        services.close(actor=user, workshop_id=pk)
        messages.success(request, _("The workshop was closed; the guest code no longer works."))
    elif what == "add-step":
        services.add_step(
            actor=user,
            workshop_id=pk,
            step=services.StepInput(
                box=request.POST.get("box", ""),
                question=request.POST.get("question", ""),
                minutes=_number(request.POST.get("minutes", "10"), "minutes"),
            ),
        )
    else:
        raise NotFound(_("no such action"))
    return _back(pk)


@login_required
@require_POST
@_answers
def cluster_add(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = services.add_cluster(
        actor=acting_user(request), workshop_id=pk, name=request.POST.get("name", "")
    )
    if _wants_json(request):
        return JsonResponse({"id": cluster.pk, "name": cluster.name}, status=201)
    return _back(pk, "#clusters")


@login_required
@require_POST
@_answers
def note_cluster(request: HttpRequest, pk: int, note: int) -> HttpResponse:
    value = request.POST.get("cluster", "")
    services.cluster_note(
        actor=acting_user(request),
        note_id=note,
        cluster_id=_number(value, "cluster") if value else None,
    )
    return _back(pk, "#clusters")


@login_required
@require_POST
@_answers
def adopt(request: HttpRequest, pk: int) -> HttpResponse:
    services.get_workshop(actor=acting_user(request), workshop_id=pk, action=FACILITATE)
    try:
        adoption = services.adopt(
            actor=acting_user(request),
            workshop_id=pk,
            step_id=_number(request.POST.get("step"), "step"),
            text=request.POST.get("text", ""),
            base_revision=_number(request.POST.get("base_revision"), "base_revision"),
        )
    except (InvalidInput, NotFound, PermissionDenied):
        raise
    except UserError as error:
        # The canvas's conflict: the same box was changed meanwhile. Nothing was written; the
        # facilitator's text stays in the form, next to what the canvas has now.
        user = acting_user(request)
        workshop = services.get_workshop(actor=user, workshop_id=pk)
        context = _room_context(request, workshop, None)
        snapshot = read_canvas(workshop.collaboration_id)
        step = workshop.current_step
        value = snapshot.document.get(step.box) if step and step.box else ""
        context.update(
            {
                "conflict": str(error),
                "join_url": join_url(request, workshop) if workshop.guest_code else "",
                "join_parts": join_url(request, workshop).split("/"),
                "base_revision": snapshot.revision,
                "current_text": "\n".join(value) if isinstance(value, list) else str(value or ""),
                "proposal": request.POST.get("text", ""),
                "adoptions": list(workshop.adoptions.all()),
                "adoptable": True,
                "collaboration": workshop.collaboration,
            }
        )
        return render(request, "workshop/facilitator.html", context, status=409)
    messages.success(
        request,
        _("Adopted into the canvas as revision %(revision)s.") % {"revision": adoption.revision},
    )
    return _back(pk, "#adopt")


# --- Taking part (members and guests) ---


@require_POST
@_answers
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    participant = _participant(request, pk)
    step = request.POST.get("step", "")
    note, created = services.add_note(
        participant=participant,
        key=request.POST.get("key", ""),
        text=request.POST.get("text", ""),
        step_id=_number(step, "step") if step else None,
    )
    if _wants_json(request):
        return JsonResponse(
            services.note_payload(note, participant.workshop), status=201 if created else 200
        )
    return _back(pk, "#notes")


@require_POST
@_answers
def dot(request: HttpRequest, pk: int, note: int) -> HttpResponse:
    participant = _participant(request, pk)
    if request.POST.get("take") == "1":
        services.take_dot(participant=participant, note_id=note)
    else:
        services.place_dot(participant=participant, note_id=note)
    if _wants_json(request):
        return JsonResponse({"dots_left": services.dots_left(participant)})
    return _back(pk, f"#note-{note}")


# --- Guests joining by code ---


@_answers
def join(request: HttpRequest, code: str = "") -> HttpResponse:
    """Join a running workshop with its code and a display name, without an account."""
    errors: list[dict[str, str]] = []
    values = {"code": request.POST.get("code", code), "name": request.POST.get("name", "")}
    if request.method == "POST":
        try:
            participant = services.join_as_guest(code=values["code"], display_name=values["name"])
        except NotFound as error:
            errors = [{"href": "#id_code", "label": _("Code"), "message": str(error)}]
        except InvalidInput as error:
            errors = [
                {"href": "#id_name", "label": _("Your name"), "message": str(message)}
                for _field, message in error.problems
            ]
        except UserError as error:
            errors = [{"href": "#id_code", "label": _("Code"), "message": str(error)}]
        else:
            tokens = dict(request.session.get(GUEST_SESSION) or {})
            tokens[str(participant.workshop_id)] = participant.token
            request.session[GUEST_SESSION] = tokens
            return HttpResponseRedirect(room_url(participant.workshop))
    return render(
        request,
        "workshop/join.html",
        {"values": values, "error_summary": errors},
        status=422 if errors else 200,
    )
