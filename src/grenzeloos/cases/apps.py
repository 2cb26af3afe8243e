from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "grenzeloos.cases"
    verbose_name = _("Case library")

    def ready(self) -> None:
        from grenzeloos.cases import (
            access,  # noqa: F401  (declares the case-library actions)
            examples,
        )
        from grenzeloos.cases.panel import PANEL
        from grenzeloos.cases.ports import find_cases_by_legal_form, find_cases_for_seat
        from grenzeloos.cases.similar import legal_form_of
        from grenzeloos.core.extensions import (
            register_box_examples,
            register_canvas_panel,
            register_case_finder,
            register_example_canvases,
            register_form_cases,
        )

        register_canvas_panel(PANEL)
        register_example_canvases("cases", examples.example_canvases)
        register_box_examples(examples.box_examples)
        register_case_finder(find_cases_for_seat)
        register_form_cases(find_cases_by_legal_form, legal_form_of)
