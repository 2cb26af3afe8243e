"""ASGI entry point: Django's pages and API over HTTP, the live channel over WebSocket.

``grenzeloos serve`` runs this with an ASGI server. A WebSocket is only accepted from a page of
one of ``ALLOWED_HOSTS`` (its ``Origin``) and carries the visitor's session (the same sign-in as
the pages); each route then checks access to what it serves.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grenzeloos.settings")

import django

# Django is set up before anything imports models (the consumers do).
django.setup(set_prefix=False)

from pathlib import Path  # noqa: E402

from django.conf import settings  # noqa: E402

# WhiteNoise serves the static files through the finders; it still looks in STATIC_ROOT (where
# collectstatic would put them) and warns at every start when there is no such directory.
Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)

from grenzeloos.request_threads import ReusedThreads, SyncMiddlewareASGIHandler  # noqa: E402

# What get_asgi_application() gives, with the middleware and view as one sync call.
django_application = SyncMiddlewareASGIHandler()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from grenzeloos.live.routing import websocket_urlpatterns  # noqa: E402
from grenzeloos.workshop.routing import websocket_urlpatterns as workshop_sockets  # noqa: E402

application = ProtocolTypeRouter(
    {
        # Each request's sync code on a thread (and database connection) kept for the next.
        "http": ReusedThreads(django_application),
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter([*websocket_urlpatterns, *workshop_sockets]))
        ),
    }
)
