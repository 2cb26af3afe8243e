"""Django settings for Grenzeloos.

Every setting that differs between a laptop, CI and production is read from the environment
here and nowhere else, so that deploying is a matter of setting variables, not editing code.
"""

from __future__ import annotations

import ipaddress
import os
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from grenzeloos.core.logs import logging_config

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("GRENZELOOS_DATA_DIR", PROJECT_DIR / "var")).resolve()

DEBUG = _env_bool("GRENZELOOS_DEBUG", False)


def _secret_key() -> str:
    """Use the configured key, else one generated once per data directory.

    A fixed key in the repository would let anyone forge sessions; a key generated per
    process would sign everybody out at every restart.
    """
    configured = os.environ.get("GRENZELOOS_SECRET_KEY")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        from django.core.management.utils import get_random_secret_key

        DATA_DIR.mkdir(parents=True, exist_ok=True)
        # Created owner-only from the first byte (O_EXCL: never through someone else's file).
        try:
            descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it a moment ago
        else:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(get_random_secret_key())
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = _env_list("GRENZELOOS_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = _env_list("GRENZELOOS_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "channels",
    "grenzeloos.core",
    "grenzeloos.audit",
    "grenzeloos.accounts",
    "grenzeloos.collaborations",
    "grenzeloos.organisations",
    "grenzeloos.live",
    "grenzeloos.canvas",
    "grenzeloos.legal",
    "grenzeloos.guidance",
    "grenzeloos.cases",
    "grenzeloos.ledger",
    "grenzeloos.governance",
    "grenzeloos.workshop",
    "grenzeloos.meetingplace",
    "grenzeloos.processes",
]

MIDDLEWARE = [
    # First: a request id on every response, and (GRENZELOOS_LOG_FORMAT=json) one log line per
    # request with its duration and status, whatever the middleware below answered.
    "grenzeloos.core.requestlog.RequestLog",
    # Counts and times every request, whatever answers it (Prometheus, /metrics).
    "grenzeloos.core.metrics.RequestMetrics",
    "django.middleware.security.SecurityMiddleware",
    # Outside the session and CSRF middleware, so it sees the cookies they set.
    "grenzeloos.core.web.HttpsCookies",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that answers a signed-in person: no response of theirs is kept.
    "grenzeloos.core.web.SignedInNoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "grenzeloos.core.web.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "grenzeloos.core.guard.RequestGuardMiddleware",
    # Before CSRF: a method no page takes is 405 (with Allow), not 403 or the page.
    "grenzeloos.core.web.WebMethodsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # The admin's search box within the bounds and time limit of every search.
    "grenzeloos.core.search.AdminSearchMiddleware",
    # A search that found no place among those running at once: 503 with Retry-After.
    "grenzeloos.core.search.SearchBusyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After django-csp: adds this host's ws(s):// to connect-src for the live channel.
    "grenzeloos.live.middleware.LiveConnectSource",
    "grenzeloos.core.api.ApiVersionMiddleware",
    # A form's target visited by a person (reload, Back, a bookmark): a page, not a bare 405.
    "grenzeloos.core.web.MethodNotAllowedPageMiddleware",
    # A database too busy to answer is a 503 with Retry-After, not a server error.
    "grenzeloos.core.web.BusyDatabaseMiddleware",
    # Last: turns a request that axes marked as locked out into the lock-out page/problem.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "grenzeloos.urls"
WSGI_APPLICATION = "grenzeloos.wsgi.application"
ASGI_APPLICATION = "grenzeloos.asgi.application"


def _trusted_proxies() -> list[str]:
    """The proxies whose X-Forwarded-For and X-Forwarded-Proto are believed, checked here.

    ``grenzeloos serve`` hands them to the server (uvicorn's ``forwarded_allow_ips``): for a
    request that arrives from one of them the server takes the client address and the scheme
    from those headers, so Django's ``REMOTE_ADDR`` (sign-in lock-out, audit) and
    ``request.is_secure()`` (Secure cookies, HSTS) are the client's. From any other address the
    headers are ignored. Nothing else reads forwarded headers.
    """
    for retired in ("GRENZELOOS_CLIENT_IP_HEADER", "GRENZELOOS_PROXY_SSL_HEADER"):
        if os.environ.get(retired):
            raise ImproperlyConfigured(
                f"{retired} is no longer read: list the proxy's addresses in "
                "GRENZELOOS_TRUSTED_PROXIES instead (X-Forwarded-For and X-Forwarded-Proto "
                "are then believed from them only)"
            )
    proxies = _env_list("GRENZELOOS_TRUSTED_PROXIES", "")
    for proxy in proxies:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"GRENZELOOS_TRUSTED_PROXIES: {proxy!r} is not an address or network"
            ) from None
    return proxies


