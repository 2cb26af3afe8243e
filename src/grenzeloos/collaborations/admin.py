"""Admin for staff: collaborations with their members."""

from django.contrib import admin

from grenzeloos.collaborations.models import Collaboration, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Collaboration)
class CollaborationAdmin(admin.ModelAdmin):
    list_display = ("subject", "status", "updated_at", "created_by")
    list_filter = ("status",)
    search_fields = ("subject", "description")
    readonly_fields = ("created_at", "updated_at", "created_by", "subject")
    inlines = (MembershipInline,)
