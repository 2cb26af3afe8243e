from django.urls import path

from grenzeloos.ledger import api

app_name = "api-ledger"

_C = "collaborations/<int:pk>/ledger"

urlpatterns = [
    path("organisations/<int:pk>/links", api.LinkListView.as_view(), name="links"),
    path(
        "organisations/<int:pk>/links/<int:item>/refuse",
        api.LinkRefuseView.as_view(),
        name="link-refuse",
    ),
    path(_C, api.LedgerView.as_view(), name="ledger"),
    path(f"{_C}/partners", api.PartnerLinkView.as_view(), name="partners"),
    path(f"{_C}/commitments", api.CommitmentListView.as_view(), name="commitments"),
    path(f"{_C}/commitments/take-over", api.TakeOverView.as_view(), name="commitments-take-over"),
    path(f"{_C}/commitments/<int:item>", api.CommitmentDetailView.as_view(), name="commitment"),
    path(f"{_C}/contributions", api.ContributionListView.as_view(), name="contributions"),
    path(
        f"{_C}/contributions/import",
        api.ContributionImportView.as_view(),
        name="contributions-import",
    ),
    path(
        f"{_C}/contributions/export.<str:fmt>",
        api.ContributionExportView.as_view(),
        name="contributions-export",
    ),
    path(
        f"{_C}/contributions/<int:item>",
        api.ContributionDetailView.as_view(),
        name="contribution",
    ),
    path(f"{_C}/report", api.ProgressView.as_view(), name="report"),
    path(f"{_C}/report.<str:fmt>", api.ProgressFileView.as_view(), name="report-file"),
]
