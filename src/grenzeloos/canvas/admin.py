"""Admin for staff: revisions are read-only history."""

from django.contrib import admin

from grenzeloos.canvas.models import Revision


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
