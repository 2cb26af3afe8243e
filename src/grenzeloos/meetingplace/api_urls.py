from django.urls import path

from grenzeloos.meetingplace import api

app_name = "api-meetingplace"

urlpatterns = [
    path("problems", api.StatementListView.as_view(), name="problems"),
    path("problems/<int:pk>", api.StatementDetailView.as_view(), name="problem"),
    path("problems/<int:pk>/answers", api.AnswerListView.as_view(), name="answers"),
    path("problems/<int:pk>/matches", api.MatchesView.as_view(), name="matches"),
    path("problems/<int:pk>/start", api.StartView.as_view(), name="start"),
    path("problems/<int:pk>/close", api.CloseView.as_view(), name="close"),
    path("answers/<int:pk>/comparison", api.ComparisonView.as_view(), name="comparison"),
    path(
        "collaborations/<int:pk>/missing-seats",
        api.MissingSeatsView.as_view(),
        name="missing-seats",
    ),
]
