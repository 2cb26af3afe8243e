"""The wizard's one-question form, and small helpers to read and write dotted answer paths.

Why: every question of :data:`questions.QUESTIONS` has a kind (choice, yes/no, amount, count,
date); one form class handles them all so each screen behaves the same. "I don't know" is
always possible and stores null, because the engine treats null as an open question instead
of guessing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grenzeloos.core.amounts import AmountError, format_amount, parse_amount
from grenzeloos.legal.answers import TEXT_MAX, get_path
from grenzeloos.legal.questions import Question
from grenzeloos.legal.texts import label

UNKNOWN = "unknown"


def has_path(data: dict[str, Any], key: str) -> bool:
    """Whether the dotted key is present at all (null included), i.e. the question was asked."""
    node: Any = data
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def to_json_value(value: Any) -> Any:
    """Form values to what an answers file holds: numbers, ISO dates, strings, booleans."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class AmountField(forms.DecimalField):
    """Euros as people type them on a page in ``language`` (read by the one amount parser)."""

    def __init__(self, *, language: str, **kwargs: Any) -> None:
        self.language = language
        super().__init__(**kwargs)

    # django-stubs declare DecimalField a subclass of IntegerField (as Django does), so any
    # override returning a Decimal clashes with IntegerField.to_python; the stubs themselves
    # ignore the same clash on DecimalField.to_python.
    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str) and value.strip():
            try:
                value = parse_amount(value, self.language)
            except AmountError as error:
                raise forms.ValidationError(str(error), code="invalid") from None
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        """A stored number shown so that saving it again reads back the same number."""
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return format_amount(value, self.language, exact=True)
        return value


class AnswerForm(forms.Form):
    """One question. Choices and yes/no are radio buttons that include "I don't know";
    numbers and dates are a text box with a separate "I don't know" button."""

    def __init__(self, question: Question, language: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.question = question
        field: forms.Field
        if question.kind in ("choice", "bool"):
            options = (
                [(c, label(c, language)) for c in question.choices]
                if question.kind == "choice"
                else [("yes", _("Yes")), ("no", _("No"))]
            )
            field = forms.ChoiceField(
                choices=[*options, (UNKNOWN, _("I don't know"))],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer, or “I don't know”.")},
            )
        elif question.kind == "amount":
            field = AmountField(
                language=language,
                min_value=0,
                max_digits=15,
                decimal_places=2,
                error_messages={"required": _("Enter an amount, or choose “I don't know”.")},
            )
        elif question.kind == "count":
            field = forms.IntegerField(
                min_value=0,
                error_messages={"required": _("Enter a number, or choose “I don't know”.")},
            )
        elif question.kind == "text":
            field = forms.CharField(
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": _("Enter a text, or choose “I don't know”.")},
            )
        elif question.required:
            field = forms.DateField(
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                error_messages={
                    "required": _("Enter a date: the check needs it to choose the rules in force.")
                },
            )
        else:
            field = forms.DateField(
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                error_messages={"required": _("Enter a date, or choose “I don't know”.")},
            )
        self.fields["value"] = field

    @staticmethod
    def initial_for(question: Question, answers: dict[str, Any]) -> dict[str, Any]:
        """The form's initial value from the stored answer (None → "I don't know" if asked)."""
        value = get_path(answers, question.key)
        if value is None and question.kind == "date" and question.required:
            # The date is required; today is the likeliest answer for a check made now.
            return {"value": timezone.localdate().isoformat()}
        if value is None:
            # Answered "I don't know" before (the key is there, null): show that choice again.
            asked = has_path(answers, question.key) and question.kind in ("choice", "bool")
            return {"value": UNKNOWN} if asked else {}
        if question.kind == "bool":
            return {"value": "yes" if value else "no"}
        return {"value": value}

    def answer(self) -> Any:
        """The cleaned answer as a JSON value; None for "I don't know"."""
        value = self.cleaned_data["value"]
        if self.question.kind == "bool":
            return None if value == UNKNOWN else value == "yes"
        if self.question.kind == "choice":
            return None if value == UNKNOWN else value
        return to_json_value(value)


class SignOffForm(forms.Form):
    remark = forms.CharField(
        label=_("Remark (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NewAssessmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
