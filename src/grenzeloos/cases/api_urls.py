from django.urls import path

from grenzeloos.cases import api

app_name = "api-cases"

urlpatterns = [
    path("cases", api.CaseListView.as_view(), name="cases"),
    path("cases/<slug:slug>", api.CaseDetailView.as_view(), name="case"),
    path("cases/<slug:slug>/visibility", api.CaseVisibilityView.as_view(), name="visibility"),
    path("schemas/case", api.CaseSchemaView.as_view(), name="case-schema"),
    path(
        "collaborations/<int:pk>/similar-cases",
        api.SimilarCasesView.as_view(),
        name="similar-cases",
    ),
]
