from django.urls import path

from grenzeloos.guidance import api

app_name = "api-guidance"

urlpatterns = [
    path("collaborations/<int:pk>/advice", api.AdviceView.as_view(), name="advice"),
    path("collaborations/<int:pk>/pitch", api.PitchView.as_view(), name="pitch"),
    path("schemas/canvas-check", api.CheckSchemaView.as_view(), name="check-schema"),
]
