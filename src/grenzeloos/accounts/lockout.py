"""Sign-in lock-out (django-axes): which lock holds, what a locked-out person sees, and what the
audit log keeps.

Three locks, checked in this order for every password sign-in (the sign-in page, the admin's and
HTTP Basic on the API), so that no outsider can turn them against a user:

``account``
    Failures are counted per account *and address together*
    (``AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]``): after
    ``AXES_FAILURE_LIMIT`` (10) wrong passwords for one account from one address, that account is
    locked *from that address*. Guesses from elsewhere never lock a person out of their own
    office, and one person's typos never lock a colleague behind the same NAT address.
``address``
    Every failure from an address, whatever the account, also counts towards
    ``LOCKOUT_ADDRESS_LIMIT`` (100): only many failures across many accounts lock the address.
``wait``
    From the ``LOGIN_DELAY_AFTER``-th failure in a row on an account from an address, the next
    try must wait ``LOGIN_DELAY_SECONDS``, doubling with every further failure up to
    ``LOGIN_DELAY_MAX_SECONDS``: repeated guesses slow down long before anything is locked.

The handlers below are axes' own (database, or the cache with ``REDIS_URL``) with these checks
added; the audit receiver writes the start of a lock through
:func:`grenzeloos.accounts.services.record_lockout`, and :func:`lockout_response` answers
instead of the sign-in page or the API view, naming the lock that holds.
"""

from __future__ import annotations

import math
import time
from typing import Any

from axes.handlers.cache import AxesCacheHandler
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_cache_keys, get_client_username, get_failure_limit
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from grenzeloos.accounts import services
from grenzeloos.core.api import is_api, problem_response

ACCOUNT = "account"
ADDRESS = "address"
WAIT = "wait"

#: From how many attempts left a failed sign-in says how many remain.
WARN_ATTEMPTS_LEFT = 2


def delay_seconds(failures: int) -> int:
    """How long to wait after ``failures`` failures in a row before the next try is taken."""
    base = settings.LOGIN_DELAY_SECONDS
    if base <= 0 or failures < settings.LOGIN_DELAY_AFTER:
        return 0
    return int(
        min(settings.LOGIN_DELAY_MAX_SECONDS, base * 2 ** (failures - settings.LOGIN_DELAY_AFTER))
    )


class _Locks:
    """What both handlers add to axes': the address lock and the growing delay.

    ``get_failures`` (axes') counts the failures of the account from this address only.
    """

    def address_failures(self, request: HttpRequest) -> int:
        raise NotImplementedError

    def last_failure(
        self, request: HttpRequest, credentials: dict[str, Any] | None
    ) -> float | None:
        """When the last failure of this account from this address was (epoch seconds)."""
        raise NotImplementedError

    def count_address_failure(self, request: HttpRequest, credentials: dict[str, Any]) -> None:
        """Called after axes counted a failure."""

    def lock_for(
        self, request: HttpRequest, credentials: dict[str, Any] | None
    ) -> tuple[str, int] | None:
        """The lock that holds for this attempt and for how many seconds, or None."""
        failures = self.get_failures(request, credentials)  # type: ignore[attr-defined]
        cool_off = int(settings.AXES_COOLOFF_TIME.total_seconds())
        if failures >= get_failure_limit(request, credentials):
            return ACCOUNT, cool_off
        if self.address_failures(request) >= settings.LOCKOUT_ADDRESS_LIMIT:
            return ADDRESS, cool_off
        delay = delay_seconds(failures)
        if delay:
            last = self.last_failure(request, credentials)
            if last is not None:
                wait = math.ceil(last + delay - time.time())
                if wait > 0:
                    return WAIT, min(wait, delay)
        return None

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        if not getattr(settings, "AXES_LOCK_OUT_AT_FAILURE", True):
            return False
        lock = self.lock_for(request, credentials)
        request.grenzeloos_lock = lock  # type: ignore[attr-defined]
        return lock is not None

    def user_login_failed(
        self,
        sender: Any,
        credentials: dict[str, Any],
        request: HttpRequest | None = None,
        **kwargs: Any,
    ) -> None:
        refused = request is not None and getattr(request, "axes_locked_out", False)
        super().user_login_failed(sender, credentials, request, **kwargs)  # type: ignore[misc]
        if request is None or refused:
            return  # refused by a lock: not a guess at the password, not counted
        self.count_address_failure(request, credentials)
        failures = getattr(request, "axes_failures_since_start", 0)
        limit = get_failure_limit(request, credentials)
        cool_off = int(settings.AXES_COOLOFF_TIME.total_seconds())
        if getattr(request, "axes_locked_out", False):
            request.grenzeloos_lock = (ACCOUNT, cool_off)  # type: ignore[attr-defined]
            return
        address_failures = self.address_failures(request)
        if address_failures >= settings.LOCKOUT_ADDRESS_LIMIT:
            request.axes_locked_out = True  # type: ignore[attr-defined]
            request.axes_credentials = credentials  # type: ignore[attr-defined]
            request.grenzeloos_lock = (ADDRESS, cool_off)  # type: ignore[attr-defined]
            request.grenzeloos_lock_started = (  # type: ignore[attr-defined]
                address_failures == settings.LOCKOUT_ADDRESS_LIMIT
            )
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
            )
            return
        request.grenzeloos_attempts_left = limit - failures  # type: ignore[attr-defined]
        request.grenzeloos_wait = delay_seconds(failures)  # type: ignore[attr-defined]


