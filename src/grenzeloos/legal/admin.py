"""Admin for staff: assessments on record are read-only (they change only through services)
and every view of them is audited."""

from django.contrib import admin

from grenzeloos.audit.admin import AuditedReadOnlyAdmin, ReadOnlyInline
from grenzeloos.legal.models import AnswerChange, LegalAssessment


class AnswerChangeInline(ReadOnlyInline):
    model = AnswerChange
    fields = ("author", "changed_at", "paths")
    readonly_fields = ("changed_at",)


@admin.register(LegalAssessment)
class LegalAssessmentAdmin(AuditedReadOnlyAdmin):
    list_display = ("title", "collaboration", "status", "on_date", "author", "signed_off_by")
    list_filter = ("status", "on_date")
    search_fields = ("title", "collaboration__subject")
    inlines = (AnswerChangeInline,)
