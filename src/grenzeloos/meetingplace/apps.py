from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingplaceConfig(AppConfig):
    name = "grenzeloos.meetingplace"
    verbose_name = _("Meeting place")

    def ready(self) -> None:
        from grenzeloos.meetingplace import access  # noqa: F401 - declares the actions
