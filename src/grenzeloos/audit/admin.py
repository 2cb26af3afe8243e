"""The audit log in the admin, and the base for every admin of collaboration data.

Staff are not owners: in the admin site they may read the data of collaborations (to support
people and answer questions) but change nothing there, and every page they open of it is
written to the audit log. Changes go through the product's pages, API and CLI, whose services
check roles, keep the rules (such as the last owner) and write their own audit events.

Who may read is decided here, in code, and not by Django's permission rows: every active staff
account may read, nobody (a superuser neither) adds, changes or deletes. The audit log itself
is append-only for everyone.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from grenzeloos.audit.models import AuditEvent
from grenzeloos.audit.services import record_admin_view


def is_active_staff(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff)


class ReadOnlyAdminMixin:
    """Active staff read; no adding, changing or deleting through the admin, for anyone."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_active_staff(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_active_staff(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuditedReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """Collaboration data in the admin: read-only, and every page of it is audited."""

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        if response.status_code == 200:
            record_admin_view(
                actor=request.user,  # type: ignore[arg-type]
                model=self.model,
                view="list",
                query=request.GET.urlencode(),
            )
        return response

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        if response.status_code == 200:
            record_admin_view(
                actor=request.user,  # type: ignore[arg-type]
                model=self.model,
                view="object",
                object_id=str(object_id),
            )
        return response

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().history_view(request, object_id, extra_context)
        if response.status_code == 200:
            record_admin_view(
                actor=request.user,  # type: ignore[arg-type]
                model=self.model,
                view="history",
                object_id=str(object_id),
            )
        return response


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    """Related rows shown on an object's admin page, read-only (audited with that page)."""

    extra = 0
    can_delete = False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """The audit log: read only, for every staff account and every superuser alike (no
    deleting one event or a selection of them)."""

    list_display = ("created_at", "actor", "action", "target_type", "target_id")
    list_filter = ("action", "target_type")
    search_fields = ("target_id", "actor__username")
    fields = ("created_at", "actor", "action", "target_type", "target_id", "data")
