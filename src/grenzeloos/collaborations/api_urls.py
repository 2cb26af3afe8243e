from django.urls import path

from grenzeloos.collaborations import api

app_name = "api-collaborations"

PREFIX = "collaborations/<int:pk>"

urlpatterns = [
    path(f"{PREFIX}/members", api.MemberListView.as_view(), name="members"),
    path(f"{PREFIX}/members/<str:username>", api.MemberView.as_view(), name="member"),
    path(f"{PREFIX}/invitations", api.InvitationListView.as_view(), name="invitations"),
    path(
        f"{PREFIX}/invitations/<int:invitation>",
        api.InvitationView.as_view(),
        name="invitation",
    ),
]
