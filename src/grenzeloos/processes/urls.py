from django.urls import path

from grenzeloos.processes import challenge_views, views

app_name = "processes"

urlpatterns = [
    path("c/<int:pk>/", views.index, name="index"),
    path("c/<int:pk>/p/<int:process>/", views.board, name="board"),
    path("c/<int:pk>/p/<int:process>/funnel/", views.funnel, name="funnel"),
    path("c/<int:pk>/items/<int:item>/", views.item, name="item"),
    path("c/<int:pk>/items/<int:item>/case/", views.item_case, name="item_case"),
    path("c/<int:pk>/challenges/", challenge_views.challenge_list, name="challenges"),
    path(
        "c/<int:pk>/challenges/<int:challenge>/",
        challenge_views.challenge_detail,
        name="challenge",
    ),
    path(
        "c/<int:pk>/challenges/<int:challenge>/decision.<str:fmt>",
        challenge_views.challenge_export,
        name="challenge_export",
    ),
    path(
        "c/<int:pk>/challenges/<int:challenge>/files/<int:attachment>/",
        challenge_views.attachment_download,
        name="challenge_attachment",
    ),
]
