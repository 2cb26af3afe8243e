"""Forms of the governance pages: they read types (dates, numbers, choices); the services
decide what is allowed."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from grenzeloos.core.forms import StyledForm
from grenzeloos.governance.models import BodyKind, Subject
from grenzeloos.governance.voting import Choice, Method
from grenzeloos.publication import CANVAS_BOXES, Sector

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

METHOD_LABELS = {
    Method.CONSENT: _("consent: adopted unless someone objects"),
    Method.MAJORITY: _("majority: more for than against"),
    Method.UNANIMITY: _("unanimity: every voting member for"),
    Method.ADVICE: _("advice: the body advises, it decides nothing"),
}
CHOICE_LABELS = {
    Choice.FOR: _("for"),
    Choice.AGAINST: _("against"),
    Choice.ABSTAIN: _("abstain"),
}
OUTCOME_LABELS = {
    "adopted": _("adopted"),
    "rejected": _("rejected"),
    "no_quorum": _("no quorum"),
    "advised": _("advised"),
}


class BodyForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of body"), choices=BodyKind.choices)
    mandate = forms.CharField(
        label=_("Mandate"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SeatForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    username = forms.CharField(
        label=_("Account (user name)"),
        required=False,
        max_length=150,
        help_text=_("A member of the collaboration; only people with an account vote here."),
    )
    organisation = forms.CharField(label=_("Organisation"), required=False, max_length=200)
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", "—"), *Sector.choices]
    )
    personal_title = forms.BooleanField(label=_("On personal title"), required=False)
    voting = forms.BooleanField(label=_("Has a vote"), required=False, initial=True)
    weight = forms.IntegerField(
        label=_("Weight of the vote"), min_value=1, max_value=100, initial=1
    )
    financier = forms.BooleanField(label=_("Financier or subsidy giver"), required=False)
    sponsor = forms.BooleanField(label=_("Sponsor at board level"), required=False)
    term_start = forms.DateField(label=_("Term from"), required=False, widget=DATE_INPUT)
    term_end = forms.DateField(label=_("Term until"), required=False, widget=DATE_INPUT)


class ProposalForm(StyledForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    proposal = forms.CharField(
        label=_("Proposal"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    method = forms.ChoiceField(label=_("How the body decides"), choices=list(METHOD_LABELS.items()))
    quorum = forms.CharField(
        label=_("Quorum (share of the votes that must take part)"),
        initial="1/2",
        max_length=9,
        help_text=_("A share such as 1/2 or 2/3."),
    )
    weighted = forms.BooleanField(label=_("Weigh the votes by seat"), required=False)
    subject = forms.ChoiceField(label=_("What it decides"), choices=Subject.choices)
    revision = forms.IntegerField(label=_("Canvas revision to adopt"), required=False, min_value=1)
    reference = forms.CharField(
        label=_("Reference (year of the budget, number of the legal check)"),
        required=False,
        max_length=200,
    )

    def clean_quorum(self) -> Fraction:
        text = str(self.cleaned_data.get("quorum", "")).strip().replace(" ", "")
        try:
            value = Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise forms.ValidationError(_("Give a share such as 1/2 or 2/3.")) from None
        if not 0 <= value <= 1:
            raise forms.ValidationError(_("Give a share from 0 to 1."))
        return value


class VoteForm(StyledForm):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=list(CHOICE_LABELS.items()), widget=forms.RadioSelect
    )


class CloseForm(StyledForm):
    reasoning = forms.CharField(
        label=_("Reasoning"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


ANCHOR_BOXES = [("", "—"), *((box.key, box.label) for box in CANVAS_BOXES)]


class CommentForm(StyledForm):
    box = forms.ChoiceField(label=_("Box of the canvas"), required=False, choices=ANCHOR_BOXES)
    partner = forms.CharField(label=_("or partner"), required=False, max_length=200)
    text = forms.CharField(
        label=_("Comment"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Name a member with @ and their user name to send them a notice."),
    )
    question = forms.BooleanField(label=_("This is an open question"), required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class RecordFilterForm(StyledForm):
    person = forms.CharField(label=_("Person (user name)"), required=False, max_length=150)
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    until = forms.DateField(label=_("Until"), required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, kinds: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [("", _("every kind")), *kinds]


SCALE_LABELS = [
    ("1", _("1 – not at all")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _("5 – fully")),
]


class PulseForm(StyledForm):
    period = forms.RegexField(
        label=_("Period"), regex=r"^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$", max_length=7
    )
    sector = forms.ChoiceField(label=_("Your sector"), choices=Sector.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from grenzeloos.governance.pulse import STATEMENTS

        super().__init__(*args, **kwargs)
        for key, statement in STATEMENTS.items():
            self.fields[key] = forms.TypedChoiceField(
                label=statement, choices=SCALE_LABELS, coerce=int, widget=forms.RadioSelect
            )

    def scores(self) -> dict[str, int]:
        from grenzeloos.governance.pulse import STATEMENTS

        return {key: self.cleaned_data[key] for key in STATEMENTS}
