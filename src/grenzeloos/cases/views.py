"""Pages of the case library: the list with search and filters, the comparison table, a case
with its example canvas, and adding a team's own case. Thin: read the request, call services,
render. Everyone signed in sees the library and published cases; private cases only their
author (others get 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from grenzeloos.cases import presentation, services
from grenzeloos.cases.access import SIMILAR
from grenzeloos.cases.library import (
    LEGAL_FORMS,
    MONEY_LOCATIONS,
    SECTORS,
    THEMES,
    CaseFileError,
    parse_case_text,
)
from grenzeloos.collaborations.access import collaboration_view
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core import jsonio
from grenzeloos.core.errors import NotFound, PermissionDenied, UserError
from grenzeloos.core.search import MAX_LENGTH as SEARCH_MAX_LENGTH
from grenzeloos.core.search import SearchBusy, SearchRefused
from grenzeloos.core.web import acting_user, service_errors

MAX_UPLOAD = 512 * 1024


def _language() -> str:
    code = (translation.get_language() or "nl")[:2]
    return code if code in ("nl", "en") else "nl"


def _filters(request: HttpRequest) -> services.Filters:
    return services.Filters(
        query=request.GET.get("q", "").strip(),
        sectors=tuple(request.GET.getlist("sector")),
        legal_form=request.GET.get("legal_form", ""),
        money_location=request.GET.get("money", ""),
        theme=request.GET.get("theme", ""),
    )


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    status = 200
    problem = search_error = ""
    try:
        cases = services.find_cases(user=request.user, filters=filters)
    except SearchRefused as error:
        cases, search_error, status = [], str(error), 400
    except SearchBusy:
        raise  # 503 with Retry-After (core.search.SearchBusyMiddleware)
    except UserError as error:
        cases, problem, status = [], str(error), 400
    language = _language()
    rows = [
        {"case": case, "view": presentation.case_view(case.document, language)} for case in cases
    ]
    context = {
        "filters": filters,
        "rows": rows,
        "problem": problem,
        "search_error": search_error,
        "search_max_length": SEARCH_MAX_LENGTH,
        "filtered": bool(
            filters.query
            or filters.sectors
            or filters.legal_form
            or filters.money_location
            or filters.theme
        ),
        "sector_options": [(key, str(label)) for key, label in SECTORS.items()],
        "legal_form_options": [(key, str(label)) for key, label in LEGAL_FORMS.items()],
        "money_options": [(key, str(label)) for key, label in MONEY_LOCATIONS.items()],
        "theme_options": [(key, str(label)) for key, label in THEMES.items()],
    }
    return render(request, "cases/list.html", context, status=status)


@login_required
@service_errors
def case_compare(request: HttpRequest) -> HttpResponse:
    try:
        cases = services.compare_cases(user=request.user, slugs=request.GET.getlist("case"))
    except NotFound:
        raise
    except UserError as error:
        messages.error(request, str(error))
        return redirect("cases:list")
    return render(
        request,
        "cases/compare.html",
        {
            "cases": cases,
            "rows": presentation.compare_table([c.document for c in cases], _language()),
        },
    )


@login_required
@service_errors
def case_detail(request: HttpRequest, slug: str) -> HttpResponse:
    case = services.get_case(user=request.user, slug=slug)
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "view": presentation.case_view(case.document, _language()),
            "example": presentation.example_canvas_view(case.document),
            "is_author": case.author_id == request.user.pk and not case.is_library,
        },
    )


@login_required
@service_errors
def case_example(request: HttpRequest, slug: str) -> HttpResponse:
    """The example canvas as a ``grenzeloos.canvas/1`` file, to import and adapt."""
    case = services.get_case(user=request.user, slug=slug)
    example = presentation.example_canvas_view(case.document)
    if example is None:
        raise NotFound(_("This case has no example canvas."))
    body = jsonio.pretty(example["document"])
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="voorbeeld-{case.slug}.json"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    problem = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise CaseFileError(_("Choose a case file (YAML or JSON)."))
            if upload.size is not None and upload.size > MAX_UPLOAD:
                raise CaseFileError(_("The file is too large (at most 512 KB)."))
            name = upload.name or "upload"
            try:
                raw = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise CaseFileError(f"{name}: " + _("the file is not UTF-8 text")) from None
            case = services.create_case(
                actor=acting_user(request),
                document=parse_case_text(raw, where=name),
                publish=request.POST.get("publish") == "on",
                where=name,
            )
        except UserError as error:
            problem = str(error)
        else:
            messages.success(request, _("The case has been added."))
            return redirect("cases:detail", case.slug)
    return render(request, "cases/new.html", {"problem": problem}, status=422 if problem else 200)


@login_required
@service_errors
@require_POST
def case_publish(request: HttpRequest, slug: str) -> HttpResponse:
    case = services.get_case(user=request.user, slug=slug)
    published = request.POST.get("published") == "1"
    try:
        services.set_published(actor=acting_user(request), case=case, published=published)
    except PermissionDenied:
        raise
    except UserError as error:  # another shared case has this slug
        messages.error(request, str(error))
        return redirect("cases:detail", case.slug)
    if published:
        messages.success(request, _("The case is now visible to all users."))
    else:
        messages.success(request, _("The case is now private: only you can see it."))
    return redirect("cases:detail", case.slug)


@collaboration_view(read=SIMILAR.name)
def similar_cases(request: HttpRequest, collaboration: Collaboration) -> HttpResponse:
    """All the cases like a collaboration's canvas, with the reasons (members who may view)."""
    matches = services.similar_for_canvas_of(
        user=request.user, collaboration=collaboration, limit=12, language=_language()
    )
    return render(
        request, "cases/similar.html", {"collaboration": collaboration, "matches": matches}
    )
