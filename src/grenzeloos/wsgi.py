"""WSGI entry point, used by ``grenzeloos serve`` (waitress) or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grenzeloos.settings")
application = get_wsgi_application()
