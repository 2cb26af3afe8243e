"""Web pages of processes: a collaboration's processes and the templates to copy, the board of a
process (columns = stages, cards = items), an item with its gate form and history, and the
funnel. Thin: every change goes through :mod:`grenzeloos.processes.services`; a move is a
plain form with a reason, so the board works by keyboard alone and without scripts."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grenzeloos import publication
from grenzeloos.collaborations.access import collaboration_view, role_context
from grenzeloos.core.errors import Conflict, FieldError, NotFound, UserError
from grenzeloos.core.extensions import case_themes
from grenzeloos.core.web import acting_user
from grenzeloos.processes import definitions, services
from grenzeloos.processes.access import DRAFT_CASE, MANAGE, MOVE, VIEW
from grenzeloos.processes.chart import funnel_chart
from grenzeloos.processes.models import Item, Outcome, Process

CLOSE_COMPLETED = f"close:{Outcome.COMPLETED}"
CLOSE_STOPPED = f"close:{Outcome.STOPPED}"


def _language() -> str:
    return (translation.get_language() or "nl")[:2]


def _text(value: Any) -> str:
    return definitions.localized(value, _language())


def _process(collaboration: Any, process_id: int) -> Process:
    process = Process.objects.filter(pk=process_id, collaboration=collaboration).first()
    if process is None:
        raise NotFound(_("process %(id)s not found") % {"id": process_id})
    return process


def _item(collaboration: Any, item_id: int) -> Item:
    item = (
        Item.objects.select_related("process")
        .filter(pk=item_id, process__collaboration=collaboration)
        .first()
    )
    if item is None:
        raise NotFound(_("item %(id)s not found") % {"id": item_id})
    return item


@collaboration_view(read=VIEW, write=MANAGE)
def index(request: HttpRequest, collaboration: Any) -> HttpResponse:
    user = acting_user(request)
    if request.method == "POST":
        key = request.POST.get("template", "")
        try:
            process = services.copy_template(
                actor=user, collaboration_id=collaboration.pk, template_key=key
            )
        except (Conflict, FieldError) as error:
            return _index(request, collaboration, [{"message": str(error)}], status=409)
        return HttpResponseRedirect(reverse("processes:board", args=[collaboration.pk, process.pk]))
    return _index(request, collaboration, [])


def _index(request: HttpRequest, collaboration: Any, errors: list[Any], status: int = 200) -> Any:
    running = services.processes_of(actor=acting_user(request), collaboration_id=collaboration.pk)
    keys = {process.key for process in running}
    templates = [
        {
            "key": template.key,
            "title": _text(template.title),
            "summary": _text(template.summary),
            "source": _text(template.source),
            "stages": [_text(stage.name) for stage in template.stages],
            "copied": template.key in keys,
        }
        for template in definitions.shipped()
    ]
    processes = [
        {"process": process, "title": _text(process.document["title"])} for process in running
    ]
    context = {
        "collaboration": collaboration,
        "templates": templates,
        "processes": processes,
        "error_summary": errors,
        **role_context(collaboration, manage=MANAGE, move=MOVE),
    }
    return render(request, "processes/index.html", context, status=status)


@collaboration_view(read=VIEW, write=MOVE)
def board(request: HttpRequest, collaboration: Any, process: int) -> HttpResponse:
    user = acting_user(request)
    errors: list[Any] = []
    status = 200
    if request.method == "POST":
        current = _process(collaboration, process)
        linked = collaboration.pk if request.POST.get("link") == "on" else None
        try:
            services.add_item(
                actor=user,
                process_id=current.pk,
                name=request.POST.get("name", ""),
                linked_collaboration_id=linked,
            )
        except UserError as error:
            errors = [{"href": "#id_name", "label": _("Name"), "message": _message(error)}]
            status = 422
        else:
            return HttpResponseRedirect(request.path)
    stage = request.GET.get("stage") or None
    page = _page_number(request.GET.get("page"))
    per_column = STAGE_PAGE if stage else services.BOARD_LIMIT
    result = services.board(
        actor=user,
        process_id=process,
        stage=stage,
        per_column=per_column,
        offset=(page - 1) * per_column,
    )
    if result.process.collaboration_id != collaboration.pk:
        raise NotFound(_("process %(id)s not found") % {"id": process})
    current = result.process
    columns: list[dict[str, Any]] = [
        {
            "key": column.key,
            "name": _text(column.name),
            "count": column.count,
            "items": column.items,
            "more": column.count > len(column.items) and stage is None,
        }
        for column in result.columns
    ]
    pages: dict[str, Any] = {}
    if stage is not None and columns:
        last = max(1, -(-columns[0]["count"] // per_column))
        pages = {
            "number": page,
            "last": last,
            "previous": page - 1 if page > 1 else None,
            "next": page + 1 if page < last else None,
        }
    context = {
        "collaboration": collaboration,
        "process": current,
        "title": _text(result.template.title),
        "source": _text(result.template.source),
        "columns": columns,
        "closed": result.closed,
        "stage": stage,
        "pages": pages,
        "item_base": reverse("processes:item", args=[collaboration.pk, 0])[:-2],
        "error_summary": errors,
        "name": request.POST.get("name", "") if errors else "",
        **role_context(collaboration, move=MOVE, manage=MANAGE),
    }
    return render(request, "processes/board.html", context, status=status)


#: Cards on one page of a stage's own list.
STAGE_PAGE = 100


def _page_number(text: str | None) -> int:
    try:
        return max(1, min(int(text or "1"), 100_000))
    except ValueError:
        return 1


def _message(error: UserError) -> str:
    return str(error).split(": ", 1)[-1] if isinstance(error, FieldError) else str(error)


def _field_id(field: str) -> str:
    return "id_" + field.replace(".", "_")


def _item_context(request: HttpRequest, collaboration: Any, item: Item) -> dict[str, Any]:
    template = services.template_of(item.process)
    here = template.stage(item.stage)
    index = template.index(item.stage) if here else -1
    targets = []
    if item.closed_at is None and here is not None:
        if index + 1 < len(template.stages):
            after = template.stages[index + 1]
            targets.append(
                {
                    "key": after.key,
                    "label": _("Pass the gate to %(stage)s") % {"stage": _text(after.name)},
                }
            )
        for stage in reversed(template.stages[:index]):
            targets.append(
                {"key": stage.key, "label": _("Back to %(stage)s") % {"stage": _text(stage.name)}}
            )
        if index == len(template.stages) - 1:
            targets.insert(
                0, {"key": CLOSE_COMPLETED, "label": _("Pass the last gate and close as completed")}
            )
        targets.append({"key": CLOSE_STOPPED, "label": _("Stop and close the item")})
    names = {stage.key: _text(stage.name) for stage in template.stages}
    _item_again, transitions = services.history(actor=acting_user(request), item_id=item.pk)
    history = [
        {
            "transition": transition,
            "from": names.get(transition.from_stage, transition.from_stage),
            "to": names.get(transition.to_stage, transition.to_stage),
            "decided_by_body": services.decided_by_body(transition),
            "criteria": [
                {
                    "text": _text(crit.text)
                    if (crit := _criterion(template, transition.from_stage, c["key"]))
                    else c["key"],
                    "note": c["note"],
                }
                for c in transition.criteria
            ],
        }
        for transition in transitions
    ]
    context = role_context(collaboration, move=MOVE, draft_case=DRAFT_CASE)
    decisions = (
        services.decisions_for(collaboration.pk)
        if item.closed_at is None and context["can_move"]
        else None
    )
    themes = case_themes() if item.closed_at is not None and context["can_draft_case"] else {}
    return {
        **context,
        "collaboration": collaboration,
        "item": item,
        "process": item.process,
        "title": _text(template.title),
        "stage_name": names.get(item.stage, item.stage),
        "purpose": _text(here.purpose) if here else "",
        "questions": [_text(q) for q in here.questions] if here else [],
        "criteria": [
            {"key": c.key, "text": _text(c.text), "required": c.required}
            for c in (here.criteria if here else ())
        ],
        "targets": targets,
        "last_stage": here is not None and index == len(template.stages) - 1,
        "history": history,
        "posted": request.POST if request.method == "POST" else {},
        "decisions": decisions or [],
        "case_themes": sorted(themes.items(), key=lambda pair: pair[1]),
        "conditions": publication.choices(publication.Condition),
    }


def _criterion(template: definitions.Template, stage: str, key: str) -> Any:
    found = template.stage(stage)
    return found.criterion(key) if found else None


def _ticked(request: HttpRequest, item: Item) -> dict[str, str]:
    template = services.template_of(item.process)
    stage = template.stage(item.stage)
    ticked = {}
    for criterion in stage.criteria if stage else ():
        if request.POST.get(f"met_{criterion.key}") == "on":
            ticked[criterion.key] = request.POST.get(f"note_{criterion.key}", "")
    return ticked


def _revision(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return -1


@collaboration_view(read=VIEW, write=MOVE)
def item(request: HttpRequest, collaboration: Any, item: int) -> HttpResponse:
    current = _item(collaboration, item)
    errors: list[Any] = []
    status = 200
    if request.method == "POST":
        user = acting_user(request)
        try:
            decision = request.POST.get("to_stage", "")
            if decision in (CLOSE_COMPLETED, CLOSE_STOPPED):
                services.close_item(
                    actor=user,
                    item_id=current.pk,
                    outcome=decision.removeprefix("close:"),
                    reason=request.POST.get("reason", ""),
                    lessons=request.POST.get("lessons", ""),
                    revision=_revision(request),
                    criteria=_ticked(request, current),
                    decision_id=_decision_id(request),
                )
            else:
                services.move_item(
                    actor=user,
                    item_id=current.pk,
                    to_stage=decision,
                    reason=request.POST.get("reason", ""),
                    revision=_revision(request),
                    criteria=_ticked(request, current),
                    decision_id=_decision_id(request),
                )
        except Conflict as error:
            errors, status = [{"message": str(error)}], 409
        except FieldError as error:
            field = (
                error.field.replace("criteria.", "note_")
                if error.field.startswith("criteria.")
                else error.field
            )
            errors = [
                {
                    "href": "#" + _field_id(field),
                    "label": _label(error.field),
                    "message": _message(error),
                }
            ]
            status = 422
        else:
            return HttpResponseRedirect(
                reverse("processes:board", args=[collaboration.pk, current.process_id])
            )
        current = _item(collaboration, current.pk)
    context = _item_context(request, collaboration, current)
    context["error_summary"] = errors
    return render(request, "processes/item.html", context, status=status)


def _decision_id(request: HttpRequest) -> int | None:
    """The body's decision chosen on the gate form (``None``: none chosen; a number no
    decision has when the field holds something else, so the service refuses it)."""
    text = request.POST.get("decision", "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return 0


@collaboration_view(read=VIEW, write=DRAFT_CASE)
@require_POST
def item_case(request: HttpRequest, collaboration: Any, item: int) -> HttpResponse:
    """Turn a closed item into a case of the owner's own library; then show the case."""
    current = _item(collaboration, item)
    try:
        reference = services.turn_into_case(
            actor=acting_user(request),
            item_id=current.pk,
            theme=request.POST.get("theme", ""),
            condition=request.POST.get("condition", ""),
        )
    except FieldError as error:
        errors = [
            {
                "href": "#" + _field_id("case_" + error.field),
                "label": _label(error.field),
                "message": _message(error),
            }
        ]
        status = 422
    except Conflict as error:
        errors, status = [{"message": str(error)}], 409
    else:
        return HttpResponseRedirect(reference.url)
    context = _item_context(request, collaboration, _item(collaboration, current.pk))
    context["error_summary"] = errors
    return render(request, "processes/item.html", context, status=status)


def _label(field: str) -> str:
    labels = {
        "theme": _("Theme"),
        "condition": _("Condition for success"),
        "decision": _("Decided by"),
        "reason": _("Reason"),
        "to_stage": _("Decision"),
        "lessons": _("Lessons"),
        "outcome": _("Decision"),
    }
    if field.startswith("criteria."):
        return _("Criterion")
    return labels.get(field, field)


@collaboration_view(read=VIEW)
def funnel(request: HttpRequest, collaboration: Any, process: int) -> HttpResponse:
    current, template, stages = services.funnel(actor=acting_user(request), process_id=process)
    if current.collaboration_id != collaboration.pk:
        raise NotFound(_("process %(id)s not found") % {"id": process})
    rows: list[dict[str, Any]] = [{"stage": stage, "name": _text(stage.name)} for stage in stages]
    chart = funnel_chart(
        [(row["name"], row["stage"].count) for row in rows],
        title=_("Open items per stage"),
    )
    context = {
        "collaboration": collaboration,
        "process": current,
        "title": _text(template.title),
        "rows": rows,
        "chart": chart,
        "ledger": bool(stages) and stages[0].hours is not None,
    }
    return render(request, "processes/funnel.html", context)
