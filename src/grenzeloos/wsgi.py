"""WSGI entry point for a WSGI server (``grenzeloos serve`` uses ASGI: :mod:`grenzeloos.asgi`)."""

import os
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grenzeloos.settings")

# WhiteNoise serves the static files through the finders; it still looks in STATIC_ROOT (where
# collectstatic would put them) and warns at every start when there is no such directory.
Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
application = get_wsgi_application()
