"""The guiding question of each canvas box, in our own words after the paper canvas.

People fill in a canvas in workshops; the question next to each box is what makes the box
self-explanatory, so the web page, the poster and the guidance all show the same text.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

GUIDING_QUESTIONS = {
    "subject": _("What is this collaboration about, in a few words?"),
    "date": _("On which day was this canvas filled in?"),
    "version": _("Which version of the canvas is this, as you call it?"),
    "dream": _(
        "Which future do the partners want to reach together? Describe the shared picture"
        " you work towards."
    ),
    "societal_value": _(
        "What does the collaboration add for society, and how does it serve the public interest?"
    ),
    "proposition": _(
        "What will you do together with all partners: develop new products or services, "
        "exchange knowledge, put obstacles on the agenda?"
    ),
    "action_lines": _(
        "Which results become visible soon, and what do you start on right away? Small "
        "steps towards the dream keep the energy going. One action line per line."
    ),
    "partners": _(
        "Who do you work with, and why? Tell founding partners (the initiators), "
        "sponsoring partners (who join later) and other stakeholders (not partners yet) "
        "apart, and note what each one wants and brings."
    ),
    "financing": _(
        "Which means do the collaboration and its projects need? When a government pays "
        "for part of it, mind the rules on state aid and public procurement."
    ),
    "neutral_ground": _(
        "Would an intermediary, or a neutral party hosting the collaboration at a neutral"
        " place, help the partners to work as equals?"
    ),
    "governance": _(
        "How do you take decisions, keep the partners involved and find executive "
        "sponsors? Keep accounting for subsidies apart from the partnership itself."
    ),
    "agreements": _(
        "Which agreements do you need on liability, flows of money, ownership of what you"
        " develop together and the legal basis, and which organisational form follows "
        "from them?"
    ),
    "pitch": _(
        "Building on the boxes above, say briefly and convincingly: what is the dream, "
        "what does it bring society, what is needed, with whom, and what does it offer "
        "the organisation you pitch to?"
    ),
}
