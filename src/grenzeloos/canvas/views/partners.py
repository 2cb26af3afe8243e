"""Adding, editing and removing the partners of the canvas.

Why: a partner is a row of several answers (sector, role, interests, contributions) with its
own form and line actions, stored in the canvas document like any other box.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, TypedDict

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grenzeloos.canvas import document as doc
from grenzeloos.canvas import services
from grenzeloos.canvas.document import CanvasValidationError
from grenzeloos.canvas.forms import (
    PartnerForm,
    remove_partner,
    replace_partner,
)
from grenzeloos.canvas.questions import GUIDING_QUESTIONS, QUESTION_SETS
from grenzeloos.canvas.views.common import _no_base, _partner_view, _role_context, canvas_view
from grenzeloos.canvas.views.fields import _base_revision, _saved
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.core.errors import PermissionDenied
from grenzeloos.core.web import acting_user, is_htmx


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
            "rows": _compared(_partner_view(partner), _partner_view(theirs)) if theirs else [],
        }
        kwargs["base_revision"] = error.head.number
        return _partner_form_response(
            request, collaboration, form, status=409, conflict=conflict, **kwargs
        )
    return _saved(request, collaboration, revision, "partners")


def _compared(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The partner once, a row per part, both versions of the parts that differ marked."""

    def shown(view: Mapping[str, Any], key: str) -> str:
        value = view[key]
        if key == "problem_owner":
            return _("yes") if value else _("no")
        if key == "interests":
            return "; ".join(value) or "—"
        if key == "contributions":
            return (
                "; ".join(
                    item["kind"]
                    + (f": {item['description']}" if item["description"] else "")
                    + (f" ({item['amount']})" if item["amount"] else "")
                    for item in value
                )
                or "—"
            )
        return str(value)

    labels = {
        "name": _("Name"),
        "role": _("Role"),
        "sector": _("Sector"),
        "problem_owner": _("Problem owner"),
        "interests": _("Interests"),
        "contributions": _("Contributions"),
    }
    rows = []
    for key, label in labels.items():
        ours, theirs_value = shown(mine, key), shown(theirs, key)
        rows.append(
            {
                "key": key,
                "label": label,
                "mine": ours,
                "theirs": theirs_value,
                "differs": ours != theirs_value,
            }
        )
    return rows


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
@require_http_methods(["GET", "HEAD", "POST"])
def partner_remove(request: HttpRequest, collaboration: Collaboration) -> HttpResponse:
    """Remove a partner (POST); a visit (reload, Back, a bookmark) goes to the partners."""
    if request.method != "POST":
        return redirect(reverse("canvas:detail", args=[collaboration.pk]) + "#field-partners")
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
