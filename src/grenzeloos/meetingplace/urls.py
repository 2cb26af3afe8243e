from django.urls import path

from grenzeloos.meetingplace import views

app_name = "meetingplace"

urlpatterns = [
    path("", views.statements, name="statements"),
    path("<int:pk>/", views.statement, name="statement"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/start/", views.start, name="start"),
    path("<int:pk>/close/", views.close, name="close"),
    path("answers/<int:pk>/compare/", views.compare, name="compare"),
    path("table/<int:pk>/", views.seats, name="seats"),
    path("digest/stop/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
