"""Admin for staff: assessments on record are read-only; they change only through services."""

from django.contrib import admin

from grenzeloos.legal.models import LegalAssessment


@admin.register(LegalAssessment)
class LegalAssessmentAdmin(admin.ModelAdmin):
    list_display = ("title", "collaboration", "status", "on_date", "author", "signed_off_by")
    list_filter = ("status", "on_date")
    search_fields = ("title", "collaboration__subject")
    readonly_fields = [field.name for field in LegalAssessment._meta.fields]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
