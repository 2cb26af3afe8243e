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
        from grenzeloos.cases.ports import (
            case_themes,
            draft_own_case,
            find_cases_by_legal_form,
            find_cases_for_seat,
        )
        from grenzeloos.cases.similar import legal_form_of
        from grenzeloos.core.extensions import (
            BOX_EXAMPLES,
            CASE_DRAFTER,
            CASE_FINDER,
            CASE_THEMES,
            FORM_CASES,
            LEGAL_FORM_READER,
            register_canvas_panel,
            register_example_canvases,
        )

        register_canvas_panel(PANEL)
        register_example_canvases("cases", examples.example_canvases)
        BOX_EXAMPLES.register(examples.box_examples)
        CASE_FINDER.register(find_cases_for_seat)
        FORM_CASES.register(find_cases_by_legal_form)
        LEGAL_FORM_READER.register(legal_form_of)
        CASE_DRAFTER.register(draft_own_case)
        CASE_THEMES.register(case_themes)
