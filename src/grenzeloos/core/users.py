"""The type of the acting user that every service takes.

The project uses Django's default user model, so services are typed with it (and not with
``AbstractBaseUser``): model fields such as ``created_by`` and lookups such as ``user=`` then
type-check. Views narrow ``request.user`` to it once, with :func:`grenzeloos.core.web.acting_user`.
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import User

#: The signed-in person (or the CLI's system account) on whose behalf a service acts.
Actor: TypeAlias = User
