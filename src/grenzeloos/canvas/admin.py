"""Admin for staff: canvases and their revisions, read-only history, every view audited."""

from django.contrib import admin

from grenzeloos.audit.admin import AuditedReadOnlyAdmin
from grenzeloos.canvas.models import Canvas, Revision


@admin.register(Canvas)
class CanvasAdmin(AuditedReadOnlyAdmin):
    list_display = ("collaboration", "head_number")
    search_fields = ("collaboration__subject",)
    list_select_related = ("collaboration",)


@admin.register(Revision)
class RevisionAdmin(AuditedReadOnlyAdmin):
    list_display = ("collaboration", "number", "author", "created_at", "message")
    list_filter = ("created_at",)
    search_fields = ("collaboration__subject",)
    list_select_related = ("collaboration", "author")