class DatabaseLockout(_Locks, AxesDatabaseHandler):
    """axes' database handler (``AccessAttempt`` rows) with the address lock and the delay."""

    def address_failures(self, request: HttpRequest) -> int:
        from axes.attempts import get_cool_off_threshold

        total = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,  # type: ignore[attr-defined]
            attempt_time__gte=get_cool_off_threshold(request),
        ).aggregate(total=Sum("failures_since_start"))["total"]
        return int(total or 0)

    def last_failure(
        self, request: HttpRequest, credentials: dict[str, Any] | None
    ) -> float | None:
        latest = None
        for attempts in self.get_user_attempts(request, credentials):
            moment = attempts.aggregate(latest=Max("attempt_time"))["latest"]
            if moment is not None and (latest is None or moment > latest):
                latest = moment
        return latest.timestamp() if latest is not None else None


class CacheLockout(_Locks, AxesCacheHandler):
    """axes' cache handler (shared in Redis) with the address lock and the delay.

    Besides axes' count per account and address it keeps, under keys of its own, the count per
    address, the moment of the last failure, and the addresses each account failed from (so that
    unlocking an account by its name alone finds every count of it).
    """

    def _timeout(self) -> int:
        return int(settings.AXES_COOLOFF_TIME.total_seconds())

    def _increment(self, key: str) -> int:
        if self.cache.add(key, 1, timeout=self._timeout()):
            return 1
        value = int(self.cache.incr(key))
        self.cache.touch(key, timeout=self._timeout())
        return value

    def address_failures(self, request: HttpRequest) -> int:
        return int(self.cache.get(f"address:{request.axes_ip_address}", 0))  # type: ignore[attr-defined]

    def last_failure(
        self, request: HttpRequest, credentials: dict[str, Any] | None
    ) -> float | None:
        keys = get_client_cache_keys(request, credentials)
        moments = [self.cache.get(f"last:{key}") for key in keys]
        found = [float(moment) for moment in moments if moment is not None]
        return max(found) if found else None

    def count_address_failure(self, request: HttpRequest, credentials: dict[str, Any]) -> None:
        address = request.axes_ip_address  # type: ignore[attr-defined]
        self._increment(f"address:{address}")
        for key in get_client_cache_keys(request, credentials):
            self.cache.set(f"last:{key}", time.time(), timeout=self._timeout())
        username = get_client_username(request, credentials)
        if username:
            index = f"addresses-of:{username}"
            addresses = list(self.cache.get(index, []))
            if address not in addresses:
                addresses = [*addresses, address][-100:]
            self.cache.set(index, addresses, timeout=self._timeout())

    def reset_attempts(
        self,
        *,
        ip_address: str | None = None,
        username: str | None = None,
        ip_or_username: bool = False,
    ) -> int:
        count = 0
        if username:
            addresses = (
                [ip_address] if ip_address else self.cache.get(f"addresses-of:{username}", [])
            )
            for address in addresses:
                for key in get_client_cache_keys(
                    AccessAttempt(username=username, ip_address=address)
                ):
                    count += 1 if self.cache.get(key) else 0
                    self.cache.delete_many([key, f"last:{key}"])
            if not ip_address:
                self.cache.delete(f"addresses-of:{username}")
        if ip_address:
            if self.cache.get(f"address:{ip_address}"):
                count += 1
            self.cache.delete(f"address:{ip_address}")
        return count


