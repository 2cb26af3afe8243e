"""Web pages of the canvas. Thin: they call services and render templates.

Every form works as a plain HTML form; htmx only asks for a fragment instead of the whole
page (``is_htmx``), so the same view serves both. Permissions are checked once per request by
:func:`collaboration_view`, which also turns service errors into 404/403.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any, TypedDict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from grenzeloos import publication
from grenzeloos.audit.services import last_event_id
from grenzeloos.canvas import document as doc
from grenzeloos.canvas import render as canvas_render
from grenzeloos.canvas import services
from grenzeloos.canvas.document import CanvasValidationError
from grenzeloos.canvas.forms import (
    ImportProblem,
    PartnerForm,
    apply_line_action,
    checklist_from_post,
    field_text,
    field_value,
    import_problem,
    json_syntax_problem,
    remove_partner,
    replace_partner,
)
from grenzeloos.canvas.history import sessions as editing_sessions
from grenzeloos.canvas.models import Revision
from grenzeloos.canvas.questions import GUIDING_QUESTIONS, QUESTION_SETS
from grenzeloos.collaborations.access import (
    CollaborationView,
    collaboration_view,
    role_context,
    role_of,
)
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core import jsonio
from grenzeloos.core.errors import InvalidInput, PermissionDenied
from grenzeloos.core.extensions import (
    BoxExample,
    CanvasPageContext,
    CanvasSnapshot,
    box_examples,
    canvas_panel_dependencies,
    render_canvas_panels,
)
from grenzeloos.core.search import MAX_LENGTH as SEARCH_MAX_LENGTH
from grenzeloos.core.search import SearchRefused
from grenzeloos.core.web import acting_user, is_htmx, service_errors

#: Largest canvas JSON file accepted for import (a canvas is a few tens of kilobytes).
MAX_IMPORT_BYTES = 2 * 1024 * 1024
#: Revisions per page of the history.
HISTORY_PAGE_SIZE = 50
#: The boxes of the canvas grid, in reading order of the paper canvas.
GRID_FIELDS = tuple(f for f in doc.ALL_FIELDS if f not in doc.SHORT_TEXT_FIELDS)


def canvas_view(
    *, read: str = "canvas.view", write: str = "canvas.edit"
) -> Callable[[CollaborationView], CollaborationView]:
    """:func:`collaboration_view` for canvas pages: the collaboration comes with its canvas."""
    return collaboration_view(read=read, write=write, related=("canvas",))


def _role_context(collaboration: Collaboration) -> dict[str, Any]:
    return role_context(collaboration, edit="canvas.edit", share="members.manage")


def _partner_view(partner: Mapping[str, Any]) -> dict[str, Any]:
    """A partner with the labels a person reads instead of the stored keys."""
    contributions = [
        {
            "kind": doc.CONTRIBUTION_LABELS[item["kind"]],
            "description": item.get("description", ""),
            "amount": canvas_render.contribution_amount(item),
        }
        for item in partner["contributions"]
    ]
    return {
        "name": partner["name"],
        "role": doc.ROLE_LABELS[partner["role"]],
        "role_key": partner["role"],
        "sector": doc.SECTOR_LABELS[partner["sector"]],
        "problem_owner": bool(partner.get("problem_owner")),
        "interests": canvas_render.partner_interest_labels(partner),
        "contributions": contributions,
    }


#: The rows of partners on the paper canvas, in its order.
PARTNER_GROUP_LABELS = {str(role): title for role, title in publication.ROLE_HEADINGS.items()}


def _date_text(value: str) -> str:
    """An ISO date as the rest of the page writes dates (30 november 2026)."""
    try:
        return formats.date_format(dt.date.fromisoformat(value), "j F Y")
    except ValueError:
        return value


def _box(
    collaboration: Collaboration | None,
    revision: Revision,
    name: str,
    *,
    editable: bool,
    examples: Mapping[str, BoxExample] | None = None,
) -> dict[str, Any]:
    """One box of the canvas for display; ``examples`` (default: those on offer) adds the
    box's short example, shown on demand."""
    value = revision.document[name]
    box: dict[str, Any] = {
        "name": name,
        "label": doc.FIELD_LABELS[name],
        "question": GUIDING_QUESTIONS[name],
        "zone": doc.ZONES.get(name, "meta"),
        "value": value,
        "editable": editable,
        "collaboration": collaboration,
        "revision": revision,
        "example": (box_examples() if examples is None else examples).get(name),
    }
    if name == "date" and value:
        box["display"] = _date_text(value)
    if name == "version":
        box["hint"] = _(
            "Your team's own label for this state (for example “concept 2”); revision numbers "
            "count every save and are kept by Grenzeloos."
        )
    if name == "agreements":
        box["checklist"] = canvas_render.checklist_answers(
            revision.document.get("agreements_checklist")
        )
    if name == "partners":
        box["partners"] = [
            {**_partner_view(partner), "index": index} for index, partner in enumerate(value)
        ]
        box["groups"] = [
            {
                "key": role,
                "label": PARTNER_GROUP_LABELS[role],
                "partners": [p for p in box["partners"] if p["role_key"] == role],
            }
            for role in doc.ROLES
        ]
    return box


