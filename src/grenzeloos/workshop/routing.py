"""The workshop room's WebSocket route (mounted by ``grenzeloos.asgi`` beside the live one)."""

from django.urls import path

from grenzeloos.workshop.consumers import WorkshopConsumer

websocket_urlpatterns = [
    path("ws/workshops/<int:pk>/", WorkshopConsumer.as_asgi(), name="workshop"),
]
