from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "grenzeloos.legal"
    verbose_name = _("Legal route check")

    def ready(self) -> None:
        from grenzeloos.core.extensions import (
            ASSESSMENT_LOOKUP,
            SME_CLASSIFIER,
            CollaborationPage,
            register_collaboration_page,
        )
        from grenzeloos.legal import access  # noqa: F401  (declares the legal.* actions)
        from grenzeloos.legal.services import Collaboration, has_assessment
        from grenzeloos.legal.sme import classify_enterprise

        ASSESSMENT_LOOKUP.register(lambda pk: has_assessment(Collaboration(pk=pk)))
        register_collaboration_page(
            CollaborationPage(
                "legal",
                _("Legal route check"),
                lambda pk: reverse("legal:collaboration", args=[pk]),
                order=30,
                in_menu=True,
            )
        )
        SME_CLASSIFIER.register(classify_enterprise)
        from grenzeloos.core.extensions import LEGAL_CHECKS
        from grenzeloos.legal.services import check_summaries

        LEGAL_CHECKS.register(check_summaries)
