from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class CanvasConfig(AppConfig):
    name = "grenzeloos.canvas"
    verbose_name = _("Canvas")

    def ready(self) -> None:
        from grenzeloos.canvas import access  # noqa: F401  (declares the canvas.* actions)
        from grenzeloos.canvas.services import read_snapshot, start_for_owners, write_fields
        from grenzeloos.core.extensions import (
            CANVAS_READER,
            CANVAS_STARTER,
            CANVAS_WRITER,
            CollaborationPage,
            register_collaboration_page,
        )

        CANVAS_READER.register(read_snapshot)
        CANVAS_WRITER.register(write_fields)
        CANVAS_STARTER.register(start_for_owners)
        register_collaboration_page(
            CollaborationPage("canvas", _("Canvas"), lambda pk: reverse("canvas:detail", args=[pk]))
        )
