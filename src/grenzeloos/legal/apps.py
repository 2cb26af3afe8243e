from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "grenzeloos.legal"
    verbose_name = _("Legal route check")

    def ready(self) -> None:
        from grenzeloos.core.extensions import (
            CollaborationPage,
            register_assessment_lookup,
            register_collaboration_page,
            register_sme_classifier,
        )
        from grenzeloos.legal import access  # noqa: F401  (declares the legal.* actions)
        from grenzeloos.legal.services import Collaboration, has_assessment
        from grenzeloos.legal.sme import classify_enterprise

        register_assessment_lookup(lambda pk: has_assessment(Collaboration(pk=pk)))
        register_collaboration_page(
            CollaborationPage(
                "legal",
                _("Legal route check"),
                lambda pk: reverse("legal:collaboration", args=[pk]),
                order=30,
                in_menu=True,
            )
        )
        register_sme_classifier(classify_enterprise)
        from grenzeloos.core.extensions import register_legal_checks
        from grenzeloos.legal.services import check_summaries

        register_legal_checks(check_summaries)
