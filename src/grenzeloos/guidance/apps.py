from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "grenzeloos.guidance"
    verbose_name = _("Guidance")

    def ready(self) -> None:
        from grenzeloos.core.extensions import (
            LESSONS,
            CanvasPanel,
            register_canvas_panel,
        )
        from grenzeloos.guidance import access  # noqa: F401  (declares the guidance actions)
        from grenzeloos.guidance.lessons import lesson_ref
        from grenzeloos.guidance.panel import depends_on, render_panel

        register_canvas_panel(
            CanvasPanel(key="guidance", order=10, render=render_panel, depends_on=depends_on)
        )
        LESSONS.register(lesson_ref)
