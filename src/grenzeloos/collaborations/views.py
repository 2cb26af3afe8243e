"""Web pages of a collaboration's members. Thin: access, services, templates."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from grenzeloos.collaborations import services
from grenzeloos.collaborations.access import collaboration_view, role_context
from grenzeloos.collaborations.models import Collaboration, Role
from grenzeloos.core.errors import UserError
from grenzeloos.core.web import acting_user


@collaboration_view(read="members.view", write="members.manage")
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, collaboration: Collaboration) -> HttpResponse:
    """Who takes part and in which role; owners add, change and remove members here."""
    error_message = ""
    status = 200
    if request.method == "POST":
        actor = acting_user(request)
        action = request.POST.get("action")
        username = request.POST.get("username", "").strip()
        try:
            if action == "remove":
                services.unshare(actor=actor, collaboration=collaboration, username=username)
                messages.success(request, _("%(name)s no longer has access.") % {"name": username})
                if username == actor.get_username():
                    return redirect("canvas:list")
            elif action in ("add", "change"):
                role = request.POST.get("role", "")
                services.share(
                    actor=actor, collaboration=collaboration, username=username, role=role
                )
                messages.success(
                    request,
                    _("%(name)s now has the role %(role)s.")
                    % {"name": username, "role": Role(role).label},
                )
            else:
                raise UserError(_("Unknown action."))
        except UserError as error:
            error_message = str(error)
            status = 400
        else:
            return HttpResponseRedirect(reverse("collaborations:members", args=[collaboration.pk]))
    context = {
        "collaboration": collaboration,
        "memberships": services.memberships(collaboration),
        "roles": Role.choices,
        "error_message": error_message,
        "posted": request.POST if status != 200 else {},
        **role_context(collaboration, share="members.manage"),
    }
    return render(request, "collaborations/members.html", context, status=status)
