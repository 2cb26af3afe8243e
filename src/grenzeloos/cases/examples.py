"""What the case library offers people who start a canvas: the twelve cases' example canvases
to copy, and a short example for every box of the canvas.

Both reach the canvas app through the ports in :mod:`grenzeloos.core.extensions` (registered in
:class:`~grenzeloos.cases.apps.CasesConfig`), so the canvas never imports this app.

The box examples are written in our own words after the publication's cases (Innoveren over
grenzen heen, Digicampus); each names the case it is drawn from.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grenzeloos.cases.library import library_cases, localized
from grenzeloos.core.extensions import BoxExample, ExampleCanvas

#: One example per box: (the case it is drawn from, the example in our own words).
BOX_EXAMPLES: dict[str, tuple[str, Any]] = {
    "dream": (
        "Modal Shift",
        _("Every day two thousand containers travel by water instead of by road."),
    ),
    "societal_value": (
        "SchuldenlabNL",
        _(
            "People in debt see a way out, society is spared needless costs, and creditors and "
            "debt counsellors work more efficiently."
        ),
    ),
    "proposition": (
        "The Green Village",
        _(
            "A test site where some rules are relaxed, with the infrastructure to test, study "
            "and show sustainable innovations for the city."
        ),
    ),
    "action_lines": (
        "The Hague Security Delta",
        _(
            "A short study of a new security theme; a round table with a small group; a café "
            "evening with a wider audience."
        ),
    ),
    "partners": (
        "Cumulus Park",
        _(
            "Founding partners: ING (took the initiative), the university of applied sciences "
            "and the vocational college (their students work with companies), the city (invests "
            "in the area)."
        ),
    ),
    "financing": (
        "Werkplaats voor Digitaal Vakmanschap",
        _(
            "A third in hours from companies, a third from the school and the region, a third "
            "from a national grant paid afterwards."
        ),
    ),
    "neutral_ground": (
        "Nederlandse AI Coalitie",
        _(
            "A platform for the information society (ECP) hosts the administration and records "
            "the contracts with the participants."
        ),
    ),
    "governance": (
        "De Verkeersonderneming",
        _(
            "A supervisory board with two outside members, and a steering group of the "
            "executives of the four parent organisations."
        ),
    ),
    "agreements": (
        "Start-up in Residence",
        _(
            "A contract for every phase; what the start-up develops remains its intellectual "
            "property."
        ),
    ),
    "pitch": (
        "Odyssey",
        _(
            "Bring your problem to neutral ground and build the solution together with teams "
            "and experts, open for everybody to use."
        ),
    ),
}


def box_examples() -> Mapping[str, BoxExample]:
    """The example of each box, in the active language."""
    return {
        field: BoxExample(
            field=field,
            text=str(text),
            source=gettext("from the case %(case)s") % {"case": case},
        )
        for field, (case, text) in BOX_EXAMPLES.items()
    }


@cache
def _library_examples() -> tuple[dict[str, Any], ...]:
    return tuple(case for case in library_cases() if case.get("example_canvas"))


def example_canvases() -> list[ExampleCanvas]:
    """The example canvas of every library case, titled and summed up in the active language."""
    code = (translation.get_language() or "nl")[:2]
    language = code if code in ("nl", "en") else "nl"
    examples = []
    for case in _library_examples():
        pages = case["source"]["pages"]
        if pages:
            source = gettext(
                "Illustration after the case in “Innoveren over grenzen heen”, "
                "pages %(first)s–%(last)s"
            ) % {"first": pages[0], "last": pages[1]}
        else:
            source = gettext("Illustration after the case in “Innoveren over grenzen heen”")
        examples.append(
            ExampleCanvas(
                key=f"case-{case['slug']}",
                title=case["name"],
                summary=localized(case.get("domain"), language),
                source=source,
                document=case["example_canvas"]["document"],
            )
        )
    return examples
