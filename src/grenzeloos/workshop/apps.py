from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class WorkshopConfig(AppConfig):
    name = "grenzeloos.workshop"
    verbose_name = _("Workshops")

    def ready(self) -> None:
        from grenzeloos.core.extensions import (
            MEMBERS_CHANGED,
            CollaborationPage,
            register_collaboration_page,
        )
        from grenzeloos.workshop import access  # noqa: F401 - declares the actions
        from grenzeloos.workshop.events import recheck_rooms

        MEMBERS_CHANGED.register(recheck_rooms)

        register_collaboration_page(
            CollaborationPage(
                "workshop",
                _("Workshops"),
                lambda pk: reverse("workshop:list", args=[pk]),
                order=40,
                in_menu=True,
            )
        )
