from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "grenzeloos.governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from grenzeloos.governance import access  # noqa: F401 - declares the actions
