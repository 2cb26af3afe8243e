"""The sign-in form, the profile form and the choice of e-mails about notices."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from grenzeloos.accounts.api_auth import USERNAME_MAX
from grenzeloos.core.forms import StyledForm
from grenzeloos.core.inputs import text_problem


class SignInForm(AuthenticationForm):
    """Django's sign-in form that refuses a name no account can have before it is looked up.

    Why: a name longer than any account's (or with a character no text may hold) is answered
    with the usual "wrong name or password", like HTTP Basic in the API
    (:class:`~grenzeloos.accounts.api_auth.LockoutBasicAuthentication`). Looked up, it reached
    the sign-in lock-out's failure log, whose column is 255 characters: PostgreSQL refused the
    row and the page ended in a server error. Such an attempt is not counted: it cannot guess
    any account's password.
    """

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        password = self.cleaned_data.get("password") or ""
        if len(username) > USERNAME_MAX or text_problem(username) or text_problem(password):
            raise self.get_invalid_login_error()
        try:
            return super().clean()
        except ValidationError as error:
            from grenzeloos.accounts.lockout import failure_notes

            notes = failure_notes(self.request) if self.request is not None else []
            if not notes:
                raise
            raise ValidationError([*error.error_list, *notes]) from None


class ProfileForm(StyledForm):
    """A person's own profile: how documents and invitations name them, and their address."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=150,
        required=False,
        help_text=_("How documents and invitations name you, e.g. Anna de Vries."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    function = forms.CharField(
        label=_("Function"),
        max_length=200,
        required=False,
        help_text=_("Shown after your name, e.g. policy adviser at the municipality."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_(
            "A new address is used once you follow the link we send to it; until then your "
            "current address stays."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class NoticePreferenceForm(StyledForm):
    """Which notices a person also wants by e-mail, and in which language."""

    email_mentions = forms.BooleanField(
        label=_("E-mail me when someone mentions me"),
        required=False,
        help_text=_("Every notice also shows under Notices, whatever you choose here."),
    )
    language = forms.ChoiceField(
        label=_("Language of the e-mails"),
        choices=settings.LANGUAGES,
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
