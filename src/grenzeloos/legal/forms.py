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
from grenzeloos.legal.answers import RD_MIX_CATEGORIES, TEXT_MAX, answer_paths, get_path
from grenzeloos.legal.questions import Question
from grenzeloos.legal.ruleset import CONTRACT_KINDS, SIZES
from grenzeloos.legal.texts import label

UNKNOWN = "unknown"
#: The answers a reason may be given for (the answers file's `reasons` keys).
REASON_KEYS = frozenset(answer_paths())


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
        if question.key in REASON_KEYS:
            self.fields["reason"] = forms.CharField(
                label=_("Reason for this answer (optional)"),
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def initial_for(question: Question, answers: dict[str, Any]) -> dict[str, Any]:
        """The form's initial value from the stored answer (None → "I don't know" if asked)."""
        reasons = answers.get("reasons")
        reason = reasons.get(question.key) if isinstance(reasons, dict) else None
        initial = AnswerForm._initial_value(question, answers)
        return {**initial, "reason": reason} if reason else initial

    @staticmethod
    def _initial_value(question: Question, answers: dict[str, Any]) -> dict[str, Any]:
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

    def reason_text(self) -> str:
        """The reason the user gave (stripped; empty for none)."""
        return str(self.cleaned_data.get("reason") or "").strip()

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
    #: The answers' version the page showed; the sign-off approves exactly that.
    version = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change before you can sign it off?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what should change: sending back needs a comment.")},
    )


class ReasonForm(forms.Form):
    """A reason for one answer, given by someone who may not change the answers themselves."""

    reason = forms.CharField(
        label=_("Reason for this answer"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm_authorship = forms.BooleanField(
        label=_("I understand that I become an author and can no longer sign this off"),
        required=False,
    )


class NewAssessmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), required=False, max_length=200)


def _amount(text: Any, language: str) -> AmountField:
    return AmountField(
        language=language,
        label=text,
        required=False,
        min_value=0,
        max_digits=15,
        decimal_places=2,
    )


YES_NO = (("yes", _("Yes")), ("no", _("No")))


def _or_unknown(text: Any, choices: Any) -> forms.ChoiceField:
    """An optional question of the beneficiary form: one of ``choices``, or "I don't know"."""
    return forms.ChoiceField(
        label=text,
        choices=[*choices, (UNKNOWN, _("I don't know"))],
        widget=forms.RadioSelect,
        required=False,
    )


MIX_FIELDS = tuple(f"mix_{category}" for category in RD_MIX_CATEGORIES)


#: Yes / no / unknown answers of a beneficiary kept only when given (the SME tests).
_TRISTATE = ("public_control", "linked_figures_included")


