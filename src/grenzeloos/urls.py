from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from grenzeloos.accounts import oidc as accounts_oidc
from grenzeloos.core import metrics as core_metrics
from grenzeloos.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("metrics", core_metrics.metrics_view, name="metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("grenzeloos.api_urls")),
    path("accounts/", include("grenzeloos.accounts.urls")),
    # Signing in through the OpenID provider (404 unless one is configured); the names are
    # mozilla-django-oidc's.
    path("oidc/authenticate/", accounts_oidc.sign_in, name="oidc_authentication_init"),
    path("oidc/callback/", accounts_oidc.callback, name="oidc_authentication_callback"),
    path("legal/", include("grenzeloos.legal.urls")),
    path("cases/", include("grenzeloos.cases.urls")),
    path("meet/", include("grenzeloos.meetingplace.urls")),
    # The organisations registry keeps the paths it had in the ledger (people have bookmarks).
    path("ledger/", include("grenzeloos.organisations.urls")),
    path("ledger/", include("grenzeloos.ledger.urls")),
    path("workshops/", include("grenzeloos.workshop.urls")),
    path("governance/", include("grenzeloos.governance.urls")),
    path("processes/", include("grenzeloos.processes.urls")),
    path("", include("grenzeloos.collaborations.urls")),
    path("", include("grenzeloos.canvas.urls")),
]

handler400 = "grenzeloos.core.views.bad_request"
handler403 = "grenzeloos.core.views.permission_denied"
handler404 = "grenzeloos.core.views.page_not_found"
handler500 = "grenzeloos.core.views.server_error"

admin.site.site_header = "Grenzeloos"
admin.site.site_title = "Grenzeloos"

if settings.DEBUG:  # pragma: no cover
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
