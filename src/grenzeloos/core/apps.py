import warnings

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "grenzeloos.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from grenzeloos.core.api import require_text_for_strings

        require_text_for_strings()
        # Under ASGI Django reads a file response (whitenoise's static files, a few hundred KB
        # at most) whole in a worker thread before sending it, and warns on every one; that is
        # the intended way for files, not a mistake worth a line per request in the log.
        warnings.filterwarnings(
            "ignore", message="StreamingHttpResponse must consume synchronous iterators"
        )
