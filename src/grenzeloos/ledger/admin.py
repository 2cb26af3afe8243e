"""Admin for staff: the partners ledger, read-only and every view audited.

Commitments and contributions change only through the ledger's
services (pages, API, CLI), which check who may and keep the audit log.
"""

from django.contrib import admin

from grenzeloos.audit.admin import AuditedReadOnlyAdmin
from grenzeloos.ledger.models import (
    Commitment,
    Contribution,
    ImportBatch,
    Ledger,
    LinkRefusal,
    Partner,
)


@admin.register(Ledger)
class LedgerAdmin(AuditedReadOnlyAdmin):
    list_display = ("collaboration", "fte_hours", "hourly_rate_eur")
    list_select_related = ("collaboration",)


@admin.register(Partner)
class PartnerAdmin(AuditedReadOnlyAdmin):
    list_display = ("__str__", "collaboration", "organisation")
    search_fields = ("collaboration__subject", "organisation__name")
    list_select_related = ("collaboration", "organisation")


@admin.register(LinkRefusal)
class LinkRefusalAdmin(AuditedReadOnlyAdmin):
    list_display = ("__str__", "organisation", "refused_by", "refused_at")
    list_select_related = ("partner", "organisation", "refused_by")


@admin.register(Commitment)
class CommitmentAdmin(AuditedReadOnlyAdmin):
    list_display = ("__str__", "collaboration", "partner")
    list_select_related = ("collaboration", "partner")


@admin.register(ImportBatch)
class ImportBatchAdmin(AuditedReadOnlyAdmin):
    list_display = ("__str__", "collaboration")
    list_select_related = ("collaboration",)


@admin.register(Contribution)
class ContributionAdmin(AuditedReadOnlyAdmin):
    list_display = ("date", "partner", "kind", "quantity", "unit", "collaboration")
    list_filter = ("kind", "unit")
    list_select_related = ("collaboration", "partner")
    # A ledger can hold a million lines: no exact count of the whole table on every page.
    show_full_result_count = False