def _canvas_context(
    request: HttpRequest, collaboration: Collaboration, revision: Revision, *, editable: bool
) -> dict[str, Any]:
    return {
        "collaboration": collaboration,
        "revision": revision,
        "head_number": services.head_number(collaboration),
        **_sheet(collaboration, revision, editable=editable, examples=box_examples()),
        "exports": _export_links(collaboration, revision),
        **_role_context(collaboration),
    }


def _sheet(
    collaboration: Collaboration | None,
    revision: Revision,
    *,
    editable: bool,
    examples: Mapping[str, BoxExample],
) -> dict[str, Any]:
    """What ``canvas/_canvas.html`` draws: the boxes of a revision and the legend."""
    return {
        "meta_boxes": [
            _box(collaboration, revision, name, editable=editable, examples=examples)
            for name in doc.SHORT_TEXT_FIELDS
        ],
        "boxes": {
            name: _box(collaboration, revision, name, editable=editable, examples=examples)
            for name in GRID_FIELDS
        },
        "zones": [(key, label) for key, label in doc.ZONE_LABELS.items()],
    }


def _export_links(collaboration: Collaboration, revision: Revision) -> list[dict[str, str]]:
    """Every export format (``fmt``, ``label``) and the ``url`` of the revision shown."""
    args = [collaboration.pk, revision.number]
    return [
        {
            "fmt": fmt,
            "label": str(label),
            "url": reverse("canvas:revision_export", args=[*args, fmt]),
        }
        for fmt, label in canvas_render.export_labels().items()
    ]


# --- Collaborations ------------------------------------------------------------------------


#: Collaborations per page of the list.
LIST_PAGE_SIZE = 25


@require_safe
@login_required
def collaboration_list(request: HttpRequest) -> HttpResponse:
    """The collaborations, a page of them at a time; searched in what the canvases show."""
    search = request.GET.get("q", "").strip()
    try:
        page = services.collaboration_page(
            user=request.user, search=search, page=request.GET.get("page"), size=LIST_PAGE_SIZE
        )
    except SearchRefused as error:
        refused: dict[str, Any] = {
            "collaborations": [],
            "search": search,
            "search_error": str(error),
            "search_max_length": SEARCH_MAX_LENGTH,
        }
        return render(request, "canvas/list.html", refused, status=400)
    context: dict[str, Any] = {
        "collaborations": page.object_list,
        "page": page,
        "search": search,
        "search_max_length": SEARCH_MAX_LENGTH,
        "examples_count": _examples_count,
    }
    return render(request, "canvas/list.html", context)


def _examples_count() -> int:
    """How many example canvases there are (asked by the template only for the empty list)."""
    return len(services.example_canvases())


def _list_with_errors(
    request: HttpRequest, *, create_problems: Any = (), import_problems: Any = (), subject=""
) -> HttpResponse:
    # The first page, without its pager: the page links would lead to this form's address.
    page = services.collaboration_page(user=request.user, size=LIST_PAGE_SIZE)
    context = {
        "collaborations": page.object_list,
        "search": "",
        "search_max_length": SEARCH_MAX_LENGTH,
        "create_problems": create_problems,
        "import_problems": import_problems,
        "import_message": request.POST.get("message", ""),
        "subject": subject,
        "examples_count": _examples_count,
    }
    return render(request, "canvas/list.html", context, status=422)


@login_required
@require_POST
def collaboration_create(request: HttpRequest) -> HttpResponse:
    subject = request.POST.get("subject", "")
    try:
        collaboration = services.create_collaboration(
            actor=acting_user(request), document=doc.empty_document(subject)
        )
    except CanvasValidationError as error:
        return _list_with_errors(request, create_problems=error.problems, subject=subject)
    messages.success(request, _("The collaboration has been created."))
    return redirect("canvas:detail", pk=collaboration.pk)