#: Addresses and networks (e.g. ``127.0.0.1,10.0.0.0/8``) of the reverse proxies in front of
#: the app; empty (the default): no forwarded header is believed from anyone.
TRUSTED_PROXIES = _trusted_proxies()


def _metrics_allow() -> list[str]:
    allowed = _env_list("GRENZELOOS_METRICS_ALLOW", "")
    for network in allowed:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            raise ImproperlyConfigured(
                f"GRENZELOOS_METRICS_ALLOW: {network!r} is not an address or network"
            ) from None
    return allowed


#: The Prometheus endpoint ``/metrics`` (:mod:`grenzeloos.core.metrics`): off (404) unless one
#: of these is set; then only a request with ``Authorization: Bearer <METRICS_TOKEN>`` or from
#: an address in ``METRICS_ALLOW`` (the client's, behind a trusted proxy) reads it, others get 404.
METRICS_TOKEN = os.environ.get("GRENZELOOS_METRICS_TOKEN", "").strip()
METRICS_ALLOW = _metrics_allow()

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "grenzeloos.accounts.context_processors.notices",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "grenzeloos.sqlite3"),
            "OPTIONS": {
                # WAL lets readers work while one writer commits; IMMEDIATE takes the write
                # lock at the start of a transaction so two saves serialise instead of failing.
                "transaction_mode": "IMMEDIATE",
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
                ),
            },
            # Each server thread keeps its connection: opening one (Django registers its SQL
            # functions and runs the pragmas above) costs more than most pages' queries.
            "CONN_MAX_AGE": int(os.environ.get("GRENZELOOS_SQLITE_CONN_MAX_AGE", "600")),
            # Tests use a real file too: an in-memory database cannot show how concurrent
            # connections behave.
            "TEST": {"NAME": str(DATA_DIR / "test-grenzeloos.sqlite3")},
        }
    }

# Rendered canvases, canvas pages, list rows and panels. Every key is made from what the
# database holds (head revision, time of change, role, audit trail), so a cache per process
# is correct; the server's threads share one. With REDIS_URL (several app processes) they
# share one in Redis, and so do the sign-in lock-out counters (AXES_HANDLER below).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "grenzeloos",
        },
        "axes": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "grenzeloos-axes",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "grenzeloos",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("GRENZELOOS_CACHE_MAX_ENTRIES", "5000"))},
        }
    }

