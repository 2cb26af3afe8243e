"""WSGI entry point for a WSGI server (``grenzeloos serve`` uses ASGI: :mod:`grenzeloos.asgi`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grenzeloos.settings")
application = get_wsgi_application()