@login_required
@require_POST
def collaboration_import(request: HttpRequest) -> HttpResponse:
    upload = request.FILES.get("file")
    if upload is None:
        return _list_with_errors(
            request, import_problems=[ImportProblem(_("Choose a canvas JSON file."))]
        )
    if upload.size and upload.size > MAX_IMPORT_BYTES:
        return _list_with_errors(
            request, import_problems=[ImportProblem(_("The file is too large."))]
        )
    raw = upload.read()
    try:
        data = jsonio.loads(raw)
    except jsonio.JSONInputError as error:
        problem = ImportProblem(str(error))
        try:  # a syntax error: say where and what is likely missing, in people's words
            json.loads(raw)
        except json.JSONDecodeError as syntax:
            problem = json_syntax_problem(syntax)
        except (RecursionError, ValueError):
            pass
        return _list_with_errors(request, import_problems=[problem])
    except InvalidInput as error:  # JSON, but with text or numbers refused at the boundary
        refused = [
            ImportProblem(f"{path}: {message}" if path else message)
            for path, message in error.problems
        ]
        return _list_with_errors(request, import_problems=refused)
    try:
        collaboration = services.create_collaboration(
            actor=acting_user(request),
            document=data,
            message=request.POST.get("message", "")
            or _("imported from %(file)s") % {"file": upload.name},
        )
    except CanvasValidationError as error:
        problems = [import_problem(problem, data) for problem in error.problems]
        return _list_with_errors(request, import_problems=problems)
    messages.success(request, _("The canvas has been imported."))
    return redirect("canvas:detail", pk=collaboration.pk)


# --- Examples to start from ----------------------------------------------------------------


@require_safe
@login_required
def example_list(request: HttpRequest) -> HttpResponse:
    """The example canvases anybody may read and copy to start their own."""
    return render(request, "canvas/examples.html", {"examples": services.example_canvases()})


@require_safe
@login_required
@service_errors
def example_detail(request: HttpRequest, key: str) -> HttpResponse:
    """One example canvas, read-only, with a button to copy it."""
    example = services.example_canvas(key)
    try:
        data = doc.validate(example.document)
    except CanvasValidationError:
        raise Http404(f"example {key!r} is not a valid canvas") from None
    revision = Revision(number=1, document=data)
    context = {
        "example": example,
        **_sheet(None, revision, editable=False, examples={}),
    }
    return render(request, "canvas/example.html", context)


@login_required
@require_POST
@service_errors
def example_copy(request: HttpRequest, key: str) -> HttpResponse:
    """A collaboration of one's own, started from an example canvas."""
    collaboration = services.copy_example(actor=acting_user(request), key=key)
    messages.success(
        request,
        _("The example has been copied into a new collaboration of your own: change it freely."),
    )
    return redirect("canvas:detail", pk=collaboration.pk)


# --- The canvas ----------------------------------------------------------------------------


#: Stands in for the CSRF token in a cached canvas; each response puts its own token there.
_CSRF_PLACEHOLDER = "gz-csrf-placeholder-9f3a"
#: How long a rendered canvas (and a whole canvas page) stays cached; anything it shows that
#: changes makes a new key at once.
CANVAS_CACHE_SECONDS = 600


