from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "grenzeloos.governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from grenzeloos.core.extensions import (
            ADOPTIONS,
            BOX_COMMENTS,
            DECISIONS,
            CollaborationPage,
            register_canvas_panel,
            register_collaboration_page,
        )
        from grenzeloos.governance import access  # noqa: F401 - declares the actions
        from grenzeloos.governance.panels import PANEL
        from grenzeloos.governance.ports import adopted_decisions, open_box_comments
        from grenzeloos.governance.services import adoptions

        ADOPTIONS.register(adoptions)
        DECISIONS.register(adopted_decisions)
        BOX_COMMENTS.register(open_box_comments)
        register_canvas_panel(PANEL)
        register_collaboration_page(
            CollaborationPage(
                "governance",
                _("Governance"),
                lambda pk: reverse("governance:governance", args=[pk]),
            )
        )
