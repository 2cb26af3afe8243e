"""ASGI entry point, served by ``grenzeloos serve`` (uvicorn) or any ASGI server."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grenzeloos.settings")
application = get_asgi_application()
