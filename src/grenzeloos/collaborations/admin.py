"""Admin for staff: collaborations with their members, read-only and audited.

Staff are not owners. Membership changes happen on the members page, through the API or the
CLI, all through :mod:`grenzeloos.collaborations.services` (role check, last-owner rule,
audit event) — never by editing rows here.
"""

from django.contrib import admin

from grenzeloos.audit.admin import AuditedReadOnlyAdmin, ReadOnlyInline
from grenzeloos.collaborations.models import Collaboration, Membership


class MembershipInline(ReadOnlyInline):
    model = Membership
    fields = ("user", "role")


@admin.register(Collaboration)
class CollaborationAdmin(AuditedReadOnlyAdmin):
    list_display = ("subject", "status", "updated_at", "created_by")
    list_filter = ("status",)
    search_fields = ("subject", "description")
    inlines = (MembershipInline,)


@admin.register(Membership)
class MembershipAdmin(AuditedReadOnlyAdmin):
    list_display = ("collaboration", "user", "role")
    list_filter = ("role",)
    search_fields = ("collaboration__subject", "user__username")
    list_select_related = ("collaboration", "user")
