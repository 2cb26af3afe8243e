"""Editing one box of the canvas: the form, the checklist, saving and the edit conflict.

Why: a box is edited in place (htmx) or as a plain form; a save against an older revision than
the stored one shows the conflict with both versions instead of overwriting someone's work.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from grenzeloos.canvas import diff as canvas_diff
from grenzeloos.canvas import document as doc
from grenzeloos.canvas import services
from grenzeloos.canvas.document import CanvasValidationError
from grenzeloos.canvas.forms import (
    apply_line_action,
    checklist_from_post,
    field_text,
    field_value,
)
from grenzeloos.canvas.merge import marked_sentences, merge_text
from grenzeloos.canvas.models import Revision
from grenzeloos.canvas.questions import GUIDING_QUESTIONS, QUESTION_SETS
from grenzeloos.canvas.views.common import _box, _no_base, _role_context, canvas_view
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.errors import PermissionDenied
from grenzeloos.core.web import acting_user, is_htmx

#: Longest proposed text a form is filled in with (the document's own limit applies on saving).
PROPOSED_MAX_LENGTH = 20_000


def _check_field(name: str) -> None:
    if name not in doc.ALL_FIELDS or name == "partners":
        raise Http404(f"no canvas field {name!r}")


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
    replacing: str = "",
) -> HttpResponse:
    context = {
        "lines": lines,
        "replacing": replacing,
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
    base = conflict.base if conflict else error.base.document[name]
    mine_text, theirs_text = field_text(name, mine), field_text(name, theirs)
    # Combined sentence by sentence: what both added is kept once, the differences marked.
    combined = merge_text(field_text(name, base), mine_text, theirs_text)
    context = {
        "collaboration": collaboration,
        "field": {
            "name": name,
            "label": doc.FIELD_LABELS[name],
            "zone": doc.ZONES.get(name, "meta"),
        },
        "mine": mine_text,
        "theirs": theirs_text,
        "combined": combined.text,
        "combined_sentences": combined.sentences,
        "mine_sentences": marked_sentences(mine_text, theirs_text),
        "theirs_sentences": marked_sentences(theirs_text, mine_text),
        "head": error.head,
        "base": error.base,
        **_role_context(collaboration),
    }
    template = "canvas/_conflict.html" if is_htmx(request) else "canvas/conflict.html"
    return render(request, template, context, status=409)


def _saved(
    request: HttpRequest, collaboration: Collaboration, revision: Revision, name: str
) -> HttpResponse:
    """After a save: the updated box for htmx, else back to the canvas (POST/redirect/GET).

    When the save was merged with what others saved meanwhile, the person is told so, with a
    link to what was merged, and (htmx) the boxes the others changed are swapped in too, so
    the screen shows the merged canvas and not the text they started from.
    """
    collaboration.refresh_from_db()
    collaboration.canvas.refresh_from_db()
    others = services.merged_with(revision)
    merged: dict[str, Any] = {}
    if others:
        names = _join_names(others)
        merged = {
            "text": ngettext(
                "Saved in revision %(number)s, merged with the change of %(names)s.",
                "Saved in revision %(number)s, merged with the changes of %(names)s.",
                revision.number - 1 - (revision.base_number or 0),
            )
            % {"number": revision.number, "names": names},
            "url": reverse(
                "canvas:diff",
                args=[collaboration.pk, revision.base_number, revision.number - 1],
            ),
        }
    if is_htmx(request):
        box = _box(collaboration, revision, name, editable=True)
        context = {
            "box": box,
            "saved_revision": revision,
            "merged": merged,
            "head_number": services.head_number(collaboration),
            "oob_head": True,
            **_role_context(collaboration),
        }
        response = render(request, "canvas/_box.html", context)
        if others and revision.base_number is not None:
            base = services.get_revision(collaboration, revision.base_number)
            for other in _changed_boxes(base.document, revision.document, name):
                oob = {
                    "box": _box(collaboration, revision, other, editable=True),
                    "oob": True,
                    **_role_context(collaboration),
                }
                response.content += render_to_string(
                    "canvas/_box.html", oob, request=request
                ).encode()
        # Panels on the page (the advice) refresh on this event: no script in the page needed
        # (the Content-Security-Policy allows none inline, nor evaluated trigger filters).
        response["HX-Trigger"] = "canvas-saved"
        return response
    if merged:
        messages.success(
            request,
            format_html(
                '{} <a class="utrecht-link" href="{}">{}<span class="gz-visually-hidden"> {}'
                "</span></a>",
                merged["text"],
                merged["url"],
                _("show"),
                _("what was merged"),
            ),
        )
    else:
        messages.success(
            request,
            _("%(field)s saved in revision %(number)s.")
            % {"field": doc.FIELD_LABELS[name], "number": revision.number},
        )
    return redirect(reverse("canvas:detail", args=[collaboration.pk]) + f"#field-{name}")


def _join_names(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}


def _changed_boxes(old: Mapping[str, Any], new: Mapping[str, Any], saved: str) -> list[str]:
    """The boxes (other than the one just saved) whose content differs between two documents."""
    boxes = []
    for change in canvas_diff.diff_documents(old, new):
        box = "agreements" if change.field == "agreements_checklist" else change.field
        if box in doc.ALL_FIELDS and box != saved and box not in boxes:
            boxes.append(box)
    return boxes


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


@canvas_view()
@require_http_methods(["GET", "POST"])
def field_edit(request: HttpRequest, collaboration: Collaboration, name: str) -> HttpResponse:
    """Edit one field in place, saved on top of the revision the person was looking at."""
    _check_field(name)
    if not _role_context(collaboration)["can_edit"]:
        raise PermissionDenied(_("Only editors and owners can change the canvas."))
    if request.method == "GET":
        revision = services.head(collaboration)
        proposed = request.GET.get("proposed")
        if proposed is not None and name in doc.LONG_TEXT_FIELDS:
            # A text proposed elsewhere (the drafted pitch): the form asks before it replaces
            # what the box holds now, showing both; nothing is saved until it is sent.
            current = field_text(name, revision.document[name])
            return _field_form(
                request,
                collaboration,
                name,
                text=proposed[:PROPOSED_MAX_LENGTH],
                base_revision=revision.number,
                replacing=current if current.strip() and current != proposed else "",
            )
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