def _lock(request: HttpRequest) -> tuple[str, int]:
    lock = getattr(request, "grenzeloos_lock", None)
    return lock if lock is not None else (ACCOUNT, int(settings.AXES_COOLOFF_TIME.total_seconds()))


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """429 Too Many Requests naming the lock that holds: a page, problem+json under ``/api/``."""
    kind, seconds = _lock(request)
    minutes = services.cool_off_minutes()
    if kind == WAIT:
        title = "Too many failed sign-ins in a row"
        detail = ngettext(
            "Too many wrong passwords in a row for this account. Wait %(seconds)s second before "
            "trying again.",
            "Too many wrong passwords in a row for this account. Wait %(seconds)s seconds before "
            "trying again.",
            seconds,
        ) % {"seconds": seconds}
    elif kind == ADDRESS:
        title = "Too many failed sign-ins from this address"
        detail = ngettext(
            "After %(limit)s failed sign-ins from this address, for several accounts, signing in "
            "from this address is locked. Try again in %(minutes)s minute.",
            "After %(limit)s failed sign-ins from this address, for several accounts, signing in "
            "from this address is locked. Try again in %(minutes)s minutes.",
            minutes,
        ) % {"limit": settings.LOCKOUT_ADDRESS_LIMIT, "minutes": minutes}
    else:
        title = "Too many failed sign-ins"
        detail = ngettext(
            "After %(limit)s failed attempts this account is locked from this address. Try again "
            "in %(minutes)s minute.",
            "After %(limit)s failed attempts this account is locked from this address. Try again "
            "in %(minutes)s minutes.",
            minutes,
        ) % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    if is_api(request):
        extra: dict[str, Any] = {"lock": kind, "retry_after_seconds": seconds}
        if kind != WAIT:
            extra["cool_off_minutes"] = minutes
        response = problem_response(429, title, detail, **extra)
    else:
        response = render(
            request,
            "accounts/locked_out.html",
            {"lock": kind, "detail": detail, "seconds": seconds},
            status=429,
        )
    response["Retry-After"] = str(seconds)
    return response


def failure_notes(request: HttpRequest) -> list[str]:
    """What a failed sign-in adds to "wrong name or password": the attempts left near the limit
    and the wait before the next try."""
    notes = []
    left = getattr(request, "grenzeloos_attempts_left", None)
    if left is not None and 0 < left <= WARN_ATTEMPTS_LEFT:
        notes.append(
            ngettext(
                "%(count)s attempt left before this account is locked from this address.",
                "%(count)s attempts left before this account is locked from this address.",
                left,
            )
            % {"count": left}
        )
    wait = getattr(request, "grenzeloos_wait", 0)
    if wait:
        notes.append(
            ngettext(
                "Wait %(seconds)s second before the next try.",
                "Wait %(seconds)s seconds before the next try.",
                wait,
            )
            % {"seconds": wait}
        )
    return notes


def client_address(request: HttpRequest) -> str | None:
    """The address failures are counted for (``AXES_CLIENT_IP_CALLABLE``): the one the server
    gives the request. Behind a proxy listed in ``GRENZELOOS_TRUSTED_PROXIES`` the server has
    already put the client the proxy names there; a forwarded header is never read here, so one
    sent by anyone else (or django-ipware installed by some other package) changes nothing."""
    return request.META.get("REMOTE_ADDR")


def on_locked_out(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    """Receiver of axes' ``user_locked_out``: record the moment a lock begins.

    axes sends the signal again for every attempt refused while locked; only the failure that
    reached a limit starts a lock, so only that one is written to the audit log.
    """
    lock = getattr(request, "grenzeloos_lock", None)
    if lock is None:
        # Sent by axes itself as a failure reached the account's limit (the lock it notes
        # afterwards); one sent again for a refused attempt comes with the lock already noted.
        kind = ACCOUNT
        started = getattr(request, "axes_failures_since_start", None) == get_failure_limit(
            request, getattr(request, "axes_credentials", None)
        )
    else:
        kind = lock[0]
        started = getattr(request, "grenzeloos_lock_started", False)
    if not started:
        return
    services.record_lockout(
        username=username,
        ip_address=ip_address,
        via="api" if is_api(request) else "web",
        locked=[kind],
    )