class BeneficiaryForm(forms.Form):
    """One beneficiary of a consortium, as an item of the answers' `aid.beneficiaries`.

    Everything but the name may stay empty (unknown): the engine then says what it still
    needs instead of guessing. Amounts are read in the page's language.
    """

    def __init__(self, language: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language = language
        self.fields["name"] = forms.CharField(
            label=_("Name"),
            max_length=200,
            error_messages={"required": _("Enter the beneficiary's name.")},
        )
        self.fields["research_organisation"] = forms.ChoiceField(
            label=_("Is it a research organisation?"),
            choices=YES_NO,
            widget=forms.RadioSelect,
            initial="no",
            error_messages={"required": _("Choose yes or no.")},
        )
        self.fields["may_publish"] = _or_unknown(
            _("May the research organisation publish its own results?"), YES_NO
        )
        self.fields["size"] = _or_unknown(
            _("Size of the undertaking"), ((s, label(s, language)) for s in SIZES)
        )
        self.fields["public_control"] = _or_unknown(
            _("Do public bodies control a quarter or more of its capital or voting rights?"), YES_NO
        )
        self.fields["linked_figures_included"] = _or_unknown(
            _("Do its figures include its linked and partner enterprises?"), YES_NO
        )
        self.fields["staff"] = forms.IntegerField(
            label=_("Staff (full-time units)"), required=False, min_value=0, max_value=10**9
        )
        self.fields["turnover_eur"] = _amount(_("Annual turnover"), language)
        self.fields["balance_sheet_eur"] = _amount(_("Balance-sheet total"), language)
        self.fields["aid_eur"] = _amount(_("Its share of the aid"), language)
        self.fields["eligible_costs_eur"] = _amount(_("Its eligible costs"), language)
        self.fields["de_minimis_received_eur"] = _amount(
            _("De minimis aid it received in the last three years"), language
        )
        for category, name in zip(RD_MIX_CATEGORIES, MIX_FIELDS, strict=True):
            self.fields[name] = forms.IntegerField(
                label=label(category, language), required=False, min_value=0, max_value=100
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mix = [data.get(name) for name in MIX_FIELDS]
        if any(value for value in mix) and sum(value or 0 for value in mix) != 100:
            self.add_error(
                MIX_FIELDS[0],
                _("The percentages of the research categories must add up to 100 (now %(sum)s).")
                % {"sum": sum(value or 0 for value in mix)},
            )
        aid, costs = data.get("aid_eur"), data.get("eligible_costs_eur")
        if aid is not None and costs is not None and aid > costs:
            self.add_error(
                "aid_eur",
                _(
                    "The aid is higher than the eligible costs. Aid cannot exceed the costs it "
                    "supports: correct the aid amount or the eligible costs."
                ),
            )
        return data

    @staticmethod
    def initial_from(item: Any) -> dict[str, Any]:
        """Form values from a stored beneficiary (an item of `aid.beneficiaries`)."""
        if not isinstance(item, dict):
            return {}
        initial: dict[str, Any] = {
            key: item.get(key)
            for key in (
                "name",
                "staff",
                "turnover_eur",
                "balance_sheet_eur",
                "aid_eur",
                "eligible_costs_eur",
                "de_minimis_received_eur",
            )
        }
        initial["research_organisation"] = "yes" if item.get("research_organisation") else "no"
        publish = item.get("may_publish")
        initial["may_publish"] = UNKNOWN if publish is None else "yes" if publish else "no"
        initial["size"] = item.get("size") or UNKNOWN
        for key in _TRISTATE:
            value = item.get(key)
            initial[key] = UNKNOWN if value is None else "yes" if value else "no"
        mix = item.get("category_mix") or {}
        for category, name in zip(RD_MIX_CATEGORIES, MIX_FIELDS, strict=True):
            initial[name] = mix.get(category) if isinstance(mix, dict) else None
        return initial

    def beneficiary(self) -> dict[str, Any]:
        """The cleaned beneficiary as an item of the answers' `aid.beneficiaries`."""
        data = self.cleaned_data
        research = data["research_organisation"] == "yes"
        item: dict[str, Any] = {"name": data["name"].strip(), "research_organisation": research}
        publish = data.get("may_publish")
        item["may_publish"] = None if publish in (None, "", UNKNOWN) else publish == "yes"
        size = data.get("size")
        item["size"] = None if size in (None, "", UNKNOWN) else size
        for key in _TRISTATE:
            value = data.get(key)
            if value not in (None, "", UNKNOWN):
                item[key] = value == "yes"
        for key in (
            "staff",
            "turnover_eur",
            "balance_sheet_eur",
            "aid_eur",
            "eligible_costs_eur",
            "de_minimis_received_eur",
        ):
            item[key] = to_json_value(data.get(key))
        mix = {
            category: data[name]
            for category, name in zip(RD_MIX_CATEGORIES, MIX_FIELDS, strict=True)
            if data.get(name)
        }
        if mix:
            item["category_mix"] = mix
        return item


class PolicyForm(forms.Form):
    """The organisation's own procurement bands below the EU thresholds, per contract kind.

    Per kind two upper limits: below the first the organisation invites one operator
    (enkelvoudig onderhands); below the second several (meervoudig onderhands). With a second
    limit, a national tender follows up to the EU threshold; without one, inviting several
    operators runs up to the EU threshold. A kind with neither limit has no bands of its own.
    """

    name = forms.CharField(
        label=_("Name of the procurement policy"),
        max_length=TEXT_MAX,
        error_messages={"required": _("Enter the name of the policy, as it is adopted.")},
    )
    date = forms.DateField(
        label=_("Date the policy was adopted"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Enter the date the policy was adopted.")},
    )

    def __init__(self, language: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in CONTRACT_KINDS:
            self.fields[f"{kind}_single"] = _amount(_("One operator invited below"), language)
            self.fields[f"{kind}_several"] = _amount(
                _("Several operators invited below (empty: up to the EU threshold)"), language
            )

    def kinds(self) -> list[tuple[str, Any, Any]]:
        """(kind, field for one operator, field for several) per contract kind, for the page."""
        return [(kind, self[f"{kind}_single"], self[f"{kind}_several"]) for kind in CONTRACT_KINDS]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for kind in CONTRACT_KINDS:
            single, several = cleaned.get(f"{kind}_single"), cleaned.get(f"{kind}_several")
            if single is not None and several is not None and several <= single:
                self.add_error(
                    f"{kind}_several",
                    _("Inviting several operators must reach higher than inviting one."),
                )
        if not self.errors and not any(
            cleaned.get(f"{kind}_{which}") is not None
            for kind in CONTRACT_KINDS
            for which in ("single", "several")
        ):
            raise forms.ValidationError(_("Enter at least one amount for one contract kind."))
        return cleaned

    def policy(self) -> dict[str, Any]:
        """The answers' `procurement_policy` from the form (bands in JSON form)."""
        bands: list[dict[str, Any]] = []
        for kind in CONTRACT_KINDS:
            single = self.cleaned_data.get(f"{kind}_single")
            several = self.cleaned_data.get(f"{kind}_several")
            if single is None and several is None:
                continue
            if single is not None:
                bands.append(_band(kind, single, "single_source"))
            if several is None:
                bands.append(_band(kind, None, "multiple_private"))
            else:
                bands.append(_band(kind, several, "multiple_private"))
                bands.append(_band(kind, None, "national"))
        return {
            "name": self.cleaned_data["name"].strip(),
            "date": self.cleaned_data["date"].isoformat(),
            "bands": bands,
        }

    @staticmethod
    def initial_from(policy: Any) -> dict[str, Any]:
        """The form's values from stored answers (bands of one kind each, as this form makes)."""
        if not isinstance(policy, dict):
            return {}
        initial: dict[str, Any] = {"name": policy.get("name") or ""}
        if policy.get("date"):
            initial["date"] = policy["date"]
        for band in policy.get("bands") or []:
            kinds = band.get("kinds") if isinstance(band, dict) else None
            if not isinstance(kinds, list) or len(kinds) != 1 or band.get("below_eur") is None:
                continue
            which = {"single_source": "single", "multiple_private": "several"}.get(
                str(band.get("procedure"))
            )
            if which:
                initial[f"{kinds[0]}_{which}"] = band["below_eur"]
        return initial


def _band(kind: str, below: Decimal | None, procedure: str) -> dict[str, Any]:
    value = None if below is None else int(below) if below == int(below) else float(below)
    return {"kinds": [kind], "below_eur": value, "procedure": procedure}
