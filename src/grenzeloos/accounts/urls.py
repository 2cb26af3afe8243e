from django.contrib.auth import views as auth_views
from django.urls import path

from grenzeloos.accounts.views import SignOutView

app_name = "accounts"

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", SignOutView.as_view(), name="logout"),
]
