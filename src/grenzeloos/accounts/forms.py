"""The sign-in form."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from grenzeloos.accounts.api_auth import USERNAME_MAX
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
