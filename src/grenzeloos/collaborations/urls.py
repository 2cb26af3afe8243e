from django.urls import path

from grenzeloos.collaborations import views

app_name = "collaborations"

urlpatterns = [
    path("c/<int:pk>/members/", views.members, name="members"),
]
