from django.urls import path

from grenzeloos.accounts import views
from grenzeloos.accounts.forms import SignInForm

app_name = "accounts"

urlpatterns = [
    path("login/", views.SignInView.as_view(authentication_form=SignInForm), name="login"),
    path("logout/", views.SignOutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("profile/email/<str:token>/", views.email_confirm, name="email_confirm"),
    path("profile/notices/", views.notice_preference, name="notice_preference"),
    path("notices/", views.notices, name="notices"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path(
        "reset/<str:uidb64>/<str:token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
