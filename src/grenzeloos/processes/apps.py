from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "grenzeloos.processes"
    verbose_name = _("Processes")

    def ready(self) -> None:
        from django.urls import reverse

        from grenzeloos.core.extensions import CollaborationPage, register_collaboration_page
        from grenzeloos.processes import access  # noqa: F401 - declares the actions

        register_collaboration_page(
            CollaborationPage(
                "processes",
                _("Processes"),
                lambda pk: reverse("processes:index", args=[pk]),
                order=60,
                in_menu=True,
            )
        )
