"""Accounts in the admin: staff read them and act on them only through audited actions.

Django's own user admin lets whoever may change users set any account's password, e-mail
address and username, and make anyone a superuser; with it staff could take over every account.
It is replaced here. Staff see accounts read-only (each page they open is audited, as for
collaboration data) and have four actions, each a service that writes an audit event:
deactivate, reactivate, send a password reset link to the account's own address, and lift a
sign-in lock. Nobody sets or reads a password here. Groups are not used by Grenzeloos, so
their admin (a way to hand out permissions) is removed too.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from grenzeloos.accounts import services
from grenzeloos.audit.admin import AuditedReadOnlyAdmin
from grenzeloos.core.errors import UserError
from grenzeloos.core.users import Actor

User = get_user_model()

for model in (User, Group):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


@admin.register(User)
class AccountAdmin(AuditedReadOnlyAdmin):
    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "is_active",
        "is_staff",
        "is_superuser",
        "last_login",
    )
    list_filter = ("is_active", "is_staff", "is_superuser")
    search_fields = ("username", "email", "first_name", "last_name")
    ordering = ("username",)
    # Never the password hash, groups or permissions.
    fields = (
        "username",
        "first_name",
        "last_name",
        "email",
        "is_active",
        "is_staff",
        "is_superuser",
        "last_login",
        "date_joined",
    )
    actions = ("send_password_reset", "deactivate", "reactivate", "unlock")

    def _each(
        self,
        request: HttpRequest,
        queryset: QuerySet[Actor],
        act: Callable[[Actor, Actor], bool],
        done: str,
        unchanged: str,
    ) -> None:
        actor: Actor = request.user  # type: ignore[assignment]
        for user in queryset.order_by("username"):
            name = user.get_username()
            try:
                changed = act(actor, user)
            except UserError as error:
                self.message_user(request, f"{name}: {error}", messages.ERROR)
            else:
                message = done if changed else unchanged
                self.message_user(
                    request,
                    message % {"name": name},
                    messages.SUCCESS if changed else messages.WARNING,
                )

    @admin.action(description=_("Send a password reset link to the account's own address"))
    def send_password_reset(self, request: HttpRequest, queryset: QuerySet[Actor]) -> None:
        site_url = request.build_absolute_uri("/")

        def act(actor: Actor, user: Actor) -> bool:
            services.send_password_reset(actor=actor, user=user, site_url=site_url)
            return True

        self._each(
            request,
            queryset,
            act,
            gettext("%(name)s: a reset link was sent to the account's own address."),
            "",
        )

    @admin.action(description=_("Deactivate: no more signing in or API use"))
    def deactivate(self, request: HttpRequest, queryset: QuerySet[Actor]) -> None:
        self._each(
            request,
            queryset,
            lambda actor, user: services.deactivate_account(actor=actor, user=user),
            gettext("%(name)s is deactivated."),
            gettext("%(name)s was deactivated already."),
        )

    @admin.action(description=_("Reactivate"))
    def reactivate(self, request: HttpRequest, queryset: QuerySet[Actor]) -> None:
        self._each(
            request,
            queryset,
            lambda actor, user: services.reactivate_account(actor=actor, user=user),
            gettext("%(name)s is active again."),
            gettext("%(name)s was active already."),
        )

    @admin.action(description=_("Lift the sign-in lock"))
    def unlock(self, request: HttpRequest, queryset: QuerySet[Actor]) -> None:
        def act(actor: Actor, user: Actor) -> bool:
            return services.unlock(actor=actor, username=user.get_username()) > 0

        self._each(
            request,
            queryset,
            act,
            gettext("%(name)s may sign in again."),
            gettext("%(name)s had no failed sign-ins to forget."),
        )
