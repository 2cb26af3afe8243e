"""The live channel's WebSocket routes (mounted by ``grenzeloos.asgi``)."""

from django.urls import path

from grenzeloos.live.consumers import CollaborationConsumer

websocket_urlpatterns = [
    path("ws/collaborations/<int:pk>/", CollaborationConsumer.as_asgi(), name="collaboration"),
]
