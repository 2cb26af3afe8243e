from django.urls import path

from grenzeloos.organisations import api

app_name = "api-organisations"

urlpatterns = [
    path("organisations", api.OrganisationListView.as_view(), name="organisations"),
    path("organisations/<int:pk>", api.OrganisationDetailView.as_view(), name="organisation"),
    path("organisations/<int:pk>/contacts", api.ContactListView.as_view(), name="contacts"),
    path("contacts/<int:pk>/export", api.ContactExportView.as_view(), name="contact-export"),
    path("contacts/<int:pk>/erase", api.ContactEraseView.as_view(), name="contact-erase"),
]
