"""The list of collaborations, creating and importing one, and the examples to start from.

Why: these are the pages before a canvas exists (or before one is chosen): search and page
through your collaborations, start an empty one, import a canvas JSON file or copy an example.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from grenzeloos.canvas import document as doc
from grenzeloos.canvas import services
from grenzeloos.canvas.document import CanvasValidationError
from grenzeloos.canvas.forms import (
    ImportProblem,
    import_problem,
    json_syntax_problem,
)
from grenzeloos.canvas.models import Revision
from grenzeloos.canvas.views.common import _sheet
from grenzeloos.core import jsonio
from grenzeloos.core.errors import InvalidInput
from grenzeloos.core.search import MAX_LENGTH as SEARCH_MAX_LENGTH
from grenzeloos.core.search import SearchRefused
from grenzeloos.core.web import acting_user, service_errors

#: Largest canvas JSON file accepted for import (a canvas is a few tens of kilobytes).
MAX_IMPORT_BYTES = 2 * 1024 * 1024


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
@require_http_methods(["GET", "HEAD", "POST"])
def collaboration_create(request: HttpRequest) -> HttpResponse:
    """Start a collaboration (POST); a visit (reload, Back, a bookmark) goes to its form."""
    if request.method != "POST":
        return redirect(reverse("canvas:list") + "#subject")
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
@require_http_methods(["GET", "HEAD", "POST"])
def collaboration_import(request: HttpRequest) -> HttpResponse:
    """Import a canvas file (POST); a visit (reload, Back, a bookmark) goes to its form."""
    if request.method != "POST":
        return redirect(reverse("canvas:list") + "#import-file")
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
@require_http_methods(["GET", "HEAD", "POST"])
@service_errors
def example_copy(request: HttpRequest, key: str) -> HttpResponse:
    """A collaboration of one's own, started from an example canvas (POST); a visit (reload,
    Back, a bookmark) shows the example with its copy button, copying nothing."""
    if request.method != "POST":
        services.example_canvas(key)  # an unknown example is "not found", not a redirect
        return redirect("canvas:example", key=key)
    collaboration = services.copy_example(actor=acting_user(request), key=key)
    messages.success(
        request,
        _("The example has been copied into a new collaboration of your own: change it freely."),
    )
    return redirect("canvas:detail", pk=collaboration.pk)
