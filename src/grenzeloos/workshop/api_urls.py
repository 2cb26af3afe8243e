from django.urls import path

from grenzeloos.workshop import api

app_name = "api-workshop"

_C = "collaborations/<int:pk>/workshops"
_W = f"{_C}/<int:workshop>"

urlpatterns = [
    path(_C, api.WorkshopListView.as_view(), name="workshops"),
    path(_W, api.WorkshopDetailView.as_view(), name="workshop"),
    path(f"{_W}/run", api.WorkshopRunView.as_view(), name="run"),
    path(f"{_W}/notes", api.NoteListView.as_view(), name="notes"),
    path(f"{_W}/notes/<int:note>/dots", api.DotView.as_view(), name="dots"),
    path(f"{_W}/adopt", api.AdoptView.as_view(), name="adopt"),
    path(f"{_W}/events/current-step", api.EventShapesView.as_view(), name="event"),
]
