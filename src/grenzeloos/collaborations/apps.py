from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationsConfig(AppConfig):
    name = "grenzeloos.collaborations"
    verbose_name = _("Collaborations")

    def ready(self) -> None:
        # The access API declares the members.* actions when it is imported.
        from grenzeloos.collaborations import access  # noqa: F401
