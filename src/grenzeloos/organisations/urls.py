"""The organisation pages, at the paths they had in the ledger (mounted under ``ledger/``)."""

from django.urls import path

from grenzeloos.organisations import views

app_name = "organisations"

urlpatterns = [
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<int:pk>/", views.organisation, name="organisation"),
    path("organisations/<int:pk>/contacts/", views.contact_add, name="contact_add"),
    path("contacts/<int:pk>/export/", views.contact_export, name="contact_export"),
    path("contacts/<int:pk>/erase/", views.contact_erase, name="contact_erase"),
]
