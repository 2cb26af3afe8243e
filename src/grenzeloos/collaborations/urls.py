from django.urls import path

from grenzeloos.collaborations import views

app_name = "collaborations"

urlpatterns = [
    path("c/<int:pk>/members/", views.members, name="members"),
    path("c/<int:pk>/members/search", views.member_search, name="member_search"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("c/<int:pk>/details/", views.details, name="details"),
]
