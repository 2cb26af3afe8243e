from django.urls import path

from grenzeloos.accounts import api, notices_api

app_name = "api-accounts"

urlpatterns = [
    path("account/tokens", api.TokenListView.as_view(), name="tokens"),
    path("account/tokens/<int:pk>", api.TokenView.as_view(), name="token"),
    path("me", api.MeView.as_view(), name="me"),
    path("me/email", api.MeEmailView.as_view(), name="me-email"),
    path("me/email/confirm", api.MeEmailConfirmView.as_view(), name="me-email-confirm"),
    path("me/notices", notices_api.NoticeListView.as_view(), name="notices"),
    path("me/notices/read", notices_api.NoticeReadView.as_view(), name="notices-read"),
    path(
        "me/notices/preference",
        notices_api.NoticePreferenceView.as_view(),
        name="notices-preference",
    ),
]
