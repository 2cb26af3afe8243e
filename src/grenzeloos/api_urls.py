"""Everything under ``/api/v1/``: each app's API routes plus the OpenAPI document."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("", include("grenzeloos.canvas.api_urls", namespace="api-canvas")),
    path("", include("grenzeloos.collaborations.api_urls", namespace="api-collaborations")),
    path("", include("grenzeloos.legal.api_urls", namespace="api-legal")),
    path("", include("grenzeloos.guidance.api_urls", namespace="api-guidance")),
    path("", include("grenzeloos.organisations.api_urls", namespace="api-organisations")),
    path("", include("grenzeloos.ledger.api_urls", namespace="api-ledger")),
    path("", include("grenzeloos.workshop.api_urls", namespace="api-workshop")),
    path("", include("grenzeloos.governance.api_urls", namespace="api-governance")),
    path("", include("grenzeloos.cases.api_urls", namespace="api-cases")),
    path("", include("grenzeloos.meetingplace.api_urls", namespace="api-meetingplace")),
    path("", include("grenzeloos.processes.api_urls", namespace="api-processes")),
    path("", include("grenzeloos.accounts.api_urls", namespace="api-accounts")),
]
