from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "grenzeloos.ledger"
    verbose_name = _("Partners and contributions")

    def ready(self) -> None:
        from grenzeloos.core.extensions import (
            COMMITMENT_TOTALS,
            CollaborationPage,
            register_canvas_panel,
            register_collaboration_page,
        )
        from grenzeloos.ledger import access  # noqa: F401 - declares the ledger's actions
        from grenzeloos.ledger.panels import PANEL
        from grenzeloos.ledger.registry import LINKS_PANEL, person_contributions
        from grenzeloos.ledger.services.commitments import committed_totals
        from grenzeloos.organisations.ports import (
            register_organisation_panel,
            register_person_records,
        )

        register_canvas_panel(PANEL)
        COMMITMENT_TOTALS.register(committed_totals)
        register_collaboration_page(
            CollaborationPage(
                "ledger",
                _("Partners and contributions"),
                lambda pk: reverse("ledger:ledger", args=[pk]),
            )
        )
        register_organisation_panel(LINKS_PANEL)
        register_person_records("contributions", person_contributions)
