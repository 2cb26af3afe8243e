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

from grenzeloos.request_threads import ReusedThreads, SyncMiddlewareASGIHandler  # noqa: E402

# What get_asgi_application() gives, with the middleware and view as one sync call.
django_application = SyncMiddlewareASGIHandler()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from grenzeloos.live.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        # Each request's sync code on a thread (and database connection) kept for the next.
        "http": ReusedThreads(django_application),
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
