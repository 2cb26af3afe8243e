"""The history of a canvas: the revisions, the difference between two, and restoring one.

Why: every save is a revision; people need to see who changed what and take an earlier version
back, which is itself a new revision.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from grenzeloos.canvas import document as doc
from grenzeloos.canvas import services
from grenzeloos.canvas.history import sessions as editing_sessions
from grenzeloos.canvas.views.common import _partner_view, _role_context, canvas_view
from grenzeloos.collaborations.access import allows
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.errors import Conflict
from grenzeloos.core.extensions import canvas_adoptions
from grenzeloos.core.web import acting_user

#: Revisions per page of the history.
HISTORY_PAGE_SIZE = 50


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
    # Revisions adopted by a decision of a body (through the port; none without governance).
    adopted = {adoption.revision: adoption for adoption in canvas_adoptions(collaboration.pk)}
    last_adopted = max(adopted, default=None)
    for revision in page.object_list:
        # Stored with each revision (no documents read): which boxes it changed.
        revision.changed_labels = _labels(revision.changed_fields)
        revision.adoption = adopted.get(revision.number)
        revision.draft_since_adoption = last_adopted is not None and revision.number > last_adopted
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


def _labels(fields: Any) -> list[str]:
    """The boxes' names for stored field keys, in canvas order (unknown keys left out)."""
    return [str(doc.FIELD_LABELS[field]) for field in fields or () if field in doc.FIELD_LABELS]


def _names(names: tuple[str, ...]) -> str:
    if len(names) == 1:
        return names[0]
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def _restore_lines(summary: services.RestoreSummary, number: int) -> list[str]:
    """What restoring changes, in sentences that name the boxes and partners."""
    lines = []
    boxes = _labels(field for field in summary.fields if field != "partners")
    if boxes:
        lines.append(
            ngettext(
                "The box %(boxes)s gets its content of revision %(number)s back.",
                "The boxes %(boxes)s get their content of revision %(number)s back.",
                len(boxes),
            )
            % {"boxes": _names(tuple(boxes)), "number": number}
        )
    partners = (
        (
            summary.partners_removed,
            ngettext(
                "%(count)s partner is removed: %(names)s.",
                "%(count)s partners are removed: %(names)s.",
                len(summary.partners_removed),
            ),
        ),
        (
            summary.partners_added,
            ngettext(
                "%(count)s partner is added back: %(names)s.",
                "%(count)s partners are added back: %(names)s.",
                len(summary.partners_added),
            ),
        ),
        (
            summary.partners_changed,
            ngettext(
                "%(count)s partner gets its details of that revision back: %(names)s.",
                "%(count)s partners get their details of that revision back: %(names)s.",
                len(summary.partners_changed),
            ),
        ),
    )
    for names, text in partners:
        if names:
            lines.append(text % {"count": len(names), "names": _names(names)})
    return lines


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
@require_http_methods(["GET", "HEAD", "POST"])
def restore(request: HttpRequest, collaboration: Collaboration, number: int) -> HttpResponse:
    """Restoring asks first (saying what it replaces) and takes an optional message.

    A visit (the revision page's button, reload, Back, a bookmark) shows the question; only a
    confirmed POST restores. Who may not restore is taken to the revision itself.
    """
    if request.method != "POST" and not allows(collaboration, "canvas.restore"):
        services.get_revision(collaboration, number)
        return redirect("canvas:revision", pk=collaboration.pk, number=number)
    if request.method != "POST" or request.POST.get("confirm") != "1":
        revision = services.get_revision(collaboration, number)
        summary = services.restore_summary(collaboration, number)
        context = {
            "collaboration": collaboration,
            "revision": revision,
            "head_number": services.head_number(collaboration),
            "changes": _restore_lines(summary, number),
            **_role_context(collaboration),
        }
        return render(request, "canvas/restore_confirm.html", context)
    try:
        revision = services.restore(
            actor=acting_user(request),
            collaboration=collaboration,
            number=number,
            message=request.POST.get("message", "")[:300],
        )
    except Conflict as error:
        # Behind a revision a body adopted: refused until a new decision (see services.restore).
        messages.error(request, str(error))
        return redirect("canvas:revision", pk=collaboration.pk, number=number)
    if revision.restored_from == number:
        messages.success(
            request,
            _("Revision %(old)s has been restored as revision %(new)s.")
            % {"old": number, "new": revision.number},
        )
    else:
        messages.info(request, _("Revision %(old)s is already the latest.") % {"old": number})
    return redirect("canvas:detail", pk=collaboration.pk)
