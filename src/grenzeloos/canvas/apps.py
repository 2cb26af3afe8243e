from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CanvasConfig(AppConfig):
    name = "grenzeloos.canvas"
    verbose_name = _("Canvas")

    def ready(self) -> None:
        from grenzeloos.canvas import access  # noqa: F401  (declares the canvas.* actions)
        from grenzeloos.canvas.services import read_snapshot
        from grenzeloos.core.extensions import register_canvas_reader

        register_canvas_reader(read_snapshot)