def _cached_canvas_html(
    request: HttpRequest, collaboration: Collaboration, revision: Revision, roles: dict[str, Any]
) -> SafeString:
    """The rendered canvas sheet, cached by head revision, role and language.

    The next save makes a new head revision and so a new key. The forms carry a stand-in for
    the CSRF token; the page puts in each response's own (:func:`_with_csrf_token`), so one
    cached sheet serves everybody with the same role.
    """
    language = translation.get_language() or "nl"
    key = (
        f"canvas-html:{collaboration.pk}:{revision.number}:{revision.pk}:"
        f"{revision.created_at.timestamp()}:{roles['role']}:"
        f"{roles['can_edit']}:{roles['can_share']}:{language}"
    )
    html = cache.get(key)
    if html is None:
        context = _canvas_context(request, collaboration, revision, editable=roles["can_edit"])
        html = render_to_string("canvas/_canvas.html", {**context, "csrf_token": _CSRF_PLACEHOLDER})
        cache.set(key, html, CANVAS_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output, cached


#: How long what the canvas page's panels depend on is trusted without a new audit event.
PANEL_DEPENDENCIES_SECONDS = 60


def _with_csrf_token(request: HttpRequest, html: str) -> HttpResponse:
    return HttpResponse(html.replace(_CSRF_PLACEHOLDER, get_token(request)))


def _page_key(request: HttpRequest, collaboration: Collaboration, roles: dict[str, Any]) -> str:
    """The key of this visitor's whole canvas page, or "" when it must be rendered anew: with a
    query string (a drafted pitch), with messages waiting to be shown, or when a panel cannot
    say what it depends on.

    What the page shows moves its key: the head revision (every save and restore makes a new
    one), the collaboration's subject, description and status (they move ``updated_at``), the
    visitor's account and role, the language, and what each panel depends on besides these.
    """
    if request.GET or len(messages.get_messages(request)):
        return ""
    user = request.user
    # What the panels depend on is other apps' data (a legal check started, a case edited):
    # asked again when anything was recorded in the audit trail since — every change made
    # through the services is — and at least every minute.
    panels_key = f"canvas-page-panels:{user.pk}:{collaboration.pk}:{last_event_id()}"
    panels = cache.get(panels_key)
    if panels is None:
        panels = canvas_panel_dependencies(request, collaboration.pk)
        if panels is None:
            return ""
        cache.set(panels_key, panels, PANEL_DEPENDENCIES_SECONDS)
    parts = (
        collaboration.pk,
        collaboration.canvas.head_number,
        collaboration.updated_at.isoformat(),
        user.pk,
        user.get_username(),
        user.is_staff,
        roles["role"],
        roles["can_edit"],
        roles["can_share"],
        translation.get_language(),
        request.path,
        panels,
    )
    return "canvas-page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


@require_safe
@canvas_view()
def canvas_detail(request: HttpRequest, collaboration: Collaboration) -> HttpResponse:
    """The canvas page. The whole page is kept per visitor until something it shows changes
    (:func:`_page_key`), so opening a canvas again costs a few small queries."""
    roles = _role_context(collaboration)
    key = _page_key(request, collaboration, roles)
    html = cache.get(key) if key else None
    if html is None:
        html = _render_canvas_page(request, collaboration, roles)
        if key:
            cache.set(key, html, CANVAS_CACHE_SECONDS)
    return _with_csrf_token(request, html)


def _render_canvas_page(
    request: HttpRequest, collaboration: Collaboration, roles: dict[str, Any]
) -> str:
    revision = services.head(collaboration)
    context: dict[str, Any] = {
        "collaboration": collaboration,
        "revision": revision,
        "head_number": revision.number,
        "export_formats": canvas_render.EXPORT_FORMATS,
        "exports": _export_links(collaboration, revision),
        "csrf_token": _CSRF_PLACEHOLDER,
        **roles,
    }
    context["canvas_html"] = _cached_canvas_html(request, collaboration, revision, roles)
    snapshot = CanvasSnapshot(
        collaboration_id=collaboration.pk,
        revision=revision.number,
        document=doc.to_export(revision.document, revision=revision.number),
    )
    context["panels"] = render_canvas_panels(
        CanvasPageContext(
            request=request,
            snapshot=snapshot,
            role=str(role_of(collaboration) or ""),
            editable=roles["can_edit"],
        )
    )
    return render_to_string("canvas/detail.html", context, request=request)


@require_safe
@canvas_view()
def revision_detail(
    request: HttpRequest, collaboration: Collaboration, number: int
) -> HttpResponse:
    revision = services.get_revision(collaboration, number)
    context = _canvas_context(request, collaboration, revision, editable=False)
    return render(request, "canvas/revision.html", context)


def _check_field(name: str) -> None:
    if name not in doc.ALL_FIELDS or name == "partners":
        raise Http404(f"no canvas field {name!r}")


@require_safe
@canvas_view()
def field_box(request: HttpRequest, collaboration: Collaboration, name: str) -> HttpResponse:
    """One box in display mode: what "Cancel" of an in-place edit swaps back in."""
    if name not in doc.ALL_FIELDS:
        raise Http404(f"no canvas field {name!r}")
    if not is_htmx(request):
        return redirect(reverse("canvas:detail", args=[collaboration.pk]) + f"#field-{name}")
    revision = services.head(collaboration)
    box = _box(collaboration, revision, name, editable=_role_context(collaboration)["can_edit"])
    return render(request, "canvas/_box.html", {"box": box, **_role_context(collaboration)})


def _field_form(
    request: HttpRequest,
    collaboration: Collaboration,
    name: str,
    *,
    text: str,
    base_revision: int,
    problems: Any = (),
    status: int = 200,
    checklist: Mapping[str, Any] | None = None,
    lines: list[str] | None = None,
) -> HttpResponse:
    context = {
        "lines": lines,
        "collaboration": collaboration,
        "field": {
            "name": name,
            "label": doc.FIELD_LABELS[name],
            "question": GUIDING_QUESTIONS[name],
            "questions": QUESTION_SETS.get(name, ()),
            "zone": doc.ZONES.get(name, "meta"),
            "text": text,
        },
        "checklist": _checklist_view(checklist) if name == "agreements" else None,
        "base_revision": base_revision,
        "problems": problems,
        **_role_context(collaboration),
    }
    template = "canvas/_field_form.html" if is_htmx(request) else "canvas/field_form.html"
    return render(request, template, context, status=status)


def _checklist_view(checklist: Mapping[str, Any] | None) -> dict[str, Any]:
    """The agreements checklist inputs: each question's label and current answer."""
    answers = checklist or {}
    return {
        "fields": [
            {"key": key, "label": doc.CHECKLIST_LABELS[key], "value": answers.get(key, "")}
            for key in doc.CHECKLIST_KEYS
            if key != "money_location"
        ],
        "money_location": answers.get("money_location", ""),
        "money_location_label": doc.CHECKLIST_LABELS["money_location"],
        "money_locations": list(doc.MONEY_LOCATION_LABELS.items()),
    }


def _conflict(
    request: HttpRequest,
    collaboration: Collaboration,
    name: str,
    error: services.MergeConflictError,
    mine: Any,
) -> HttpResponse:
    conflict = next((c for c in error.result.conflicts if c.field == name), None)
    theirs = conflict.theirs if conflict else error.head.document[name]
    mine_text, theirs_text = field_text(name, mine), field_text(name, theirs)
    combined = "\n\n".join(part for part in (theirs_text, mine_text) if part)
    context = {
        "collaboration": collaboration,
        "field": {
            "name": name,
            "label": doc.FIELD_LABELS[name],
            "zone": doc.ZONES.get(name, "meta"),
        },
        "mine": mine_text,
        "theirs": theirs_text,
        "combined": combined,
        "head": error.head,
        "base": error.base,
        **_role_context(collaboration),
    }
    template = "canvas/_conflict.html" if is_htmx(request) else "canvas/conflict.html"
    return render(request, template, context, status=409)


def _saved(
    request: HttpRequest, collaboration: Collaboration, revision: Revision, name: str
) -> HttpResponse:
    """After a save: the updated box for htmx, else back to the canvas (POST/redirect/GET)."""
    collaboration.refresh_from_db()
    collaboration.canvas.refresh_from_db()
    if is_htmx(request):
        box = _box(collaboration, revision, name, editable=True)
        context = {
            "box": box,
            "saved_revision": revision,
            "head_number": services.head_number(collaboration),
            "oob_head": True,
            **_role_context(collaboration),
        }
        response = render(request, "canvas/_box.html", context)
        # Panels on the page (the advice) refresh on this event: no script in the page needed
        # (the Content-Security-Policy allows none inline, nor evaluated trigger filters).
        response["HX-Trigger"] = "canvas-saved"
        return response
    messages.success(
        request,
        _("%(field)s saved in revision %(number)s.")
        % {"field": doc.FIELD_LABELS[name], "number": revision.number},
    )
    return redirect(reverse("canvas:detail", args=[collaboration.pk]) + f"#field-{name}")


def _base_revision(request: HttpRequest, collaboration: Collaboration) -> int | None:
    """The revision a posted form was made on, or None when the form does not name one that
    exists (missing, not a number, out of range).

    Why None and not the latest: a form without its base would be saved over whatever others
    saved meanwhile without merging, losing their work; the caller refuses it instead (as
    the API answers 428 to a replacing PUT without its precondition).
    """
    raw = request.POST.get("base_revision", "").strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        return None
    number = int(raw)
    if not 1 <= number <= services.head_number(collaboration):
        return None
    return number


def _no_base(collaboration: Collaboration) -> str:
    """What a form without a usable base revision is told (nothing was saved)."""
    return _(
        "Nothing was saved: this form does not say which version of the canvas you edited, so "
        "saving it could overwrite what others saved meanwhile. Your text is kept below; the "
        "canvas is now at revision %(number)s. Check it, then save again."
    ) % {"number": services.head_number(collaboration)}


@canvas_view()
@require_http_methods(["GET", "POST"])
def field_edit(request: HttpRequest, collaboration: Collaboration, name: str) -> HttpResponse:
    """Edit one field in place, saved on top of the revision the person was looking at."""
    _check_field(name)
    if not _role_context(collaboration)["can_edit"]:
        raise PermissionDenied(_("Only editors and owners can change the canvas."))
    if request.method == "GET":
        revision = services.head(collaboration)
        by_line = name == "action_lines" and request.GET.get("lines") == "1"
        return _field_form(
            request,
            collaboration,
            name,
            text=field_text(name, revision.document[name]),
            base_revision=revision.number,
            checklist=revision.document.get("agreements_checklist"),
            lines=list(revision.document[name]) if by_line else None,
        )
    raw = request.POST.get("value", "")
    posted_base = _base_revision(request, collaboration)
    base_revision = services.head_number(collaboration) if posted_base is None else posted_base
    lines: list[str] | None = None
    if name == "action_lines" and "line" in request.POST:
        # The line-by-line editor: a step (add, remove, move) comes back without saving.
        lines = request.POST.getlist("line")
        stepped = apply_line_action(lines, request.POST.get("line_action", ""))
        if stepped is not None:
            return _field_form(
                request,
                collaboration,
                name,
                text="\n".join(stepped),
                base_revision=base_revision,
                lines=stepped,
            )
        raw = "\n".join(lines)
    checklist = checklist_from_post(request.POST) if name == "agreements" else None
    if posted_base is None:
        return _field_form(
            request,
            collaboration,
            name,
            text=raw,
            base_revision=base_revision,
            problems=[doc.Problem("", _no_base(collaboration))],
            status=422,
            checklist=checklist,
            lines=lines,
        )
    value = field_value(name, raw)
    changes: dict[str, Any] = {name: value}
    if checklist is not None:
        changes["agreements_checklist"] = checklist
    try:
        revision = services.update_fields(
            actor=acting_user(request),
            collaboration=collaboration,
            changes=changes,
            base_revision=base_revision,
        )
    except services.MergeConflictError as error:
        return _conflict(request, collaboration, name, error, value)
    except CanvasValidationError as error:
        return _field_form(
            request,
            collaboration,
            name,
            text=raw,
            base_revision=base_revision,
            problems=error.problems,
            status=422,
            checklist=checklist,
        )
    return _saved(request, collaboration, revision, name)


# --- Partners ------------------------------------------------------------------------------


class _PartnerFormState(TypedDict):
    """Where a partner form stands: the revision it edits on and which partner it edits."""

    base_revision: int
    original: str | None
    index: int | None


def _partner_form_response(
    request: HttpRequest,
    collaboration: Collaboration,
    form: PartnerForm,
    *,
    base_revision: int,
    original: str | None,
    index: int | None,
    status: int = 200,
    conflict: dict[str, Any] | None = None,
) -> HttpResponse:
    context = {
        "collaboration": collaboration,
        "form": form,
        "base_revision": base_revision,
        "original": original,
        "index": index,
        "conflict": conflict,
        "roles": list(doc.ROLE_LABELS.items()),
        "sectors": list(doc.SECTOR_LABELS.items()),
        "interests": [(k, v) for k, v in doc.INTEREST_LABELS.items() if k != "other"],
        "kinds": list(doc.CONTRIBUTION_LABELS.items()),
        "units": list(doc.UNIT_LABELS.items()),
        "question": GUIDING_QUESTIONS["partners"],
        "questions": QUESTION_SETS["partners"],
        **_role_context(collaboration),
    }
    template = "canvas/_partner_form.html" if is_htmx(request) else "canvas/partner_form.html"
    return render(request, template, context, status=status)


@canvas_view()
@require_http_methods(["GET", "POST"])
def partner_edit(
    request: HttpRequest, collaboration: Collaboration, index: int | None = None
) -> HttpResponse:
    """Add a partner (no index) or edit one; the rest of the list is kept as the base had it."""
    if not _role_context(collaboration)["can_edit"]:
        raise PermissionDenied(_("Only editors and owners can change the canvas."))
    if request.method == "GET":
        revision = services.head(collaboration)
        partners = revision.document["partners"]
        partner = None
        if index is not None:
            if index >= len(partners):
                raise Http404("no such partner")
            partner = partners[index]
        return _partner_form_response(
            request,
            collaboration,
            PartnerForm.from_partner(partner),
            base_revision=revision.number,
            original=partner["name"] if partner else None,
            index=index,
        )
    posted_base = _base_revision(request, collaboration)
    base_revision = services.head_number(collaboration) if posted_base is None else posted_base
    original = request.POST.get("original") or None
    form = PartnerForm.from_post(request.POST)
    kwargs = _PartnerFormState(base_revision=base_revision, original=original, index=index)
    if form.apply_row_action(request.POST.get("row_action", "")):
        # Adding or removing a contribution row saves nothing yet; the form comes back.
        return _partner_form_response(request, collaboration, form, **kwargs)
    if posted_base is None:
        form.general_errors.append(_no_base(collaboration))
        form.pad()
        return _partner_form_response(request, collaboration, form, status=422, **kwargs)
    partner = form.to_partner()
    if partner is None:
        form.pad()
        return _partner_form_response(request, collaboration, form, status=422, **kwargs)
    base = services.get_revision(collaboration, base_revision)
    stored = next(
        (p for p in base.document["partners"] if original and p["name"] == original), None
    )
    partner = _interests_in_stored_order(partner, stored)
    partners, position = replace_partner(base.document["partners"], original, partner)
    try:
        revision = services.update_fields(
            actor=acting_user(request),
            collaboration=collaboration,
            changes={"partners": partners},
            base_revision=base_revision,
        )
    except CanvasValidationError as error:
        form.add_problems(error.problems, position)
        form.pad()
        return _partner_form_response(request, collaboration, form, status=422, **kwargs)
    except services.MergeConflictError as error:
        form.pad()
        key = doc.partner_key(partner)
        original_key = doc.partner_key({"name": original}) if original else key
        theirs = next(
            (
                p
                for p in error.head.document["partners"]
                if doc.partner_key(p) in (key, original_key)
            ),
            None,
        )
        conflict = {
            "head": error.head,
            "mine": _partner_view(partner),
            "theirs": _partner_view(theirs) if theirs else None,
        }
        kwargs["base_revision"] = error.head.number
        return _partner_form_response(
            request, collaboration, form, status=409, conflict=conflict, **kwargs
        )
    return _saved(request, collaboration, revision, "partners")


def _interests_in_stored_order(
    partner: dict[str, Any], stored: Mapping[str, Any] | None
) -> dict[str, Any]:
    """The form's ticked interests in the order the canvas keeps them (new ones after), so
    saving a partner unchanged is no change: check boxes have no order of their own."""
    if stored is None:
        return partner
    place = {
        json.dumps(item, sort_keys=True): n for n, item in enumerate(stored.get("interests", []))
    }
    ordered = sorted(
        partner["interests"],
        key=lambda item: place.get(json.dumps(item, sort_keys=True), len(place)),
    )
    return {**partner, "interests": ordered}


@canvas_view()
@require_POST
def partner_remove(request: HttpRequest, collaboration: Collaboration) -> HttpResponse:
    if not _role_context(collaboration)["can_edit"]:
        raise PermissionDenied(_("Only editors and owners can change the canvas."))
    base_revision = _base_revision(request, collaboration)
    name = request.POST.get("name", "")
    if base_revision is None:
        messages.error(request, _no_base(collaboration))
        return redirect(reverse("canvas:detail", args=[collaboration.pk]) + "#field-partners")
    base = services.get_revision(collaboration, base_revision)
    try:
        revision = services.update_fields(
            actor=acting_user(request),
            collaboration=collaboration,
            changes={"partners": remove_partner(base.document["partners"], name)},
            base_revision=base_revision,
        )
    except services.MergeConflictError as error:
        theirs = next(
            (
                p
                for p in error.head.document["partners"]
                if doc.partner_key(p) == doc.partner_key({"name": name})
            ),
            None,
        )
        context = {
            "collaboration": collaboration,
            "name": name,
            "head": error.head,
            "theirs": _partner_view(theirs) if theirs else None,
            **_role_context(collaboration),
        }
        template = (
            "canvas/_remove_conflict.html" if is_htmx(request) else "canvas/remove_conflict.html"
        )
        return render(request, template, context, status=409)
    return _saved(request, collaboration, revision, "partners")


# --- History -------------------------------------------------------------------------------


@require_safe
@canvas_view()
def history(request: HttpRequest, collaboration: Collaboration) -> HttpResponse:
    """The revisions; choosing two of them (GET ``a`` and ``b``) opens their diff."""
    a, b = request.GET.get("a"), request.GET.get("b")
    if a and b:
        try:
            return redirect("canvas:diff", pk=collaboration.pk, a=int(a), b=int(b))
        except ValueError:
            pass
    # Whole documents are not needed for the list; long histories come in pages.
    page = Paginator(services.history(collaboration).defer("document"), HISTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    latest = services.head_number(collaboration)
    context = {
        "collaboration": collaboration,
        "revisions": page.object_list,
        "sessions": editing_sessions(page.object_list),
        "page": page,
        "default_a": max(latest - 1, 1),
        "default_b": latest,
        **_role_context(collaboration),
    }
    return render(request, "canvas/history.html", context)


def _changed_parts(old: Any, new: Any) -> list[str]:
    """Which parts of a partner changed (role, interests, contributions...), to highlight."""
    if not isinstance(old, Mapping) or not isinstance(new, Mapping):
        return []
    keys = ("name", "role", "sector", "problem_owner", "interests", "contributions")
    return [key for key in keys if old.get(key) != new.get(key)]


def _item_view(field: str, value: Any) -> Any:
    if field == "partners" and value is not None:
        return _partner_view(value)
    return value


@require_safe
@canvas_view()
def diff_view(request: HttpRequest, collaboration: Collaboration, a: int, b: int) -> HttpResponse:
    old, new = services.get_revision(collaboration, a), services.get_revision(collaboration, b)
    changes = []
    for change in services.diff(collaboration, a, b):
        changes.append(
            {
                "field": change.field,
                "label": doc.FIELD_LABELS[change.field],
                "is_text": isinstance(change.old, str) or bool(change.words),
                "words": change.words,
                "items": [
                    {
                        "change": item.change,
                        "key": item.key,
                        "old": _item_view(change.field, item.old),
                        "new": _item_view(change.field, item.new),
                        "changed": _changed_parts(item.old, item.new),
                    }
                    for item in change.items
                ],
                "reordered": not isinstance(change.old, str) and not change.items,
            }
        )
    context = {
        "collaboration": collaboration,
        "old": old,
        "new": new,
        "changes": changes,
        **_role_context(collaboration),
    }
    return render(request, "canvas/diff.html", context)


@canvas_view(write="canvas.restore")
@require_POST
def restore(request: HttpRequest, collaboration: Collaboration, number: int) -> HttpResponse:
    """Restoring asks first (saying what it replaces) and takes an optional message."""
    if request.POST.get("confirm") != "1":
        revision = services.get_revision(collaboration, number)
        boxes, partners = services.restore_summary(collaboration, number)
        context = {
            "collaboration": collaboration,
            "revision": revision,
            "head_number": services.head_number(collaboration),
            "boxes": boxes,
            "partners": partners,
            **_role_context(collaboration),
        }
        return render(request, "canvas/restore_confirm.html", context)
    revision = services.restore(
        actor=acting_user(request),
        collaboration=collaboration,
        number=number,
        message=request.POST.get("message", "")[:300],
    )
    if revision.restored_from == number:
        messages.success(
            request,
            _("Revision %(old)s has been restored as revision %(new)s.")
            % {"old": number, "new": revision.number},
        )
    else:
        messages.info(request, _("Revision %(old)s is already the latest.") % {"old": number})
    return redirect("canvas:detail", pk=collaboration.pk)


def _download(
    request: HttpRequest, collaboration: Collaboration, revision: Revision, fmt: str
) -> HttpResponse:
    """The revision as a file in the page's language; ``questions=1`` adds the guiding
    questions."""
    content = canvas_render.render_export(
        revision.document,
        revision=revision.number,
        fmt=fmt,
        language=translation.get_language() or "nl",
        include_questions=request.GET.get("questions") == "1",
    )
    filename = f"{slugify(collaboration.subject) or 'canvas'}-r{revision.number}.{fmt}"
    response = HttpResponse(content, content_type=canvas_render.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@canvas_view()
def export(
    request: HttpRequest, collaboration: Collaboration, fmt: str, number: int | None = None
) -> HttpResponse:
    """Download the canvas (latest or a given revision) in any export format, in the page's
    language."""
    if fmt not in canvas_render.EXPORT_FORMATS:
        raise Http404(f"format: {fmt!r} is not one of {', '.join(canvas_render.EXPORT_FORMATS)}")
    revision = (
        services.head(collaboration)
        if number is None
        else services.get_revision(collaboration, number)
    )
    return _download(request, collaboration, revision, fmt)


@require_safe
@canvas_view()
def export_choice(request: HttpRequest, collaboration: Collaboration) -> HttpResponse:
    """The export menu's form: any revision (``revision``), any ``format``, optionally with the
    guiding questions. A choice that does not exist goes back to the canvas with a message."""
    fmt, number = request.GET.get("format", ""), request.GET.get("revision", "").strip()
    latest = services.head_number(collaboration)
    problem = ""
    if fmt not in canvas_render.EXPORT_FORMATS:
        problem = _("Choose one of the formats in the list.")
    elif not number.isdigit() or not 1 <= int(number) <= latest:
        problem = _("Revision: enter a whole number from 1 to %(latest)s.") % {"latest": latest}
    if problem:
        messages.error(request, problem)
        return redirect("canvas:detail", pk=collaboration.pk)
    revision = services.get_revision(collaboration, int(number))
    return _download(request, collaboration, revision, fmt)
