"""Admin for staff: collaborations with their members; revisions are read-only history."""

from django.contrib import admin

from grenzeloos.canvas.models import Collaboration, Membership, Revision


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Collaboration)
class CollaborationAdmin(admin.ModelAdmin):
    list_display = ("subject", "head_number", "updated_at", "created_by")
    search_fields = ("subject",)
    readonly_fields = ("head_number", "created_at", "updated_at", "created_by", "subject")
    inlines = (MembershipInline,)


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ("collaboration", "number", "author", "created_at", "message")
    list_filter = ("created_at",)
    search_fields = ("collaboration__subject",)
    readonly_fields = (
        "collaboration",
        "number",
        "document",
        "author",
        "created_at",
        "message",
        "base_number",
        "restored_from",
    )

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
