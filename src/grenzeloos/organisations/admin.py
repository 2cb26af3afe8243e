"""Admin for staff: the organisations registry, read-only and every view audited.

Organisations and contact persons change only through the registry's services (pages, API, CLI),
which check who may and keep the audit log.
"""

from django.contrib import admin

from grenzeloos.audit.admin import AuditedReadOnlyAdmin
from grenzeloos.organisations.models import ContactPerson, Organisation


@admin.register(Organisation)
class OrganisationAdmin(AuditedReadOnlyAdmin):
    list_display = ("name", "sector", "kvk_number", "size_class")
    list_filter = ("sector", "size_class")
    search_fields = ("name", "kvk_number")


@admin.register(ContactPerson)
class ContactPersonAdmin(AuditedReadOnlyAdmin):
    list_display = ("__str__", "organisation")
    search_fields = ("organisation__name",)
    list_select_related = ("organisation",)
