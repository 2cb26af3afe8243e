from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingplaceConfig(AppConfig):
    name = "grenzeloos.meetingplace"
    verbose_name = _("Meeting place")

    def ready(self) -> None:
        from django.urls import reverse

        from grenzeloos.accounts.notices import register_kind
        from grenzeloos.core.extensions import CollaborationPage, register_collaboration_page
        from grenzeloos.meetingplace import access  # noqa: F401 - declares the actions
        from grenzeloos.meetingplace.services.digest import NEW_STATEMENT

        register_kind(NEW_STATEMENT, _("A new problem statement on your themes"))

        register_collaboration_page(
            CollaborationPage(
                "meetingplace",
                _("Who is missing"),
                lambda pk: reverse("meetingplace:seats", args=[pk]),
                order=60,
                in_menu=True,
            )
        )
