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

#: The full set of questions behind each box of the paper canvas, in our own words: shown on
#: demand beside a field while editing, and available to exports that ask for them
#: (:func:`questions_for`). The first line of each box stays :data:`GUIDING_QUESTIONS`.
QUESTION_SETS = {
    "dream": (
        _("Which picture of the future do all partners share?"),
        _("What do you work towards, and what will be different when you get there?"),
        _("Why can this dream only come true with many different stakeholders together?"),
        _("Is it a point on the horizon that every partner supports, not one party's idea?"),
    ),
    "societal_value": (
        _("What does the collaboration add for society?"),
        _("How does it serve the public interest, and for whom?"),
        _(
            "Which value case (a business case at the level of the whole ecosystem) shows why "
            "working together pays off?"
        ),
        _(
            "Which figures and definitions do the partners agree on, so they do not argue "
            "about them later?"
        ),
    ),
    "proposition": (
        _("What will you do together with all partners?"),
        _("Will you develop new products or services?"),
        _("Will you exchange knowledge and build it up together?"),
        _("Will you put obstacles (rules, habits, standards) on the agenda?"),
    ),
    "action_lines": (
        _("Which results become visible in the short term?"),
        _("What do you start on right away?"),
        _("Which small steps bring the bigger dream closer?"),
        _("How do you keep the energy in the collaboration going?"),
    ),
    "partners": (
        _("Who are the founding partners: the initiators?"),
        _("Who are the sponsoring partners: the parties that join later?"),
        _("Which other stakeholders are not (yet) partners, and should they be?"),
        _("Who owns the problem, and who offers solutions?"),
        _(
            "What does each partner gain: knowledge, network, talent, cost saving, a "
            "contribution to society, being a good employer, shared risk, a stronger image, "
            "or something else?"
        ),
        _(
            "What does each partner contribute: money, people in kind, access to a network, "
            "marketing, a location or systems?"
        ),
    ),
    "financing": (
        _("Which means do the collaboration and its projects need?"),
        _("Who pays for what, in money and in kind?"),
        _(
            "Does a government pay for part of the collaboration? Then mind the rules on "
            "state aid, and on procurement when the government buys something."
        ),
        _(
            "Can you start with contributions in kind and closed purses, and use subsidies, "
            "funds or innovation budgets later?"
        ),
    ),
    "neutral_ground": (
        _("Would an intermediary help the partners to work together as equals?"),
        _("Could a neutral party host the collaboration at a neutral place?"),
        _("Is this needed for your collaboration, and who would take that role?"),
    ),
    "governance": (
        _("How do you organise the governance of the collaboration?"),
        _("How do you take decisions, and how do you keep every partner involved?"),
        _("How do you find and keep executive sponsors?"),
        _(
            "Is the relation with those who provide money (such as a government) clean: "
            "accounting for a subsidy kept apart from the partnership, and the subsidy giver "
            "not on the supervisory or advisory board?"
        ),
    ),
    "agreements": (
        _("Do you want to make agreements on liability?"),
        _("How does the money flow, and where does it sit?"),
        _("How do you arrange the ownership of what you develop together?"),
        _(
            "How do you set up the legal basis, and which organisational form follows from "
            "the agreements you want to make?"
        ),
    ),
    "pitch": (
        _("What is the dream?"),
        _("What does it bring society?"),
        _("What is needed to make the dream come true?"),
        _("With whom will you do it?"),
        _("What does it bring the organisation that hears the pitch?"),
    ),
}


def questions_for(field: str) -> tuple[str, ...]:
    """The full set of questions of a canvas box in the active language (empty for the
    boxes without one, such as the subject)."""
    return tuple(str(question) for question in QUESTION_SETS.get(field, ()))