# The live channel (grenzeloos.live, Django Channels): in this process's memory by default,
# which serves one app process with no other service; with REDIS_URL in Redis, so that a change
# saved through one app process reaches the pages connected to every other.
CHANNEL_LAYERS: dict[str, dict[str, Any]]
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": "grenzeloos"},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in lock-out (django-axes, grenzeloos.accounts.lockout): failures are counted per account
# AND address together, so guesses from elsewhere never lock a person out of their own office and
# one person's typos never lock a colleague behind the same NAT address. An address as a whole is
# locked only after GRENZELOOS_LOCKOUT_ADDRESS_LIMIT failures across all accounts, and repeated
# failures are slowed down (a growing wait) before anything is locked. The standalone backend only
# refuses locked-out attempts; ModelBackend checks the password.
# OpenID Connect sign-in (grenzeloos.accounts.oidc, mozilla-django-oidc) next to local accounts:
# on when a client id and the provider's endpoints are set. GRENZELOOS_LOCAL_PASSWORDS=off leaves
# the provider as the only way for people to sign in (API tokens keep working).
OIDC_OP_ISSUER = os.environ.get("GRENZELOOS_OIDC_ISSUER", "").rstrip("/")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("GRENZELOOS_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("GRENZELOOS_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("GRENZELOOS_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("GRENZELOOS_OIDC_JWKS_ENDPOINT", "")
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("GRENZELOOS_OIDC_END_SESSION_ENDPOINT", "")
OIDC_RP_CLIENT_ID = os.environ.get("GRENZELOOS_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("GRENZELOOS_OIDC_CLIENT_SECRET", "")
OIDC_RP_SCOPES = os.environ.get("GRENZELOOS_OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = os.environ.get("GRENZELOOS_OIDC_SIGN_ALGO", "RS256")
#: The claims that hold the account name, the e-mail address and the full name.
OIDC_CLAIM_USERNAME = os.environ.get("GRENZELOOS_OIDC_CLAIM_USERNAME", "preferred_username")
OIDC_CLAIM_EMAIL = os.environ.get("GRENZELOOS_OIDC_CLAIM_EMAIL", "email")
OIDC_CLAIM_NAME = os.environ.get("GRENZELOOS_OIDC_CLAIM_NAME", "name")
#: The provider's name on the sign-in button ("Sign in with …").
OIDC_PROVIDER_NAME = os.environ.get("GRENZELOOS_OIDC_PROVIDER_NAME", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID and OIDC_OP_AUTHORIZATION_ENDPOINT and OIDC_OP_TOKEN_ENDPOINT)
# Kept in the session to sign out at the provider too (its id_token_hint).
OIDC_STORE_ID_TOKEN = True
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
LOGIN_REDIRECT_URL_FAILURE = "accounts:login"
LOCAL_PASSWORDS = _env_bool("GRENZELOOS_LOCAL_PASSWORDS", True)
if not (LOCAL_PASSWORDS or OIDC_ENABLED):
    raise ImproperlyConfigured(
        "GRENZELOOS_LOCAL_PASSWORDS=off needs an OpenID provider: set GRENZELOOS_OIDC_CLIENT_ID "
        "and its endpoints"
    )
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    *(["django.contrib.auth.backends.ModelBackend"] if LOCAL_PASSWORDS else []),
    *(["grenzeloos.accounts.oidc.ProviderBackend"] if OIDC_ENABLED else []),
]
if REDIS_URL:
    # Counted in Redis (atomic increments), so failures at every app process add up.
    AXES_HANDLER = "grenzeloos.accounts.lockout.CacheLockout"
    AXES_CACHE = "axes"
else:
    AXES_HANDLER = "grenzeloos.accounts.lockout.DatabaseLockout"
#: Failed sign-ins of one account from one address before that account is locked from there.
AXES_FAILURE_LIMIT = int(os.environ.get("GRENZELOOS_LOGIN_FAILURE_LIMIT", "10"))
#: Failed sign-ins from one address, whatever the accounts, before the address is locked.
LOCKOUT_ADDRESS_LIMIT = int(os.environ.get("GRENZELOOS_LOCKOUT_ADDRESS_LIMIT", "100"))
#: From this many failures in a row (one account, one address) the next try waits
#: LOGIN_DELAY_SECONDS, doubling with each further failure up to LOGIN_DELAY_MAX_SECONDS (0: off).
LOGIN_DELAY_AFTER = int(os.environ.get("GRENZELOOS_LOGIN_DELAY_AFTER", "3"))
LOGIN_DELAY_SECONDS = int(os.environ.get("GRENZELOOS_LOGIN_DELAY_SECONDS", "1"))
LOGIN_DELAY_MAX_SECONDS = int(os.environ.get("GRENZELOOS_LOGIN_DELAY_MAX_SECONDS", "30"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("GRENZELOOS_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "grenzeloos.accounts.lockout.lockout_response"
# An attempt refused by a lock is not a guess at the password: it neither counts nor prolongs it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A successful sign-in does not wipe the failures (it would let anyone with an account reset
# the count of their address between guesses at someone else's password).
AXES_RESET_ON_SUCCESS = False
# Only failures are kept (data minimisation): no log of every successful sign-in.
AXES_DISABLE_ACCESS_LOG = True
# No admin pages for axes' records: deleting one there would lift a lock unaudited. Locks are in
# the audit log; staff lift one with the audited action on accounts, the operator with the CLI.
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# The address failures are counted for is the one the server gives the request: the client's own
# address, or, behind a proxy listed in GRENZELOOS_TRUSTED_PROXIES, the client the proxy names
# (see TRUSTED_PROXIES). Never a header read here: anyone can send one.
AXES_CLIENT_IP_CALLABLE = "grenzeloos.accounts.lockout.client_address"
#: Seconds a verified HTTP Basic credential is remembered (keyed by a keyed hash of it, never the
#: password), so a script pays the password hash at most once a minute; 0: every request.
BASIC_AUTH_CACHE_SECONDS = int(os.environ.get("GRENZELOOS_BASIC_AUTH_CACHE_SECONDS", "60"))

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "canvas:list"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
NODE_MODULES = PROJECT_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/utrecht", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
    ("vendor/utrecht-tokens", NODE_MODULES / "@utrecht" / "design-tokens" / "dist"),
]
#: Where uploaded files (a challenge's submission attachments) are kept by the default storage.
MEDIA_ROOT = DATA_DIR / "files"
MEDIA_URL = "/files/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

#: Longest a search may run in the database before it is stopped with a clear message.
SEARCH_TIMEOUT_MS = int(os.environ.get("GRENZELOOS_SEARCH_TIMEOUT_MS", 2000))
#: How many searches run at once in one server process; more wait (within the time limit
#: above) and then get 503 "busy". Why: eight costly searches at once held every thread and
#: the CPU, so even /healthz waited a second; a few at a time keep the rest of the site quick.
SEARCH_CONCURRENCY = int(os.environ.get("GRENZELOOS_SEARCH_CONCURRENCY", 2))
#: Largest request body accepted at all (a canvas import of 2 MB plus its form); larger: 413.
MAX_REQUEST_BYTES = int(os.environ.get("GRENZELOOS_MAX_REQUEST_BYTES", 4 * 1024 * 1024))
#: Largest attachment of a challenge's submission; it comes inside one request, so keep it
#: below MAX_REQUEST_BYTES (raise both together).
CHALLENGE_ATTACHMENT_MAX_BYTES = int(
    os.environ.get("GRENZELOOS_ATTACHMENT_MAX_BYTES", 3 * 1024 * 1024)
)

# HTTPS. Production (any host name other than this machine's) is served over HTTPS, so its
# cookies are Secure by default; `make run` on http://127.0.0.1 keeps plain cookies. Whatever
# this says, a request that arrives over HTTPS gets Secure cookies (core.web.HttpsCookies)
# and HSTS (SecurityMiddleware only sends it over HTTPS). Behind a proxy that ends TLS, the
# request counts as HTTPS when the proxy is trusted (TRUSTED_PROXIES) and says so.
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1", "testserver"}
SERVES_ONLY_THIS_MACHINE = set(ALLOWED_HOSTS) <= LOCAL_HOSTS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = _env_bool(
    "GRENZELOOS_SECURE_COOKIES", not (DEBUG or SERVES_ONLY_THIS_MACHINE)
)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("GRENZELOOS_HSTS_SECONDS", 365 * 24 * 3600))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("GRENZELOOS_HSTS_SUBDOMAINS", False)
SECURE_SSL_REDIRECT = _env_bool("GRENZELOOS_SSL_REDIRECT", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"


def _origins(url: str) -> list[str]:
    parts = urlsplit(url)
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


# Content-Security-Policy (django-csp): only this site's own scripts, styles and fonts; no
# inline script or style anywhere, no framing, forms only to this site.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        # A sign-out through the OpenID provider ends with a redirect to it (form-action
        # applies to the redirects after a form is sent).
        "form-action": ["'self'", *_origins(OIDC_OP_LOGOUT_ENDPOINT)],
        "frame-ancestors": ["'none'"],
    },
}

REST_FRAMEWORK = {
    # Basic first, so an anonymous request is told how to authenticate (401 with
    # WWW-Authenticate) instead of a bare 403; sessions work the same.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "grenzeloos.accounts.api_auth.LockoutBasicAuthentication",
        "grenzeloos.accounts.api_auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "grenzeloos.core.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # drf-spectacular's, plus the problem+json answers each operation can give (core/api.py).
    "DEFAULT_SCHEMA_CLASS": "grenzeloos.core.api.ProblemAutoSchema",
    "EXCEPTION_HANDLER": "grenzeloos.core.api.problem_exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "UNAUTHENTICATED_USER": None,
}
API_VERSION = "1.0.0"
SPECTACULAR_SETTINGS = {
    "TITLE": "Grenzeloos API",
    "DESCRIPTION": (
        "REST API for collaborative innovation canvases.\n\n"
        "Scripts and other systems authenticate with a personal API token (`tokenAuth`: "
        "`Authorization: Bearer <token>`). HTTP Basic (`basicAuth`) is for trying the API by "
        "hand: its failures count towards the sign-in lock-out like the sign-in page's."
    ),
    "VERSION": API_VERSION,
    # Who answers questions about the API (NLGov API Design Rules: /core/doc-openapi-contact).
    # The publisher of an installation may set their own before generating the document.
    "CONTACT": {
        "name": "Grenzeloos maintainers",
        "email": "grenzeloos@example.org",
        "url": "https://git.example.org/grenzeloos/grenzeloos",
    },
    "LICENSE": {
        "name": "EUPL-1.2",
        "url": "https://interoperable-europe.ec.europa.eu/collection/eupl",
    },
    "SERVE_INCLUDE_SCHEMA": False,
    # Paths are relative to the server, whose URL holds the major version (/core/uri-version).
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVERS": [{"url": "/api/v1", "description": "Version 1 of this installation's API"}],
    "TAGS": [
        {
            "name": "account",
            "description": "Your own account: your profile, e-mail address and API tokens.",
        },
        {
            "name": "assessments",
            "description": "Legal route checks of a collaboration: answers, outcome, sign-off "
            "by a second person, and the motivation report.",
        },
        {
            "name": "cases",
            "description": "The case library: the publication's cases and cases people share.",
        },
        {
            "name": "collaborations",
            "description": "Collaborations and everything in them: the canvas and its "
            "revisions, members and invitations, advice, pitch, exports and the partners ledger.",
        },
        {
            "name": "contacts",
            "description": "Contact persons of organisations: export and erasure of their "
            "personal data (AVG/GDPR).",
        },
        {"name": "examples", "description": "Example canvases to read or to start from."},
        {
            "name": "legal",
            "description": "The legal route check without storing anything: assess answers and "
            "render a motivation.",
        },
        {
            "name": "organisations",
            "description": "Organisations in the partners ledger, their contact persons and the "
            "links collaborations make to them.",
        },
        {
            "name": "problems",
            "description": "The meeting place: problem statements of organisations, answers, "
            "the round-table comparison, matches and starting a collaboration.",
        },
        {
            "name": "processes",
            "description": "The stage-gated process templates taken from the publication's cases.",
        },
        {"name": "schemas", "description": "JSON Schemas of the documents the API exchanges."},
    ],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "grenzeloos.openapi_links.add_links",
        "grenzeloos.openapi_conventions.add_conventions",
    ],
    "ENUM_NAME_OVERRIDES": {
        "CollaborationStatusEnum": "grenzeloos.collaborations.models.Status",
        "AssessmentStatusEnum": "grenzeloos.legal.models.Status",
        "LedgerKindEnum": "grenzeloos.ledger.models.Kind",
        "VisibilityEnum": "grenzeloos.cases.models.Visibility",
        "ProblemVisibilityEnum": "grenzeloos.meetingplace.models.Visibility",
        "AgreementEnum": "grenzeloos.meetingplace.models.Agreement",
        "ClosedReasonEnum": "grenzeloos.meetingplace.models.ClosedReason",
        "SeatEnum": "grenzeloos.publication.Seat",
        "SectorEnum": "grenzeloos.publication.Sector",
    },
}

# E-mail (invitations). Without GRENZELOOS_EMAIL_HOST mails are written to the console (the
# server's standard output); with it they go out over SMTP. GRENZELOOS_EMAIL_BACKEND overrides
# both with "console", "smtp" or a dotted path.
EMAIL_HOST = os.environ.get("GRENZELOOS_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("GRENZELOOS_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("GRENZELOOS_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GRENZELOOS_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("GRENZELOOS_EMAIL_USE_TLS", True)
EMAIL_USE_SSL = _env_bool("GRENZELOOS_EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("GRENZELOOS_EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("GRENZELOOS_DEFAULT_FROM_EMAIL", "grenzeloos@localhost")
_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}
_email_backend = os.environ.get("GRENZELOOS_EMAIL_BACKEND", "smtp" if EMAIL_HOST else "console")
EMAIL_BACKEND = _EMAIL_BACKENDS.get(_email_backend, _email_backend)
#: Days an invitation link stays valid.
INVITATION_DAYS = int(os.environ.get("GRENZELOOS_INVITATION_DAYS", "7"))
#: The address people reach this installation at, for links in e-mails sent without a web
#: request (the CLI); the web and the API use the address the request came in on.
SITE_URL = os.environ.get("GRENZELOOS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The partners ledger: how many hours one fte works in a year (a collaboration can set its own).
LEDGER_FTE_HOURS = int(os.environ.get("GRENZELOOS_FTE_HOURS", "1600"))
# The largest contributions file an import accepts (bytes).
LEDGER_MAX_IMPORT_BYTES = int(os.environ.get("GRENZELOOS_MAX_IMPORT_BYTES", str(20 * 1024 * 1024)))
# The most rows one contributions import takes on the web and through the API, so an import
# answers within seconds; the CLI (`grenzeloos partners import`) takes up to 200,000.
LEDGER_MAX_IMPORT_ROWS = int(os.environ.get("GRENZELOOS_MAX_IMPORT_ROWS", "10000"))

# Logs go to standard error: plain lines, or one JSON object per line with
# GRENZELOOS_LOG_FORMAT=json, then also one line per request (request id, user id, collaboration
# id, duration in ms, status).
LOG_FORMAT = os.environ.get("GRENZELOOS_LOG_FORMAT", "text").strip().lower()
LOGGING = logging_config(
    log_format=LOG_FORMAT, level=os.environ.get("GRENZELOOS_LOG_LEVEL", "WARNING")
)
