from django.urls import path

from grenzeloos.workshop import views

app_name = "workshop"

urlpatterns = [
    path("c/<int:pk>/", views.workshop_list, name="list"),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join, name="join_code"),
    path("<int:pk>/", views.room, name="room"),
    path("<int:pk>/projector/", views.projector, name="projector"),
    path("<int:pk>/qr.svg", views.qr_code, name="qr"),
    path("<int:pk>/run/<str:what>/", views.run, name="run"),
    path("<int:pk>/clusters/", views.cluster_add, name="cluster_add"),
    path("<int:pk>/notes/", views.note_add, name="note_add"),
    path("<int:pk>/notes/<int:note>/cluster/", views.note_cluster, name="note_cluster"),
    path("<int:pk>/notes/<int:note>/dot/", views.dot, name="dot"),
    path("<int:pk>/adopt/", views.adopt, name="adopt"),
    path("<int:pk>/summary.<str:fmt>", views.summary, name="summary"),
]
