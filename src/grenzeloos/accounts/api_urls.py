from django.urls import path

from grenzeloos.accounts import api

app_name = "api-accounts"

urlpatterns = [
    path("account/tokens", api.TokenListView.as_view(), name="tokens"),
    path("account/tokens/<int:pk>", api.TokenView.as_view(), name="token"),
]
