from django.urls import path

from grenzeloos.ledger import views

app_name = "ledger"

urlpatterns = [
    path(
        "organisations/<int:pk>/links/<int:item>/refuse/",
        views.link_refuse,
        name="link_refuse",
    ),
    path("c/<int:pk>/", views.ledger, name="ledger"),
    path("c/<int:pk>/settings/", views.settings, name="settings"),
    path("c/<int:pk>/partner/", views.partner, name="partner"),
    path("c/<int:pk>/commitments/", views.commitment_add, name="commitment_add"),
    path(
        "c/<int:pk>/commitments/<int:item>/delete/",
        views.commitment_delete,
        name="commitment_delete",
    ),
    path("c/<int:pk>/commitments/take-over/", views.take_over, name="take_over"),
    path("c/<int:pk>/contributions/", views.contributions_add, name="contributions_add"),
    path("c/<int:pk>/contributions/import/", views.contributions_import, name="import"),
    path("c/<int:pk>/contributions/export/", views.contributions_export, name="export"),
    path(
        "c/<int:pk>/contributions/<int:item>/delete/",
        views.contribution_delete,
        name="contribution_delete",
    ),
    path("c/<int:pk>/report/", views.progress_report, name="report"),
    path("c/<int:pk>/report.<str:fmt>", views.progress_download, name="report_download"),
]
