from django.urls import path

from grenzeloos.governance import views

app_name = "governance"

urlpatterns = [
    path("c/<int:pk>/", views.governance, name="governance"),
    path("c/<int:pk>/bodies/", views.body_add, name="body_add"),
    path("c/<int:pk>/bodies/<int:item>/seats/", views.seat_add, name="seat_add"),
    path("c/<int:pk>/bodies/<int:item>/decisions/", views.propose, name="propose"),
    path("c/<int:pk>/decisions/export/", views.decisions_export, name="decisions_export"),
    path("c/<int:pk>/decisions/<int:item>/", views.decision, name="decision"),
    path("c/<int:pk>/decisions/<int:item>/vote/", views.vote, name="vote"),
    path("c/<int:pk>/decisions/<int:item>/close/", views.close, name="close"),
    path("c/<int:pk>/comments/", views.comments, name="comments"),
    path("c/<int:pk>/comments/<int:item>/resolve/", views.resolve, name="resolve"),
    path("c/<int:pk>/record/", views.record, name="record"),
    path("c/<int:pk>/pulse/", views.pulse, name="pulse"),
    path("c/<int:pk>/pulse/export/", views.pulse_export, name="pulse_export"),
    path("c/<int:pk>/forms/", views.forms_aid_page, name="forms"),
]
