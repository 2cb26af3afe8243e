from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingplaceConfig(AppConfig):
    name = "grenzeloos.meetingplace"
    verbose_name = _("Meeting place")

    def ready(self) -> None:
        from django.urls import reverse

        from grenzeloos.core.extensions import CollaborationPage, register_collaboration_page
        from grenzeloos.meetingplace import access  # noqa: F401 - declares the actions

        register_collaboration_page(
            CollaborationPage(
                "meetingplace",
                _("Who is missing"),
                lambda pk: reverse("meetingplace:seats", args=[pk]),
                order=60,
                in_menu=True,
            )
        )
