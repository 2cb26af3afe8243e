from django.urls import path

from grenzeloos.canvas import api

app_name = "api-canvas"

PREFIX = "collaborations/<int:pk>"

urlpatterns = [
    path("collaborations", api.CollaborationListView.as_view(), name="collaborations"),
    path(PREFIX, api.CollaborationDetailView.as_view(), name="collaboration"),
    path(f"{PREFIX}/canvas", api.CanvasView.as_view(), name="canvas"),
    path(f"{PREFIX}/export", api.ExportView.as_view(), name="export"),
    path(f"{PREFIX}/revisions", api.RevisionListView.as_view(), name="revisions"),
    path(f"{PREFIX}/revisions/<int:number>/restore", api.RestoreView.as_view(), name="restore"),
    path(f"{PREFIX}/diff", api.DiffView.as_view(), name="diff"),
    path("examples", api.ExampleListView.as_view(), name="examples"),
    path("examples/<slug:key>", api.ExampleDetailView.as_view(), name="example"),
    path("examples/<slug:key>/copy", api.ExampleCopyView.as_view(), name="example-copy"),
    path("schemas/canvas", api.CanvasSchemaView.as_view(), name="canvas-schema"),
]
